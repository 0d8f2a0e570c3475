# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Benchmark measures, run on a generated database: the period and the goals of both engines
are committed first (goals exist before they are refreshed, as in production), the measures
run in one transaction that the caller rolls back, then :func:`cleanup` deletes the committed
setup, so the database can be measured again.

Each measure records wall time, SQL queries (``cr.sql_log_count`` delta) and the process's
peak RSS so far (``resource.getrusage``; a peak, so it only grows from measure to measure) and
the 1-minute load average at its end (other work on this machine slows the measures).
"""

import os
import resource
import time
from contextlib import contextmanager

from generate import data_months, log

from odoo import Command
from odoo.tools import SQL

# Our ten KPIs (xml ids in sales_performance) and a target each.
OUR_KPIS = {
    "revenue": 40000.0,
    "invoiced_revenue": 40000.0,
    "margin": 15000.0,
    "order_count": 17.0,
    "average_order_value": 2500.0,
    "customer_count": 12.0,
    "new_customer_count": 1.0,
    "opportunities_won": 3.0,
    "win_rate": 50.0,
    "pipeline_created": 50000.0,
}


class Recorder:
    def __init__(self, cr):
        self.cr = cr
        self.rows = []

    @contextmanager
    def measure(self, name, **extra):
        queries = self.cr.sql_log_count
        started = time.perf_counter()
        row = {"measure": name, **extra}
        try:
            yield row
        finally:
            row["seconds"] = round(time.perf_counter() - started, 3)
            row["queries"] = self.cr.sql_log_count - queries
            self._record(row)

    def measure_steady(self, name, action, runs=3, **extra):
        """Run ``action`` ``runs`` times, each committed (as the cron commits each run); the row
        holds the median run, and every run's time in ``runs_seconds``: a single run of a
        fraction of a second varies by 10-20 % from one to the next."""
        timings = []
        for _run in range(runs):
            queries = self.cr.sql_log_count
            started = time.perf_counter()
            action()
            timings.append((time.perf_counter() - started, self.cr.sql_log_count - queries))
            self.cr.commit()
        seconds, queries = sorted(timings)[len(timings) // 2]
        runs_seconds = [round(run_seconds, 3) for run_seconds, _queries in timings]
        return self._record(
            {"measure": name, **extra, "seconds": round(seconds, 3), "queries": queries, "runs_seconds": runs_seconds}
        )

    def _record(self, row):
        """Add the memory and load readings to a timed row, keep it and print it."""
        row["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        # other work on the machine slows the measures: the 1-minute load says how much
        row["load_1m"] = round(os.getloadavg()[0], 2)
        self.rows.append(row)
        runs = f" (runs {row['runs_seconds']})" if "runs_seconds" in row else ""
        log(
            f"  {row['measure']}: {row['seconds']:.2f}s{runs}, {row['queries']} queries,"
            f" peak RSS {row['peak_rss_mb']} MB, load {row['load_1m']}"
        )
        return row


# --------------------------------------------------------------------------- setup
def prepare_period(env, params):
    _first, last = data_months(params)
    company = env.ref("base.main_company")
    Period = env["sales.performance.period"]
    Period._generate_fiscal_year(company, last)
    return Period.search([("company_id", "=", company.id), ("period_type", "=", "month"), ("date_start", "=", last)])


def bench_reps(env):
    return env["res.users"].search([("login", "=like", "bench_rep_%")], order="id")


def create_goals(env, period, reps):
    kpis = {code: env.ref(f"sales_performance.kpi_{code}") for code in OUR_KPIS}
    vals = [
        {
            "period_id": period.id,
            "kpi_id": kpis[code].id,
            "scope": "user",
            "user_id": rep.id,
            "team_id": rep.sale_team_id.id,
            "target": target,
            "weight": 10.0,
        }
        for rep in reps
        for code, target in OUR_KPIS.items()
    ]
    # Created unmeasured (as a bulk load would be), so the first refresh measured is a first pass.
    Goal = env["sales.performance.goal"].with_context(sales_performance_defer_measure=True)
    return Goal.create(vals), kpis


# --------------------------------------------------------------------------- gamification
# What gamification can express: code -> (model, value field or None for a count, date field,
# domain, user field).
GAMIFICATION_KPIS = {
    "revenue": ("sale.order", "amount_untaxed", "date_order", [("state", "=", "sale")], "user_id"),
    "invoiced_revenue": (
        "account.move",
        "amount_untaxed_signed",
        "invoice_date",
        [("state", "=", "posted"), ("move_type", "in", ("out_invoice", "out_refund"))],
        "invoice_user_id",
    ),
    "margin": ("sale.order", "margin", "date_order", [("state", "=", "sale")], "user_id"),
    "order_count": ("sale.order", None, "date_order", [("state", "=", "sale")], "user_id"),
    "opportunities_won": (
        "crm.lead",
        None,
        "date_closed",
        [("type", "=", "opportunity"), ("stage_id.is_won", "=", True)],
        "user_id",
    ),
    "pipeline_created": (
        "crm.lead",
        "expected_revenue",
        "create_date",
        [("type", "=", "opportunity"), ("active", "in", (True, False))],
        "user_id",
    ),
}


def gamification_definitions(env, batch=True):
    """What gamification can express of our ten KPIs: a count or a sum of one stored field
    of one model with a date field. Returns ({kpi code: vals}, {kpi code: why not}).

    ``batch=True`` is gamification's best configuration: one ``_read_group`` per definition and
    period, grouped by the user field. ``batch=False`` is what a definition created in the form
    gets by default (batch mode off): the domain names the goal's user (``user.id``) and
    gamification runs one query per goal.
    """
    model = env["ir.model"]._get
    field = env["ir.model.fields"]._get
    defs = {}
    for code, (model_name, value_field, date_field, domain, user_field) in GAMIFICATION_KPIS.items():
        vals = {
            "name": f"Bench {code} ({'batch' if batch else 'per goal'})",
            "computation_mode": "sum" if value_field else "count",
            "condition": "higher",
            "model_id": model(model_name).id,
            "field_id": field(model_name, value_field).id if value_field else False,
            "field_date_id": field(model_name, date_field).id,
        }
        if batch:
            vals.update(
                {
                    "domain": repr(domain),
                    "batch_mode": True,
                    "batch_distinctive_field": field(model_name, user_field).id,
                    "batch_user_expression": "user.id",
                }
            )
        else:
            vals["domain"] = repr(domain)[:-1] + f", ({user_field!r}, '=', user.id)]"
        defs[code] = vals
    impossible = {
        "average_order_value": "a ratio (sum / count): needs computation_mode 'python', one evaluation per goal",
        "customer_count": "a distinct count: count/sum modes only count records or sum a field",
        "new_customer_count": "needs each customer's first-ever order: not a domain on one model",
        "win_rate": "a ratio (won / closed): needs computation_mode 'python'",
    }
    return defs, impossible


def create_gamification(env, period, reps, batch=True):
    defs, impossible = gamification_definitions(env, batch=batch)
    definitions = {code: env["gamification.goal.definition"].create(vals) for code, vals in defs.items()}
    goals = env["gamification.goal"].create(
        [
            {
                "definition_id": definition.id,
                "user_id": rep.id,
                "target_goal": OUR_KPIS[code],
                "start_date": period.date_start,
                "end_date": period.date_end,
                "state": "inprogress",
            }
            for code, definition in definitions.items()
            for rep in reps
        ]
    )
    return goals, definitions, impossible


def cleanup(env):
    """Delete what a run commits (periods, goals, gamification's bench definitions and goals),
    so the database is again as generated; also run first, after an interrupted run."""
    cr = env.cr
    cr.execute(
        "DELETE FROM gamification_goal WHERE definition_id IN"
        " (SELECT id FROM gamification_goal_definition WHERE name->>'en_US' LIKE 'Bench %%')"
    )
    cr.execute("DELETE FROM gamification_goal_definition WHERE name->>'en_US' LIKE 'Bench %%'")
    # the pace alerts of the committed 1st refresh: the managers' activities (and the followers
    # they added), the salespeople's notes (their Inbox notifications go with them)
    cr.execute("DELETE FROM mail_activity WHERE res_model = 'sales.performance.goal'")
    cr.execute("DELETE FROM mail_message WHERE model = 'sales.performance.goal'")
    cr.execute("DELETE FROM mail_followers WHERE res_model IN ('sales.performance.goal', 'sales.performance.period')")
    cr.execute("DELETE FROM sales_performance_goal")
    cr.execute("DELETE FROM sales_performance_period")
    cr.execute("DELETE FROM sales_performance_kpi WHERE code = 'REV-BENCH-CATEG'")
    env.invalidate_all()


def compare_with_gamification(our_goals, gam_goals, definitions, kpis):
    """Salesperson goals whose gamification value differs from ours, per KPI."""
    ours = {(g.kpi_id.id, g.user_id.id): g.actual for g in our_goals}
    diffs = {}
    for code, definition in definitions.items():
        mismatched = 0
        for goal in gam_goals.filtered(lambda g, d=definition: g.definition_id == d):
            if abs((goal.current or 0.0) - ours.get((kpis[code].id, goal.user_id.id), 0.0)) > 0.01:
                mismatched += 1
        diffs[code] = mismatched
    return diffs


# --------------------------------------------------------------------------- raw SQL floor
def raw_floor_queries(period, company_id):
    """The ten aggregates as plain GROUP BY user_id queries (UTC bounds, as the company's
    timezone is UTC in the bench database)."""
    start, end = period.date_start, period.date_end
    args = {"c": company_id, "s": start, "e": end}
    ts = "o.date_order >= %(s)s AND o.date_order < %(e)s::date + 1"
    return {
        # Revenue, invoiced revenue and margin from the orders' and invoices' stored totals: the
        # cheapest way to the same figures when no product category filter applies (our engine
        # reads the lines only for a category KPI).
        "revenue": (
            f"SELECT o.user_id, SUM(o.amount_untaxed / COALESCE(NULLIF(o.currency_rate, 0), 1)) FROM sale_order o"
            f" WHERE o.state = 'sale' AND o.company_id = %(c)s AND {ts} GROUP BY o.user_id",
            args,
        ),
        "invoiced_revenue": (
            "SELECT m.invoice_user_id, SUM(m.amount_untaxed_signed) FROM account_move m WHERE m.state = 'posted'"
            " AND m.move_type IN ('out_invoice', 'out_refund') AND m.company_id = %(c)s"
            " AND m.invoice_date BETWEEN %(s)s AND %(e)s GROUP BY m.invoice_user_id",
            args,
        ),
        "margin": (
            f"SELECT o.user_id, SUM(o.margin / COALESCE(NULLIF(o.currency_rate, 0), 1)) FROM sale_order o"
            f" WHERE o.state = 'sale' AND o.company_id = %(c)s AND {ts} GROUP BY o.user_id",
            args,
        ),
        "order_count": (
            f"SELECT o.user_id, COUNT(*) FROM sale_order o WHERE o.state = 'sale' AND o.company_id = %(c)s"
            f" AND {ts} GROUP BY o.user_id",
            args,
        ),
        "average_order_value": (
            f"SELECT o.user_id, SUM(o.amount_untaxed / COALESCE(NULLIF(o.currency_rate, 0), 1)) / COUNT(*)"
            f" FROM sale_order o WHERE o.state = 'sale' AND o.company_id = %(c)s AND {ts} GROUP BY o.user_id",
            args,
        ),
        "customer_count": (
            f"SELECT o.user_id, COUNT(DISTINCT p.commercial_partner_id) FROM sale_order o JOIN res_partner p"
            f" ON p.id = o.partner_id WHERE o.state = 'sale' AND o.company_id = %(c)s AND {ts} GROUP BY o.user_id",
            args,
        ),
        "new_customer_count": (
            f"SELECT o.user_id, COUNT(DISTINCT p.commercial_partner_id) FROM sale_order o JOIN res_partner p"
            f" ON p.id = o.partner_id WHERE o.state = 'sale' AND o.company_id = %(c)s AND {ts}"
            " AND NOT EXISTS (SELECT 1 FROM sale_order e JOIN res_partner ep ON ep.id = e.partner_id"
            " WHERE e.state = 'sale' AND e.company_id = o.company_id"
            " AND ep.commercial_partner_id = p.commercial_partner_id"
            " AND (e.date_order, e.id) < (o.date_order, o.id)) GROUP BY o.user_id",
            args,
        ),
        "opportunities_won": (
            "SELECT l.user_id, COUNT(*) FROM crm_lead l JOIN crm_stage s ON s.id = l.stage_id WHERE l.active"
            " AND l.type = 'opportunity' AND s.is_won AND l.company_id = %(c)s AND l.date_closed >= %(s)s"
            " AND l.date_closed < %(e)s::date + 1 GROUP BY l.user_id",
            args,
        ),
        "win_rate": (
            "SELECT l.user_id, 100.0 * COUNT(*) FILTER (WHERE l.active AND s.is_won) / COUNT(*) FROM crm_lead l"
            " LEFT JOIN crm_stage s ON s.id = l.stage_id WHERE l.type = 'opportunity'"
            " AND ((l.active AND s.is_won) OR (NOT l.active AND l.probability = 0)) AND l.company_id = %(c)s"
            " AND l.date_closed >= %(s)s AND l.date_closed < %(e)s::date + 1 GROUP BY l.user_id",
            args,
        ),
        "pipeline_created": (
            "SELECT l.user_id, SUM(l.expected_revenue) FROM crm_lead l WHERE l.type = 'opportunity'"
            " AND l.company_id = %(c)s AND l.create_date >= %(s)s AND l.create_date < %(e)s::date + 1"
            " GROUP BY l.user_id",
            args,
        ),
    }


# --------------------------------------------------------------------------- incentives
def prepare_incentives(env, period, reps):
    company = env.ref("base.main_company")
    Account = env["account.account"]
    company.write(
        {
            "incentive_expense_account_id": Account.search([("account_type", "=", "expense")], limit=1).id,
            "incentive_payable_account_id": Account.search([("account_type", "=", "liability_current")], limit=1).id,
            "incentive_journal_id": env["account.journal"]
            .search([("type", "=", "general"), ("company_id", "=", company.id)], limit=1)
            .id,
        }
    )
    categories = env["product.category"].search([("name", "=like", "Bench category %")], order="id", limit=3)
    plan = env["sales.incentive.plan"].create(
        {
            "name": "Bench commission plan",
            "company_id": company.id,
            "component_ids": [
                Command.create(
                    {
                        "name": "Commission",
                        "component_type": "commission",
                        "base": "invoiced",
                        "default_rate": 2.0,
                        "category_rate_ids": [
                            Command.create({"categ_id": categ.id, "rate": 3.0 + i})
                            for i, categ in enumerate(categories)
                        ],
                    }
                )
            ],
        }
    )
    env["sales.incentive.assignment"].create(
        [{"plan_id": plan.id, "user_id": rep.id, "date_from": period.date_start} for rep in reps]
    )
    plan.action_approve()
    admin = env.ref("base.user_admin")
    admin.groups_id = [Command.link(env.ref("sales_performance_incentive.group_incentive_accountant").id)]
    return plan


# --------------------------------------------------------------------------- all
def run(env, params):  # noqa: PLR0915 (one straight sequence of steps, read top to bottom)
    """All measures; returns {'measures': [...], 'checks': {...}}. The setup is committed;
    the caller rolls the measures back, then calls :func:`cleanup`."""
    cr = env.cr
    rec = Recorder(cr)
    env = env(context={**env.context, "tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True})
    reps = bench_reps(env)
    period = prepare_period(env, params)
    log(f"Measuring period {period.name} ({period.date_start} - {period.date_end}), {len(reps)} salespeople")
    checks = {"period": period.name, "salespeople": len(reps)}

    # The goals of both engines are committed before anything is measured, and each refresh
    # (ours and gamification's) is committed, as the cron commits each run: PostgreSQL checks
    # every foreign key of a row updated in the transaction that inserted or last updated it
    # (about 0.2 s for 6,000 goals with 8 foreign keys), a cost no refresh pays in production.
    # cleanup() removes all of it.
    with rec.measure("setup: create goals (10 KPIs x salespeople)", kind="setup") as row:
        goals, kpis = create_goals(env, period, reps)
        env.flush_all()
        row["records"] = len(goals)
    gamification = {}
    for batch, label in ((True, "batch mode"), (False, "per goal (batch mode off)")):
        with rec.measure(f"setup: gamification definitions + goals, {label}", kind="setup") as row:
            gamification[batch] = create_gamification(env, period, reps, batch=batch)
            env.flush_all()
            row["records"] = len(gamification[batch][0])
    cr.commit()

    # a. our engine
    with rec.measure("a. ours: period._refresh_goals(), 10 KPIs, 1st run", kind="ours", records=len(goals)):
        period._refresh_goals()
        env.flush_all()
    cr.execute(
        SQL(
            "SELECT count(*) FROM mail_activity WHERE res_model = 'sales.performance.goal' AND res_id IN %s",
            tuple(goals.ids),
        )
    )
    checks["pace_alert_activities_after_1st_refresh"] = cr.fetchone()[0]
    cr.execute(
        SQL(
            "SELECT count(*) FROM mail_message WHERE model = 'sales.performance.goal' AND res_id IN %s",
            tuple(goals.ids),
        )
    )
    checks["goal_messages_after_1st_refresh"] = cr.fetchone()[0]
    cr.commit()
    rec.measure_steady(
        "a. ours: period._refresh_goals(), 10 KPIs, steady (runs 2-4, median)",
        lambda: (period._refresh_goals(), env.flush_all()),
        kind="ours",
        records=len(goals),
    )

    # where the time goes: one engine query per KPI, against the hand-written query
    queries = raw_floor_queries(period, period.company_id.id)
    per_kpi = {}
    for code, kpi in kpis.items():
        started = time.perf_counter()
        kpi._measure(period)
        ours = time.perf_counter() - started
        started = time.perf_counter()
        cr.execute(*queries[code])
        cr.fetchall()
        per_kpi[code] = {"ours_s": round(ours, 3), "raw_s": round(time.perf_counter() - started, 3)}
    # A product category filter sends revenue to the order lines (85,000 a month at the large
    # size): the same query, restricted to three of the eight categories, against its
    # hand-written twin.
    categories = env["product.category"].search([("name", "=like", "Bench category %")], order="id", limit=3)
    by_category = kpis["revenue"].copy(
        {"code": "REV-BENCH-CATEG", "product_category_ids": [Command.set(categories.ids)]}
    )
    started = time.perf_counter()
    by_category._measure(period)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    cr.execute(
        "SELECT o.user_id, SUM(l.price_subtotal / COALESCE(NULLIF(o.currency_rate, 0), 1)) FROM sale_order_line l"
        " JOIN sale_order o ON o.id = l.order_id JOIN product_product p ON p.id = l.product_id"
        " JOIN product_template t ON t.id = p.product_tmpl_id WHERE l.state = 'sale' AND l.display_type IS NULL"
        " AND NOT l.is_downpayment AND l.company_id = %(c)s AND t.categ_id IN %(categs)s"
        " AND o.date_order >= %(s)s AND o.date_order < %(e)s::date + 1 GROUP BY o.user_id",
        {"c": period.company_id.id, "s": period.date_start, "e": period.date_end, "categs": tuple(categories.ids)},
    )
    cr.fetchall()
    per_kpi["revenue_of_3_categories"] = {"ours_s": round(ours, 3), "raw_s": round(time.perf_counter() - started, 3)}
    checks["seconds_per_kpi_query"] = per_kpi

    # b. gamification, in its best configuration (batch mode) and as a definition created in
    # the form gets it (batch mode off: one query per goal)
    comparable = goals.filtered(lambda g: g.kpi_id in [kpis[c] for c in GAMIFICATION_KPIS])
    rec.measure_steady(
        f"a'. ours: _refresh_actuals(only_changed=True), the {len(GAMIFICATION_KPIS)} KPIs gamification can"
        " express, steady (median of 3)",
        lambda: (comparable._refresh_actuals(only_changed=True), env.flush_all()),
        kind="ours_comparable",
        records=len(comparable),
    )
    for batch, label in ((True, "batch mode"), (False, "per goal (batch mode off)")):
        kind = "gamification" if batch else "gamification_per_goal"
        gam_goals, definitions, impossible = gamification[batch]
        with rec.measure(
            f"b. gamification {label}: update_goal, {len(definitions)} definitions, 1st run",
            kind=kind,
            records=len(gam_goals),
        ):
            gam_goals.update_goal()
            env.flush_all()
        cr.commit()
        rec.measure_steady(
            f"b. gamification {label}: update_goal, {len(definitions)} definitions, steady (runs 2-4, median)",
            lambda gam_goals=gam_goals: (gam_goals.update_goal(), env.flush_all()),
            kind=kind,
            records=len(gam_goals),
        )
        gam_goals.invalidate_recordset()
        goals.invalidate_recordset()
        checks[f"{kind}_goals_differing_from_ours"] = compare_with_gamification(goals, gam_goals, definitions, kpis)
    checks["gamification_not_expressible"] = impossible

    # c. raw SQL floor
    raw = {}

    def run_floor(codes):
        for code in codes:
            query, args = queries[code]
            cr.execute(query, args)
            raw[code] = dict(cr.fetchall())

    rec.measure_steady(
        "c. raw SQL floor: 10 GROUP BY user_id queries (median of 3)",
        lambda: run_floor(queries),
        kind="raw",
        records=len(goals),
    )
    rec.measure_steady(
        f"c'. raw SQL floor: the {len(GAMIFICATION_KPIS)} comparable queries (median of 3)",
        lambda: run_floor(GAMIFICATION_KPIS),
        kind="raw_comparable",
        records=len(comparable),
    )
    mismatch = {}
    for goal in goals:
        code = next(c for c, k in kpis.items() if k == goal.kpi_id)
        if abs(float(raw[code].get(goal.user_id.id) or 0.0) - goal.actual) > 0.01:
            mismatch[code] = mismatch.get(code, 0) + 1
    checks["raw_floor_goals_differing_from_ours"] = mismatch

    # d. reviews
    with rec.measure("setup: plans (_create_missing_for_period)", kind="setup") as row:
        plans = env["sales.performance.plan"]._create_missing_for_period(period)
        env.flush_all()
        row["records"] = len(plans)
    with rec.measure("d. reviews: period._evaluate()", kind="reviews") as row:
        reviews = period._evaluate()
        env.flush_all()
        row["records"] = len(reviews)

    # e. incentives
    with rec.measure("setup: incentive plan, assignments, accounts", kind="setup") as row:
        prepare_incentives(env, period, reps)
        env.flush_all()
        row["records"] = len(reps)
    Statement = env["sales.incentive.statement"]
    with rec.measure("e. incentives: _generate(period)", kind="incentives") as row:
        statements = Statement._generate(period)
        env.flush_all()
        row["records"] = len(statements)
        row["lines"] = len(statements.line_ids)
    with rec.measure("e. incentives: submit + approve", kind="incentives", records=len(statements)):
        statements.action_submit()
        statements.action_approve()
        env.flush_all()
    admin_env = env(user=env.ref("base.user_admin").id)
    # Both posting modes on the same approved statements: the first is rolled back.
    env.cr.execute("SAVEPOINT bench_posting")
    with rec.measure(
        "e. incentives: action_post (one entry per statement)", kind="incentives", records=len(statements)
    ):
        statements.with_env(admin_env).action_post()
        env.flush_all()
    checks["entries_per_statement"] = len(statements.move_id)
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_posting")
    env.invalidate_all()
    period.company_id.incentive_posting_mode = "period"
    with rec.measure(
        "e. incentives: action_post (one grouped entry per period)", kind="incentives", records=len(statements)
    ):
        statements.with_env(admin_env).action_post()
        env.flush_all()
    checks["entries_grouped"] = len(statements.move_id)
    checks["statements_posted"] = len(statements.filtered(lambda s: s.state == "posted"))
    checks["statements_total"] = round(sum(statements.mapped("amount_total")), 2)

    return {"measures": rec.rows, "checks": checks, "ratios": ratios(rec.rows)}


def ratios(rows):
    by = {}
    for row in rows:
        by.setdefault(row["kind"], []).append(row)
    out = {}

    def nth(kind, index=0):
        found = by.get(kind, [])
        return found[index] if len(found) > index else None

    def ratio(name, numerator, denominator, key="seconds", digits=3):
        if numerator and denominator:
            out[name] = round(numerator[key] / max(denominator[key], 1e-6), digits)

    ours1, ours2, ours_c = nth("ours"), nth("ours", 1), nth("ours_comparable")
    raw, raw_c = nth("raw"), nth("raw_comparable")
    for kind, label in (("gamification", "batch mode"), ("gamification_per_goal", "per goal")):
        # steady against steady: neither writes a goal whose value did not move
        ratio(f"gamification {label} / ours, steady (same KPIs, time)", nth(kind, 1), ours_c, digits=2)
        ratio(f"gamification {label} / ours, steady (same KPIs, queries)", nth(kind, 1), ours_c, "queries", 2)
    ratio("ours steady / raw floor (10 KPIs, time)", ours2, raw, digits=2)
    ratio("ours 1st run / raw floor (10 KPIs, time)", ours1, raw, digits=2)
    ratio("ours steady / raw floor (same KPIs, time)", ours_c, raw_c, digits=2)
    return out
