# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesIncentiveAward(models.Model):
    """Non-monetary recognition, e.g. 'Top performer Q1', optionally with a badge."""

    _name = "sales.incentive.award"
    _description = "Award"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.performance.integrity.mixin"]
    _order = "create_date desc"

    # ------------------------------------------------------------------ fields
    name = fields.Char(required=True, tracking=True)
    user_id = fields.Many2one("res.users", string="Salesperson", required=True, index=True, tracking=True)
    period_id = fields.Many2one("sales.performance.period", required=True, index=True, tracking=True)
    company_id = fields.Many2one(related="period_id.company_id", store=True)
    review_id = fields.Many2one("sales.performance.review", ondelete="set null")
    rule_id = fields.Many2one("sales.incentive.award.rule", ondelete="set null")
    badge_id = fields.Many2one("gamification.badge")
    badge_user_id = fields.Many2one("gamification.badge.user", readonly=True, copy=False)
    note = fields.Text(help="Why, in a sentence the team will read.")

    # ------------------------------------------------------------------ constraints
    _sql_constraints = [
        (
            "rule_period_user_unique",
            "UNIQUE (rule_id, period_id, user_id)",
            "Salesperson: already awarded by this rule for this period.",
        ),
    ]

    @api.constrains("user_id", "period_id")
    def _check_user_company(self):
        self._check_user_in_company("user_id", "company_id", self.env._("the period"))

    # ------------------------------------------------------------------ CRUD
    def _protected_fields(self):
        return {"badge_user_id": self.env._("the award itself (the badge is granted when it is made)")}

    def _validate_vals(self, vals):
        """An award is said on the awardee's own review of the period, no one else's."""
        super()._validate_vals(vals)
        for award in self or [None]:
            review_id = self._value_of(vals, "review_id", award)
            if not review_id or not isinstance(review_id, int):
                continue
            # sudo: only whose review it is, and of which period, is read.
            review = self.env["sales.performance.review"].sudo().browse(review_id).exists()
            user, period = self._value_of(vals, "user_id", award), self._value_of(vals, "period_id", award)
            if review and (review.user_id.id, review.period_id.id) != (user, period):
                raise ValidationError(
                    self.env._("Review: an award is attached to the awardee's own review of the period.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        awards = super().create(vals_list)
        awards._grant()
        return awards

    # ------------------------------------------------------------------ business
    def _grant(self):
        """Grant the badge and say it on the review (the salesperson and their team see it).

        sudo: badges and review messages are the system's doing; the award itself is the
        manager's decision, checked by the access rights on awards.
        """
        for award in self.sudo():
            if award.badge_id:
                badge_user = (
                    self.env["gamification.badge.user"]
                    .sudo()
                    .create({"user_id": award.user_id.id, "badge_id": award.badge_id.id, "comment": award.name})
                )
                badge_user._send_badge()
                award.badge_user_id = badge_user
            target = award.review_id or award
            target.message_post(
                body=self.env._(
                    "Award: %(award)s for %(user)s (%(period)s).",
                    award=award.name,
                    user=award.user_id.name,
                    period=award.period_id.name,
                ),
                partner_ids=award.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
