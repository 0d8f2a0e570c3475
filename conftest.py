# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""pytest fixtures for the whole project (pytest-odoo loads Odoo; see setup/run_tests.py)."""

import pytest


@pytest.fixture(scope="session", autouse=True)
def _http_statics_loaded_once(load_registry):
    """Read the addons' manifests for the HTTP server's static paths before any browser asks.

    The server computes them lazily, in the first requests' threads; several threads parsing
    manifests at once trip a CPython 3.11 bug ("AST constructor recursion depth mismatch",
    gh-106905) and the tour's first page load fails with an error 500.
    """
    from odoo import http

    assert http.root.statics
