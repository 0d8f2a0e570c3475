# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

AWARD_RULE_MODES = [("top", "Top N by score"), ("band", "Rated at least a band")]


class SalesIncentiveAwardRule(models.Model):
    """Recognition by rule: e.g. 'Top performer' for the best score of each team."""

    _name = "sales.incentive.award.rule"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Award Rule"
    _order = "name"

    # ------------------------------------------------------------------ fields
    name = fields.Char(required=True, translate=True, help="The award's title, e.g. Top performer.")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    mode = fields.Selection(AWARD_RULE_MODES, required=True, default="top")
    top_count = fields.Integer(string="How Many", default=1)
    per_team = fields.Boolean(default=True, help="Top N of each team rather than of the company.")
    min_band_id = fields.Many2one("sales.performance.rating.band", string="At Least")
    badge_id = fields.Many2one("gamification.badge", help="Granted with the award (optional).")
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------------ constraints
    @api.constrains("mode", "top_count", "min_band_id")
    def _check_mode(self):
        for rule in self:
            if rule.mode == "top" and rule.top_count < 1:
                raise ValidationError(self.env._("How Many: at least 1."))
            if rule.mode == "band" and not rule.min_band_id:
                raise ValidationError(self.env._("At Least: choose the rating band."))

    # ------------------------------------------------------------------ business
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

    # ------------------------------------------------------------------ actions
    def action_apply(self, period_id=None):
        """Award the winners of the period ``period_id`` (an id); see :meth:`_apply`."""
        if isinstance(period_id, bool) or not isinstance(period_id, int):
            raise ValidationError(self.env._("Period: %(value)r is not the id of a period.", value=period_id))
        period = self.env["sales.performance.period"].browse(period_id).exists()
        if not period:
            raise ValidationError(self.env._("Period: the record chosen does not exist."))
        self._apply(period)
        return True

    def _apply(self, period):
        """Award the period's winners; a winner already awarded by this rule is skipped.
        Returns the awards made."""
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
