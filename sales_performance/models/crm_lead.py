from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    performance_feedback_ids = fields.One2many(
        "sales.performance.feedback",
        "lead_id",
        string="Customer Feedback",
        groups="sales_performance.group_sales_performance_user",
    )
    performance_feedback_count = fields.Integer(
        compute="_compute_performance_feedback_count",
        string="Customer Feedback Count",
        groups="sales_performance.group_sales_performance_user",
    )

    def _compute_performance_feedback_count(self):
        """Feedback the current user may see."""
        counts = {}
        if self.ids:
            groups = self.env["sales.performance.feedback"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
            counts = {lead.id: count for lead, count in groups}
        for lead in self:
            lead.performance_feedback_count = counts.get(lead.id, 0)

    def action_log_performance_feedback(self):
        """A new feedback on this opportunity: customer, salesperson and team come from it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log Customer Feedback"),
            "res_model": "sales.performance.feedback",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_lead_id": self.id},
        }

    def action_view_performance_feedback(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_performance.sales_performance_feedback_action")
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id}
        return action
