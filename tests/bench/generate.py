# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Benchmark data generator: salespeople, teams, products via the ORM; orders, invoices,
credit notes and opportunities as set-based SQL (``INSERT ... SELECT`` over
``generate_series``, random values drawn server-side with a fixed seed).

Only the columns the KPI sources and the incentive statements read are filled, plus every
NOT NULL column and the obvious companions (amounts, states, partner, currency), so the ORM
reads the rows back without surprises. Nothing here is a valid accounting history beyond
that: invoices have one receivable line and product lines, no taxes, no sequence numbers.

    params = dict(SIZES["small"]); build(env, params)
"""

import json
import time
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tools import SQL

PARAM_KEY = "sales_performance.bench_params"

SIZES = {
    # 50 x 12 x 17 x 5 = 51,000 order lines
    "small": {
        "salespeople": 50,
        "teams": 5,
        "months": 12,
        "orders_per_month": 17,
        "lines_per_order": 5,
        "categories": 8,
        "products_per_category": 5,
        "customers_per_salesperson": 20,
        "credit_note_share": 0.05,
        "leads_per_month": 10,
    },
    # 1,000 x 12 x 17 x 5 = 1,020,000 order lines
    "large": {
        "salespeople": 1000,
        "teams": 50,
        "months": 12,
        "orders_per_month": 17,
        "lines_per_order": 5,
        "categories": 8,
        "products_per_category": 5,
        "customers_per_salesperson": 20,
        "credit_note_share": 0.05,
        "leads_per_month": 10,
    },
}


def data_months(params, today=None):
    """First day of the first month of data and of the measured (last) month: the data
    ends with the last complete month before ``today``."""
    today = today or date.today()
    last = today.replace(day=1) - relativedelta(months=1)
    first = last - relativedelta(months=params["months"] - 1)
    return first, last


def stored_params(env):
    raw = env["ir.config_parameter"].sudo().get_param(PARAM_KEY)
    return json.loads(raw) if raw else None


def log(msg):
    print(f"[bench] {msg}", flush=True)


class Timer:
    def __init__(self):
        self.steps = {}

    def step(self, name, started):
        self.steps[name] = round(time.monotonic() - started, 2)
        log(f"  {name}: {self.steps[name]:.1f}s")


def build(env, params):  # noqa: PLR0915 (one straight sequence of steps, read top to bottom)
    """Generate everything; returns {step: seconds, 'rows': {table: count}}."""
    timer = Timer()
    cr = env.cr
    env = env(context={**env.context, "tracking_disable": True, "mail_create_nolog": True, "no_reset_password": True})
    company = env.ref("base.main_company")
    company.partner_id.tz = "UTC"
    first, _last = data_months(params)
    cr.execute("SELECT setseed(0.42)")

    # ------------------------------------------------------------ products (ORM)
    started = time.monotonic()
    parent = env.ref("product.product_category_all")
    categories = env["product.category"].create(
        [{"name": f"Bench category {i + 1}", "parent_id": parent.id} for i in range(params["categories"])]
    )
    product_vals = []
    for c_index, categ in enumerate(categories):
        for p_index in range(params["products_per_category"]):
            price = 20.0 + 15.0 * ((c_index * 7 + p_index * 3) % 20)
            product_vals.append(
                {
                    "name": f"Bench product {c_index + 1}.{p_index + 1}",
                    "categ_id": categ.id,
                    "list_price": price,
                    "standard_price": round(price * (0.4 + 0.05 * (p_index % 6)), 2),
                    "type": "consu",
                    "taxes_id": [Command.clear()],
                }
            )
    products = env["product.product"].create(product_vals)
    timer.step("products (ORM)", started)

    # ------------------------------------------------------------ users and teams (ORM)
    started = time.monotonic()
    salesman_groups = [
        env.ref("base.group_user").id,
        env.ref("sales_team.group_sale_salesman").id,
        env.ref("sales_performance.group_sales_performance_user").id,
    ]
    manager_groups = [
        env.ref("base.group_user").id,
        env.ref("sales_team.group_sale_manager").id,
        env.ref("sales_performance.group_sales_performance_manager").id,
    ]
    Users = env["res.users"]
    managers = Users.create(
        [
            {
                "name": f"Bench manager {t + 1}",
                "login": f"bench_manager_{t + 1}",
                "groups_id": [Command.set(manager_groups)],
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
            }
            for t in range(params["teams"])
        ]
    )
    reps = Users
    batch = 200
    for start in range(0, params["salespeople"], batch):
        reps |= Users.create(
            [
                {
                    "name": f"Bench rep {i + 1}",
                    "login": f"bench_rep_{i + 1}",
                    "groups_id": [Command.set(salesman_groups)],
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                }
                for i in range(start, min(start + batch, params["salespeople"]))
            ]
        )
    teams = env["crm.team"]
    team_of = {}
    for t, manager in enumerate(managers):
        members = reps[t :: params["teams"]]
        team = env["crm.team"].create(
            {
                "name": f"Bench team {t + 1}",
                "user_id": manager.id,
                "company_id": company.id,
                "member_ids": [Command.set(members.ids)],
            }
        )
        teams |= team
        for rep in members:
            team_of[rep.id] = team.id
    env.flush_all()
    timer.step(f"{len(reps)} salespeople + {len(managers)} managers, {len(teams)} teams (ORM)", started)

    # ------------------------------------------------------------ helper tables
    cr.execute("CREATE TEMP TABLE bench_user (idx int PRIMARY KEY, user_id int, team_id int) ON COMMIT DROP")
    cr.execute(
        SQL(
            "INSERT INTO bench_user SELECT * FROM unnest(%s::int[], %s::int[], %s::int[])",
            list(range(1, len(reps) + 1)),
            reps.ids,
            [team_of[rep.id] for rep in reps],
        )
    )
    cr.execute(
        "CREATE TEMP TABLE bench_product (idx int PRIMARY KEY, id int, name text, price numeric, cost numeric)"
        " ON COMMIT DROP"
    )
    cr.execute(
        SQL(
            "INSERT INTO bench_product SELECT * FROM unnest(%s::int[], %s::int[], %s::text[], %s::numeric[],"
            " %s::numeric[])",
            list(range(1, len(products) + 1)),
            products.ids,
            [p.display_name for p in products],
            [p.list_price for p in products],
            [p.standard_price for p in products],
        )
    )
    n_products = len(products)
    currency = company.currency_id.id
    pricelist = env["product.pricelist"].search([("company_id", "in", (company.id, False))], limit=1)
    if not pricelist:
        pricelist = env["product.pricelist"].create({"name": "Bench", "currency_id": currency})
    income = env["account.account"].search([("account_type", "=", "income")], limit=1)
    receivable = env["account.account"].search([("account_type", "=", "asset_receivable")], limit=1)
    journal = env["account.journal"].search([("type", "=", "sale"), ("company_id", "=", company.id)], limit=1)
    uom = env.ref("uom.product_uom_unit").id
    won_stage = env["crm.stage"].search([("is_won", "=", True)], limit=1)
    open_stages = env["crm.stage"].search([("is_won", "=", False)])
    common = {
        "company": company.id,
        "currency": currency,
        "uid": env.uid,
        "first": first,
        "np": n_products,
    }

    # ------------------------------------------------------------ customers (SQL)
    started = time.monotonic()
    n_customers = params["customers_per_salesperson"] * len(reps)
    cr.execute(
        SQL(
            """
            INSERT INTO res_partner (name, complete_name, active, type, is_company, customer_rank, supplier_rank,
                                     lang, tz, autopost_bills, partner_share, create_date, write_date, create_uid,
                                     write_uid)
            SELECT 'Bench customer ' || i, 'Bench customer ' || i, true, 'contact', true, 1, 0, 'en_US', 'UTC',
                   'ask', true, now() at time zone 'utc', now() at time zone 'utc', %(uid)s, %(uid)s
              FROM generate_series(1, %(n)s) i
            """,
            n=n_customers,
            **common,
        )
    )
    cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE name LIKE 'Bench customer %'")
    cr.execute(
        "CREATE TEMP TABLE bench_partner ON COMMIT DROP AS"
        " SELECT row_number() OVER (ORDER BY id)::int - 1 AS idx, id FROM res_partner"
        " WHERE name LIKE 'Bench customer %'"
    )
    cr.execute("CREATE UNIQUE INDEX ON bench_partner (idx)")
    timer.step(f"{n_customers} customers (SQL)", started)

    # ------------------------------------------------------------ sale orders (SQL)
    started = time.monotonic()
    # Each salesperson sells mostly to a window of customers shifted with time: some come
    # back, some are new (the new-customer KPIs see both).
    cr.execute(
        SQL(
            """
            WITH draw AS (
                SELECT u.idx, u.user_id, u.team_id, m, k,
                       %(first)s::timestamp + make_interval(months => m)
                         + random() * ((%(first)s::timestamp + make_interval(months => m + 1))
                                       - (%(first)s::timestamp + make_interval(months => m))) AS date_order,
                       mod((u.idx - 1) * %(cps)s + m + floor(random() * %(cps)s)::int, %(nc)s) AS pidx
                  FROM bench_user u, generate_series(0, %(months)s - 1) m, generate_series(1, %(opm)s) k
            )
            INSERT INTO sale_order (name, state, date_order, user_id, team_id, company_id, partner_id,
                                    partner_invoice_id, partner_shipping_id, currency_id, currency_rate,
                                    pricelist_id, invoice_status, locked, require_signature, require_payment,
                                    prepayment_percent, amount_untaxed, amount_tax, amount_total, margin,
                                    create_date, write_date, create_uid, write_uid)
            SELECT 'BENCH/' || d.idx || '/' || d.m || '/' || d.k, 'sale', date_trunc('second', d.date_order),
                   d.user_id, d.team_id, %(company)s, p.id, p.id, p.id, %(currency)s, 1.0, %(pricelist)s,
                   'invoiced', false, false, false, 1.0, 0, 0, 0, 0,
                   d.date_order, d.date_order, %(uid)s, %(uid)s
              FROM draw d JOIN bench_partner p ON p.idx = d.pidx
            """,
            cps=params["customers_per_salesperson"],
            nc=n_customers,
            months=params["months"],
            opm=params["orders_per_month"],
            pricelist=pricelist.id,
            **common,
        )
    )
    n_orders = cr.rowcount
    cr.execute(
        "CREATE TEMP TABLE bench_order ON COMMIT DROP AS SELECT id, user_id, partner_id, date_order FROM sale_order"
        " WHERE name LIKE 'BENCH/%'"
    )
    timer.step(f"{n_orders} sale orders (SQL)", started)

    started = time.monotonic()
    cr.execute(
        SQL(
            """
            WITH draw AS (
                SELECT o.id AS order_id, o.user_id, o.partner_id, o.date_order, l,
                       1 + floor(random() * %(np)s)::int AS product_idx, 1 + floor(random() * 10)::int AS qty
                  FROM bench_order o, generate_series(1, %(lpo)s) l
            )
            INSERT INTO sale_order_line (order_id, sequence, name, product_id, product_uom, product_uom_qty,
                                         price_unit, technical_price_unit, discount, price_subtotal, price_tax,
                                         price_total, price_reduce_taxexcl, price_reduce_taxinc, purchase_price,
                                         margin, margin_percent, state, is_downpayment, is_expense, company_id,
                                         currency_id, customer_lead, salesman_id, order_partner_id, qty_delivered,
                                         qty_delivered_method, qty_invoiced, qty_to_invoice, invoice_status,
                                         untaxed_amount_invoiced, untaxed_amount_to_invoice,
                                         create_date, write_date, create_uid, write_uid)
            SELECT d.order_id, 10 + d.l, p.name, p.id, %(uom)s, d.qty, p.price, p.price, 0, d.qty * p.price, 0,
                   d.qty * p.price, p.price, p.price, p.cost, d.qty * (p.price - p.cost),
                   (p.price - p.cost) / NULLIF(p.price, 0), 'sale', false, false, %(company)s, %(currency)s, 0,
                   d.user_id, d.partner_id, d.qty, 'manual', d.qty, 0, 'invoiced', d.qty * p.price, 0,
                   d.date_order, d.date_order, %(uid)s, %(uid)s
              FROM draw d JOIN bench_product p ON p.idx = d.product_idx
            """,
            lpo=params["lines_per_order"],
            uom=uom,
            **common,
        )
    )
    n_lines = cr.rowcount
    cr.execute(
        """
        UPDATE sale_order o
           SET amount_untaxed = s.total, amount_total = s.total, margin = s.margin,
               margin_percent = s.margin / NULLIF(s.total, 0)
          FROM (SELECT order_id, SUM(price_subtotal) AS total, SUM(margin) AS margin
                  FROM sale_order_line WHERE order_id IN (SELECT id FROM bench_order) GROUP BY order_id) s
         WHERE o.id = s.order_id
        """
    )
    timer.step(f"{n_lines} sale order lines (SQL)", started)

    # ------------------------------------------------------------ invoices and credit notes (SQL)
    started = time.monotonic()
    invoice_cols = """name, state, move_type, journal_id, company_id, currency_id, date, invoice_date,
        invoice_date_due, partner_id, commercial_partner_id, invoice_user_id, team_id, invoice_origin,
        reversed_entry_id, amount_untaxed, amount_tax, amount_total, amount_residual, amount_untaxed_signed,
        amount_tax_signed, amount_total_signed, amount_total_in_currency_signed, amount_untaxed_in_currency_signed,
        amount_residual_signed, payment_state, auto_post, always_tax_exigible, is_move_sent, posted_before,
        invoice_currency_rate, checked, is_storno, made_sequence_gap, create_date, write_date, create_uid,
        write_uid"""
    cr.execute(
        SQL(
            f"""
            INSERT INTO account_move ({invoice_cols})
            SELECT 'INV/BENCH/' || o.id, 'posted', 'out_invoice', %(journal)s, %(company)s, %(currency)s,
                   x.d, x.d, x.d, o.partner_id, o.partner_id, o.user_id, o.team_id, o.name, NULL,
                   o.amount_untaxed, 0, o.amount_untaxed, o.amount_untaxed, o.amount_untaxed, 0, o.amount_untaxed,
                   o.amount_untaxed, o.amount_untaxed, o.amount_untaxed, 'not_paid', 'no', true, true, true, 1.0,
                   true, false, false, o.date_order, o.date_order, %(uid)s, %(uid)s
              FROM sale_order o
              CROSS JOIN LATERAL (SELECT (o.date_order::date + floor(random() * 4)::int) AS d) x
             WHERE o.id IN (SELECT id FROM bench_order)
            """,
            journal=journal.id,
            **common,
        )
    )
    n_invoices = cr.rowcount
    cr.execute(
        SQL(
            f"""
            INSERT INTO account_move ({invoice_cols})
            SELECT 'RINV/BENCH/' || m.id, 'posted', 'out_refund', m.journal_id, m.company_id, m.currency_id,
                   x.d, x.d, x.d, m.partner_id, m.partner_id, m.invoice_user_id, m.team_id, m.invoice_origin, m.id,
                   m.amount_untaxed, 0, m.amount_untaxed, m.amount_untaxed, -m.amount_untaxed, 0, -m.amount_untaxed,
                   -m.amount_untaxed, -m.amount_untaxed, -m.amount_untaxed, 'not_paid', 'no', true, true, true, 1.0,
                   true, false, false, m.create_date, m.create_date, %(uid)s, %(uid)s
              FROM account_move m
              CROSS JOIN LATERAL (SELECT (m.invoice_date + floor(random() * 20)::int) AS d) x
             WHERE starts_with(m.name, 'INV/BENCH/') AND random() < %(share)s
            """,
            share=params["credit_note_share"],
            **common,
        )
    )
    n_refunds = cr.rowcount
    line_cols = """move_id, move_name, date, invoice_date, parent_state, journal_id, company_id,
        company_currency_id, currency_id, account_id, partner_id, product_id, product_uom_id, name, display_type,
        quantity, price_unit, price_subtotal, price_total, discount, balance, amount_currency, debit, credit,
        amount_residual, amount_residual_currency, reconciled, tax_tag_invert, is_downpayment, sequence,
        date_maturity, create_date, write_date, create_uid, write_uid"""
    # Product lines: invoices mirror their order lines (credit), credit notes their invoice (debit).
    cr.execute(
        SQL(
            f"""
            INSERT INTO account_move_line ({line_cols})
            SELECT m.id, m.name, m.date, m.invoice_date, 'posted', m.journal_id, m.company_id, m.currency_id,
                   m.currency_id, %(income)s, m.partner_id, l.product_id, l.product_uom, l.name, 'product',
                   l.product_uom_qty, l.price_unit, l.price_subtotal, l.price_total, 0, -l.price_subtotal,
                   -l.price_subtotal, 0, l.price_subtotal, 0, 0, false, false, false, l.sequence, NULL,
                   m.create_date, m.create_date, %(uid)s, %(uid)s
              FROM account_move m
              JOIN sale_order_line l ON 'INV/BENCH/' || l.order_id = m.name
             WHERE starts_with(m.name, 'INV/BENCH/')
            """,
            income=income.id,
            **common,
        )
    )
    cr.execute(
        SQL(
            f"""
            INSERT INTO account_move_line ({line_cols})
            SELECT r.id, r.name, r.date, r.invoice_date, 'posted', r.journal_id, r.company_id, r.currency_id,
                   r.currency_id, l.account_id, r.partner_id, l.product_id, l.product_uom_id, l.name, 'product',
                   l.quantity, l.price_unit, l.price_subtotal, l.price_total, 0, -l.balance, -l.balance,
                   l.credit, l.debit, 0, 0, false, false, false, l.sequence, NULL,
                   r.create_date, r.create_date, %(uid)s, %(uid)s
              FROM account_move r
              JOIN account_move_line l ON l.move_id = r.reversed_entry_id AND l.display_type = 'product'
             WHERE starts_with(r.name, 'RINV/BENCH/')
            """,
            **common,
        )
    )
    # One receivable line per move balances it.
    cr.execute(
        SQL(
            f"""
            INSERT INTO account_move_line ({line_cols})
            SELECT m.id, m.name, m.date, m.invoice_date, 'posted', m.journal_id, m.company_id, m.currency_id,
                   m.currency_id, %(receivable)s, m.partner_id, NULL, NULL, m.name, 'payment_term', 0, 0, 0, 0, 0,
                   m.amount_total_signed, m.amount_total_signed, GREATEST(m.amount_total_signed, 0),
                   GREATEST(-m.amount_total_signed, 0), m.amount_total_signed, m.amount_total_signed, false, false,
                   false, 100, m.invoice_date_due, m.create_date, m.create_date, %(uid)s, %(uid)s
              FROM account_move m
             WHERE starts_with(m.name, 'INV/BENCH/') OR starts_with(m.name, 'RINV/BENCH/')
            """,
            receivable=receivable.id,
            **common,
        )
    )
    cr.execute(
        "SELECT count(*) FROM account_move_line WHERE move_name LIKE 'INV/BENCH/%' OR move_name LIKE 'RINV/BENCH/%'"
    )
    n_amls = cr.fetchone()[0]
    timer.step(f"{n_invoices} invoices, {n_refunds} credit notes, {n_amls} journal items (SQL)", started)

    # ------------------------------------------------------------ opportunities (SQL)
    started = time.monotonic()
    cr.execute(
        SQL(
            """
            WITH draw AS (
                SELECT u.user_id, u.team_id, m, k, random() AS fate, random() AS r2,
                       %(first)s::timestamp + make_interval(months => m)
                         + random() * interval '28 days' AS created,
                       (u.idx - 1) * %(cps)s + floor(random() * %(cps)s)::int AS pidx
                  FROM bench_user u, generate_series(0, %(months)s - 1) m, generate_series(1, %(lpm)s) k
            )
            INSERT INTO crm_lead (name, type, active, user_id, team_id, company_id, partner_id, stage_id,
                                  probability, automated_probability, expected_revenue, prorated_revenue, priority,
                                  create_date, write_date, date_open, date_last_stage_update, date_closed,
                                  date_conversion, create_uid, write_uid)
            SELECT 'Bench opportunity ' || d.user_id || '/' || d.m || '/' || d.k, 'opportunity', true,
                   d.user_id, d.team_id, %(company)s, p.id,
                   CASE WHEN d.fate < 0.3 THEN %(won)s ELSE (%(open_stages)s::int[])[1 + floor(d.r2 * %(nstages)s)::int]
                   END,
                   CASE WHEN d.fate < 0.3 THEN 100 WHEN d.fate < 0.6 THEN 0 ELSE 10 + floor(d.r2 * 60) END,
                   CASE WHEN d.fate < 0.3 THEN 100 WHEN d.fate < 0.6 THEN 0 ELSE 10 + floor(d.r2 * 60) END,
                   round((500 + d.r2 * 20000)::numeric, 2), 0, '1',
                   d.created, d.created, d.created, d.created,
                   CASE WHEN d.fate < 0.6 THEN d.created + d.r2 * interval '25 days' END, d.created,
                   %(uid)s, %(uid)s
              FROM draw d JOIN bench_partner p ON p.idx = mod(d.pidx, %(nc)s)
            """,
            cps=params["customers_per_salesperson"],
            nc=n_customers,
            months=params["months"],
            lpm=params["leads_per_month"],
            won=won_stage.id,
            open_stages=open_stages.ids,
            nstages=len(open_stages),
            **common,
        )
    )
    n_leads = cr.rowcount
    # Lost = archived with probability 0 (Odoo's definition); won and open stay active.
    cr.execute(
        "UPDATE crm_lead SET active = false WHERE name LIKE 'Bench opportunity %' AND probability = 0"
        " AND date_closed IS NOT NULL"
    )
    cr.execute(
        "UPDATE crm_lead SET active = true WHERE name LIKE 'Bench opportunity %' AND NOT (probability = 0"
        " AND date_closed IS NOT NULL)"
    )
    timer.step(f"{n_leads} opportunities (SQL)", started)

    started = time.monotonic()
    for table in ("res_partner", "sale_order", "sale_order_line", "account_move", "account_move_line", "crm_lead"):
        cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    timer.step("ANALYZE", started)
    env.invalidate_all()
    rows = {
        "salespeople": len(reps),
        "teams": len(teams),
        "products": n_products,
        "customers": n_customers,
        "sale_order": n_orders,
        "sale_order_line": n_lines,
        "invoices": n_invoices,
        "credit_notes": n_refunds,
        "account_move_line": n_amls,
        "crm_lead": n_leads,
    }
    env["ir.config_parameter"].sudo().set_param(PARAM_KEY, json.dumps(params, sort_keys=True))
    return {"steps": timer.steps, "rows": rows}
