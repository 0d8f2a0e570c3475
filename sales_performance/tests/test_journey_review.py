# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, tagged

from .common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestReviewJourney(HttpCase, SalesPerformanceScenario):
    """In a real browser, from the home menu: the review loop after a dispute, and a review
    made by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.manager_a, cls.rep_1):
            user.company_ids |= cls.company  # the web client opens in the user's company
        cls.Review = cls.env["sales.performance.review"]

    def test_dispute_answered_by_reopening(self):
        self._create_goal(self.march, self.kpi["revenue"], 1000, user=self.rep_1, team=self.team_a, weight=100)
        self.env["sales.performance.plan"]._create_missing_for_period(self.march)
        review = self.Review._create_for_period(self.march)
        self.assertEqual(len(review), 1)
        review.with_user(self.manager_a).action_share()

        self.start_tour("/odoo", "sales_performance_journey_review_dispute", login="rep_1")
        self.assertEqual(
            (review.state, review.dispute_reason), ("disputed", "The big March order was invoiced on April 1st")
        )

        self.start_tour("/odoo", "sales_performance_journey_review_reopen", login="manager_a")
        self.assertEqual(review.state, "shared")
        self.assertEqual(review.reopen_reason, "Count the order invoiced on April 1st")
        line = review.line_ids
        self.assertEqual(
            (line.is_adjusted, line.adjusted_attainment, line.adjustment_reason),
            (True, 90.0, "Order invoiced on April 1st"),
        )
        # The way back is tracked: the state change and its reason are in the chatter.
        tracked = review.message_ids.tracking_value_ids.filtered(lambda value: value.field_id.name == "reopen_reason")
        self.assertEqual(tracked.new_value_char or tracked.new_value_text, "Count the order invoiced on April 1st")

    def test_new_review_by_hand(self):
        self._create_goal(self.march, self.kpi["revenue"], 500, user=self.rep_2, team=self.team_a, weight=100)
        self.start_tour("/odoo", "sales_performance_journey_review_new", login="manager_a")
        review = self.Review.search([("user_id", "=", self.rep_2.id)])
        self.assertEqual((review.period_id, review.state), (self.march, "draft"))
        self.assertEqual(review.line_ids.kpi_id, self.kpi["revenue"])
        self.assertEqual(review.line_ids.target, 500.0)

    def test_salesperson_acknowledges_one_review_and_disputes_another(self):
        # Revenue target 200 in both months: Rep One sold 100 in February (50 %), 300 in March.
        reviews = {}
        for period in (self.february, self.march):
            self._create_goal(period, self.kpi["revenue"], 200, user=self.rep_1, team=self.team_a, weight=100)
            reviews[period.name] = self.Review._create_manual(period, self.rep_1)
            reviews[period.name].with_user(self.manager_a).action_share()
        self.assertEqual(reviews["2026-02"].line_ids.actual, 100.0)
        self.start_tour("/odoo", "sales_performance_journey_review_acknowledge_and_dispute", login="rep_1")
        february, march = reviews["2026-02"], reviews["2026-03"]
        self.assertEqual(
            (february.state, february.self_assessment), ("done", "February was fair; I will keep the margin")
        )
        self.assertTrue(february.acknowledged_date)
        self.assertEqual(
            (march.state, march.dispute_reason), ("disputed", "The March order of Customer Two is missing")
        )
        disputed = march.message_ids.filtered(lambda message: "Customer Two is missing" in (message.body or ""))
        self.assertEqual(disputed.partner_ids, self.manager_a.partner_id)
