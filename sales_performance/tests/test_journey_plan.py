# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, tagged

from .common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestPlanJourney(HttpCase, SalesPerformanceScenario):
    """In a real browser, from the home menu: the manager shares the team's plans at once and
    plans coaching from a goal falling behind; the salesperson acknowledges the plan with an
    obstacle and raises another one later."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.manager_a, cls.rep_1, cls.rep_2):
            user.company_ids |= cls.company  # the web client opens in the user's company
        cls.Plan = cls.env["sales.performance.plan"]
        # Rep One: revenue 1000 (70 %) + margin 400 (30 %); Rep Two: revenue 400; Rep Three
        # (Team B, Manager B): revenue 50.
        cls._create_goal(cls.march, cls.kpi["revenue"], 1000, user=cls.rep_1, team=cls.team_a, weight=70)
        cls._create_goal(cls.march, cls.kpi["margin"], 400, user=cls.rep_1, team=cls.team_a, weight=30)
        cls.goal_rep_2 = cls._create_goal(
            cls.march, cls.kpi["revenue"], 400, user=cls.rep_2, team=cls.team_a, weight=100
        )
        cls._create_goal(cls.march, cls.kpi["revenue"], 50, user=cls.rep_3, team=cls.team_b, weight=100)
        cls.Plan._create_missing_for_period(cls.march)
        cls.plans = {plan.user_id.login: plan for plan in cls.Plan.search([("period_id", "=", cls.march.id)])}

    def test_manager_shares_the_team_plans(self):
        self.start_tour("/odoo", "sales_performance_journey_plan_share_team", login="manager_a")
        self.assertEqual(
            {login: plan.state for login, plan in self.plans.items()},
            {"rep_1": "shared", "rep_2": "shared", "rep_3": "draft"},
        )
        for login in ("rep_1", "rep_2"):
            plan = self.plans[login]
            shared = plan.message_ids.filtered(lambda message: message.message_type == "comment")
            self.assertEqual(len(shared), 1)
            self.assertIn(plan.user_id.partner_id, shared.partner_ids)

    def test_salesperson_acknowledges_with_an_obstacle(self):
        plan = self.plans["rep_1"]
        plan.with_user(self.manager_a).action_share()
        self.start_tour("/odoo", "sales_performance_journey_plan_acknowledge", login="rep_1")
        self.assertEqual(
            (plan.state, plan.obstacles, plan.support_needed),
            ("active", "Two big customers are on holiday in March", "A joint visit with the manager"),
        )
        raised = plan.message_ids.filtered(lambda message: "sold out" in (message.body or ""))
        self.assertEqual(len(raised), 1)
        self.assertEqual(raised.author_id, self.rep_1.partner_id)
        self.assertEqual(raised.partner_ids, self.manager_a.partner_id)
        todo = plan.activity_ids.filtered(lambda activity: activity.user_id == self.manager_a)
        self.assertIn("The demo stock of the Hard product is sold out", todo.note)

    def test_manager_plans_coaching_from_a_goal_behind(self):
        # Rep Two sold 100 of 400 over the whole of March: behind.
        self.Goal.search([("period_id", "=", self.march.id)])._refresh_actuals()
        self.assertEqual((self.goal_rep_2.actual, self.goal_rep_2.pace_status), (100.0, "behind"))
        self.start_tour("/odoo", "sales_performance_journey_plan_coaching", login="manager_a")
        coaching = self.env["sales.performance.coaching"].search([])
        self.assertEqual(len(coaching), 1)
        self.assertEqual(
            (coaching.salesperson_id, coaching.coach_id, coaching.goal_ids, coaching.type, coaching.state),
            (self.rep_2, self.manager_a, self.goal_rep_2, "one_on_one", "planned"),
        )
        self.assertEqual(coaching.kpi_ids, self.kpi["revenue"])
        # The prefill names the KPI, the actual and the expected (however they are formatted).
        self.assertTrue(coaching.topics.startswith("Revenue"), coaching.topics)
        self.assertIn("behind", coaching.topics.lower())  # the goal's pace, not "at risk"
        self.assertRegex(coaching.topics, r"100(\.00)?\D.*400")
