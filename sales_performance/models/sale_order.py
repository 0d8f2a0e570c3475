# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "sales.performance.feedback.mixin"]
    _performance_feedback_field = "sale_order_id"

    # ------------------------------------------------------------------ fields
    performance_feedback_ids = fields.One2many(
        "sales.performance.feedback",
        "sale_order_id",
        string="Customer Feedback",
        groups="sales_performance.group_sales_performance_user",
    )
