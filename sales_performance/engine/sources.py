"""KPI sources: each turns one KPI definition into ONE grouped query per period.

A source names the model it aggregates, the paths from that model to the date, the
salesperson, the sales team, the company, the customer and the product, a base domain
and its aggregate(s). :func:`compute_period` builds the query through Odoo's domain
machinery (``_where_calc``) and groups it with ``GROUPING SETS`` so that a single scan
answers every scope exactly (company, each team, each salesperson) -- distinct counts
included, which a sum over salespeople would get wrong.

Adding a source is one class here (decorated with :func:`register`) plus one
``sales.performance.kpi.source`` data record with the same code.
"""

from dataclasses import dataclass

from odoo.tools import SQL

SCOPE_COMPANY = "company"
SCOPE_TEAM = "team"
SCOPE_USER = "user"
ALL_SCOPES = frozenset((SCOPE_COMPANY, SCOPE_TEAM, SCOPE_USER))

SOURCES = {}


def register(cls):
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


class KpiSource:
    """Base class. Subclasses set the class attributes and :meth:`aggregates`."""

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

    def for_kpi(self, kpi):
        """The source that measures ``kpi``: this one, or its document-total twin."""
        if self.document_total_source and not kpi.product_category_ids:
            return self.document_total_source
        return self

    def base_domain(self, kpi):
        return []

    def aggregates(self, model, alias, query, kpi):
        """Return (numerator SQL, denominator SQL or None)."""
        raise NotImplementedError

    def window_aggregates(self, model, alias, query, kpi, window):
        """:meth:`aggregates` for sources that need the period's company and bounds too."""
        return self.aggregates(model, alias, query, kpi)

    # ---------------------------------------------------------------- configuration
    def get_model(self, env, kpi):
        return env[self.model]

    def company_sql(self, model, alias, query, paths):
        """SQL of the document's company, or None when the model has none."""
        return path_to_sql(model, alias, paths["company"], query) if paths["company"] else None

    def paths(self, kpi):
        return {
            "date": self.date_path,
            "user": self.user_path,
            "team": self.team_path,
            "company": self.company_path,
            "partner": self.partner_path,
            "product": self.product_path,
        }

    def is_datetime(self, kpi):
        return self.date_is_datetime

    def filter_domain(self, kpi):
        """Domain for the KPI's segment/region/category/team filters."""
        paths = self.paths(kpi)
        domain = []
        if kpi.product_category_ids:
            domain.append((f"{paths['product']}.categ_id", "child_of", kpi.product_category_ids.ids))
        if kpi.partner_category_ids:
            domain.append((f"{paths['partner']}.category_id", "in", kpi.partner_category_ids.ids))
        if kpi.country_ids:
            domain.append((f"{paths['partner']}.country_id", "in", kpi.country_ids.ids))
        if kpi.country_state_ids:
            domain.append((f"{paths['partner']}.state_id", "in", kpi.country_state_ids.ids))
        if kpi.team_ids and paths["team"]:
            domain.append((paths["team"], "in", kpi.team_ids.ids))
        return domain

    def value(self, numerator, denominator, kpi):
        if denominator is None:
            return float(numerator or 0.0)
        if not denominator:
            return 0.0
        return self.ratio_factor * float(numerator or 0.0) / float(denominator)


def compute_period(env, source, kpi, window, scopes=ALL_SCOPES):
    """Run the grouped query of ``kpi`` over one period.

    Returns ``{(scope, id): value}`` for the company, every team and every salesperson that
    has data, or for the ``scopes`` asked only (with salesperson goals only, a plain GROUP BY:
    invoiced revenue at the large bench size took 24 ms instead of about 40); scopes without
    data are absent (their actual is 0).
    """
    source = source.for_kpi(kpi)
    model = source.get_model(env, kpi)
    paths = source.paths(kpi)
    domain = source.base_domain(kpi) + source.filter_domain(kpi)
    query = model._where_calc(domain, active_test=source.active_test)
    alias = query.table
    date_sql = path_to_sql(model, alias, paths["date"], query)
    start, end = (window.utc_start, window.utc_end) if source.is_datetime(kpi) else (window.date_start, window.date_end)
    end_op = SQL("<") if source.is_datetime(kpi) else SQL("<=")
    query.add_where(SQL("%s >= %s AND %s %s %s", date_sql, start, date_sql, end_op, end))
    company_sql = (
        path_to_sql(model, alias, paths["company"], query) if paths["company"] else SQL("%s", window.company_id)
    )
    if paths["company"]:
        query.add_where(SQL("%s = %s", company_sql, window.company_id))
    user_sql = path_to_sql(model, alias, paths["user"], query)
    team_sql = path_to_sql(model, alias, paths["team"], query) if paths["team"] else SQL("NULL::int")
    numerator, denominator = source.window_aggregates(model, alias, query, kpi, window)
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
        value = source.value(num, den if has_denominator else None, kpi)
        if team_grouped_out and user_grouped_out:
            result[(SCOPE_COMPANY, window.company_id)] = value
        elif not team_grouped_out and team_id:
            result[(SCOPE_TEAM, team_id)] = value
        elif not user_grouped_out and user_id:
            result[(SCOPE_USER, user_id)] = value
    return result


def company_amount(model, alias, query, amount_path, rate_path):
    """Amount in company currency from a document amount and the document's rate.

    ``sale.order.currency_rate`` is the order currency per unit of company currency at
    the order date, so dividing converts back; a missing rate counts as 1.
    """
    amount = path_to_sql(model, alias, amount_path, query)
    rate = path_to_sql(model, alias, rate_path, query)
    return SQL("%s / COALESCE(NULLIF(%s, 0), 1.0)", amount, rate)


# ===================================================================== sales orders
class _SaleLineSource(KpiSource):
    """Lines of confirmed sale orders, by order date (company timezone)."""

    model = "sale.order.line"
    date_path = "order_id.date_order"
    user_path = "order_id.user_id"
    team_path = "order_id.team_id"
    company_path = "company_id"
    partner_path = "order_id.partner_id.commercial_partner_id"
    product_path = "product_id"

    def base_domain(self, kpi):
        return [("state", "=", "sale"), ("display_type", "=", False), ("is_downpayment", "=", False)]


@register
class RevenueSource(_SaleLineSource):
    """Untaxed amount of confirmed sale order lines, converted to company currency."""

    code = "revenue"

    def aggregates(self, model, alias, query, kpi):
        amount = company_amount(model, alias, query, "price_subtotal", "order_id.currency_rate")
        return SQL("COALESCE(SUM(%s), 0)", amount), None


@register
class MarginSource(_SaleLineSource):
    """Gross margin (sale_margin) of confirmed sale order lines, in company currency."""

    code = "margin"

    def aggregates(self, model, alias, query, kpi):
        amount = company_amount(model, alias, query, "margin", "order_id.currency_rate")
        return SQL("COALESCE(SUM(%s), 0)", amount), None


class _SaleOrderSource(KpiSource):
    """Confirmed sale orders, by order date (company timezone)."""

    model = "sale.order"
    date_path = "date_order"
    user_path = "user_id"
    team_path = "team_id"
    partner_path = "partner_id.commercial_partner_id"
    product_path = "order_line.product_id"

    def base_domain(self, kpi):
        # A category filter (through order_line.product_id) keeps the orders holding at least
        # one line of the category.
        return [("state", "=", "sale")]


class _OrderTotalSource(_SaleOrderSource):
    """Sum of a stored order total (order currency) converted to company currency: the twin of
    a sale order line source for KPIs without a product category filter.

    ``amount_untaxed`` is the sum of the order's lines (down payment lines are 0 on the order;
    under "round globally" the order total is the rounded sum, where the lines are rounded one
    by one: the order's figure, as printed, is the one kept); ``margin`` (sale_margin) is the
    sum of the lines' margins.
    """

    total_field = None

    def aggregates(self, model, alias, query, kpi):
        amount = company_amount(model, alias, query, self.total_field, "currency_rate")
        return SQL("COALESCE(SUM(%s), 0)", amount), None


class OrderRevenueSource(_OrderTotalSource):
    code = "revenue"
    total_field = "amount_untaxed"


class OrderMarginSource(_OrderTotalSource):
    code = "margin"
    total_field = "margin"


RevenueSource.document_total_source = OrderRevenueSource()
MarginSource.document_total_source = OrderMarginSource()


@register
class OrderCountSource(_SaleOrderSource):
    code = "order_count"

    def aggregates(self, model, alias, query, kpi):
        return SQL("COUNT(%s)", SQL.identifier(alias, "id")), None


@register
class AverageOrderValueSource(_SaleOrderSource):
    """Untaxed order amount (company currency) divided by the number of orders."""

    code = "average_order_value"

    def aggregates(self, model, alias, query, kpi):
        amount = company_amount(model, alias, query, "amount_untaxed", "currency_rate")
        return SQL("COALESCE(SUM(%s), 0)", amount), SQL("COUNT(%s)", SQL.identifier(alias, "id"))


@register
class CustomerCountSource(_SaleOrderSource):
    """Distinct customers (commercial entities) with a confirmed order in the period."""

    code = "customer_count"

    def aggregates(self, model, alias, query, kpi):
        partner = path_to_sql(model, alias, self.partner_path, query)
        return SQL("COUNT(DISTINCT %s)", partner), None


def _first_order_condition(model, alias, query, window):
    """SQL: the order is its customer's first-ever confirmed order in the company.

    Customer = commercial entity; ties on the same instant are broken by id. The check is
    unfiltered on purpose: a customer's first order in another category is still earlier.

    The period's first orders are found once, by one anti-join against the company's earlier
    orders, and joined to the orders by id. A NOT EXISTS per order inside the aggregate's
    FILTER ran as a subplan per row and grouping set, and its cost estimate crossed PostgreSQL's
    JIT threshold: at 17,000 orders a period the JIT compilation alone took about a second.
    """
    first_orders = SQL(
        """(
            SELECT first_order.id
              FROM sale_order first_order
              JOIN res_partner first_partner ON first_partner.id = first_order.partner_id
             WHERE first_order.state = 'sale'
               AND first_order.company_id = %(company)s
               AND first_order.date_order >= %(start)s
               AND first_order.date_order < %(end)s
               AND NOT EXISTS (
                   SELECT 1
                     FROM sale_order earlier
                     JOIN res_partner earlier_partner ON earlier_partner.id = earlier.partner_id
                    WHERE earlier.state = 'sale'
                      AND earlier.company_id = first_order.company_id
                      AND earlier_partner.commercial_partner_id = first_partner.commercial_partner_id
                      AND (earlier.date_order, earlier.id) < (first_order.date_order, first_order.id)
               )
        )""",
        company=window.company_id,
        start=window.utc_start,
        end=window.utc_end,
    )
    first_alias = query.make_alias(alias, "first_order")
    query.add_join(
        "LEFT JOIN",
        first_alias,
        first_orders,
        SQL("%s = %s", SQL.identifier(first_alias, "id"), SQL.identifier(alias, "id")),
    )
    return SQL("%s IS NOT NULL", SQL.identifier(first_alias, "id"))


@register
class NewCustomerSource(_SaleOrderSource):
    """Customers whose first-ever confirmed order (in the company) falls in the period,
    credited to the salesperson and team of that first order."""

    code = "new_customer_count"

    def window_aggregates(self, model, alias, query, kpi, window):
        partner = path_to_sql(model, alias, self.partner_path, query)
        first = _first_order_condition(model, alias, query, window)
        return SQL("COUNT(DISTINCT %s) FILTER (WHERE %s)", partner, first), None


@register
class NewCustomerRateSource(_SaleOrderSource):
    """New customers / distinct customers of the period, in percent."""

    code = "new_customer_rate"
    ratio_factor = 100.0

    def window_aggregates(self, model, alias, query, kpi, window):
        partner = path_to_sql(model, alias, self.partner_path, query)
        first = _first_order_condition(model, alias, query, window)
        return (
            SQL("COUNT(DISTINCT %s) FILTER (WHERE %s)", partner, first),
            SQL("COUNT(DISTINCT %s)", partner),
        )


# ===================================================================== invoices
@register
class InvoicedRevenueSource(KpiSource):
    """Posted customer invoices minus credit notes (product lines, untaxed), by invoice
    date, in company currency (the journal item balance)."""

    code = "invoiced_revenue"
    model = "account.move.line"
    date_path = "move_id.invoice_date"
    date_is_datetime = False
    user_path = "move_id.invoice_user_id"
    team_path = "move_id.team_id"
    company_path = "company_id"
    partner_path = "move_id.commercial_partner_id"
    product_path = "product_id"

    def base_domain(self, kpi):
        return [
            ("parent_state", "=", "posted"),
            ("move_id.move_type", "in", ("out_invoice", "out_refund")),
            ("display_type", "=", "product"),
        ]

    def aggregates(self, model, alias, query, kpi):
        # Income lines are credits: -balance is positive for invoices, negative for refunds.
        return SQL("COALESCE(SUM(-%s), 0)", SQL.identifier(alias, "balance")), None


class InvoiceTotalSource(KpiSource):
    """Twin of :class:`InvoicedRevenueSource` without a category filter: the invoices' stored
    untaxed amount in company currency, signed (negative for credit notes), as Odoo sums it from
    their product lines -- and from a cash rounding added as its own line, which has no product
    and so never counts for a category."""

    code = "invoiced_revenue"
    model = "account.move"
    date_path = "invoice_date"
    date_is_datetime = False
    user_path = "invoice_user_id"
    team_path = "team_id"
    company_path = "company_id"
    partner_path = "commercial_partner_id"
    product_path = None

    def base_domain(self, kpi):
        return [("state", "=", "posted"), ("move_type", "in", ("out_invoice", "out_refund"))]

    def aggregates(self, model, alias, query, kpi):
        return SQL("COALESCE(SUM(%s), 0)", SQL.identifier(alias, "amount_untaxed_signed")), None


InvoicedRevenueSource.document_total_source = InvoiceTotalSource()


# ===================================================================== CRM
class _OpportunitySource(KpiSource):
    model = "crm.lead"
    user_path = "user_id"
    team_path = "team_id"
    partner_path = "partner_id.commercial_partner_id"
    product_path = None

    def filter_domain(self, kpi):
        if kpi.product_category_ids:
            return [("id", "=", 0)]  # leads carry no products: a category KPI counts nothing
        return super().filter_domain(kpi)


@register
class OpportunitiesWonSource(_OpportunitySource):
    """Opportunities in a won stage, by closing date."""

    code = "opportunities_won"
    date_path = "date_closed"

    def base_domain(self, kpi):
        return [("type", "=", "opportunity"), ("stage_id.is_won", "=", True)]

    def aggregates(self, model, alias, query, kpi):
        return SQL("COUNT(%s)", SQL.identifier(alias, "id")), None


@register
class WinRateSource(_OpportunitySource):
    """Won / closed (won + lost) opportunities closed in the period, in percent.

    Lost is Odoo's definition: archived with probability 0.
    """

    code = "win_rate"
    date_path = "date_closed"
    active_test = False
    ratio_factor = 100.0

    def base_domain(self, kpi):
        return [
            ("type", "=", "opportunity"),
            "|",
            "&",
            ("active", "=", True),
            ("stage_id.is_won", "=", True),
            "&",
            ("active", "=", False),
            ("probability", "=", 0),
        ]

    def aggregates(self, model, alias, query, kpi):
        won = path_to_sql(model, alias, "stage_id.is_won", query)
        return (
            SQL(
                "COUNT(%s) FILTER (WHERE %s AND %s)", SQL.identifier(alias, "id"), SQL.identifier(alias, "active"), won
            ),
            SQL("COUNT(%s)", SQL.identifier(alias, "id")),
        )


@register
class PipelineCreatedSource(_OpportunitySource):
    """Expected revenue (company currency) of opportunities created in the period,
    whatever became of them since."""

    code = "pipeline_created"
    date_path = "create_date"
    active_test = False

    def base_domain(self, kpi):
        return [("type", "=", "opportunity")]

    def aggregates(self, model, alias, query, kpi):
        return SQL("COALESCE(SUM(%s), 0)", SQL.identifier(alias, "expected_revenue")), None


@register
class LeadsQualifiedSource(_OpportunitySource):
    """Leads converted to opportunities in the period (by conversion date)."""

    code = "leads_qualified"
    date_path = "date_conversion"
    active_test = False

    def base_domain(self, kpi):
        return [("type", "=", "opportunity"), ("date_conversion", "!=", False)]

    def aggregates(self, model, alias, query, kpi):
        return SQL("COUNT(%s)", SQL.identifier(alias, "id")), None


# ===================================================================== activities
@register
class ActivitiesDoneSource(KpiSource):
    """Activities marked done (the chatter message each one leaves), by the user who did
    it; team = that user's main sales team; company = the company of the record the activity
    was on (that user's company for records without one)."""

    code = "activities_done"
    model = "mail.message"
    date_path = "date"
    user_path = "create_uid"
    team_path = "create_uid.sale_team_id"
    company_path = "create_uid.company_id"
    partner_path = None
    product_path = None

    def base_domain(self, kpi):
        return [("mail_activity_type_id", "!=", False), ("message_type", "=", "notification")]

    def company_sql(self, model, alias, query, paths):
        # The company of the record the activity was on; the user's company when it has none.
        return SQL(
            "COALESCE(%s, %s)",
            SQL.identifier(alias, "record_company_id"),
            super().company_sql(model, alias, query, paths),
        )

    def filter_domain(self, kpi):
        if kpi.product_category_ids or kpi.partner_category_ids or kpi.country_ids or kpi.country_state_ids:
            return [("id", "=", 0)]  # no customer or product on an activity
        return super().filter_domain(kpi)

    def aggregates(self, model, alias, query, kpi):
        return SQL("COUNT(%s)", SQL.identifier(alias, "id")), None


# ===================================================================== customer feedback
FEEDBACK_POSITIVE = "positive"
FEEDBACK_NEUTRAL = "neutral"
FEEDBACK_NEGATIVE = "negative"


@register
class PositiveFeedbackShareSource(KpiSource):
    """Positive customer feedback / all feedback logged in the period, in percent, by
    feedback date; credited to the feedback's salesperson and sales team. Feedback a
    salesperson logged about themselves does not count."""

    code = "positive_feedback_share"
    model = "sales.performance.feedback"
    date_path = "date"
    user_path = "salesperson_id"
    team_path = "team_id"
    company_path = "company_id"
    partner_path = "partner_id.commercial_partner_id"
    product_path = None
    ratio_factor = 100.0

    def filter_domain(self, kpi):
        if kpi.product_category_ids:
            return [("id", "=", 0)]  # feedback carries no products: a category KPI counts nothing
        return super().filter_domain(kpi)

    def aggregates(self, model, alias, query, kpi):
        logged_by, about = SQL.identifier(alias, "create_uid"), SQL.identifier(alias, "salesperson_id")
        query.add_where(SQL("%s IS DISTINCT FROM %s", logged_by, about))
        rating = path_to_sql(model, alias, "rating", query)
        record = SQL.identifier(alias, "id")
        return (
            SQL("COUNT(%s) FILTER (WHERE %s = %s)", record, rating, FEEDBACK_POSITIVE),
            SQL("COUNT(%s)", record),
        )


# ===================================================================== generic
GENERIC_COUNT = "count"
GENERIC_SUM = "sum"
GENERIC_RATIO = "ratio"


@register
class GenericSource(KpiSource):
    """Any model: date field + salesperson field (+ team field) + count, sum(field) or a
    ratio of two measures, within a domain. Fields are checked against the model when the
    KPI is saved; the domain goes through Odoo's domain machinery."""

    code = "generic"

    def get_model(self, env, kpi):
        return env[kpi.generic_model_id.model]

    def paths(self, kpi):
        model = kpi.env[kpi.generic_model_id.model]
        return {
            "date": kpi.generic_date_field_id.name,
            "user": kpi.generic_user_field_id.name,
            "team": kpi.generic_team_field_id.name or None,
            "company": "company_id" if "company_id" in model._fields and model._fields["company_id"].store else None,
            "partner": kpi.generic_partner_field_id.name or None,
            "product": None,
        }

    def is_datetime(self, kpi):
        return kpi.generic_date_field_id.ttype == "datetime"

    def base_domain(self, kpi):
        return kpi._generic_domain()

    def filter_domain(self, kpi):
        if kpi.product_category_ids:
            return [("id", "=", 0)]
        if not self.paths(kpi)["partner"] and (kpi.partner_category_ids or kpi.country_ids or kpi.country_state_ids):
            return [("id", "=", 0)]
        return super().filter_domain(kpi)

    def _measure(self, model, alias, query, field_name, condition=None):
        target = SQL.identifier(alias, "id")
        if field_name:
            expr = path_to_sql(model, alias, field_name, query)
            aggregate = SQL("SUM(%s)", expr)
        else:
            aggregate = SQL("COUNT(%s)", target)
        if condition is not None:
            aggregate = SQL("%s FILTER (WHERE %s)", aggregate, condition)
        return SQL("COALESCE(%s, 0)", aggregate)

    def aggregates(self, model, alias, query, kpi):
        numerator_field = kpi.generic_measure_field_id.name if kpi.generic_aggregate != GENERIC_COUNT else None
        condition = None
        numerator_domain = kpi._generic_numerator_domain()
        if numerator_domain:
            subquery = model.with_context(active_test=False)._search(numerator_domain)
            condition = SQL("%s IN %s", SQL.identifier(alias, "id"), subquery.subselect())
        numerator = self._measure(model, alias, query, numerator_field, condition)
        if kpi.generic_aggregate != GENERIC_RATIO:
            return numerator, None
        denominator = self._measure(model, alias, query, kpi.generic_denominator_field_id.name or None)
        return numerator, denominator

    def value(self, numerator, denominator, kpi):
        value = super().value(numerator, denominator, kpi)
        return value * (kpi.generic_ratio_factor or 1.0) if denominator is not None else value


def compute(env, kpi, windows, scopes=ALL_SCOPES):
    """Values of ``kpi`` for several periods: ``{period_id: {(scope, id): value}}``.

    One query per period; sources are stateless and read their settings from ``kpi``.
    """
    if not scopes:
        raise ValueError("compute() needs at least one scope")
    source = get_source(kpi.source_code)
    env.flush_all()  # raw SQL below: pending ORM writes must reach the database first
    return {window.period_id: compute_period(env, source, kpi, window, scopes) for window in windows}
