# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Run the addons' tests with Odoo's own test runner, on a fresh database with demo data.

Called by ``setup/workspace.py odoo-tests`` inside the project venv (``make odoo-tests``)::

    python3 setup/workspace.py odoo-tests                    # template + install + tests
    python3 setup/workspace.py odoo-tests --fresh            # no template: everything from scratch
    python3 setup/workspace.py odoo-tests --test-tags /sales_performance:TestGoalPace

What OCA's CI and runbot do, unlike ``make test`` (pytest-odoo on a database without demo
data): ``odoo-bin --test-enable -i sales_performance,sales_performance_incentive
--stop-after-init`` on a database created with Odoo's demo data. It proves that the addons
(and their own demo records) install on such a database, runs the ``at_install`` tests right
after each addon is installed and the ``post_install`` ones at the end, and shows which of our
tests Odoo's runner does not collect (compared with pytest's collection of the same files).

Odoo's native modules come from a template, ``spdemo_<hash>``, holding them with their demo
data; it is rebuilt when the Odoo tree changes and each new day (Odoo's demo records are dated
relative to the day they are loaded: invoices of this month, orders of the last weeks). It is
cloned into ``sp_odoo_tests_<checkout>``, kept after the run for a look (``--drop`` drops it).

Exit status: non-zero when the install fails or a test fails or errors.
"""

import argparse
import datetime
import hashlib
import os
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict

from odoo_db import (
    ADDONS,
    BASE_MODULES,
    CACHE,
    ODOO_SRC,
    ROOT,
    checkout_tag,
    clone_database,
    database_exists,
    drop_database,
    install_modules,
    list_databases,
    log,
    odoo_command,
)
from workspace import free_port

DEFAULT_TAGS = ",".join(f"/{addon}" for addon in ADDONS)
# "<date> <time> <pid> <LEVEL> <db> <logger>: <message>"
LOG_LINE = re.compile(r"^\S+ \S+ \d+ (?P<level>[A-Z]+) \S+ (?P<logger>[\w.]+): (?P<message>.*)$")
TEST_LOGGER = re.compile(r"^odoo\.addons\.(?P<addon>\w+)\.tests\.(?P<file>\w+)$")
STARTING = re.compile(r"^Starting (?P<test>[\w.]+) \.\.\.$")
FAILED = re.compile(r"^(?P<kind>FAIL|ERROR): (?P<test>\S+)")
# Odoo only warns when a module's demo data fails, and installs the module without it.
DEMO_FAILED = re.compile(r"demo data failed to install")
REPORT = re.compile(r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests when loading database")
PYTEST_ID = re.compile(r"^(?P<addon>\w+)/tests/(?P<file>\w+)\.py::(?P<test>[\w:]+)$")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="workspace.py odoo-tests", description=__doc__.split("\n\n")[0])
    parser.add_argument("--test-tags", default=DEFAULT_TAGS, help=f"Odoo's --test-tags (default: {DEFAULT_TAGS})")
    parser.add_argument(
        "--fresh", action="store_true", help="no template: install Odoo's modules and ours in one run, from scratch"
    )
    parser.add_argument("--drop", action="store_true", help="drop the test database after the run")
    parser.add_argument("--no-compare", action="store_true", help="skip the comparison with pytest's collection")
    return parser.parse_args(argv)


# --------------------------------------------------------------------------- databases
def demo_template(config):
    """A database with Odoo's native modules and their demo data, rebuilt each day."""
    digest = hashlib.sha256()
    digest.update(repr(sorted(BASE_MODULES)).encode())
    digest.update((ODOO_SRC / "odoo" / "release.py").read_bytes())
    digest.update(datetime.date.today().isoformat().encode())
    name = f"spdemo_{digest.hexdigest()[:10]}"
    if database_exists(name):
        return name
    for stale in list_databases("spdemo_"):
        drop_database(stale)
    if not install_modules(config, name, BASE_MODULES, demo=True):
        drop_database(name)
        sys.exit(1)
    return name


# --------------------------------------------------------------------------- the run
def run_odoo(config, database, modules, test_tags, log_file):
    """odoo-bin --test-enable -i ``modules``; the output goes to ``log_file``. Return code."""
    args = [
        "-i",
        ",".join(modules),
        "--test-enable",
        f"--test-tags={test_tags}",
        "--stop-after-init",
        "--log-level=info",
        f"--http-port={free_port()}",  # the browser tours talk to this server
        f"--logfile={log_file}",
    ]
    cmd = odoo_command(config, database, *args)
    log("$ " + " ".join(cmd))
    log(f"Log: {log_file} (tail -f it to follow)")
    return subprocess.run(cmd, cwd=ROOT).returncode


def parse_log(log_file):
    """Tests started (addon, file, Class.method), failures and errors, Odoo's final report,
    and the other ERROR/CRITICAL lines (install problems)."""
    started, failures, problems, reports = [], [], [], []
    with open(log_file, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            match = LOG_LINE.match(line.rstrip("\n"))
            if not match:
                continue
            logger, message, level = match["logger"], match["message"].strip(), match["level"]
            test_module = TEST_LOGGER.match(logger)
            if report := REPORT.search(message):
                reports.append({key: int(value) for key, value in report.groupdict().items()})
            elif test_module and (start := STARTING.match(message)):
                started.append((test_module["addon"], test_module["file"], start["test"]))
            elif level in ("ERROR", "CRITICAL") and (failed := FAILED.match(message)):
                where = f"{test_module['addon']}.{test_module['file']}" if test_module else logger
                failures.append((failed["kind"], where, failed["test"]))
            elif level in ("ERROR", "CRITICAL") or DEMO_FAILED.search(message):
                problems.append(f"{logger}: {message[:300]}")
    return started, failures, problems, reports


def pytest_collection(config, database):
    """{(addon, file, Class.method)} that pytest-odoo collects in our addons' test folders."""
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "--collect-only",
        "-q",
        f"--odoo-config={config}",
        f"--odoo-database={database}",
        "--odoo-log-level=critical",
        "-p",
        "no:cacheprovider",
        *ADDONS,
    ]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    collected = set()
    for line in proc.stdout.splitlines():
        if match := PYTEST_ID.match(line.strip()):
            collected.add((match["addon"], match["file"], match["test"].replace("::", ".")))
    if not collected:
        log(f"pytest collected nothing (exit {proc.returncode}):\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return collected


# --------------------------------------------------------------------------- report
def print_report(started, failures, problems, reports, collected):
    per_file = Counter((addon, file) for addon, file, _test in started)
    failed_per_file = Counter(tuple(where.split(".", 1)) for _kind, where, _test in failures if "." in where)
    print("\nTests run by Odoo's runner, per file (failed or errored in brackets):")
    for addon, file in sorted(set(per_file) | {key for key in failed_per_file if len(key) == 2}):
        bad = failed_per_file.get((addon, file))
        print(f"  {addon}/tests/{file}.py: {per_file[(addon, file)]}" + (f" ({bad} failed)" if bad else ""))
    ran = set(started)
    if collected:
        missing = sorted(collected - ran)
        extra = sorted(ran - collected)
        print(f"\npytest collects {len(collected)} tests in the addons; Odoo's runner ran {len(ran)} of them.")
        if missing:
            print(f"Not run by Odoo's runner ({len(missing)}):")
            by_file = defaultdict(list)
            for addon, file, test in missing:
                by_file[f"{addon}/tests/{file}.py"].append(test)
            for path, tests in sorted(by_file.items()):
                shown = ", ".join(tests[:6]) + (f", ... ({len(tests)} in all)" if len(tests) > 6 else "")
                print(f"  {path}: {shown}")
        if extra:
            print(f"Run by Odoo but not collected by pytest ({len(extra)}): {', '.join(t for *_x, t in extra[:10])}")
    if failures:
        print(f"\nFailures and errors ({len(failures)}):")
        for kind, where, test in failures:
            print(f"  {kind}: {where}: {test}")
    if problems:
        print(f"\nOther ERROR lines in the log ({len(problems)}, first 20):")
        for problem in problems[:20]:
            print(f"  {problem}")
    if reports:
        last = reports[-1]
        print(f"\nOdoo's report: {last['run']} tests run, {last['failed']} failed, {last['errors']} error(s).")
    else:
        print("\nOdoo printed no test report (did the install stop before the tests?).")
    print(flush=True)


def main(argv):
    args = parse_args(argv)
    config = os.environ["WORKSPACE_ODOO_CONF"]
    started_at = time.monotonic()
    database = f"sp_odoo_tests_{checkout_tag()}"
    if args.fresh:
        drop_database(database)
        modules = [*BASE_MODULES, *ADDONS]
    else:
        clone_database(demo_template(config), database)
        modules = list(ADDONS)
    log_file = CACHE / f"odoo-tests-{database}.log"
    log_file.unlink(missing_ok=True)  # Odoo appends to its log file
    code = run_odoo(config, database, modules, args.test_tags, log_file)
    started, failures, problems, reports = parse_log(log_file)
    collected = set() if args.no_compare or not started else pytest_collection(config, database)
    print_report(started, failures, problems, reports, collected)
    if args.drop:
        drop_database(database)
    else:
        log(f"Database {database} kept (our addons installed with demo data)")
    log(f"Done in {time.monotonic() - started_at:.0f}s; full log: {log_file}")
    ok = (
        code == 0 and not failures and not problems and reports and not (reports[-1]["failed"] or reports[-1]["errors"])
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
