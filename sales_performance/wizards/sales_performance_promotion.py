# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import ValidationError

from ..models.sales_performance_integrity_mixin import ensure_one_record
from ..models.sales_performance_period import PERIOD_TYPES


class SalesPerformancePromotion(models.TransientModel):
    """Salespeople rated at least a given band for N periods in a row, most recent first."""

    _name = "sales.performance.promotion"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Promotion Candidates"

    # ------------------------------------------------------------------ fields
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    period_type = fields.Selection(PERIOD_TYPES, required=True, default="quarter")
    scale_id = fields.Many2one(
        "sales.performance.rating.scale",
        required=True,
        default=lambda self: self.env.ref("sales_performance.rating_scale_default", raise_if_not_found=False),
    )
    min_band_id = fields.Many2one(
        "sales.performance.rating.band", string="At Least", required=True, domain="[('scale_id', '=', scale_id)]"
    )
    consecutive = fields.Integer(string="Periods in a Row", default=3, required=True)
    candidate_ids = fields.Many2many("res.users", string="Candidates", readonly=True)

    # ------------------------------------------------------------------ actions
    def action_compute(self):
        ensure_one_record(self)
        if self.consecutive < 1:
            raise ValidationError(self.env._("Periods in a Row: must be at least 1."))
        reviews = self.env["sales.performance.review"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("period_id.period_type", "=", self.period_type),
                ("period_id.state", "=", "closed"),
            ]
        )
        self.candidate_ids = [fields.Command.set(self._candidates(reviews).ids)]
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------------ business
    def _candidates(self, reviews):
        periods = reviews.period_id.sorted("date_start", reverse=True)
        latest = periods[: self.consecutive]
        if len(latest) < self.consecutive:
            return self.env["res.users"]
        by_user = defaultdict(dict)
        for review in reviews:
            by_user[review.user_id][review.period_id] = review.score
        floor = self.min_band_id.min_score
        return self.env["res.users"].browse(
            [user.id for user, scores in by_user.items() if all(scores.get(p, -1) >= floor for p in latest)]
        )
