# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from ..models.sales_performance_integrity_mixin import ensure_one_record

ANSWER_MODES = [
    ("acknowledge", "Acknowledge"),
    ("discuss", "Request a discussion"),
    ("obstacle", "Raise an obstacle"),
    ("reopen", "Reopen"),
]


class SalesPerformancePlanAnswer(models.TransientModel):
    """One small dialog for the words that go with a plan transition."""

    _name = "sales.performance.plan.answer"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Answer on a Performance Plan"

    # ------------------------------------------------------------------ fields
    plan_id = fields.Many2one("sales.performance.plan", required=True, ondelete="cascade")
    mode = fields.Selection(ANSWER_MODES, required=True)
    obstacles = fields.Text(string="Expected Obstacles")
    support_needed = fields.Text()
    text = fields.Text(string="Comment")

    # ------------------------------------------------------------------ CRUD
    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        plan = self.env["sales.performance.plan"].browse(values.get("plan_id") or self.env.context.get("active_id"))
        values.setdefault("plan_id", plan.id)
        if plan and values.get("mode") == "acknowledge":
            values.setdefault("obstacles", plan.obstacles)
            values.setdefault("support_needed", plan.support_needed)
        return values

    # ------------------------------------------------------------------ actions
    def action_confirm(self):
        ensure_one_record(self)
        plan = self.plan_id
        if self.mode == "acknowledge":
            plan.action_acknowledge(self.obstacles, self.support_needed)
        elif self.mode == "discuss":
            plan.action_request_discussion(self.text)
        elif self.mode == "obstacle":
            plan.action_raise_obstacle(self.text)
        else:
            plan.action_reopen(self.text)
        return {"type": "ir.actions.act_window_close"}
