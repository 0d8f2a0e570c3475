# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestDecomposition(SalesPerformanceScenario):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Only our two teams take part in the company split.
        cls.env["crm.team"].search([("id", "not in", (cls.team_a | cls.team_b).ids)]).action_archive()
        cls.company_goal = cls._create_goal(cls.march, cls.kpi["revenue"], 1000, scope="company")
        cls.team_goal = cls._create_goal(cls.march, cls.kpi["revenue"], 1000, scope="team", team=cls.team_a)

    def _wizard(self, goal, **values):
        wizard = (
            self.env["sales.performance.goal.decompose"].with_context(default_parent_goal_id=goal.id).create(values)
        )
        return wizard

    def _lines(self, wizard):
        return {(line.team_id.name or line.user_id.login): (line.weight, line.target) for line in wizard.line_ids}

    def test_equal_split_over_teams(self):
        wizard = self._wizard(self.company_goal)
        self.assertEqual(wizard.child_scope, "team")
        wizard.action_compute()
        self.assertEqual(self._lines(wizard), {"Team A": (50.0, 500.0), "Team B": (50.0, 500.0)})
        wizard.action_apply()
        children = self.company_goal.child_ids
        self.assertEqual(sorted(children.mapped("target")), [500.0, 500.0])
        self.assertEqual(set(children.mapped("scope")), {"team"})
        self.assertEqual(self.company_goal.child_target_gap, 0.0)

    def test_historical_share_over_salespeople(self):
        self._create_period(date(2026, 1, 1), date(2026, 1, 31), "month", name="2026-01")
        self._create_order(
            self.rep_1, self.customer_1, [(self.product_easy, 1, 50)], datetime(2026, 1, 15, 10), self.team_a
        )
        self._create_order(
            self.rep_2, self.customer_3, [(self.product_hard, 3, 100)], datetime(2026, 1, 20, 10), self.team_a
        )
        wizard = self._wizard(self.team_goal, method="historical", history_periods=2)
        wizard.action_compute()
        # January + February: rep_1 50 + 100 = 150, rep_2 300: shares 1/3 and 2/3.
        lines = {line.user_id.login: line for line in wizard.line_ids}
        self.assertEqual(lines["rep_1"].history_value, 150.0)
        self.assertEqual(lines["rep_2"].history_value, 300.0)
        self.assertEqual((lines["rep_1"].target, lines["rep_2"].target), (333.33, 666.67))
        self.assertFalse(wizard.warning)

    def test_historical_share_without_history(self):
        wizard = self._wizard(self.team_goal, method="historical", history_periods=1)
        wizard.line_ids.filtered(lambda line: line.user_id == self.rep_1).unlink()
        # rep_2 sold nothing in February.
        with self.assertRaises(UserError):
            wizard.action_compute()

    def test_manual_weights_with_adjustment(self):
        wizard = self._wizard(self.team_goal, method="manual")
        lines = {line.user_id.login: line for line in wizard.line_ids}
        lines["rep_1"].weight, lines["rep_2"].weight = 70, 30
        wizard.action_compute()
        self.assertEqual((lines["rep_1"].target, lines["rep_2"].target), (700.0, 300.0))
        lines["rep_1"].target = 650
        self.assertEqual(wizard.difference, 50.0)
        self.assertIn("950", wizard.warning)
        wizard.action_apply()
        self.assertEqual(self.team_goal.child_target_total, 950.0)
        self.assertEqual(self.team_goal.child_target_gap, 50.0)
        child = self.team_goal.child_ids.filtered(lambda g: g.user_id == self.rep_1)
        self.assertEqual((child.scope, child.team_id, child.target), ("user", self.team_a, 650.0))

    def test_manual_weights_above_100(self):
        wizard = self._wizard(self.team_goal, method="manual")
        wizard.line_ids[0].weight, wizard.line_ids[1].weight = 80, 30
        with self.assertRaises(ValidationError) as caught:
            wizard.action_compute()
        self.assertIn("Weight", str(caught.exception))
        self.assertFalse(self.team_goal.child_ids)

    def test_second_run_updates_existing_children(self):
        self._wizard(self.team_goal).action_compute()
        wizard = self._wizard(self.team_goal)
        wizard.action_compute()
        wizard.action_apply()
        self.assertEqual(len(self.team_goal.child_ids), 2)
        wizard = self._wizard(self.team_goal, method="manual")
        self.assertEqual(sorted(wizard.line_ids.mapped("target")), [500.0, 500.0], "existing targets are shown")
        lines = {line.user_id.login: line for line in wizard.line_ids}
        lines["rep_1"].weight, lines["rep_2"].weight = 60, 40
        wizard.action_compute()
        wizard.action_apply()
        self.assertEqual(len(self.team_goal.child_ids), 2)
        self.assertEqual(sorted(self.team_goal.child_ids.mapped("target")), [400.0, 600.0])

    def test_salesperson_goal_cannot_be_cascaded(self):
        goal = self._create_goal(self.march, self.kpi["revenue"], 100, user=self.rep_1)
        with self.assertRaises(UserError):
            self._wizard(goal)

    def test_form_shows_the_gap_live(self):
        with Form(
            self.env["sales.performance.goal.decompose"].with_context(default_parent_goal_id=self.team_goal.id)
        ) as form:
            self.assertEqual(form.total_target, 1000.0)
            with form.line_ids.edit(0) as line:
                line.target = 100
            self.assertEqual(form.difference, 400.0)
