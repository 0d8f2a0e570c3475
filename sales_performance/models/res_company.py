# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import scoring
from .sales_performance_plan import CHECKIN_CADENCES

DIGEST_FREQUENCIES = [("none", "No digest"), ("daily", "Daily"), ("weekly", "Weekly (Mondays)")]


class ResCompany(models.Model):
    _inherit = "res.company"

    # ------------------------------------------------------------------ fields
    performance_pace_ahead = fields.Float(
        string="Ahead of Pace From (%)",
        default=110.0,
        help="A goal whose actual reaches this share of its expected-to-date is ahead.",
    )
    performance_pace_on_track = fields.Float(
        string="On Track From (%)",
        default=95.0,
        help="A goal whose actual reaches this share of its expected-to-date is on track.",
    )
    performance_pace_at_risk = fields.Float(
        string="At Risk From (%)",
        default=75.0,
        help="Below the on-track threshold but at or above this share the goal is at risk; "
        "below it the goal is behind.",
    )
    performance_pace_min_share = fields.Float(
        string="Pace Verdict From (% of the Period)",
        default=10.0,
        help="No pace verdict (Too Early) before this share of a period's days has elapsed: a month is not "
        "behind on its first morning.",
    )
    performance_pace_min_days = fields.Integer(
        string="Pace Verdict After (days)",
        default=2,
        help="And not before this number of days of the period, whatever its length.",
    )
    performance_alert_margin = fields.Float(
        string="Alert Re-open Margin (points)",
        default=5.0,
        help="Once a goal's pace alert closed (back on track), it opens again only if the goal falls this many "
        "points under the on-track threshold, not on every dip around it.",
    )

    performance_checkin_cadence = fields.Selection(
        CHECKIN_CADENCES,
        string="Check-in Cadence",
        default="biweekly",
        required=True,
        help="How often an acknowledged plan gets a two-way check-in activity for the manager and the salesperson.",
    )
    performance_digest = fields.Selection(
        DIGEST_FREQUENCIES,
        string="Manager Digest",
        default="none",
        required=True,
        help="E-mail each team leader a table of their salespeople's attainment and pace.",
    )
    performance_digest_last_sent = fields.Date(
        readonly=True,
        copy=False,
        help="When the managers' performance digest was last sent; the next one waits for the digest period.",
    )
    performance_grace_days = fields.Integer(
        string="Evaluation Grace (days)",
        default=5,
        help="Days after a period's end before it is evaluated, so late invoices still count.",
    )
    performance_show_ranking = fields.Boolean(
        string="Show Ranking to Salespeople",
        help="Salespeople see their rank in their team on My Performance (never their colleagues' figures).",
    )

    _sql_constraints = [
        (
            "performance_pace_min_share_range",
            "CHECK (performance_pace_min_share IS NULL OR "
            "(performance_pace_min_share >= 0 AND performance_pace_min_share <= 100))",
            "Pace Verdict From (% of the Period): must be between 0 and 100.",
        ),
        (
            "performance_pace_min_days_positive",
            "CHECK (performance_pace_min_days IS NULL OR performance_pace_min_days >= 0)",
            "Pace Verdict After (days): cannot be negative.",
        ),
        (
            "performance_alert_margin_positive",
            "CHECK (performance_alert_margin IS NULL OR performance_alert_margin >= 0)",
            "Alert Re-open Margin (points): cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------------ constraints
    @api.constrains("performance_pace_ahead", "performance_pace_on_track", "performance_pace_at_risk")
    def _check_performance_pace_thresholds(self):
        for company in self:
            if not scoring.validate_thresholds(*company._performance_pace_thresholds()):
                raise ValidationError(
                    self.env._(
                        "Pace thresholds of %(company)s must be positive and decreasing: "
                        "Ahead of Pace From > On Track From > At Risk From.",
                        company=company.name,
                    )
                )

    # ------------------------------------------------------------------ business
    def _performance_pace_thresholds(self):
        self.ensure_one()
        return (self.performance_pace_ahead, self.performance_pace_on_track, self.performance_pace_at_risk)

    def _performance_tz(self):
        """Timezone in which a period's days are counted: the company's, else UTC."""
        self.ensure_one()
        return self.partner_id.tz or "UTC"
