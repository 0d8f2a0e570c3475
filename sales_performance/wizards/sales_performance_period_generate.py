# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.sales_performance_integrity_mixin import ensure_one_record


class SalesPerformancePeriodGenerate(models.TransientModel):
    """Create the monthly, quarterly and yearly periods of a fiscal year."""

    _name = "sales.performance.period.generate"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Generate Performance Periods"

    # ------------------------------------------------------------------ fields
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    date = fields.Date(
        string="Fiscal Year Of",
        required=True,
        default=fields.Date.context_today,
        help="The periods of the fiscal year containing this date are created (the company's fiscal year end applies).",
    )
    monthly = fields.Boolean(default=True)
    quarterly = fields.Boolean(default=True)
    yearly = fields.Boolean(default=True)

    # ------------------------------------------------------------------ actions
    def action_generate(self):
        ensure_one_record(self)
        period_types = [
            ptype
            for ptype, wanted in (("month", self.monthly), ("quarter", self.quarterly), ("year", self.yearly))
            if wanted
        ]
        if not period_types:
            raise UserError(self.env._("Monthly, Quarterly, Yearly: choose at least one type of period."))
        periods = self.env["sales.performance.period"]._generate_fiscal_year(self.company_id, self.date, period_types)
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_performance.sales_performance_period_action")
        action["domain"] = [("company_id", "=", self.company_id.id)]
        if not periods:
            action["help"] = self.env._("<p>All periods of this fiscal year already exist.</p>")
        return action
