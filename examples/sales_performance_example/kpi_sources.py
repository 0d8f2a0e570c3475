# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""A KPI source: one class registered with the engine, plus one ``sales.performance.kpi.source``
record with the same code (data/sales_performance_kpi_source_data.xml).

The engine builds one grouped query per period from the class's paths and aggregates and
answers every scope at once (company, teams, salespeople); a KPI on this source then works
everywhere a built-in one does: goals, pace, reviews, attainment bonuses.
"""

from odoo.tools import SQL

from odoo.addons.sales_performance.engine.sources import KpiSource, register


@register
class DiscountRateSource(KpiSource):
    """The discount given on confirmed sale order lines: list price given away over the list
    price of the lines, in percent, by order date, in company currency. Lower is better."""

    code = "discount_rate"
    model = "sale.order.line"
    date_path = "order_id.date_order"
    user_path = "order_id.user_id"
    team_path = "order_id.team_id"
    company_path = "company_id"
    partner_path = "order_id.partner_id.commercial_partner_id"
    product_path = "product_id"
    ratio_factor = 100.0

    def base_domain(self, spec):
        return [("state", "=", "sale"), ("display_type", "=", False), ("is_downpayment", "=", False)]

    def aggregates(self, model, alias, query, spec):
        # The lines' price before discount, in company currency (the order's rate converts back).
        order = query.left_join(alias, "order_id", "sale_order", "id", "order_id")
        list_price = SQL(
            "%s * %s / COALESCE(NULLIF(%s, 0), 1.0)",
            SQL.identifier(alias, "price_unit"),
            SQL.identifier(alias, "product_uom_qty"),
            SQL.identifier(order, "currency_rate"),
        )
        given = SQL("%s * %s / 100.0", list_price, SQL.identifier(alias, "discount"))
        return SQL("COALESCE(SUM(%s), 0)", given), SQL("SUM(%s)", list_price)
