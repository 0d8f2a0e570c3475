# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, datetime

from odoo.tests import HttpCase, tagged

from .common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestGoalJourney(HttpCase, SalesPerformanceScenario):
    """In a real browser, from the home menu: the manager sets goals by clicking."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_a.company_ids |= cls.company  # the web client opens in the user's company
        cls.Goal.search([]).unlink()

    def _children(self, goal):
        return {child.user_id.login: child.target for child in goal.child_ids}

    def test_manager_creates_a_salesperson_goal(self):
        self.start_tour("/odoo", "sales_performance_journey_goal_new", login="manager_a")
        goal = self.Goal.search([("kpi_id", "=", self.kpi["margin"].id)])
        self.assertEqual(
            (goal.period_id, goal.scope, goal.user_id, goal.team_id, goal.target, goal.weight),
            (self.march, "user", self.rep_1, self.team_a, 400.0, 30.0),
        )

    def test_manager_cascades_a_team_goal(self):
        team_goal = self._create_goal(self.march, self.kpi["revenue"], 900, scope="team", team=self.team_a)
        self.start_tour("/odoo", "sales_performance_journey_cascade_equal", login="manager_a")
        self.assertEqual(self._children(team_goal), {"rep_1": 450.0, "rep_2": 450.0})
        self.assertEqual(set(team_goal.child_ids.mapped("scope")), {"user"})

        # History: January + February, rep_1 sold 50 + 100, rep_2 300: a third and two thirds.
        self._create_period(date(2026, 1, 1), date(2026, 1, 31), "month", name="2026-01")
        self._create_order(
            self.rep_1, self.customer_1, [(self.product_easy, 1, 50)], datetime(2026, 1, 15, 10), self.team_a
        )
        self._create_order(
            self.rep_2, self.customer_3, [(self.product_hard, 3, 100)], datetime(2026, 1, 20, 10), self.team_a
        )
        self.start_tour("/odoo", "sales_performance_journey_cascade_historical", login="manager_a")
        self.assertEqual(self._children(team_goal), {"rep_1": 300.0, "rep_2": 600.0})

        self.start_tour("/odoo", "sales_performance_journey_cascade_manual", login="manager_a")
        self.assertEqual(self._children(team_goal), {"rep_1": 225.0, "rep_2": 675.0})
        self.assertEqual(len(self.Goal.search([("scope", "=", "user")])), 2)
