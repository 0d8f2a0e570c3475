from odoo import fields, models

from ..engine import sources


class SalesPerformanceGoalDecomposeLine(models.TransientModel):
    """One team or salesperson of a cascade, with its weight and target."""

    _name = "sales.performance.goal.decompose.line"
    _description = "Cascade a Goal: one share"

    # ------------------------------------------------------------------ fields
    wizard_id = fields.Many2one("sales.performance.goal.decompose", required=True, ondelete="cascade")
    team_id = fields.Many2one("crm.team", string="Sales Team")
    user_id = fields.Many2one("res.users", string="Salesperson")
    goal_id = fields.Many2one("sales.performance.goal", string="Existing Goal")
    history_value = fields.Float(string="Past Actuals")
    weight = fields.Float(string="Weight (%)")
    target = fields.Float()

    # ------------------------------------------------------------------ business
    def _engine_key(self):
        self.ensure_one()
        if self.user_id:
            return (sources.SCOPE_USER, self.user_id.id)
        return (sources.SCOPE_TEAM, self.team_id.id)
