# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Sources over sales orders and their lines (confirmed orders, by order date)."""

from odoo.tools import SQL

from .base import KpiSource, company_amount, path_to_sql, register


class _SaleLineSource(KpiSource):
    """Lines of confirmed sale orders, by order date (company timezone)."""

    model = "sale.order.line"
    date_path = "order_id.date_order"
    user_path = "order_id.user_id"
    team_path = "order_id.team_id"
    company_path = "company_id"
    partner_path = "order_id.partner_id.commercial_partner_id"
    product_path = "product_id"

    def base_domain(self, spec):
        return [("state", "=", "sale"), ("display_type", "=", False), ("is_downpayment", "=", False)]


@register
class RevenueSource(_SaleLineSource):
    """Untaxed amount of confirmed sale order lines, converted to company currency."""

    code = "revenue"

    def aggregates(self, model, alias, query, spec):
        amount = company_amount(model, alias, query, "price_subtotal", "order_id.currency_rate")
        return SQL("COALESCE(SUM(%s), 0)", amount), None


@register
class MarginSource(_SaleLineSource):
    """Gross margin (sale_margin) of confirmed sale order lines, in company currency."""

    code = "margin"

    def aggregates(self, model, alias, query, spec):
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

    def base_domain(self, spec):
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

    def aggregates(self, model, alias, query, spec):
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

    def aggregates(self, model, alias, query, spec):
        return SQL("COUNT(%s)", SQL.identifier(alias, "id")), None


@register
class AverageOrderValueSource(_SaleOrderSource):
    """Untaxed order amount (company currency) divided by the number of orders."""

    code = "average_order_value"

    def aggregates(self, model, alias, query, spec):
        amount = company_amount(model, alias, query, "amount_untaxed", "currency_rate")
        return SQL("COALESCE(SUM(%s), 0)", amount), SQL("COUNT(%s)", SQL.identifier(alias, "id"))


@register
class CustomerCountSource(_SaleOrderSource):
    """Distinct customers (commercial entities) with a confirmed order in the period."""

    code = "customer_count"

    def aggregates(self, model, alias, query, spec):
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

    def window_aggregates(self, model, alias, query, spec, window):
        partner = path_to_sql(model, alias, self.partner_path, query)
        first = _first_order_condition(model, alias, query, window)
        return SQL("COUNT(DISTINCT %s) FILTER (WHERE %s)", partner, first), None


@register
class NewCustomerRateSource(_SaleOrderSource):
    """New customers / distinct customers of the period, in percent."""

    code = "new_customer_rate"
    ratio_factor = 100.0

    def window_aggregates(self, model, alias, query, spec, window):
        partner = path_to_sql(model, alias, self.partner_path, query)
        first = _first_order_condition(model, alias, query, window)
        return (
            SQL("COUNT(DISTINCT %s) FILTER (WHERE %s)", partner, first),
            SQL("COUNT(DISTINCT %s)", partner),
        )
