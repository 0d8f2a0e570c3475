# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

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
