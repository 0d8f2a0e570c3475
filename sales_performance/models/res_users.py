# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import UserError


class ResUsers(models.Model):
    _inherit = "res.users"

    # ------------------------------------------------------------------ fields
    performance_coaching_count = fields.Integer(
        compute="_compute_performance_coaching_count",
        string="Coaching Sessions Received",
        groups="sales_performance.group_sales_performance_user",
    )

    # ------------------------------------------------------------------ compute
    def _compute_performance_coaching_count(self):
        """Sessions the current user may see where these users were coached."""
        counts = {}
        if self.ids:
            groups = self.env["sales.performance.coaching"]._read_group(
                [("salesperson_id", "in", self.ids)], ["salesperson_id"], ["__count"]
            )
            counts = {user.id: count for user, count in groups}
        for user in self:
            user.performance_coaching_count = counts.get(user.id, 0)

    # ------------------------------------------------------------------ actions
    def action_view_performance_coachings(self):
        if len(self) != 1 or not isinstance(self.id, int):
            raise UserError(self.env._("Salesperson: open the coachings of one salesperson."))
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_performance.sales_performance_coaching_action")
        action["domain"] = [("salesperson_id", "=", self.id)]
        action["context"] = {"default_salesperson_id": self.id}
        return action
