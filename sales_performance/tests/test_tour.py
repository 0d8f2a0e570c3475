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
        self.assertIn(self.rep_1.partner_id, plan.message_ids[0].partner_ids)
        self.start_tour(url, "sales_performance_plan_acknowledge", login="rep_1")
        self.assertEqual(plan.state, "active")
        self.assertEqual(plan.obstacles, "Two big customers are on holiday in March")
        self.assertEqual(plan.support_needed, "A joint visit with the manager")
