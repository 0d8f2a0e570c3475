# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Screenshots of the main screens, taken from the demo database in headless Chromium.

Run ``make screenshots`` (or ``.venv/bin/python setup/screenshots.py``) after ``make demo-data``.
It starts Odoo on the demo database (``sp_demo``, or $SP_DEMO_DB) on a free port, signs in
as the user each screen is meant for (a salesperson for My Performance, the team's manager
for Team Performance and its leaderboard, the goal, the review and the statement they approved), opens the
screen in Chromium at 1440x900 and writes ``docs/screenshots/<name>.png`` (palette PNG, so
each file stays well under 300 KB). A screen that still shows the login page, a spinner or
an error dialog after the wait fails the run: no stale or empty picture is written.

Chromium is driven through its DevTools protocol (websocket-client, in the venv); Odoo runs
without cron threads, so nothing in the database changes while the pictures are taken.
"""

import argparse
import base64
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import requests
import websocket
from PIL import Image
from workspace import BROWSERS, ROOT, bootstrap, free_port, log, venv_python, write_config

DEMO_DB = os.environ.get("SP_DEMO_DB", "sp_demo")
OUTPUT = ROOT / "docs" / "screenshots"
WIDTH, HEIGHT = 1440, 900
MAX_BYTES = 300_000
READY_TIMEOUT = 60

# name: (login, what to open). An "action" opens a window or client action; "record" opens the
# first record of ``model`` matching ``domain`` (read as that user) in the form of ``action``.
# Team Performance: "period" picks the current period of that type in its selector, "click"
# clicks an element once the screen is ready.
SCREENS = {
    "my_performance": {"login": "sales", "action": "sales_performance.sales_performance_my_goal_action"},
    # The current quarter: on the demo's first day of a month, the month has no pace verdict yet.
    "team_performance": {
        "login": "manager",
        "action": "sales_performance.sales_performance_team_performance_action",
        "period": "quarter",
    },
    "team_leaderboard": {
        "login": "manager",
        "action": "sales_performance.sales_performance_team_performance_action",
        "period": "quarter",
        "click": ".o_sp_tab_leaderboard",
    },
    "goal_form": {
        "login": "manager",
        "action": "sales_performance.sales_performance_goal_action",
        "model": "sales.performance.goal",
        "domain": [("scope", "=", "team"), ("period_id.state", "=", "open"), ("child_ids", "!=", False)],
        "order": "target desc",
    },
    "review_form": {
        "login": "manager",
        "action": "sales_performance.sales_performance_review_action",
        "model": "sales.performance.review",
        "domain": [("state", "!=", "draft")],
        "order": "period_id desc, score desc",
    },
    "kpi_form": {
        "login": "admin",
        "action": "sales_performance.sales_performance_kpi_action",
        "model": "sales.performance.kpi",
        "domain": [("code", "=", "REV")],
        "order": "id",
    },
    "statement_form": {
        "login": "manager",
        "action": "sales_performance_incentive.sales_incentive_statement_action",
        "model": "sales.incentive.statement",
        "domain": [("state", "=", "approved")],
        "order": "amount_total desc",
    },
}

# Evaluated in the page: "ready" once a view is rendered and nothing is loading any more.
PAGE_STATE = """(() => {
    if (document.querySelector('form.oe_login_form')) return 'login';
    if (document.querySelector('.o_error_dialog, .o_dialog_error')) return 'error';
    const view = document.querySelector('.o_action_manager .o_view_controller')
        || document.querySelector('.o_action_manager .o_sp_team_performance_content');
    if (!view) return 'loading';
    if (document.querySelector('.o_loading_indicator, .o_blockUI, .o_view_sample_data')) return 'loading';
    if (view.querySelector('.o_form_view') && !view.querySelector('.o_form_sheet, .o_form_renderer')) return 'loading';
    return 'ready';
})()"""


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="setup/screenshots.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=DEMO_DB, help=f"demo database (default {DEMO_DB})")
    parser.add_argument("--only", nargs="*", choices=sorted(SCREENS), help="take only these screens")
    parser.add_argument("--lang", default="en_US", help="interface language of the pictures")
    return parser.parse_args(argv)


# --------------------------------------------------------------------------- Odoo
def wait_for_port(url, process, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"Odoo stopped (exit {process.returncode}) before serving; see the log above.")
        try:
            if requests.get(f"{url}/web/login", timeout=30).ok:  # the first request loads the registry
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    sys.exit(f"Odoo did not answer on {url} within {timeout}s.")


@contextmanager
def odoo_server(database):
    odoo_src, pg = bootstrap()
    os.environ.update(pg)
    port = free_port()
    config = write_config(odoo_src, pg, "screenshots", {"http_port": port})
    cmd = [
        str(venv_python()),
        str(odoo_src / "odoo-bin"),
        "-c",
        str(config),
        "-d",
        database,
        "--db-filter",
        f"^{database}$",
        "--max-cron-threads=0",
        "--log-level=warn",
        "--no-database-list",
    ]
    log(f"Odoo on {database}, port {port}")
    process = subprocess.Popen(cmd)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_port(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


class OdooSession:
    """A signed-in web session (the cookie Chromium gets) with JSON-RPC calls as that user."""

    def __init__(self, url, database, login, lang):
        self.url = url
        self.http = requests.Session()
        result = self.call("/web/session/authenticate", {"db": database, "login": login, "password": login})
        if not result.get("uid"):
            sys.exit(f"Cannot sign in as {login!r}: is {database} the demo database (make demo-data)?")
        self.uid = result["uid"]
        self.session_id = self.http.cookies["session_id"]
        self.context = {"lang": lang}

    def call(self, path, params):
        reply = self.http.post(f"{self.url}{path}", json={"jsonrpc": "2.0", "params": params}, timeout=60).json()
        if "error" in reply:
            sys.exit(f"{path}: {reply['error']['data']['message']}")
        return reply["result"]

    def call_kw(self, model, method, args, **kwargs):
        kwargs.setdefault("context", self.context)
        return self.call("/web/dataset/call_kw", {"model": model, "method": method, "args": args, "kwargs": kwargs})

    def set_lang(self, lang):
        """The web client speaks the user's language; the caller sets it back afterwards."""
        self.call_kw("res.users", "write", [[self.uid], {"lang": lang}])


def current_period(session, period_type):
    """Id of the period of ``period_type`` running today (read as the screen's user)."""
    today = time.strftime("%Y-%m-%d")
    found = session.call_kw(
        "sales.performance.period",
        "search",
        [[("period_type", "=", period_type), ("date_start", "<=", today), ("date_end", ">=", today)]],
        limit=1,
    )
    if not found:
        sys.exit(f"No {period_type} period running today in the demo database: run make demo-data.")
    return found[0]


def select_js(selector, value):
    return (
        f"(() => {{ const el = document.querySelector({json.dumps(selector)}); if (!el) return false;"
        f" el.value = {json.dumps(str(value))}; el.dispatchEvent(new Event('change')); return true; }})()"
    )


def click_js(selector):
    return (
        f"(() => {{ const el = document.querySelector({json.dumps(selector)}); if (!el) return false;"
        " el.click(); return true; })()"
    )


def screen_url(session, screen):
    url = f"{session.url}/odoo/action-{screen['action']}"
    if "model" not in screen:
        return url
    found = session.call_kw(screen["model"], "search", [screen["domain"]], limit=1, order=screen["order"])
    if not found:
        sys.exit(f"No {screen['model']} record for {screen['login']} in the demo database: run make demo-data.")
    return f"{url}/{found[0]}"


# --------------------------------------------------------------------------- Chromium
def chromium_binary():
    for name in BROWSERS:
        if path := shutil.which(name):
            return path
    sys.exit("Chromium is missing: apt-get install chromium (or run make test once, which installs it).")


class Chromium:
    """Headless Chromium driven over the DevTools protocol: one page, one websocket."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="sp-shots-")
        args = [
            chromium_binary(),
            "--headless=new",
            "--remote-debugging-port=0",
            f"--user-data-dir={self.profile}",
            f"--window-size={WIDTH},{HEIGHT}",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--force-device-scale-factor=1",
            "--lang=en-US",
            "about:blank",
        ]
        if os.geteuid() == 0:
            args.append("--no-sandbox")  # Chromium refuses to run its sandbox as root
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = self._devtools_port()
        pages = [t for t in requests.get(f"http://127.0.0.1:{port}/json/list", timeout=5).json() if t["type"] == "page"]
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.next_id = 0
        self.send("Page.enable")
        self.send("Network.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
        )

    def _devtools_port(self):
        port_file = Path(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if port_file.exists() and port_file.read_text().strip():
                return int(port_file.read_text().split()[0])
            time.sleep(0.1)
        sys.exit("Chromium did not open its DevTools port.")

    def send(self, method, params=None):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params or {}}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result.get("result", {}).get("value")

    def open_as(self, url, session_id, host):
        self.send("Network.clearBrowserCookies")
        self.send("Network.setCookie", {"name": "session_id", "value": session_id, "domain": host, "path": "/"})
        self.send("Page.navigate", {"url": url})

    def wait_ready(self, name):
        deadline = time.monotonic() + READY_TIMEOUT
        state = None
        stable_since = None
        while time.monotonic() < deadline:
            state = self.evaluate(PAGE_STATE)
            if state in ("login", "error"):
                sys.exit(f"{name}: the page shows {'the login page' if state == 'login' else 'an error'}.")
            if state == "ready":
                stable_since = stable_since or time.monotonic()
                if time.monotonic() - stable_since > 1.5:  # charts and progress bars animate in
                    return
            else:
                stable_since = None
            time.sleep(0.25)
        sys.exit(f"{name}: still {state!r} after {READY_TIMEOUT}s.")

    def screenshot(self):
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False})
        return base64.b64decode(data["data"])

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            self.process.wait(timeout=30)
            shutil.rmtree(self.profile, ignore_errors=True)


def small_png(raw):
    """A 256-colour palette PNG: the UI's flat colours survive, the file shrinks ~4x."""
    image = Image.open(io.BytesIO(raw)).convert("RGB")
    palette = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    return out.getvalue()


def take(names, database, lang):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with odoo_server(database) as url:
        browser = Chromium()
        try:
            for name in names:
                screen = SCREENS[name]
                session = OdooSession(url, database, screen["login"], lang)
                target = screen_url(session, screen)
                if lang != "en_US":
                    session.set_lang(lang)
                try:
                    browser.open_as(target, session.session_id, "127.0.0.1")
                    browser.wait_ready(name)
                    actions = []
                    if screen.get("period"):
                        actions.append(
                            select_js("select.o_sp_period_select", current_period(session, screen["period"]))
                        )
                    if screen.get("click"):
                        actions.append(click_js(screen["click"]))
                    for action in actions:
                        if not browser.evaluate(action):
                            sys.exit(f"{name}: nothing to act on ({action}).")
                        time.sleep(1)
                        browser.wait_ready(name)
                    png = small_png(browser.screenshot())
                finally:
                    if lang != "en_US":
                        session.set_lang("en_US")
                if len(png) > MAX_BYTES:
                    sys.exit(f"{name}: {len(png)} bytes, over the {MAX_BYTES} limit.")
                path = OUTPUT / (f"{name}.png" if lang == "en_US" else f"{name}_{lang}.png")
                path.write_bytes(png)
                log(
                    f"{path.relative_to(ROOT)}  {len(png) // 1024} KB  ({screen['login']}: {target.split('/odoo/')[1]})"
                )
        finally:
            browser.close()


def main(argv):
    args = parse_args(argv)
    take(args.only or list(SCREENS), args.db, args.lang)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
