# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class SalesIncentiveCurvePoint(models.Model):
    """A point of an attainment bonus's payout curve: at this attainment, this payout."""

    _name = "sales.incentive.curve.point"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Payout Curve Point"
    _order = "component_id, sequence, attainment"

    # ------------------------------------------------------------------ fields
    component_id = fields.Many2one("sales.incentive.component", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    attainment = fields.Float(string="Attainment (%)", required=True)
    payout = fields.Float(string="Payout (%)", required=True)

    # ------------------------------------------------------------------ constraints
    _sql_constraints = [
        ("attainment_positive", "CHECK (attainment >= 0)", "Attainment: a curve point cannot be negative."),
        ("payout_positive", "CHECK (payout >= 0)", "Payout: a curve point cannot be negative."),
    ]
