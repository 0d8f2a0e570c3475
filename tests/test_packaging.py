# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Each addon builds as a wheel with whool and installs into a throw-away virtualenv."""

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ("sales_performance", "sales_performance_incentive")


def test_wheels_build_and_install(tmp_path):
    wheels = tmp_path / "wheels"
    for addon in ADDONS:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "--no-build-isolation",
                "-q",
                "-w",
                str(wheels),
                str(ROOT / addon),
            ],
            check=True,
        )
    built = sorted(path.name for path in wheels.glob("*.whl"))
    assert [name.split("-")[0] for name in built] == [
        "odoo_addon_sales_performance",
        "odoo_addon_sales_performance_incentive",
    ]
    for wheel in wheels.glob("*.whl"):
        names = zipfile.ZipFile(wheel).namelist()
        addon = "sales_performance_incentive" if "incentive" in wheel.name else "sales_performance"
        assert f"odoo/addons/{addon}/__manifest__.py" in names
        assert any(name.startswith(f"odoo/addons/{addon}/views/") for name in names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    # --no-deps: the throw-away venv gets our files only (Odoo itself is not on a registry here).
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", "--no-deps", *map(str, wheels.glob("*.whl"))], check=True
    )
    site = next((venv / "lib").glob("python3*/site-packages"))
    for addon in ADDONS:
        assert (site / "odoo" / "addons" / addon / "__manifest__.py").is_file()
    metadata = subprocess.run(
        [str(venv / "bin" / "pip"), "show", "odoo-addon-sales_performance_incentive"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "odoo-addon-sales_performance" in metadata  # the dependency on the base addon is declared


def test_metapackage_requires_both_addons(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT / "setup" / "_metapackage"),
        ],
        check=True,
    )
    (wheel,) = tmp_path.glob("odoo_addons_sales_performance-*.whl")
    metadata = next(name for name in zipfile.ZipFile(wheel).namelist() if name.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    # setuptools writes names normalised (underscores become dashes)
    assert "Requires-Dist: odoo-addon-sales-performance<" in text
    assert "Requires-Dist: odoo-addon-sales-performance-incentive<" in text


def test_odoo_runner_imports_every_test_file():
    """Odoo's runner (and OCA CI) run only the test modules a ``tests/__init__.py`` imports;
    pytest collects files by name. A file left out runs here and nowhere else."""
    for addon_dir in [ROOT / addon for addon in ADDONS] + sorted((ROOT / "examples").glob("*/")):
        tests = addon_dir / "tests"
        if not tests.is_dir():
            continue
        tree = ast.parse((tests / "__init__.py").read_text())
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
        for path in sorted(tests.glob("test_*.py")):
            assert path.stem in imported, f"{path} is not imported by {tests / '__init__.py'}"
