# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Benchmark of the KPI engine, reviews and incentive statements on generated data.

Called by ``setup/workspace.py bench`` inside the project venv::

    python3 setup/workspace.py bench --size small            # 50 salespeople, ~51k order lines
    python3 setup/workspace.py bench --size large --json out.json
    python3 setup/workspace.py bench --size small --regenerate
    python3 setup/workspace.py bench --size large --keep-data   # addons changed: -u, keep the data

The data lives in ``sp_bench_<size>``, cloned from the test template (``sptmpl<tag>_<hash>``)
and kept between runs: it is rebuilt only when the generator parameters or the template
(our addons' sources) changed (unless --keep-data), or with --regenerate. The setup (period,
goals) is committed, the measures run in one transaction that is rolled back, and the setup
is deleted at the end, so every run starts from the same data. See tests/bench/README.md.
"""

import argparse
import contextlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

from odoo_db import (
    ADDONS,
    BASE_MODULES,
    ROOT,
    TEMPLATE_MODULES,
    checkout_tag,
    clone_database,
    database_exists,
    drop_database,
    ensure_template,
    log,
    update_modules,
)

sys.path.insert(0, str(ROOT / "tests" / "bench"))

import generate
import measures


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="workspace.py bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(generate.SIZES), default="small")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH")
    parser.add_argument("--regenerate", action="store_true", help="drop and rebuild the benchmark database")
    parser.add_argument("--generate-only", action="store_true", help="build the data, do not measure")
    parser.add_argument(
        "--keep-data",
        action="store_true",
        help="when only the addons changed since the data was generated, update them (-u) in the benchmark "
        "database instead of regenerating it (faster for --size large)",
    )
    for name, value in generate.SIZES["small"].items():
        parser.add_argument(
            f"--{name.replace('_', '-')}", type=type(value), default=None, help=f"override (small: {value})"
        )
    return parser.parse_args(argv)


def machine():
    info = {"nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        info["postgresql"] = subprocess.run(
            ["psql", "-d", "postgres", "-Atc", "SHOW server_version"], capture_output=True, text=True, check=True
        ).stdout.strip()
    return info


_PARSED = []


def open_registry(config, database):
    import odoo
    from odoo.tools import config as odoo_config

    if not _PARSED:  # parse_config cannot run twice in one process
        odoo_config.parse_config(["-c", config, "-d", database, "--log-level=warn"])
        _PARSED.append(config)
    return odoo.modules.registry.Registry(database)


def ensure_bench_database(config, database, params, template, regenerate, keep_data=False):
    """Clone the template into ``database`` and generate the data, unless it already holds
    data of the same parameters and template. Returns the generation report or None."""
    import odoo

    # The data ends with last month: a new month means new data (the measured month moves on).
    wanted = {**params, "template": template, "last_month": generate.data_months(params)[1].isoformat()}
    if database_exists(database) and not regenerate:
        registry = open_registry(config, database)
        with registry.cursor() as cr:
            stored = generate.stored_params(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}))
        if stored == wanted:
            log(f"Reusing {database} (same parameters and template)")
            return None
        same_data = {k: v for k, v in (stored or {}).items() if k != "template"} == {
            k: v for k, v in wanted.items() if k != "template"
        }
        if keep_data and same_data:
            log(f"Reusing {database}: same parameters, updating {', '.join(ADDONS)} (--keep-data)")
            odoo.modules.registry.Registry.delete(database)
            odoo.sql_db.close_db(database)
            if not update_modules(config, database, ADDONS):
                sys.exit(1)
            registry = open_registry(config, database)
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                env["ir.config_parameter"].set_param(generate.PARAM_KEY, json.dumps(wanted, sort_keys=True))
            return None
        log(f"{database} holds other data ({stored}); rebuilding it")
        odoo.modules.registry.Registry.delete(database)
        odoo.sql_db.close_db(database)
    drop_database(database)
    clone_database(template, database)
    registry = open_registry(config, database)
    log(f"Generating {database}: {params}")
    started = time.monotonic()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        report = generate.build(env, wanted)
    report["seconds"] = round(time.monotonic() - started, 1)
    report["rows_per_second"] = round(report["rows"]["sale_order_line"] / max(report["seconds"], 1e-6))
    log(f"Generated in {report['seconds']:.0f}s: {report['rows']}")
    return report


def print_table(result):
    rows = result["measures"]
    width = max(len(row["measure"]) for row in rows)
    print()
    print(f"{'measure'.ljust(width)}  {'records':>8}  {'seconds':>9}  {'queries':>8}  {'peak RSS MB':>11}")
    print("-" * (width + 44))
    for row in rows:
        print(
            f"{row['measure'].ljust(width)}  {row.get('records', ''):>8}  {row['seconds']:>9.3f}  "
            f"{row['queries']:>8}  {row['peak_rss_mb']:>11}"
        )
    print()
    for name, value in result["ratios"].items():
        print(f"  {name}: {value}")
    print()
    for name, value in result["checks"].items():
        print(f"  {name}: {value}")
    print(flush=True)


def main(argv):
    args = parse_args(argv)
    config = os.environ["WORKSPACE_ODOO_CONF"]
    params = dict(generate.SIZES[args.size])
    for name in params:
        override = getattr(args, name)
        if override is not None:
            params[name] = override
    base = ensure_template("spbase", BASE_MODULES, parent=None, config=config)
    template = ensure_template(f"sptmpl{checkout_tag()}", TEMPLATE_MODULES, parent=base, config=config)
    database = os.environ.get("SP_BENCH_DB", f"sp_bench_{args.size}")
    started = time.monotonic()
    generation = ensure_bench_database(config, database, params, template, args.regenerate, args.keep_data)
    if args.generate_only:
        return 0

    import odoo

    registry = open_registry(config, database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        measures.cleanup(env)  # what an interrupted run committed
        cr.commit()
        try:
            result = measures.run(env, params)
        finally:
            cr.rollback()  # the measures are undone, then the committed setup is removed:
            measures.cleanup(env)  # the database stays as generated
            cr.commit()
    result.update(
        {
            "size": args.size,
            "database": database,
            "params": params,
            "generation": generation,
            "machine": machine(),
            "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
            "total_seconds": round(time.monotonic() - started, 1),
            "final_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
    )
    print_table(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str))
        log(f"Results written to {args.json}")
    odoo.sql_db.close_all()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
