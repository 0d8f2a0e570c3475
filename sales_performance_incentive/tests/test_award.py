# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import IncentiveScenario


@tagged("post_install", "-at_install")
class TestAwards(IncentiveScenario):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Reviews for rep_2 and rep_3 too, all done: rep_1 120 (S), rep_2 25, rep_3 200 capped 150.
        Review = cls.env["sales.performance.review"]
        Review._create_manual(cls.march, cls.rep_2)
        Review._create_manual(cls.march, cls.rep_3)
        cls.reviews = Review.search([("period_id", "=", cls.march.id)])
        cls.reviews.sudo().write({"state": "done"})
        cls.badge = cls.env["gamification.badge"].create({"name": "Top performer"})

    def test_top_of_each_team_with_a_badge(self):
        rule = self.env["sales.incentive.award.rule"].create(
            {
                "name": "Top performer",
                "mode": "top",
                "top_count": 1,
                "per_team": True,
                "badge_id": self.badge.id,
                "company_id": self.company.id,
            }
        )
        awards = rule._apply(self.march)
        self.assertEqual(set(awards.user_id.mapped("login")), {"rep_1", "rep_3"})  # best of Team A, best of Team B
        granted = self.env["gamification.badge.user"].search([("badge_id", "=", self.badge.id)])
        self.assertEqual(granted.user_id, awards.user_id)
        review_1 = self.reviews.filtered(lambda r: r.user_id == self.rep_1)
        self.assertIn("Top performer", review_1.message_ids[0].body)
        self.assertFalse(rule._apply(self.march), "nobody is awarded twice")

    def test_band_rule(self):
        band_s = self.env.ref("sales_performance.rating_scale_default").band_ids.filtered(lambda b: b.name == "S")
        rule = self.env["sales.incentive.award.rule"].create(
            {"name": "Outstanding", "mode": "band", "min_band_id": band_s.id, "company_id": self.company.id}
        )
        self.assertEqual(set(rule._apply(self.march).user_id.mapped("login")), {"rep_1", "rep_3"})

    def test_rules_run_at_period_close_and_from_the_buttons(self):
        """Closing March runs the company's rules: Top performer of each team -> rep_1 (Team A,
        120 against rep_2's 25) and rep_3 (Team B, 150). The period's button, the rule's button
        and a second close award nobody twice; the database refuses a duplicate."""
        rule = self.env["sales.incentive.award.rule"].create(
            {"name": "Top performer", "mode": "top", "top_count": 1, "per_team": True, "company_id": self.company.id}
        )
        Award = self.env["sales.incentive.award"]
        self.march.sudo().write({"state": "evaluating"})
        self.march.with_user(self.manager_a).action_close()
        self.assertEqual(self.march.state, "closed")
        awards = Award.search([("rule_id", "=", rule.id)])
        self.assertEqual(sorted(awards.user_id.mapped("login")), ["rep_1", "rep_3"])
        self.assertEqual(awards.period_id, self.march)
        action = self.march.with_user(self.manager_a).action_apply_award_rules()
        self.assertEqual(action["domain"], [("period_id", "in", self.march.ids)])
        action = rule.action_apply()
        self.assertEqual(action["res_model"], "sales.incentive.award")
        self.assertEqual(Award.search_count([("rule_id", "=", rule.id)]), 2, "idempotent")
        with self.assertRaises(ValidationError), mute_logger("odoo.sql_db"):
            Award.create({"name": "Again", "rule_id": rule.id, "user_id": self.rep_1.id, "period_id": self.march.id})
        with self.assertRaises(ValidationError):
            rule.action_apply("March")
