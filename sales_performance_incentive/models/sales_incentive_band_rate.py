# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class SalesIncentiveBandRate(models.Model):
    """What a rating bonus pays for one rating band: a fixed amount plus a share of the target."""

    _name = "sales.incentive.band.rate"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Bonus by Rating"

    # ------------------------------------------------------------------ fields
    component_id = fields.Many2one("sales.incentive.component", required=True, ondelete="cascade")
    band_id = fields.Many2one("sales.performance.rating.band", string="Rating", required=True)
    fixed_amount = fields.Float()
    target_percent = fields.Float(string="% of Target Bonus")

    # ------------------------------------------------------------------ constraints
    _sql_constraints = [
        ("fixed_amount_positive", "CHECK (fixed_amount >= 0)", "Fixed Amount: a bonus cannot be negative."),
        ("target_percent_positive", "CHECK (target_percent >= 0)", "% of Target Bonus: cannot be negative."),
    ]
