from odoo import fields, models


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "sales.performance.feedback.mixin"]
    _performance_feedback_field = "lead_id"

    # ------------------------------------------------------------------ fields
    performance_feedback_ids = fields.One2many(
        "sales.performance.feedback",
        "lead_id",
        string="Customer Feedback",
        groups="sales_performance.group_sales_performance_user",
    )
