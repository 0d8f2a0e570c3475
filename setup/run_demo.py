# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Build or update the demo database, load the demo data, run the jobs once, serve it.

Called by ``setup/workspace.py demo`` inside the project venv (``make demo``)::

    python3 setup/workspace.py demo              # then serve on http://localhost:8069
    python3 setup/workspace.py demo --no-serve   # build/update only (``make demo-data``)

The database (``sp_demo``, or $SP_DEMO_DB) is created with Odoo's demo data on the first
run; later runs only update our two addons. The demo data (setup/demo_data.py) is loaded
once: a second run adds nothing. Exit status: non-zero when the install, the update or
the data build fails.
"""

import argparse
import os
import socket
import sys
import time
from contextlib import closing

import psycopg2
from odoo_db import (
    ADDONS,
    database_exists,
    drop_database,
    install_modules,
    log,
    odoo_command,
    update_modules,
)

DEMO_DB = os.environ.get("SP_DEMO_DB", "sp_demo")
DEMO_MODULES = ("sale_management", "crm", "sale_margin", "account", "hr", *ADDONS)
HTTP_PORT = 8069
LOGINS = (
    ("admin", "administrator, sees everything"),
    ("manager", "sales manager, leads Direct Sales East"),
    ("sales", "salesperson in Direct Sales East"),
    ("accountant", "accounting manager"),
)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="workspace.py demo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-serve", action="store_true", help="build/update the database, do not start Odoo")
    return parser.parse_args(argv)


def fail(msg):
    log(f"ERROR: {msg}")
    sys.exit(1)


# --------------------------------------------------------------------------- database
def missing_modules(database, modules):
    """Modules of ``modules`` not installed in ``database`` (say, after an interrupted install)."""
    with closing(psycopg2.connect(dbname=database)) as conn, conn.cursor() as cr:
        cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed' AND name IN %s", [tuple(modules)])
        installed = {row[0] for row in cr.fetchall()}
    return [module for module in modules if module not in installed]


def update_addons(config, database):
    if not update_modules(config, database, ADDONS):
        fail(f"Could not update {', '.join(ADDONS)} in {database}.")


def ensure_database(config, database):
    if not database_exists(database):
        if not install_modules(config, database, DEMO_MODULES, demo=True):
            drop_database(database)  # a half-installed database would pass for a built one next time
            fail(f"Could not create {database}; it was dropped, fix the error and run again.")
        return
    missing = missing_modules(database, DEMO_MODULES)
    if missing and not install_modules(config, database, missing, demo=True):
        fail(f"Could not install {', '.join(missing)} into {database}.")
    update_addons(config, database)


# --------------------------------------------------------------------------- data and jobs
def load_data(config, database):
    """Demo data, then the jobs' work, each in its own transaction; returns the counts."""
    import demo_data

    import odoo
    from odoo.tools import config as odoo_config

    odoo_config.parse_config(["-c", config, "-d", database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        started = time.monotonic()
        if demo_data.build(env):
            log(f"Demo data built in {time.monotonic() - started:.0f}s")
        else:
            log("Demo data already present: nothing added")
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        refreshed = run_jobs(env)
        log(f"Jobs run once: {refreshed} goal(s) refreshed")
        counts = demo_data.summary(env)
    odoo.sql_db.close_all()
    return counts


def run_jobs(env):
    """What the crons would do first: periods of this and next year, then goal actuals.

    The refresh cron handles a number of periods per call: one call for all the open periods
    (calling it until a call measures nothing stopped at the first period without goals).
    """
    Period = env["sales.performance.period"]
    Period._cron_generate_periods()
    open_periods = Period.search_count([("state", "=", "open")])
    return len(Period._cron_refresh_goals(periods_per_call=max(open_periods, 1)))


def print_summary(database, counts):
    width = max(len(name) for name in counts)
    print(f"\nDemo database {database}:")
    for name, value in counts.items():
        print(f"  {name.ljust(width)}  {value}")
    print(flush=True)


# --------------------------------------------------------------------------- serve
def port_in_use(port):
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def serve(config, database):
    print(f"Odoo serves {database} on http://localhost:{HTTP_PORT}  (Ctrl+C to stop)")
    print("Logins (password = login):")
    for login, role in LOGINS:
        print(f"  {login:<11} {role}")
    print(flush=True)
    cmd = odoo_command(config, database, "--http-port", str(HTTP_PORT), "--max-cron-threads=1")
    log("$ " + " ".join(cmd))
    os.execv(sys.executable, cmd)


def main(argv):
    args = parse_args(argv)
    config = os.environ["WORKSPACE_ODOO_CONF"]
    if not args.no_serve and port_in_use(HTTP_PORT):
        fail(f"Port {HTTP_PORT} is already in use; stop the other server first (or use --no-serve).")
    started = time.monotonic()
    ensure_database(config, DEMO_DB)
    log(f"Database {DEMO_DB} ready in {time.monotonic() - started:.0f}s")
    counts = load_data(config, DEMO_DB)
    print_summary(DEMO_DB, counts)
    log(f"Done in {time.monotonic() - started:.0f}s")
    if not args.no_serve:
        serve(config, DEMO_DB)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
