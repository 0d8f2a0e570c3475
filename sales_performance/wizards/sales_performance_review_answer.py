# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

from ..models.sales_performance_integrity_mixin import ensure_one_record

REVIEW_ANSWER_MODES = [
    ("acknowledge", "Acknowledge"),
    ("dispute", "Dispute"),
    ("answer", "Answer the dispute"),
    ("reopen", "Back to assessment"),
    ("force_close", "Force the closing"),
]


class SalesPerformanceReviewAnswer(models.TransientModel):
    """The words that go with a review transition (and the reason for a forced closing)."""

    _name = "sales.performance.review.answer"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Answer on a Performance Review"

    # ------------------------------------------------------------------ fields
    review_id = fields.Many2one("sales.performance.review", ondelete="cascade")
    period_id = fields.Many2one("sales.performance.period", ondelete="cascade")
    mode = fields.Selection(REVIEW_ANSWER_MODES, required=True)
    text = fields.Text(string="Comment")

    # ------------------------------------------------------------------ actions
    def action_confirm(self):
        ensure_one_record(self)
        if self.mode == "acknowledge":
            self.review_id.action_acknowledge(self.text)
        elif self.mode == "dispute":
            self.review_id.action_dispute(self.text)
        elif self.mode == "answer":
            self.review_id.action_answer_dispute(self.text)
        elif self.mode == "reopen":
            self.review_id.action_back_to_draft(self.text)
        else:
            self.period_id.action_close(force_reason=self.text)
        return {"type": "ir.actions.act_window_close"}
