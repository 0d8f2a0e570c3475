# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The base of the KPI sources, their registry and the grouped query that runs them.

A source names the model it aggregates, the paths from that model to the date, the
salesperson, the sales team, the company, the customer and the product, a base domain
and its aggregate(s). :func:`compute_period` builds the query through Odoo's domain
machinery (``_where_calc``) and groups it with ``GROUPING SETS`` so that a single scan
answers every scope exactly (company, each team, each salesperson) -- distinct counts
included, which a sum over salespeople would get wrong.

The engine sees no ORM record of ours: a KPI reaches it as a :class:`KpiSpec` and a period
as a :class:`PeriodWindow`, both plain frozen values.
"""

from dataclasses import dataclass

from odoo.tools import SQL

from ..scopes import ALL_SCOPES, SCOPE_COMPANY, SCOPE_TEAM, SCOPE_USER

SOURCES = {}


def register(cls):
    """Class decorator: make the source measure the KPIs whose source record has its code."""
    SOURCES[cls.code] = cls()
    return cls


def get_source(code):
    try:
        return SOURCES[code]
    except KeyError:
        raise KeyError(f"Unknown KPI source {code!r}") from None


@dataclass(frozen=True)
class PeriodWindow:
    """What a query needs to know of a period: its company, local dates, UTC bounds."""

    period_id: int
    company_id: int
    date_start: object  # date
    date_end: object  # date, inclusive
    utc_start: object  # naive UTC datetime, inclusive
    utc_end: object  # naive UTC datetime, exclusive


@dataclass(frozen=True)
class KpiSpec:
    """What a query needs to know of a KPI: its source and its filters (ids).

    ``generic`` holds the settings of a KPI on any model (a
    :class:`~odoo.addons.sales_performance.engine.sources.generic.GenericSpec`), None otherwise.
    """

    source_code: str
    product_category_ids: tuple = ()
    partner_category_ids: tuple = ()
    country_ids: tuple = ()
    country_state_ids: tuple = ()
    team_ids: tuple = ()
    generic: object = None


def path_to_sql(model, alias, path, query):
    """SQL for a dotted many2one path from ``alias``, adding the LEFT JOINs it needs."""
    names = path.split(".")
    for name in names[:-1]:
        field = model._fields[name]
        if field.type != "many2one":
            raise ValueError(f"{model._name}.{name} is not a many2one; cannot follow {path!r}")
        comodel = model.env[field.comodel_name]
        alias = query.left_join(alias, name, comodel._table, "id", name)
        model = comodel
    return model._field_to_sql(alias, names[-1], query)


def company_amount(model, alias, query, amount_path, rate_path):
    """Amount in company currency from a document amount and the document's rate.

    ``sale.order.currency_rate`` is the order currency per unit of company currency at
    the order date, so dividing converts back; a missing rate counts as 1.
    """
    amount = path_to_sql(model, alias, amount_path, query)
    rate = path_to_sql(model, alias, rate_path, query)
    return SQL("%s / COALESCE(NULLIF(%s, 0), 1.0)", amount, rate)


class KpiSource:
    """Base class. Subclasses set the class attributes and :meth:`aggregates`.

    Every hook receives the KPI as a :class:`KpiSpec` (``spec``) and the model measured.
    """

    code = None
    model = None
    date_path = None
    date_is_datetime = True
    user_path = None
    team_path = None
    company_path = "company_id"
    partner_path = None  # customer, for segment (tags) and region (country/state) filters
    product_path = None  # product, for category filters
    active_test = True
    ratio_factor = 1.0  # 100.0 for rates shown in percent

    # A source over document lines may name a twin over the documents' stored totals: it gives
    # the same figures far cheaper (a month of 1,000 salespeople is 17,000 orders but 85,000
    # lines, which PostgreSQL can only reach by scanning the whole line table, about 0.2 s a
    # query), and is used whenever no product category filter needs the lines (customer, region
    # and team filters are on the documents too).
    document_total_source = None

    def for_kpi(self, spec):
        """The source that measures ``spec``: this one, or its document-total twin."""
        if self.document_total_source and not spec.product_category_ids:
            return self.document_total_source
        return self

    def base_domain(self, spec):
        return []

    def aggregates(self, model, alias, query, spec):
        """Return (numerator SQL, denominator SQL or None)."""
        raise NotImplementedError

    def window_aggregates(self, model, alias, query, spec, window):
        """:meth:`aggregates` for sources that need the period's company and bounds too."""
        return self.aggregates(model, alias, query, spec)

    # ---------------------------------------------------------------- configuration
    def get_model(self, env, spec):
        return env[self.model]

    def paths(self, model, spec):
        return {
            "date": self.date_path,
            "user": self.user_path,
            "team": self.team_path,
            "company": self.company_path,
            "partner": self.partner_path,
            "product": self.product_path,
        }

    def company_sql(self, model, alias, query, paths):
        """SQL of the company a document counts for, or None when the model has none (the
        documents then count for the company of every period)."""
        return path_to_sql(model, alias, paths["company"], query) if paths["company"] else None

    def is_datetime(self, spec):
        return self.date_is_datetime

    def filter_domain(self, spec, paths):
        """Domain for the KPI's segment/region/category/team filters."""
        domain = []
        if spec.product_category_ids:
            domain.append((f"{paths['product']}.categ_id", "child_of", list(spec.product_category_ids)))
        if spec.partner_category_ids:
            domain.append((f"{paths['partner']}.category_id", "in", list(spec.partner_category_ids)))
        if spec.country_ids:
            domain.append((f"{paths['partner']}.country_id", "in", list(spec.country_ids)))
        if spec.country_state_ids:
            domain.append((f"{paths['partner']}.state_id", "in", list(spec.country_state_ids)))
        if spec.team_ids and paths["team"]:
            domain.append((paths["team"], "in", list(spec.team_ids)))
        return domain

    def value(self, numerator, denominator, spec):
        if denominator is None:
            return float(numerator or 0.0)
        if not denominator:
            return 0.0
        return self.ratio_factor * float(numerator or 0.0) / float(denominator)


def compute_period(env, source, spec, window, scopes=ALL_SCOPES):
    """Run the grouped query of the KPI ``spec`` over one period.

    Returns ``{(scope, id): value}`` for the company, every team and every salesperson that
    has data, or for the ``scopes`` asked only (with salesperson goals only, a plain GROUP BY:
    invoiced revenue at the large bench size took 24 ms instead of about 40); scopes without
    data are absent (their actual is 0).
    """
    source = source.for_kpi(spec)
    model = source.get_model(env, spec)
    paths = source.paths(model, spec)
    domain = source.base_domain(spec) + source.filter_domain(spec, paths)
    query = model._where_calc(domain, active_test=source.active_test)
    alias = query.table
    date_sql = path_to_sql(model, alias, paths["date"], query)
    is_datetime = source.is_datetime(spec)
    start, end = (window.utc_start, window.utc_end) if is_datetime else (window.date_start, window.date_end)
    end_op = SQL("<") if is_datetime else SQL("<=")
    query.add_where(SQL("%s >= %s AND %s %s %s", date_sql, start, date_sql, end_op, end))
    company_sql = source.company_sql(model, alias, query, paths)
    if company_sql is not None:
        query.add_where(SQL("%s = %s", company_sql, window.company_id))
    user_sql = path_to_sql(model, alias, paths["user"], query)
    team_sql = path_to_sql(model, alias, paths["team"], query) if paths["team"] else SQL("NULL::int")
    numerator, denominator = source.window_aggregates(model, alias, query, spec, window)
    grouping_sets = {SCOPE_COMPANY: SQL("()"), SCOPE_TEAM: SQL("(%s)", team_sql), SCOPE_USER: SQL("(%s)", user_sql)}
    query.groupby = SQL(
        "GROUPING SETS (%s)",
        SQL(", ").join(grouping_sets[scope] for scope in (SCOPE_COMPANY, SCOPE_TEAM, SCOPE_USER) if scope in scopes),
    )

    def flag_and_key(scope, key):
        """SQL of (grouped-out flag, key) for a scope; a scope not asked for is always grouped out."""
        return (SQL("GROUPING(%s)", key), key) if scope in scopes else (SQL("1"), SQL("NULL::int"))

    team_flag, team_key = flag_and_key(SCOPE_TEAM, team_sql)
    user_flag, user_key = flag_and_key(SCOPE_USER, user_sql)
    sql = query.select(
        team_flag, user_flag, team_key, user_key, numerator, denominator if denominator is not None else SQL("NULL")
    )
    env.cr.execute(sql)
    has_denominator = denominator is not None
    result = {}
    for team_grouped_out, user_grouped_out, team_id, user_id, num, den in env.cr.fetchall():
        value = source.value(num, den if has_denominator else None, spec)
        if team_grouped_out and user_grouped_out:
            result[(SCOPE_COMPANY, window.company_id)] = value
        elif not team_grouped_out and team_id:
            result[(SCOPE_TEAM, team_id)] = value
        elif not user_grouped_out and user_id:
            result[(SCOPE_USER, user_id)] = value
    return result


def compute(env, spec, windows, scopes=ALL_SCOPES):
    """Values of the KPI ``spec`` for several periods: ``{period_id: {(scope, id): value}}``.

    One query per period; sources are stateless and read their settings from ``spec``.
    """
    if not scopes:
        raise ValueError("compute() needs at least one scope")
    source = get_source(spec.source_code)
    env.flush_all()  # raw SQL below: pending ORM writes must reach the database first
    return {window.period_id: compute_period(env, source, spec, window, scopes) for window in windows}
