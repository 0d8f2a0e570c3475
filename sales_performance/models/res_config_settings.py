# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # ------------------------------------------------------------------ fields
    performance_pace_ahead = fields.Float(related="company_id.performance_pace_ahead", readonly=False)
    performance_pace_on_track = fields.Float(related="company_id.performance_pace_on_track", readonly=False)
    performance_pace_at_risk = fields.Float(related="company_id.performance_pace_at_risk", readonly=False)
    performance_pace_min_share = fields.Float(related="company_id.performance_pace_min_share", readonly=False)
    performance_pace_min_days = fields.Integer(related="company_id.performance_pace_min_days", readonly=False)
    performance_alert_margin = fields.Float(related="company_id.performance_alert_margin", readonly=False)
    performance_checkin_cadence = fields.Selection(related="company_id.performance_checkin_cadence", readonly=False)
    performance_show_ranking = fields.Boolean(related="company_id.performance_show_ranking", readonly=False)
    performance_digest = fields.Selection(related="company_id.performance_digest", readonly=False)
    performance_grace_days = fields.Integer(related="company_id.performance_grace_days", readonly=False)
