# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Database helpers shared by the test, demo and bench runners (run inside the venv)."""

import hashlib
import re
import shutil
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import psycopg2
import psycopg2.errors
from psycopg2 import sql
from workspace import ADDONS, BASE_MODULES, CACHE, EXAMPLE_ADDONS, EXAMPLES, ROOT, log  # noqa: F401 (re-exported)

# What the test (and bench) template holds of ours: the addons and their examples.
TEMPLATE_MODULES = (*ADDONS, *EXAMPLE_ADDONS)
ODOO_SRC = Path(__import__("os").environ["WORKSPACE_ODOO_SRC"])
FILESTORE = CACHE / "filestore" / "filestore"
# Lines Odoo may log at WARNING on a clean install of native modules, unrelated to ours.
ALLOWED_WARNINGS = (re.compile(r"No module named 'ldap'"),)
INSTALL_PROBLEM = re.compile(r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) ")
SKIPPED_DIRS = {"tests", "readme", "__pycache__", "i18n_extra"}


def connect():
    conn = psycopg2.connect(dbname="postgres")
    conn.autocommit = True
    return conn


def database_exists(name):
    with closing(connect()) as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return bool(cr.fetchone())


def list_databases(prefix):
    with closing(connect()) as conn, conn.cursor() as cr:
        cr.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix + "%"])
        return [row[0] for row in cr.fetchall()]


def drop_database(name):
    with closing(connect()) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
        cr.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
    shutil.rmtree(FILESTORE / name, ignore_errors=True)


def clone_database(source, target):
    drop_database(target)
    # Two checkouts may clone the shared template at the same moment; PostgreSQL refuses a
    # template that another session is reading, so wait for the other clone and retry.
    for attempt in range(60):
        try:
            with closing(connect()) as conn, conn.cursor() as cr:
                cr.execute(
                    sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(target), sql.Identifier(source))
                )
            break
        except psycopg2.errors.ObjectInUse:
            if attempt == 59:
                raise
            time.sleep(5)
    if (FILESTORE / source).is_dir():
        shutil.copytree(FILESTORE / source, FILESTORE / target)


def sources_digest(modules, parent):
    digest = hashlib.sha256()
    digest.update(repr((sorted(modules), parent)).encode())
    digest.update((ODOO_SRC / "odoo" / "release.py").read_bytes())
    for module in sorted(modules):
        folder = ROOT / module if (ROOT / module).is_dir() else EXAMPLES / module
        if not folder.is_dir():
            continue  # a native module: covered by the Odoo release digest
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder)
            if path.is_file() and not SKIPPED_DIRS.intersection(rel.parts) and path.suffix != ".pyc":
                digest.update(str(rel).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def odoo_command(config, database, *args):
    return [sys.executable, str(ODOO_SRC / "odoo-bin"), "-c", config, "-d", database, *args]


def install_problems(output):
    problems = []
    for line in output.splitlines():
        if INSTALL_PROBLEM.match(line) and not any(p.search(line) for p in ALLOWED_WARNINGS):
            problems.append(line)
    return problems


def run_odoo_checked(config, database, args, what, log_name):
    """Run odoo-bin with ``args``; False (after printing the problems) on a non-zero exit or
    any WARNING/ERROR line in its log, which is kept in ``.cache/<log_name>-<database>.log``."""
    proc = subprocess.run(odoo_command(config, database, *args), capture_output=True, text=True)
    output = proc.stdout + proc.stderr
    log_file = CACHE / f"{log_name}-{database}.log"
    log_file.write_text(output)
    problems = install_problems(output)
    if proc.returncode or problems:
        print("\n".join(problems[-40:]) or output[-4000:], file=sys.stderr)
        log(f"{what} failed (exit {proc.returncode}); full log: {log_file}")
        return False
    return True


def install_modules(config, database, modules, demo=False):
    """Install ``modules`` into ``database``; fail loudly on any warning or error."""
    args = ["-i", ",".join(modules), "--stop-after-init", "--log-level=info"]
    if not demo:
        args.append("--without-demo=all")
    log(f"Installing {', '.join(modules)} into {database}")
    return run_odoo_checked(config, database, args, f"Install of {', '.join(modules)}", "install")


def update_modules(config, database, modules):
    """``-u`` ``modules``; any warning or error fails, as for an install."""
    log(f"Updating {', '.join(modules)} in {database}")
    args = ["-u", ",".join(modules), "--stop-after-init", "--log-level=info"]
    return run_odoo_checked(config, database, args, f"Update of {', '.join(modules)}", "update")


def checkout_tag():
    """Four hex digits naming this checkout, so that two clones on one machine (a developer's
    and CI's, or two worktrees) never drop each other's databases."""
    return hashlib.sha256(str(ROOT).encode()).hexdigest()[:4]


def ensure_template(prefix, modules, parent, config, force=False):
    """Return a database holding ``modules`` (built from ``parent`` when given).

    Templates of older sources with the same prefix are dropped; pass a prefix that names the
    checkout for templates holding files of this checkout.
    """
    name = f"{prefix}_{sources_digest(modules, parent)}"
    if database_exists(name) and not force:
        return name
    for stale in list_databases(prefix + "_"):
        drop_database(stale)
    if parent:
        clone_database(parent, name)
    if not install_modules(config, name, modules):
        drop_database(name)
        sys.exit(1)
    return name
