# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Run the whole test suite on a fresh database cloned from a template.

Called by ``setup/workspace.py test`` inside the project venv. Two template levels keep
repeated runs fast: ``spbase_<hash>`` holds Odoo's native modules (rebuilt only when the
Odoo tree or the module list changes) and ``sptmpl<checkout>_<hash>`` adds our addons
(rebuilt when an addon's installable files change). Each run clones the latter into
``sp_test_<checkout>``.

Exit status: non-zero on a failed test or on an ERROR/WARNING in an install log.
"""

import os
import sys
from pathlib import Path

from odoo_db import (
    ADDONS,
    BASE_MODULES,
    EXAMPLE_ADDONS,
    ROOT,
    TEMPLATE_MODULES,
    checkout_tag,
    clone_database,
    database_exists,
    ensure_template,
    log,
)


def main(argv):
    config = os.environ["WORKSPACE_ODOO_CONF"]
    base = ensure_template("spbase", BASE_MODULES, parent=None, config=config)
    # The native-module template is shared; ours and the test database belong to this checkout.
    tag = checkout_tag()
    template = ensure_template(
        f"sptmpl{tag}", TEMPLATE_MODULES, parent=base, config=config, force=bool(os.environ.get("SP_REBUILD_TEMPLATE"))
    )
    test_db = os.environ.get("SP_TEST_DB", f"sp_test_{tag}")
    clone_database(template, test_db)
    assert database_exists(test_db)
    # Arguments go to pytest as given; without a path, every test of the project runs.
    has_path = any(Path(ROOT, arg.split("::")[0]).exists() for arg in argv if not arg.startswith("-"))
    targets = [] if has_path else [*ADDONS, *(f"examples/{name}" for name in EXAMPLE_ADDONS), "tests"]
    options = argv
    # SP_TEST_WORKERS=N runs the suite in N processes (pytest-xdist): one database copy per
    # worker (pytest-odoo), a test file per worker at a time so each class builds its data once.
    # One by default: two browsers at once on two cores made the tours' first page outlast
    # the 60 seconds Odoo's test browser waits for it.
    workers = int(os.environ.get("SP_TEST_WORKERS") or 1)
    if not has_path and workers > 1 and not any(arg == "-n" or arg.startswith("-n") for arg in argv):
        options = ["-n", str(workers), "--dist", "loadfile", *argv]
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        f"--odoo-config={config}",
        f"--odoo-database={test_db}",
        "--odoo-log-level=warn",
        "--odoo-http",  # an HTTP server for the browser tours
        "-p",
        "no:cacheprovider",
        "--durations=20",  # the slowest tests, to keep CI under its time budget
        *options,
        *targets,
    ]
    log("$ " + " ".join(cmd))
    os.chdir(ROOT)
    os.execv(sys.executable, cmd)


if __name__ == "__main__":
    main(sys.argv[1:])
