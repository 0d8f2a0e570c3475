# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Demo data of the Sales Performance addons: a sales force with a year of history and goals.

``build(env)`` runs inside Odoo (see setup/run_demo.py) and creates, in the main company:
demo users, three sales teams, products, 40 customers, a year of confirmed orders,
invoices, credit notes and opportunities ending today, the periods of this and last fiscal
year, and goals for the current quarter and month cascaded company -> teams -> salespeople.

Deterministic: one ``random.Random(42)`` makes every choice, so two builds on the same day
are identical (dates are relative to today). Idempotent: the ir.config_parameter
``sales_performance.demo_data_version`` records the build and a second call returns at once.
"""

import math
import random
from collections import defaultdict
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tools import SQL

DATA_VERSION = "3"
MARKER = "sales_performance.demo_data_version"
SEED = 42
HISTORY_DAYS = 365
MONTHS = 12  # the history is cut in 12 slices of ~30 days, oldest first

# Bulk creation: no chatter messages, followers or "you have been assigned" mails.
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_auto_subscribe_no_notify": True,
    "mail_notrack": True,
    "no_reset_password": True,
}

SALESMAN = "sales_team.group_sale_salesman"
ALL_LEADS = "sales_team.group_sale_salesman_all_leads"
PERF_MANAGER = "sales_performance.group_sales_performance_manager"
ACCOUNT_MANAGER = "account.group_account_manager"

EAST, WEST, KEY = "Direct Sales East", "Direct Sales West", "Key Accounts"

# login: (name, groups). Every password equals the login.
USERS = {
    "manager": ("Maria Manager", (ALL_LEADS, PERF_MANAGER)),
    "walter.west": ("Walter West", (ALL_LEADS, PERF_MANAGER)),
    "karla.key": ("Karla Key", (ALL_LEADS, PERF_MANAGER)),
    "accountant": ("Andy Accountant", (ACCOUNT_MANAGER, ALL_LEADS)),
    "sales": ("Sam Sales", (SALESMAN,)),
    "emma.jones": ("Emma Jones", (SALESMAN,)),
    "lukas.becker": ("Lukas Becker", (SALESMAN,)),
    "li.wei": ("Li Wei", (SALESMAN,)),
    "chen.jing": ("Chen Jing", (SALESMAN,)),
    "sofia.garcia": ("Sofia Garcia", (SALESMAN,)),
    "noah.miller": ("Noah Miller", (SALESMAN,)),
    "anna.schmidt": ("Anna Schmidt", (SALESMAN,)),
    "wang.fang": ("Wang Fang", (SALESMAN,)),
    "oliver.brown": ("Oliver Brown", (SALESMAN,)),
}

# name: (leader, reps, deal size factor: key accounts buy bigger)
TEAMS = {
    EAST: ("manager", ("sales", "emma.jones", "lukas.becker", "li.wei"), 1.0),
    WEST: ("walter.west", ("chen.jing", "sofia.garcia", "noah.miller"), 1.4),
    KEY: ("karla.key", ("anna.schmidt", "wang.fang", "oliver.brown"), 2.5),
}

# category: [(product, list price, cost, type)]; the cost makes the margin.
CATALOG = {
    "Hardware": [
        ("Rack Server RS-200", 4800.0, 3400.0, "consu"),
        ('Business Laptop 14"', 1450.0, 1050.0, "consu"),
        ("Network Switch 48-port", 2200.0, 1500.0, "consu"),
        ("USB-C Docking Station", 260.0, 150.0, "consu"),
    ],
    "Software": [
        ("CRM Suite Licence (1 year)", 1200.0, 150.0, "service"),
        ("Analytics Add-on (1 year)", 750.0, 90.0, "service"),
        ("Security Pack (1 year)", 480.0, 40.0, "service"),
    ],
    "Services": [
        ("Implementation Day", 1100.0, 600.0, "service"),
        ("Training Day", 800.0, 380.0, "service"),
        ("Premium Support (1 year)", 3000.0, 1200.0, "service"),
    ],
}

SEGMENTS = ("SME", "Enterprise", "Public sector")

# (name, country, segment, team that serves it)
CUSTOMERS = [
    ("Bluebird Bakery Supplies", "us", "SME", EAST),
    ("Harbor Light Dental", "us", "SME", EAST),
    ("Prairie Wind Logistics", "us", "SME", EAST),
    ("Maple Street Architects", "us", "SME", EAST),
    ("Copperleaf Marketing", "us", "SME", EAST),
    ("Summit Ridge Outfitters", "us", "SME", EAST),
    ("Granite State Printing", "us", "SME", EAST),
    ("Bäckerei Sonnenschein GmbH", "de", "SME", EAST),
    ("Müller Haustechnik KG", "de", "SME", EAST),
    ("Elbe Steuerberatung", "de", "SME", EAST),
    ("Schwarzwald Reisen GmbH", "de", "SME", EAST),
    ("Rheinblick Immobilien", "de", "SME", EAST),
    ("Nordsee Fischhandel GmbH", "de", "SME", EAST),
    ("Ostwind Solar GmbH", "de", "Enterprise", EAST),
    ("Shenzhen Brightway Electronics Co., Ltd.", "cn", "SME", WEST),
    ("Hangzhou Greenleaf Tea Co., Ltd.", "cn", "SME", WEST),
    ("Chengdu Panda Travel Co., Ltd.", "cn", "SME", WEST),
    ("Suzhou Silk Road Textiles Co., Ltd.", "cn", "SME", WEST),
    ("Xiamen Harbor Trading Co., Ltd.", "cn", "SME", WEST),
    ("Guangzhou Pearl Furniture Co., Ltd.", "cn", "SME", WEST),
    ("Pacific Crest Software Inc.", "us", "SME", WEST),
    ("Desert Sun Energy Corp.", "us", "SME", WEST),
    ("Golden Gate Analytics LLC", "us", "Enterprise", WEST),
    ("Cascadia Health Partners", "us", "Enterprise", WEST),
    ("Wuhan Riverside Machinery Co., Ltd.", "cn", "Enterprise", WEST),
    ("Nanjing Everbright Pharmaceuticals", "cn", "Enterprise", WEST),
    ("Qingdao Ocean Shipping Co., Ltd.", "cn", "Enterprise", WEST),
    ("Atlas Global Manufacturing Inc.", "us", "Enterprise", KEY),
    ("Northstar Financial Group", "us", "Enterprise", KEY),
    ("Bergmann Automotive AG", "de", "Enterprise", KEY),
    ("Hanse Versicherung AG", "de", "Enterprise", KEY),
    ("Shanghai Lotus Retail Group", "cn", "Enterprise", KEY),
    ("Great Wall Telecom Co., Ltd.", "cn", "Enterprise", KEY),
    ("City of Springfield", "us", "Public sector", KEY),
    ("State University of Riverton", "us", "Public sector", KEY),
    ("Stadtwerke Lindenau", "de", "Public sector", KEY),
    ("Landkreis Oberwald", "de", "Public sector", KEY),
    ("Klinikum Auental", "de", "Public sector", KEY),
    ("Hefei Municipal Water Authority", "cn", "Public sector", KEY),
    ("Tianhe District Education Office", "cn", "Public sector", KEY),
]

# Rep goals besides the cascaded revenue: KPI xmlid -> weight (percent of the scorecard).
REP_WEIGHTS = {
    "kpi_revenue": 40.0,
    "kpi_margin": 20.0,
    "kpi_new_customer_count": 15.0,
    "kpi_win_rate": 10.0,
    "kpi_pipeline_created": 15.0,
}

SWOT = {
    EAST: {
        "swot_strengths": "Dense customer base on the East coast and in Germany; short sales cycles.",
        "swot_weaknesses": "Deal sizes are small; two reps joined this year and are still ramping up.",
        "swot_opportunities": "Security Pack upsell to the installed base of CRM Suite licences.",
        "swot_threats": "A low-cost competitor is discounting laptops heavily this quarter.",
    },
    KEY: {
        "swot_strengths": "Long relationships with enterprise and public-sector accounts.",
        "swot_weaknesses": "Revenue depends on a handful of large deals; a slip moves the quarter.",
        "swot_opportunities": "Public tenders for digitalisation open in the last quarter of the year.",
        "swot_threats": "Budget freezes in the public sector; procurement delays.",
    },
}


# =========================================================================== entry points
def build(env):
    """Create the demo data once; return False when it is already there."""
    params = env["ir.config_parameter"].sudo()
    built = params.get_param(MARKER)
    if built:
        if built != DATA_VERSION:
            print(f"Demo data version {built} found (this script makes {DATA_VERSION}); drop the database to rebuild.")
        return False
    env = env(context=dict(env.context, **QUIET))
    rng = random.Random(SEED)
    company = env.ref("base.main_company")
    now = fields.Datetime.now().replace(microsecond=0)

    users = _create_users(env, company)
    teams = _create_teams(env, company, users)
    products = _create_products(env)
    customers = _create_customers(env, company, teams)
    orders = _create_orders(env, rng, company, teams, customers, products, now)
    _create_invoices(env, rng, orders, now)
    _create_opportunities(env, rng, company, teams, customers, products, now)
    _create_goals(env, company, teams, now)
    _communicate_plans(env, company, now)
    last_month = _evaluate_last_month(env, company, teams, now)
    _create_incentives(env, company, teams, last_month)
    params.set_param(MARKER, DATA_VERSION)
    return True


def summary(env):
    """Counts of the demo data, for the end-of-build report."""
    teams = env["crm.team"].search([("name", "in", list(TEAMS))])
    moves = env["account.move"].search([("team_id", "in", teams.ids), ("state", "=", "posted")])
    leads = env["crm.lead"].with_context(active_test=False).search([("team_id", "in", teams.ids)])
    won = leads.filtered(lambda lead: lead.active and lead.stage_id.is_won)
    lost = leads.filtered(lambda lead: not lead.active)
    goals = env["sales.performance.goal"].search([])
    paces = defaultdict(int)
    for goal in goals:
        paces[goal.pace_status or "none"] += 1
    return {
        "teams": len(teams),
        "reps": len(teams.member_ids),
        "customers": env["res.partner"].search_count([("category_id.name", "in", SEGMENTS), ("is_company", "=", True)]),
        "orders": env["sale.order"].search_count([("team_id", "in", teams.ids), ("state", "=", "sale")]),
        "invoices": len(moves.filtered(lambda m: m.move_type == "out_invoice")),
        "credit notes": len(moves.filtered(lambda m: m.move_type == "out_refund")),
        "leads": f"{len(leads)} ({len(won)} won, {len(lost)} lost, {len(leads - won - lost)} open)",
        "goals": f"{len(goals)} ({', '.join(f'{n} {status}' for status, n in sorted(paces.items()))})",
        "plans": env["sales.performance.plan"].search_count([]),
        "reviews": env["sales.performance.review"].search_count([]),
        "statements": env["sales.incentive.statement"].search_count([]),
        "awards": env["sales.incentive.award"].search_count([]),
    }


# =========================================================================== people
def _create_users(env, company):
    """{login: user}; passwords equal logins so the README can list them."""
    group_user = env.ref("base.group_user")
    # Salespeople land on their own performance when they log in.
    home = env.ref("sales_performance.sales_performance_my_goal_action")
    vals_list = [
        {
            "login": login,
            "name": name,
            "password": login,
            "email": f"{login}@example.com",
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "groups_id": [Command.set((group_user | _groups(env, groups)).ids)],
            "create_employee": True,  # hr is installed: give them an employee, as HR would
            "action_id": home.id if groups == (SALESMAN,) else False,
            # Notified in Odoo, not by email: the demo has no mail server to fail on.
            "notification_type": "inbox",
        }
        for login, (name, groups) in USERS.items()
    ]
    users = env["res.users"].create(vals_list)
    return {user.login: user for user in users}


def _groups(env, xmlids):
    return env["res.groups"].browse([env.ref(xmlid).id for xmlid in xmlids])


def _create_teams(env, company, users):
    """{name: team}, each led by a manager who is not one of its members."""
    teams = env["crm.team"].create(
        [
            {
                "name": name,
                "user_id": users[leader].id,
                "company_id": company.id,
                "crm_team_member_ids": [Command.create({"user_id": users[login].id}) for login in reps],
            }
            for name, (leader, reps, _size) in TEAMS.items()
        ]
    )
    return {team.name: team for team in teams}


# =========================================================================== catalog and customers
def _create_products(env):
    """[(product, category name)] over Hardware, Software and Services."""
    parent = env.ref("product.product_category_all")
    categories = env["product.category"].create([{"name": name, "parent_id": parent.id} for name in CATALOG])
    vals_list = [
        {
            "name": name,
            "categ_id": category.id,
            "type": ptype,
            "list_price": price,
            "standard_price": cost,
            "invoice_policy": "order",  # invoiceable on confirmation: no delivery in the demo
            "sale_ok": True,
        }
        for category in categories
        for name, price, cost, ptype in CATALOG[category.name]
    ]
    return env["product.product"].create(vals_list)


def _account_owner(team, index):
    reps = team.member_ids.sorted("login")
    return reps[index % len(reps)]


def _create_customers(env, company, teams):
    """{team name: customers}, companies tagged with their segment, each followed by a rep."""
    tags = env["res.partner.category"].create([{"name": name} for name in SEGMENTS])
    tag_of = dict(zip(SEGMENTS, tags, strict=True))
    partners = env["res.partner"].create(
        [
            {
                "name": name,
                "is_company": True,
                "country_id": env.ref(f"base.{country}").id,
                "category_id": [Command.set(tag_of[segment].ids)],
                "user_id": _account_owner(teams[team], index).id,
                "customer_rank": 1,
                "email": f"info@{name.split()[0].lower()}.example.com",
            }
            for index, (name, country, segment, team) in enumerate(CUSTOMERS)
        ]
    )
    by_team = defaultdict(lambda: env["res.partner"])
    for partner, (_name, _country, _segment, team) in zip(partners, CUSTOMERS, strict=True):
        by_team[team] |= partner
    return dict(by_team)


# =========================================================================== a year of activity
def _moment(rng, now, month):
    """A working-hours moment in history slice ``month`` (0 = a year ago), never in the future."""
    slice_days = HISTORY_DAYS / MONTHS
    days_ago = rng.uniform((MONTHS - 1 - month) * slice_days, (MONTHS - month) * slice_days)
    day = (now - timedelta(days=days_ago)).date()
    when = datetime.combine(day, time(rng.randint(8, 16), rng.choice((0, 15, 30, 45))))
    return min(when, now - timedelta(hours=1))


def _rep_profiles(rng, teams):
    """Each rep sells at their own level and trend, so paces differ on the dashboard."""
    return {
        rep: {"team": team, "level": rng.uniform(0.7, 1.3), "trend": rng.uniform(-0.02, 0.05)}
        for team in teams.values()
        for rep in team.member_ids.sorted("login")
    }


def _acquisition_months(rng, customers):
    """Month of each customer's first order: 40% were customers before the history starts
    (-1), the others come in over the last two thirds of the year (New Customers KPI)."""
    months = {}
    for partners in customers.values():
        for index, partner in enumerate(partners):
            months[partner] = -1 if index < len(partners) * 0.4 else rng.randint(4, MONTHS - 1)
    return months


def _order_lines(rng, products, size):
    lines = []
    for product in rng.sample(list(products), rng.randint(1, 3)):
        qty = max(1, round(rng.uniform(1, 3) * size))
        discount = rng.choice((1.0, 1.0, 0.95, 0.9))
        price = round(product.list_price * discount, 2)
        lines.append(Command.create({"product_id": product.id, "product_uom_qty": qty, "price_unit": price}))
    return lines


def _create_orders(env, rng, company, teams, customers, products, now):
    """A few confirmed orders per rep and month; returns {order: order datetime}."""
    profiles = _rep_profiles(rng, teams)
    acquired = _acquisition_months(rng, customers)
    vals_list, moments = [], []

    def add_order(rep, team, partner, month, size):
        moments.append(_moment(rng, now, month))
        vals_list.append(
            {
                "partner_id": partner.id,
                "user_id": rep.id,
                "team_id": team.id,
                "company_id": company.id,
                "date_order": moments[-1],
                "order_line": _order_lines(rng, products, size),
            }
        )

    for month in range(MONTHS):
        for team_name, team in teams.items():
            size = TEAMS[team_name][2]
            reps = team.member_ids.sorted("login")
            # A customer won this month places its first order with one of the team's reps...
            for partner in customers[team_name].filtered(lambda p, month=month: acquired[p] == month):
                add_order(rng.choice(reps), team, partner, month, size)
            # ... and customers won before keep ordering.
            known = customers[team_name].filtered(lambda p, month=month: acquired[p] < month)
            for rep in reps:
                profile = profiles[rep]
                count = round(rng.uniform(3, 5) * profile["level"] * (1 + profile["trend"] * month))
                for _i in range(count if known else 0):
                    add_order(rep, team, rng.choice(known), month, size)
    orders = env["sale.order"].create(vals_list)
    orders.action_confirm()
    # Confirmation stamps 'now' on the order; put each back on its business date.
    for order, when in zip(orders, moments, strict=True):
        order.date_order = when
    return dict(zip(orders, moments, strict=True))


def _create_invoices(env, rng, orders, now):
    """Invoice most orders a few days after confirmation; credit a few invoices back."""
    today = now.date()
    dates = {}
    for order, when in orders.items():
        delay = rng.randint(0, 12)
        if rng.random() < 0.9 and (now - when).days >= 2:
            dates[order] = min(when.date() + timedelta(days=delay), today)
    to_invoice = env["sale.order"].union(*dates)
    invoices = to_invoice._create_invoices(grouped=True)
    by_date = defaultdict(lambda: env["account.move"])
    for invoice in invoices:
        by_date[dates[invoice.line_ids.sale_line_ids.order_id]] |= invoice
    for day, moves in by_date.items():
        moves.invoice_date = day
    # Post oldest first, so invoice numbers follow the dates.
    invoices.sorted(lambda m: (m.invoice_date, m.id)).action_post()

    refunded = invoices.filtered(lambda _m: rng.random() < 0.05)
    defaults = []
    for invoice in refunded:
        day = min(invoice.invoice_date + timedelta(days=rng.randint(3, 40)), today)
        defaults.append(
            {
                "invoice_date": day,
                "date": day,
                "ref": f"Credit note for {invoice.name}: goods returned",
                "invoice_user_id": invoice.invoice_user_id.id,
                "team_id": invoice.team_id.id,
            }
        )
    # cancel=True posts the credit notes and reconciles them with their invoice.
    refunded._reverse_moves(defaults, cancel=True)
    return invoices


def _opportunity_outcome(rng, created, now):
    """(outcome, closing moment): old deals are mostly closed, recent ones mostly open."""
    age = (now - created).days
    won_share, lost_share = (0.42, 0.38) if age > 45 else (0.25, 0.2) if age > 14 else (0.08, 0.07)
    draw = rng.random()
    outcome = "won" if draw < won_share else "lost" if draw < won_share + lost_share else "open"
    span = min(now - timedelta(hours=1) - created, timedelta(days=60))
    closed = created + span * rng.uniform(0.2, 1.0)
    return outcome, closed.replace(microsecond=0)


def _create_opportunities(env, rng, company, teams, customers, products, now):
    """Three to five opportunities per rep and month; dates put back in history by SQL."""
    open_stages = env["crm.stage"].search([("is_won", "=", False), ("team_id", "=", False)])
    reasons = env["crm.lost.reason"].search([])
    vals_list, history = [], []
    for month in range(MONTHS):
        for team_name, team in teams.items():
            size = TEAMS[team_name][2]
            for rep in team.member_ids.sorted("login"):
                for _i in range(rng.randint(3, 5)):
                    partner = rng.choice(customers[team_name])
                    product = rng.choice(products)
                    created = _moment(rng, now, month)
                    outcome, closed = _opportunity_outcome(rng, created, now)
                    # Most deals started as a lead that was qualified a few days later.
                    converted = None
                    if rng.random() < 0.6:
                        converted = min(created + timedelta(hours=rng.randint(2, 120)), closed)
                    vals_list.append(
                        {
                            "name": f"{product.name} for {partner.name}",
                            "type": "opportunity",
                            "partner_id": partner.id,
                            "user_id": rep.id,
                            "team_id": team.id,
                            "company_id": company.id,
                            "stage_id": rng.choice(open_stages).id,
                            "expected_revenue": round(product.list_price * size * rng.uniform(2, 8), -2),
                            "priority": rng.choice("0123"),
                        }
                    )
                    history.append(
                        {
                            "outcome": outcome,
                            "created": created,
                            "closed": closed if outcome != "open" else None,
                            "converted": converted,
                            "reason": rng.choice(reasons),
                        }
                    )
    leads = env["crm.lead"].create(vals_list)
    outcomes = list(zip(leads, history, strict=True))
    leads.browse([lead.id for lead, h in outcomes if h["outcome"] == "won"]).action_set_won()
    for reason in reasons:
        lost = [lead.id for lead, h in outcomes if h["outcome"] == "lost" and h["reason"] == reason]
        leads.browse(lost).action_set_lost(lost_reason_id=reason.id)
    _backdate_leads(env, leads, history)
    return leads


def _backdate_leads(env, leads, history):
    """Creation, closing and conversion dates are set by the ORM to 'now': one UPDATE puts
    them on the business dates, as if the leads had been entered back then."""
    env.flush_all()
    env.cr.execute(
        SQL(
            """
            UPDATE crm_lead AS lead
               SET create_date = v.created, date_open = v.created, date_closed = v.closed,
                   date_conversion = v.converted, date_last_stage_update = COALESCE(v.closed, v.created)
              FROM unnest(%s::int[], %s::timestamp[], %s::timestamp[], %s::timestamp[])
                   AS v(id, created, closed, converted)
             WHERE lead.id = v.id
            """,
            leads.ids,
            [h["created"] for h in history],
            [h["closed"] for h in history],
            [h["converted"] for h in history],
        )
    )
    leads.invalidate_recordset()
    # Days to assign / to close are stored computes of those dates.
    leads._compute_day_open()
    leads._compute_day_close()


# =========================================================================== goals
def _round_target(value):
    """Two significant figures: targets people would actually set."""
    if value <= 0:
        return 0.0
    step = 10 ** max(math.floor(math.log10(value)) - 1, 0)
    return float(round(value / step) * step)


def _current_periods(env, company, today):
    Period = env["sales.performance.period"]
    Period._generate_fiscal_year(company, today - relativedelta(years=1))
    Period._generate_fiscal_year(company, today)
    domain = [("company_id", "=", company.id), ("date_start", "<=", today), ("date_end", ">=", today)]
    return [Period.search([*domain, ("period_type", "=", ptype)], limit=1) for ptype in ("quarter", "month")]


def _baseline(env, kpi, period):
    """{(scope, owner id): actual} of ``kpi`` in the period before ``period``."""
    previous = period._previous_periods(1)
    if not previous:
        return {}
    return kpi._measure(previous)[previous.id]


def _cascade(env, parent, method, keep_teams=None):
    """Split ``parent`` with the decomposition wizard, as a manager would in the UI."""
    wizard = (
        env["sales.performance.goal.decompose"]
        .with_context(default_parent_goal_id=parent.id)
        .create({"method": method, "history_periods": 3})
    )
    if keep_teams is not None:
        # Odoo's own demo teams (Sales, Pre-Sales) get no share of the demo goals.
        wizard.line_ids.filtered(lambda line: line.team_id not in keep_teams).unlink()
    wizard.action_compute()
    wizard.action_apply()
    return parent.child_ids


def _create_goals(env, company, teams, now):
    """Company revenue goal cascaded to teams and reps, plus each rep's scorecard."""
    Goal = env["sales.performance.goal"]
    kpi = {xmlid: env.ref(f"sales_performance.{xmlid}") for xmlid in REP_WEIGHTS}
    our_teams = env["crm.team"].union(*teams.values())
    for period in _current_periods(env, company, now.date()):
        revenue = _baseline(env, kpi["kpi_revenue"], period)
        last = sum(revenue.get(("team", team.id), 0.0) for team in our_teams)
        company_goal = Goal.create(
            {
                "period_id": period.id,
                "kpi_id": kpi["kpi_revenue"].id,
                "scope": "company",
                "target": _round_target(last * 1.1),
                "note": "<p>Last period's revenue plus 10%: the growth promised in the annual plan.</p>",
            }
        )
        team_goals = _cascade(env, company_goal, "historical", keep_teams=our_teams)
        # Quarters follow each rep's track record; months are split evenly.
        method = "historical" if period.period_type == "quarter" else "equal"
        rep_goals = Goal.browse()
        for team_goal in team_goals:
            rep_goals |= _cascade(env, team_goal, method)
            if period.period_type == "quarter" and team_goal.team_id.name in SWOT:
                team_goal.write(SWOT[team_goal.team_id.name])
        rep_goals.weight = REP_WEIGHTS["kpi_revenue"]
        Goal.create(_rep_scorecard_vals(env, period, kpi, rep_goals))


def _rep_scorecard_vals(env, period, kpi, revenue_goals):
    """The other KPIs of each rep's scorecard, targets from the previous period."""
    baselines = {xmlid: _baseline(env, record, period) for xmlid, record in kpi.items()}
    quarter = period.period_type == "quarter"
    vals_list = []
    for goal in revenue_goals:
        key = ("user", goal.user_id.id)

        def last(xmlid, key=key):
            return baselines[xmlid].get(key, 0.0)

        targets = {
            "kpi_margin": _round_target(max(last("kpi_margin") * 1.05, goal.target * 0.25)),
            # New logos are rare: one a month, two a quarter is already a stretch.
            "kpi_new_customer_count": 2.0 if quarter else 1.0,
            "kpi_win_rate": float(min(75, max(30, 5 * round(last("kpi_win_rate") / 5) + 5))),
            "kpi_pipeline_created": _round_target(max(last("kpi_pipeline_created") * 1.1, goal.target)),
        }
        vals_list += [
            {
                "period_id": period.id,
                "kpi_id": kpi[xmlid].id,
                "scope": "user",
                "user_id": goal.user_id.id,
                "team_id": goal.team_id.id,
                "target": target,
                "weight": REP_WEIGHTS[xmlid],
            }
            for xmlid, target in targets.items()
        ]
    return vals_list


# =========================================================================== the loop
def _communicate_plans(env, company, now):
    """Plans of the running periods: shared, and acknowledged by every other salesperson."""
    Plan = env["sales.performance.plan"]
    for period in _current_periods(env, company, now.date()):
        plans = Plan._create_missing_for_period(period).sorted("id")
        for index, plan in enumerate(plans):
            plan.with_user(plan.manager_id or env.user).action_share()
            if index % 2 == 0:
                plan.with_user(plan.user_id).action_acknowledge(
                    obstacles="Two key customers freeze budgets until next month.",
                    support_needed="A joint visit to the largest account.",
                )


def _evaluate_last_month(env, company, teams, now):
    """Last month as it would stand today: revenue goals, plans, evaluated reviews, some done."""
    Period = env["sales.performance.period"]
    today = now.date()
    last_month = Period.search(
        [("company_id", "=", company.id), ("period_type", "=", "month"), ("date_end", "<", today)],
        order="date_start desc",
        limit=1,
    )
    revenue = env.ref("sales_performance.kpi_revenue")
    baseline = _baseline(env, revenue, last_month)
    goals = env["sales.performance.goal"].create(
        [
            {
                "period_id": last_month.id,
                "kpi_id": revenue.id,
                "scope": "user",
                "user_id": rep.id,
                "team_id": team.id,
                "target": _round_target(max(baseline.get(("user", rep.id), 0.0), 1000.0) * 1.05),
                "weight": 100,
            }
            for team in teams.values()
            for rep in team.member_ids
        ]
    )
    if last_month.state != "open":
        # Evaluated already (by the addons' demo records): a new goal is measured only in an
        # open period, so measure these as the evaluation did, or they show no actual.
        goals._refresh_actuals(evaluating=True)
    plans = env["sales.performance.plan"]._create_missing_for_period(last_month)
    plans.action_share()
    for plan in plans:
        plan.with_user(plan.user_id).action_acknowledge()
    reps = env["res.users"].union(*(team.member_ids for team in teams.values()))
    if last_month.state == "open":
        last_month.action_start_evaluation()
    else:
        # The addons' own demo records evaluated it already (their salespeople's reviews):
        # the reviews of this build's salespeople are made as the evaluation would.
        env["sales.performance.review"]._create_for_period(last_month)
    reviews = (
        env["sales.performance.review"]
        .search([("period_id", "=", last_month.id), ("user_id", "in", reps.ids)])
        .sorted("id")
    )
    for index, review in enumerate(reviews):
        review.write({"strengths": "Steady pipeline follow-up.", "improvements": "Margin on hardware deals."})
        review.action_share()
        if index % 3 != 2:
            review.with_user(review.user_id).action_acknowledge("A good month; the hardware margin is on my list.")
    return last_month


def _account(env, company, name, account_type, code):
    """The company's account of that name, made with the first free code from ``code``."""
    accounts = env["account.account"].with_company(company)
    account = accounts.search([("name", "=", name), ("account_type", "=", account_type)], limit=1)
    if account:
        return account
    while accounts.search_count([("code", "=", str(code))]):
        code += 1
    return accounts.create({"name": name, "code": str(code), "account_type": account_type})


def _create_incentives(env, company, teams, period):
    """An approved plan for every rep, last month's statements (approved), one award rule."""
    company.write(
        {
            "incentive_expense_account_id": _account(env, company, "Sales Commissions", "expense", 620900).id,
            "incentive_payable_account_id": _account(
                env, company, "Commissions Payable", "liability_current", 215900
            ).id,
            "incentive_journal_id": env["account.journal"]
            .search([("type", "=", "general"), ("company_id", "=", company.id)], limit=1)
            .id,
        }
    )
    # The demo accountant posts the statements.
    env["res.users"].search([("login", "=", "accountant")]).groups_id = [
        Command.link(env.ref("sales_performance_incentive.group_incentive_accountant").id)
    ]
    hardware = env["product.category"].search([("name", "=", "Hardware")], limit=1)
    reps = env["res.users"].union(*(team.member_ids for team in teams.values()))
    plan = env["sales.incentive.plan"].create(
        {
            "name": "Field sales",
            "company_id": company.id,
            "component_ids": [
                Command.create(
                    {
                        "name": "Commission",
                        "component_type": "commission",
                        "default_rate": 3,
                        "category_rate_ids": [Command.create({"categ_id": hardware.id, "rate": 5})] if hardware else [],
                    }
                ),
                Command.create(
                    {
                        "name": "Revenue bonus",
                        "component_type": "attainment_bonus",
                        "kpi_id": env.ref("sales_performance.kpi_revenue").id,
                        "target_bonus": 1000,
                        "threshold": 50,
                        "cap": 200,
                        "point_ids": [
                            Command.create({"sequence": index, "attainment": attainment, "payout": payout})
                            for index, (attainment, payout) in enumerate([(50, 25), (100, 100), (150, 200)])
                        ],
                    }
                ),
            ],
            "assignment_ids": [
                Command.create({"user_id": rep.id, "date_from": period.date_start.replace(month=1, day=1)})
                for rep in reps
            ],
        }
    )
    plan.action_approve()
    # Only this build's salespeople: the addons' demo assigns a plan to Odoo's demo user too.
    statements = env["sales.incentive.statement"]._generate(period, users=reps)
    statements.action_submit()
    for statement in statements.sorted("id")[::2]:
        statement.with_user(statement.team_id.user_id or env.user).action_approve()
    rule = env["sales.incentive.award.rule"].create(
        {"name": "Top performer", "mode": "top", "top_count": 1, "per_team": True, "company_id": company.id}
    )
    rule._apply(period)
