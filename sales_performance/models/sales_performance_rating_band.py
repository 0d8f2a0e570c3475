# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class SalesPerformanceRatingBand(models.Model):
    """One rating of a scale, given to scores from its lowest score up to the next band's."""

    _name = "sales.performance.rating.band"
    _description = "Rating Band"
    _inherit = ["sales.performance.integrity.mixin"]
    _order = "scale_id, min_score desc"

    # ------------------------------------------------------------------ fields
    scale_id = fields.Many2one("sales.performance.rating.scale", required=True, ondelete="cascade", index=True)
    name = fields.Char(required=True, translate=True, help="The rating, e.g. S, A, B.")
    min_score = fields.Float(string="From Score", required=True, help="The lowest score (inclusive) of this band.")
    description = fields.Char(translate=True, help="What the rating means, e.g. Outstanding.")

    # ------------------------------------------------------------------ constraints
    _sql_constraints = [("min_score_positive", "CHECK (min_score >= 0)", "From Score: must not be negative.")]
