# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, tagged

from .common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestPlanTour(HttpCase, SalesPerformanceScenario):
    """In a real browser: the manager shares a plan, the salesperson acknowledges it."""

    def test_share_and_acknowledge(self):
        self._create_goal(self.march, self.kpi["revenue"], 1000, user=self.rep_1, team=self.team_a, weight=70)
        self._create_goal(self.march, self.kpi["margin"], 400, user=self.rep_1, team=self.team_a, weight=30)
        plan = self.env["sales.performance.plan"].create({"user_id": self.rep_1.id, "period_id": self.march.id})
        url = f"/odoo/action-sales_performance.sales_performance_plan_action/{plan.id}"
        for user in (self.manager_a, self.rep_1):
            user.company_ids |= self.company  # the web client opens in the user's company
        self.start_tour(url, "sales_performance_plan_share", login="manager_a")
        self.assertEqual(plan.state, "shared")
        # the share message (the tracked status change logs a note of its own)
        shared = plan.message_ids.filtered(lambda message: message.message_type == "comment")[:1]
        self.assertIn(self.rep_1.partner_id, shared.partner_ids)
        self.start_tour(url, "sales_performance_plan_acknowledge", login="rep_1")
        self.assertEqual(plan.state, "active")
        self.assertEqual(plan.obstacles, "Two big customers are on holiday in March")
        self.assertEqual(plan.support_needed, "A joint visit with the manager")


@tagged("post_install", "-at_install")
class TestReviewTour(HttpCase, SalesPerformanceScenario):
    """In a real browser: the manager evaluates the period, writes feedback and shares the
    review; the salesperson acknowledges it."""

    def test_evaluate_share_acknowledge(self):
        self._create_goal(self.march, self.kpi["revenue"], 250, user=self.rep_1, team=self.team_a, weight=100)
        self.env["sales.performance.plan"]._create_missing_for_period(self.march)
        self.start_tour(
            f"/odoo/action-sales_performance.sales_performance_period_action/{self.march.id}",
            "sales_performance_period_evaluate",
            login="manager_a",
        )
        review = self.env["sales.performance.review"].search([("period_id", "=", self.march.id)])
        self.assertEqual((self.march.state, len(review)), ("evaluating", 1))
        url = f"/odoo/action-sales_performance.sales_performance_review_action/{review.id}"
        self.start_tour(url, "sales_performance_review_share", login="manager_a")
        self.assertEqual((review.state, review.strengths), ("shared", "Excellent new-customer acquisition"))
        self.start_tour(url, "sales_performance_review_acknowledge", login="rep_1")
        self.assertEqual((review.state, review.self_assessment), ("done", "I will protect the margin next quarter"))
