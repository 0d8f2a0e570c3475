# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""An incentive component type: a ``selection_add`` on ``component_type`` and one method,
``_statement_lines_<type>(facts)``. The statements and the what-if estimate both call it."""

from odoo import fields, models

from odoo.addons.sales_performance_incentive.engine import rows


class SalesIncentiveComponent(models.Model):
    _inherit = "sales.incentive.component"

    # ------------------------------------------------------------------ fields
    component_type = fields.Selection(
        selection_add=[("accelerator", "Commission accelerator")], ondelete={"accelerator": "set default"}
    )
    accelerator_threshold = fields.Float(
        string="Accelerate Above", help="Invoiced revenue of the period above which the higher rate applies."
    )
    accelerator_rate = fields.Float(string="Rate Above (%)", help="The rate on the revenue above the threshold.")

    # ------------------------------------------------------------------ the component type
    def _statement_lines_accelerator(self, facts):
        """The default rate on the period's invoiced revenue (net of credit notes) up to the
        threshold, the higher rate on what is above it."""
        period_rows = facts.rows(rows.INVOICED)
        revenue = sum(row.base for row in period_rows)
        below = min(revenue, self.accelerator_threshold)
        above = revenue - below
        amount = (below * self.default_rate + above * self.accelerator_rate) / 100.0
        trace = [
            {"base": below, "rate": self.default_rate},
            {"base": above, "rate": self.accelerator_rate},
            {"revenue": revenue, "amount": amount},
        ]
        return [
            self._prepare_statement_line_vals(
                "commission",
                revenue,
                100.0 * amount / revenue if revenue else 0.0,
                amount,
                trace,
                move_line_ids=[line_id for row in period_rows for line_id in row.line_ids],
            )
        ]
