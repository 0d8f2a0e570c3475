# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Who sees and changes which goals: record rules per role, checked with with_user()."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestGoalAccess(SalesPerformanceScenario):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        kpi = cls.kpi["revenue"]
        cls.goal_company = cls._create_goal(cls.march, kpi, 1000, scope="company")
        cls.goal_team_a = cls._create_goal(cls.march, kpi, 600, scope="team", team=cls.team_a)
        cls.goal_team_b = cls._create_goal(cls.march, kpi, 400, scope="team", team=cls.team_b)
        cls.goal_rep_1 = cls._create_goal(cls.march, kpi, 300, user=cls.rep_1, team=cls.team_a)
        cls.goal_rep_2 = cls._create_goal(cls.march, kpi, 300, user=cls.rep_2, team=cls.team_a)
        cls.goal_rep_3 = cls._create_goal(cls.march, kpi, 400, user=cls.rep_3, team=cls.team_b)
        cls.goal_other_company = cls._create_goal(cls.march_other_company, kpi, 50, user=cls.rep_1)
        cls.all_goals = cls.Goal.search([])
        cls.portal = new_test_user(cls.env, login="portal_customer", groups="base.group_portal")
        cls.outsider = new_test_user(
            cls.env,
            login="other_company_rep",
            groups="sales_team.group_sale_salesman",
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )

    def visible(self, user, companies=None):
        """Goals ``user`` finds with ``companies`` selected in the company switcher."""
        companies = companies or self.company
        goals = self.Goal.with_user(user).with_context(allowed_company_ids=companies.ids)
        return goals.search([("id", "in", self.all_goals.ids)])

    def test_salesperson_sees_own_team_and_company_goals(self):
        self.assertEqual(self.visible(self.rep_1), self.goal_company | self.goal_team_a | self.goal_rep_1)
        self.assertEqual(self.visible(self.rep_3), self.goal_company | self.goal_team_b | self.goal_rep_3)
        # With the other company selected too, rep_1 also finds their goal there.
        self.assertEqual(
            self.visible(self.rep_1, self.company | self.other_company),
            self.goal_company | self.goal_team_a | self.goal_rep_1 | self.goal_other_company,
        )

    def test_salesperson_cannot_read_a_colleague_goal(self):
        with self.assertRaises(AccessError):
            self.goal_rep_2.with_user(self.rep_1).read(["target"])

    def test_salesperson_cannot_change_goals(self):
        with self.assertRaises(AccessError):
            self.goal_rep_1.with_user(self.rep_1).write({"target": 1})
        with self.assertRaises(AccessError):
            self.Goal.with_user(self.rep_1).create(
                {
                    "period_id": self.march.id,
                    "kpi_id": self.kpi["margin"].id,
                    "scope": "user",
                    "user_id": self.rep_1.id,
                    "target": 1,
                }
            )

    def test_manager_manages_own_team(self):
        self.assertEqual(
            self.visible(self.manager_a), self.goal_company | self.goal_team_a | self.goal_rep_1 | self.goal_rep_2
        )
        self.goal_rep_2.with_user(self.manager_a).write({"target": 350})
        self.assertEqual(self.goal_rep_2.target, 350)
        created = self.Goal.with_user(self.manager_a).create(
            {
                "period_id": self.march.id,
                "kpi_id": self.kpi["margin"].id,
                "scope": "user",
                "user_id": self.rep_1.id,
                "team_id": self.team_a.id,
                "target": 10,
            }
        )
        self.assertTrue(created)

    def test_manager_cannot_touch_other_teams_or_company_goals(self):
        with self.assertRaises(AccessError):
            self.goal_rep_3.with_user(self.manager_a).read(["target"])
        with self.assertRaises(AccessError):
            self.goal_company.with_user(self.manager_a).write({"target": 1})
        with self.assertRaises(AccessError):
            self.Goal.with_user(self.manager_a).create(
                {
                    "period_id": self.march.id,
                    "kpi_id": self.kpi["margin"].id,
                    "scope": "team",
                    "team_id": self.team_b.id,
                    "target": 1,
                }
            )

    def test_administrator_sees_all_goals_of_allowed_companies(self):
        admin = self._create_user("perf_admin", "Performance Admin", "sales_performance.group_sales_performance_admin")
        self.assertEqual(self.visible(admin), self.all_goals - self.goal_other_company)
        admin.company_ids = [(4, self.other_company.id)]
        self.assertEqual(self.visible(admin, self.company | self.other_company), self.all_goals)

    def test_other_company_user_sees_nothing(self):
        self.assertFalse(self.visible(self.outsider, self.other_company))
        self.assertFalse(self.Goal.with_user(self.outsider).search([("id", "in", self.all_goals.ids)]))

    def test_portal_user_has_no_access(self):
        with self.assertRaises(AccessError):
            self.Goal.with_user(self.portal).search([])
        with self.assertRaises(AccessError):
            self.env["sales.performance.kpi"].with_user(self.portal).search([])

    def test_salesperson_reads_configuration_but_cannot_change_it(self):
        kpi = self.kpi["revenue"].with_user(self.rep_1)
        self.assertEqual(kpi.name, "Revenue")
        with self.assertRaises(AccessError):
            kpi.write({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.march.with_user(self.rep_1).write({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.march.with_user(self.rep_1).action_start_evaluation()
        with self.assertRaises(AccessError):
            self.march.with_user(self.manager_a).write({"name": "renamed"})

    def test_salesperson_refresh_uses_all_documents(self):
        """Refresh gives the true figure, not one limited by the caller's rights: the team goal,
        refreshed by its manager, counts rep_2's orders too (400). A salesperson refreshes his
        own goals, not the team's (its figures, messages and alerts are not his to trigger)."""
        self.goal_team_a.sudo().write({"actual": 0})
        with self.assertRaises(AccessError):
            self.goal_team_a.with_user(self.rep_1).action_refresh()
        self.goal_team_a.with_user(self.manager_a).action_refresh()
        self.assertEqual(self.goal_team_a.actual, 400)
        self.goal_rep_1.sudo().write({"actual": 0})
        self.goal_rep_1.with_user(self.rep_1).action_refresh()
        orders = self.env["sale.order"].search(
            [
                ("user_id", "=", self.rep_1.id),
                ("company_id", "=", self.company.id),
                ("state", "=", "sale"),
                ("date_order", ">=", "2026-03-01"),
                ("date_order", "<", "2026-04-01"),
            ]
        )
        self.assertTrue(orders)
        self.assertEqual(self.goal_rep_1.actual, sum(orders.mapped("amount_untaxed")))

    def test_leaving_a_team_ends_access_at_once(self):
        """Membership is read at every search (no cached list of teams)."""
        self.assertIn(self.goal_team_a, self.visible(self.rep_1))
        membership = self.team_a.crm_team_member_ids.filtered(lambda m: m.user_id == self.rep_1)
        membership.action_archive()
        self.assertNotIn(self.goal_team_a, self.visible(self.rep_1))
        self.assertIn(self.goal_rep_1, self.visible(self.rep_1), "own goals stay visible")
        self.team_b.crm_team_member_ids = [(0, 0, {"user_id": self.rep_1.id})]
        self.assertIn(self.goal_team_b, self.visible(self.rep_1))
