from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    performance_feedback_ids = fields.One2many(
        "sales.performance.feedback",
        "sale_order_id",
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
                [("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"]
            )
            counts = {order.id: count for order, count in groups}
        for order in self:
            order.performance_feedback_count = counts.get(order.id, 0)

    def action_log_performance_feedback(self):
        """A new feedback on this order: customer, salesperson and team come from it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log Customer Feedback"),
            "res_model": "sales.performance.feedback",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_sale_order_id": self.id},
        }

    def action_view_performance_feedback(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_performance.sales_performance_feedback_action")
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {"default_sale_order_id": self.id}
        return action
