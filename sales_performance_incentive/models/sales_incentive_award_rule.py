# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import psycopg2

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
    def action_apply(self, period=None):
        """Award the winners of ``period`` (the id of a period), or, from the rule's button, of
        the company's most recently closed period of each type; a winner already awarded by
        the rule for the period is skipped. Returns True, or from the button the awards' list."""
        if period is not None:
            if isinstance(period, bool) or not isinstance(period, int):
                raise ValidationError(self.env._("Period: %(value)r is not the id of a period.", value=period))
            period = self.env["sales.performance.period"].browse(period).exists()
            if not period:
                raise ValidationError(self.env._("Period: the record chosen does not exist."))
            self._apply(period)
            return True
        made = self.env["sales.incentive.award"]
        for company in self.company_id:
            for period in self._last_closed_periods(company):
                made |= self.filtered(lambda rule, c=company: rule.company_id == c)._apply(period)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_performance_incentive.sales_incentive_award_action"
        )
        action["domain"] = [("rule_id", "in", self.ids)]
        return action

    # ------------------------------------------------------------------ business
    @api.model
    def _last_closed_periods(self, company):
        """The company's most recently closed period of each type."""
        closed = self.env["sales.performance.period"].search(
            [("company_id", "=", company.id), ("state", "=", "closed")], order="date_end desc"
        )
        latest = {}
        for period in closed:
            latest.setdefault(period.period_type, period)
        return self.env["sales.performance.period"].union(*latest.values())

    def _apply(self, period):
        """The awards of these rules for ``period``'s done reviews (idempotent: a winner already
        awarded is skipped, and the database refuses a second award of a rule, period and
        salesperson, e.g. by a run at the same time: that one is skipped too)."""
        reviews = self.env["sales.performance.review"].search([("period_id", "=", period.id)])
        Award = self.env["sales.incentive.award"]
        made = Award
        for rule in self.filtered(lambda r: r.company_id == period.company_id):
            done = set(Award.search([("rule_id", "=", rule.id), ("period_id", "=", period.id)]).user_id.ids)
            for review in rule._winners(reviews):
                if review.user_id.id in done:
                    continue
                try:
                    with self.env.cr.savepoint():
                        made |= Award.create(
                            {
                                "name": rule.name,
                                "rule_id": rule.id,
                                "user_id": review.user_id.id,
                                "period_id": period.id,
                                "review_id": review.id,
                                "badge_id": rule.badge_id.id,
                            }
                        )
                except psycopg2.errors.UniqueViolation:
                    continue  # awarded meanwhile by another run
        return made
