from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.sales_performance.models.input_checks import check_user_in_company

AWARD_RULE_MODES = [("top", "Top N by score"), ("band", "Rated at least a band")]


class SalesIncentiveAwardRule(models.Model):
    """Recognition by rule: e.g. 'Top performer' for the best score of each team."""

    _name = "sales.incentive.award.rule"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Award Rule"
    _order = "name"

    name = fields.Char(required=True, translate=True, help="The award's title, e.g. Top performer.")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    mode = fields.Selection(AWARD_RULE_MODES, required=True, default="top")
    top_count = fields.Integer(string="How Many", default=1)
    per_team = fields.Boolean(default=True, help="Top N of each team rather than of the company.")
    min_band_id = fields.Many2one("sales.performance.rating.band", string="At Least")
    badge_id = fields.Many2one("gamification.badge", help="Granted with the award (optional).")
    active = fields.Boolean(default=True)

    @api.constrains("mode", "top_count", "min_band_id")
    def _check_mode(self):
        for rule in self:
            if rule.mode == "top" and rule.top_count < 1:
                raise ValidationError(self.env._("How Many: at least 1."))
            if rule.mode == "band" and not rule.min_band_id:
                raise ValidationError(self.env._("At Least: choose the rating band."))

    def _winners(self, reviews):
        """The done reviews this rule rewards."""
        self.ensure_one()
        reviews = reviews.filtered(lambda r: r.state == "done" and r.company_id == self.company_id)
        if self.mode == "band":
            return reviews.filtered(lambda r: r.score >= self.min_band_id.min_score)
        groups = (
            [reviews.filtered(lambda r, t=team: r.team_id == t) for team in reviews.team_id]
            if self.per_team
            else [reviews]
        )
        winners = reviews.browse()
        for group in groups:
            winners |= group.sorted(lambda r: (-r.score, r.id))[: self.top_count]
        return winners

    def action_apply(self, period):
        """Award the period's winners; a winner already awarded by this rule is skipped."""
        reviews = self.env["sales.performance.review"].search([("period_id", "=", period.id)])
        Award = self.env["sales.incentive.award"]
        made = Award
        for rule in self:
            done = set(Award.search([("rule_id", "=", rule.id), ("period_id", "=", period.id)]).user_id.ids)
            made |= Award.create(
                [
                    {
                        "name": rule.name,
                        "rule_id": rule.id,
                        "user_id": review.user_id.id,
                        "period_id": period.id,
                        "review_id": review.id,
                        "badge_id": rule.badge_id.id,
                    }
                    for review in rule._winners(reviews)
                    if review.user_id.id not in done
                ]
            )
        return made


class SalesIncentiveAward(models.Model):
    """Non-monetary recognition, e.g. 'Top performer Q1', optionally with a badge."""

    _name = "sales.incentive.award"
    _description = "Award"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.performance.integrity.mixin"]
    _order = "create_date desc"

    name = fields.Char(required=True, tracking=True)
    user_id = fields.Many2one("res.users", string="Salesperson", required=True, index=True, tracking=True)
    period_id = fields.Many2one("sales.performance.period", required=True, index=True, tracking=True)
    company_id = fields.Many2one(related="period_id.company_id", store=True)

    @api.constrains("user_id", "period_id")
    def _check_user_company(self):
        check_user_in_company(self, "user_id", "company_id", self.env._("the period"))

    review_id = fields.Many2one("sales.performance.review", ondelete="set null")
    rule_id = fields.Many2one("sales.incentive.award.rule", ondelete="set null")
    badge_id = fields.Many2one("gamification.badge")
    badge_user_id = fields.Many2one("gamification.badge.user", readonly=True, copy=False)
    note = fields.Text(help="Why, in a sentence the team will read.")

    _sql_constraints = [
        (
            "rule_period_user_unique",
            "UNIQUE (rule_id, period_id, user_id)",
            "Salesperson: already awarded by this rule for this period.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        awards = super().create(vals_list)
        awards._grant()
        return awards

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
