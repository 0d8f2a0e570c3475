# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

from ..engine import scopes


class SalesPerformanceGoalDecomposeLine(models.TransientModel):
    """One team or salesperson of a cascade, with its weight and target."""

    _name = "sales.performance.goal.decompose.line"
    _inherit = ["sales.performance.integrity.mixin"]
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
        """The key of the share's owner in the engine's results (see ``engine.scopes``)."""
        self.ensure_one()
        company = self.wizard_id.parent_goal_id.company_id
        return scopes.owner_key(self.wizard_id.child_scope, company.id, self.team_id.id, self.user_id.id)
