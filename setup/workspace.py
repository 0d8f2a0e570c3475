#!/usr/bin/env python3
# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Workspace bootstrap for the Sales Performance addons.

Standard library only: it runs before the project virtualenv exists.

    python3 setup/workspace.py bootstrap   # Odoo tree, venv, PostgreSQL
    python3 setup/workspace.py test [pytest args]
    python3 setup/workspace.py odoo-tests [--fresh]   # Odoo's own runner, demo data
    python3 setup/workspace.py demo [--no-serve]
    python3 setup/workspace.py bench --size small|large [--json PATH]
    python3 setup/workspace.py shell       # print env vars for manual use

Every step is idempotent: a second run only checks and moves on.
"""

import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache"
VENV = ROOT / ".venv"
ADDONS = ("sales_performance", "sales_performance_incentive")
# Example addons (examples/): extensions of ours that the README points at, installed in the
# test template so that their tests run with the suite.
EXAMPLES = ROOT / "examples"
EXAMPLE_ADDONS = ("sales_performance_example",)
ODOO_SERIES = "18.0"
ODOO_GIT = "https://github.com/odoo/odoo.git"
# Native modules the test template carries, so each run only installs ours.
BASE_MODULES = ("sale_management", "crm", "sale_margin", "account", "hr", "gamification")
TEST_TOOLS = (
    "pytest>=8,<10",
    "pytest-odoo==2.3.0",
    "pytest-xdist",  # SP_TEST_WORKERS=N: the suite in N processes, one database copy per worker
    "websocket-client",  # Odoo's browser tours talk to Chromium over it
    "coverage",
    "whool",  # builds the addons as wheels (tests/test_packaging.py)
    "ruff",
    "pylint-odoo",
    "pre-commit",
)
# python-ldap only serves auth_ldap and needs libldap headers to build from sdist.
SKIPPED_REQUIREMENTS = ("python-ldap",)
EMBEDDED_PG_PORT = 54329


def log(msg):
    print(f"[workspace] {msg}", flush=True)


def die(msg):
    print(f"[workspace] ERROR: {msg}", file=sys.stderr, flush=True)
    sys.exit(2)


def run(cmd, **kw):
    log("$ " + " ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


# --------------------------------------------------------------------------- Odoo source
def odoo_series(tree):
    release = Path(tree) / "odoo" / "release.py"
    if not release.is_file():
        return None
    match = re.search(r"version_info\s*=\s*\((\d+),\s*(\d+)", release.read_text())
    return f"{match.group(1)}.{match.group(2)}" if match else None


def is_odoo_tree(tree):
    tree = Path(tree)
    return (tree / "odoo-bin").is_file() and (tree / "odoo").is_dir() and (tree / "addons").is_dir()


def find_odoo():
    """Return the Odoo 18.0 source tree, in the documented order of preference."""
    env_src = os.environ.get("ODOO_SRC")
    candidates = [("$ODOO_SRC", env_src)] if env_src else []
    candidates.append(("/opt/odoo", "/opt/odoo"))
    for label, tree in candidates:
        if tree and is_odoo_tree(tree):
            series = odoo_series(tree)
            if series != ODOO_SERIES:
                die(f"{label}={tree} holds Odoo {series}, this project needs Odoo {ODOO_SERIES}.")
            return Path(tree)
        if label == "$ODOO_SRC":
            die(f"ODOO_SRC={tree} is not an Odoo tree (expected odoo-bin, odoo/ and addons/).")
    imported = importable_odoo_tree()
    if imported:
        return imported
    cloned = CACHE / "odoo"
    if not is_odoo_tree(cloned):
        log(f"No Odoo tree found; cloning the {ODOO_SERIES} branch shallowly into {cloned}")
        try:
            run(["git", "clone", "--depth", "1", "--branch", ODOO_SERIES, ODOO_GIT, cloned])
        except (subprocess.CalledProcessError, FileNotFoundError):
            shutil.rmtree(cloned, ignore_errors=True)
            die(
                "Could not find or clone Odoo 18.0. Provide the source tree in one of these ways:\n"
                "  * export ODOO_SRC=/path/to/odoo  (a checkout holding odoo-bin, odoo/ and addons/)\n"
                "  * extract it to /opt/odoo\n"
                f"  * git clone --depth 1 -b {ODOO_SERIES} {ODOO_GIT} {cloned}"
            )
    if odoo_series(cloned) != ODOO_SERIES:
        die(f"{cloned} holds Odoo {odoo_series(cloned)}, expected {ODOO_SERIES}.")
    return cloned


def importable_odoo_tree():
    code = "import odoo, os, odoo.release as r; print(r.series); print(os.path.dirname(os.path.dirname(odoo.__file__)))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if proc.returncode:
        return None
    series, tree = proc.stdout.split()
    if series != ODOO_SERIES:
        die(f"The importable odoo package is series {series}, expected {ODOO_SERIES}.")
    return Path(tree) if is_odoo_tree(tree) else None


# --------------------------------------------------------------------------- virtualenv
def python_for_venv():
    for name in ("python3.11", "python3.12", "python3"):
        exe = shutil.which(name)
        if not exe:
            continue
        proc = subprocess.run([exe, "-c", "import sys;print(sys.version_info[:2])"], capture_output=True, text=True)
        if proc.returncode == 0 and proc.stdout.strip() in ("(3, 11)", "(3, 12)"):
            return exe
    die("Python 3.11 or 3.12 is required to run Odoo 18.0 (none found on PATH).")


def venv_python():
    return VENV / "bin" / "python"


def ensure_venv(odoo_src):
    reqs = (odoo_src / "requirements.txt").read_text()
    wanted = "\n".join([reqs, *TEST_TOOLS, *SKIPPED_REQUIREMENTS, str(odoo_src)])
    digest = hashlib.sha256(wanted.encode()).hexdigest()[:16]
    marker = VENV / ".workspace-ready"
    if marker.is_file() and marker.read_text().strip() == digest and venv_python().exists():
        return
    if not venv_python().exists():
        run([python_for_venv(), "-m", "venv", VENV])
    pip = [venv_python(), "-m", "pip", "--disable-pip-version-check", "-q"]
    run([*pip, "install", "setuptools<70", "setuptools_scm", "wheel"])
    filtered = CACHE / "odoo-requirements.txt"
    CACHE.mkdir(exist_ok=True)
    filtered.write_text(
        "\n".join(
            line
            for line in reqs.splitlines()
            if not any(line.strip().lower().startswith(s) for s in SKIPPED_REQUIREMENTS)
        )
    )
    run([*pip, "install", "--no-build-isolation", "-r", filtered])
    run([*pip, "install", *TEST_TOOLS])
    # Make the Odoo tree importable without reinstalling it (a .pth entry is enough).
    site = subprocess.run(
        [venv_python(), "-c", "import sysconfig;print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "odoo-src.pth").write_text(str(odoo_src) + "\n")
    marker.write_text(digest)


# --------------------------------------------------------------------------- PostgreSQL
def pg_env():
    """Connection settings: PG* variables, else the local socket, else an embedded cluster."""
    env = {k: os.environ[k] for k in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD") if os.environ.get(k)}
    if env.get("PGHOST") or env.get("PGPORT"):
        if not pg_ready(env):
            die(f"PostgreSQL at PGHOST={env.get('PGHOST')} PGPORT={env.get('PGPORT')} is not answering.")
        return env
    if pg_ready(env):
        return env
    return start_embedded_pg(env)


def pg_ready(env):
    if not shutil.which("pg_isready"):
        host = env.get("PGHOST")
        if host and not host.startswith("/"):
            try:
                socket.create_connection((host, int(env.get("PGPORT", 5432))), timeout=2).close()
                return True
            except OSError:
                return False
        return Path("/var/run/postgresql/.s.PGSQL.5432").exists()
    return subprocess.run(["pg_isready", "-q"], env={**os.environ, **env}).returncode == 0


def pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).exists():
            return str(folder / name)
    return None


def start_embedded_pg(env):
    initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        die(
            "No PostgreSQL server is reachable and no PostgreSQL binaries are installed.\n"
            "Install them (Debian/Ubuntu: apt-get install postgresql), or point PGHOST/PGPORT/PGUSER "
            "at a running server."
        )
    data, run_dir = CACHE / "pg" / "data", CACHE / "pg" / "run"
    run_dir.mkdir(parents=True, exist_ok=True)
    user = env.get("PGUSER") or "odoo"
    as_other = os.geteuid() == 0  # PostgreSQL refuses to run as root
    prefix = ["runuser", "-u", "postgres", "--"] if as_other else []
    if as_other:
        subprocess.run(["chown", "-R", "postgres", str(CACHE / "pg")], check=True)
    if not (data / "PG_VERSION").exists():
        run([*prefix, initdb, "-D", data, "-U", user, "--auth=trust", "-E", "UTF8"])
    new_env = {"PGHOST": str(run_dir), "PGPORT": str(EMBEDDED_PG_PORT), "PGUSER": user}
    if not pg_ready(new_env):
        opts = f"-k {run_dir} -p {EMBEDDED_PG_PORT} -c listen_addresses=''"
        run([*prefix, pg_ctl, "-D", data, "-l", CACHE / "pg" / "server.log", "-o", opts, "-w", "start"])
    log(f"Using the embedded PostgreSQL cluster in {data}")
    return new_env


# --------------------------------------------------------------------------- Odoo config
def write_config(odoo_src, pg, name, extra=None):
    addons_path = ",".join([str(odoo_src / "addons"), str(odoo_src / "odoo" / "addons"), str(ROOT), str(EXAMPLES)])
    lines = [
        "[options]",
        f"addons_path = {addons_path}",
        f"data_dir = {CACHE / 'filestore'}",
        f"db_host = {pg.get('PGHOST', 'False')}",
        f"db_port = {pg.get('PGPORT', 'False')}",
        f"db_user = {pg.get('PGUSER', 'False')}",
        f"db_password = {pg.get('PGPASSWORD', 'False')}",
        "admin_passwd = admin",
        "list_db = True",
        "max_cron_threads = 0",
    ]
    lines += [f"{k} = {v}" for k, v in (extra or {}).items()]
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{name}.conf"
    path.write_text("\n".join(lines) + "\n")
    return path


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --------------------------------------------------------------------------- browser
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def ensure_test_programs():
    """The browser tours need Chromium (Odoo drives it headless) and the PDF reports need
    wkhtmltopdf; install Debian's packages when they are missing."""
    missing = []
    if not any(shutil.which(name) for name in BROWSERS):
        missing.append("chromium")
    if not shutil.which("wkhtmltopdf"):
        missing.append("wkhtmltopdf")
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        log(f"Installing Debian's {' and '.join(missing)} for the browser tours and PDF reports")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=False, env=env)
    if not any(shutil.which(name) for name in BROWSERS):
        die(
            "The browser tours need Chromium. Install it (Debian/Ubuntu: apt-get install chromium; "
            "or any Chrome on PATH as chromium / google-chrome), then run again."
        )
    if not shutil.which("wkhtmltopdf"):
        die("The PDF reports need wkhtmltopdf (Debian/Ubuntu: apt-get install wkhtmltopdf), then run again.")


def bootstrap(need_browser=False):
    odoo_src = find_odoo()
    log(f"Odoo {ODOO_SERIES} source: {odoo_src}")
    ensure_venv(odoo_src)
    if need_browser:
        ensure_test_programs()
    pg = pg_env()
    return odoo_src, pg


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    odoo_src, pg = bootstrap(need_browser=command in ("test", "odoo-tests"))
    if command == "bootstrap":
        log("Workspace ready.")
        return 0
    # The rest runs inside the venv, where odoo is importable.
    os.environ.update(pg)
    os.environ["WORKSPACE_ODOO_SRC"] = str(odoo_src)
    module = {"test": "run_tests", "odoo-tests": "run_odoo_tests", "demo": "run_demo", "bench": "run_bench"}.get(
        command
    )
    if not module:
        die(f"Unknown command {command!r}; see --help.")
    # Tests serve HTTP (tours, XML-RPC probes) on a free port: two checkouts on one machine
    # (a developer's and CI's, or two worktrees) can test at the same time.
    extra = {"http_port": free_port()} if command == "test" else None
    cfg = write_config(odoo_src, pg, command, extra)
    os.environ["WORKSPACE_ODOO_CONF"] = str(cfg)
    script = ROOT / "setup" / f"{module}.py"
    return subprocess.call([str(venv_python()), str(script), *rest])


if __name__ == "__main__":
    t0 = time.time()
    code = main(sys.argv[1:])
    sys.exit(code)
