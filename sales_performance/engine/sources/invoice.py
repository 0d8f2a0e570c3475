# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Sources over posted customer invoices and credit notes (by invoice date)."""

from odoo.tools import SQL

from .base import KpiSource, register


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

    def base_domain(self, spec):
        return [
            ("parent_state", "=", "posted"),
            ("move_id.move_type", "in", ("out_invoice", "out_refund")),
            ("display_type", "=", "product"),
        ]

    def aggregates(self, model, alias, query, spec):
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

    def base_domain(self, spec):
        return [("state", "=", "posted"), ("move_type", "in", ("out_invoice", "out_refund"))]

    def aggregates(self, model, alias, query, spec):
        return SQL("COALESCE(SUM(%s), 0)", SQL.identifier(alias, "amount_untaxed_signed")), None


InvoicedRevenueSource.document_total_source = InvoiceTotalSource()
