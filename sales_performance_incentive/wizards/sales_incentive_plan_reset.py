# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

from odoo.addons.sales_performance.models.sales_performance_integrity_mixin import ensure_one_record


class SalesIncentivePlanReset(models.TransientModel):
    """Why an approved plan goes back to draft: the reason stays in the plan's chatter."""

    _name = "sales.incentive.plan.reset"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Reset an Incentive Plan to Draft"

    # ------------------------------------------------------------------ fields
    plan_id = fields.Many2one("sales.incentive.plan", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    # ------------------------------------------------------------------ actions
    def action_confirm(self):
        ensure_one_record(self)
        self.plan_id.action_reset(self.reason)
        return {"type": "ir.actions.act_window_close"}
