# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

from .sales_performance_integrity_mixin import ensure_one_record


class SalesPerformanceFeedbackMixin(models.AbstractModel):
    """Customer feedback on a business document (order, opportunity): count and actions.

    The inheriting model sets ``_performance_feedback_field``, the feedback's many2one to it.
    """

    _name = "sales.performance.feedback.mixin"
    _description = "Customer Feedback on a Document"
    _performance_feedback_field = None

    # ------------------------------------------------------------------ fields
    performance_feedback_count = fields.Integer(
        compute="_compute_performance_feedback_count",
        string="Customer Feedback Count",
        groups="sales_performance.group_sales_performance_user",
    )

    # ------------------------------------------------------------------ compute
    def _compute_performance_feedback_count(self):
        """Feedback the current user may see."""
        link = self._performance_feedback_field
        counts = {}
        if self.ids:
            groups = self.env["sales.performance.feedback"]._read_group([(link, "in", self.ids)], [link], ["__count"])
            counts = {record.id: count for record, count in groups}
        for record in self:
            record.performance_feedback_count = counts.get(record.id, 0)

    # ------------------------------------------------------------------ actions
    def action_log_performance_feedback(self):
        """A new feedback on this document: customer, salesperson and team come from it."""
        ensure_one_record(self)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log Customer Feedback"),
            "res_model": "sales.performance.feedback",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {f"default_{self._performance_feedback_field}": self.id},
        }

    def action_view_performance_feedback(self):
        ensure_one_record(self)
        link = self._performance_feedback_field
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_performance.sales_performance_feedback_action")
        action["domain"] = [(link, "=", self.id)]
        action["context"] = {f"default_{link}": self.id}
        return action
