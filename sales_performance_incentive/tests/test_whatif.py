from odoo.tests import Form, tagged

from .common import IncentiveScenario


@tagged("post_install", "-at_install")
class TestWhatIf(IncentiveScenario):
    def test_extra_revenue_moves_commission_and_bonus(self):
        """rep_1: +100 Hard and +50 Easy -> commission 10 + 1 = 11; revenue 300 -> 450 of 250 =
        180 % -> curve 260 % capped 180 % -> bonus 1800 instead of 1400: +400. Total +411."""
        statement = self.by_user["rep_1"]
        with Form(self.env["sales.incentive.whatif"].with_context(default_statement_id=statement.id)) as form:
            with form.line_ids.new() as line:
                line.categ_id = self.categ_hard
                line.amount = 100
            with form.line_ids.new() as line:
                line.categ_id = self.categ_easy
                line.amount = 50
            self.assertAlmostEqual(form.difference, 411)
            self.assertAlmostEqual(form.estimated_total, 1614 + 411)
            self.assertIn("180.0%", form.explanation)
        self.assertEqual(statement.amount_total, 1614, "the statement is not touched")

    def test_estimate_from_the_plan(self):
        """From the plan, for rep_3 in March (100 of 50, bonus already capped at 1800): +200 Easy
        -> commission 2 % = 4, bonus stays capped: +4. Without a salesperson, commission only."""
        wizard_model = self.env["sales.incentive.whatif"].with_context(default_plan_id=self.plan.id)
        with Form(wizard_model) as form:
            form.user_id = self.rep_3
            form.period_id = self.march
            with form.line_ids.new() as line:
                line.categ_id = self.categ_easy
                line.amount = 200
            self.assertAlmostEqual(form.difference, 4)
            self.assertEqual(form.current_total, 0)
        with Form(wizard_model) as form:
            with form.line_ids.new() as line:
                line.categ_id = self.categ_hard
                line.amount = 1000
            self.assertAlmostEqual(form.difference, 100)
