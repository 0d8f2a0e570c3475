# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command
from odoo.tests import Form, tagged

from .common import IncentiveScenario


class WhatIfCase(IncentiveScenario):
    def _estimate(self, statement, *sales):
        """The estimate of ``statement`` with ``sales``: (category, amount) or (product, units,
        amount); returns the form's (difference, estimated total, explanation)."""
        with Form(self.env["sales.incentive.whatif"].with_context(default_statement_id=statement.id)) as form:
            for sale in sales:
                with form.line_ids.new() as line:
                    if len(sale) == 2:
                        line.categ_id, line.amount = sale
                    else:
                        line.product_id, line.quantity, line.amount = sale
            return round(form.difference, 2), round(form.estimated_total, 2), form.explanation

    def _change_plan(self, vals):
        self.plan.sudo().write({"state": "draft"})
        self.plan.write(vals)
        self.plan.action_approve()
        self.statements.unlink()
        return {s.user_id.login: s for s in self.env["sales.incentive.statement"]._generate(self.march)}


@tagged("post_install", "-at_install")
class TestWhatIf(WhatIfCase):
    def test_extra_revenue_moves_commission_and_bonus(self):
        """rep_1: +100 Hard and +50 Easy -> commission 10 + 1 = 11; revenue 300 -> 450 of 250 =
        180 % -> curve 260 % capped 180 % -> bonus 1800 instead of 1400: +400; the extra sales
        are dated 31 March (the period is over), inside the Hard SPIFF's window: 1 % of 100 = +1
        (no units given). Total +412."""
        statement = self.by_user["rep_1"]
        with Form(self.env["sales.incentive.whatif"].with_context(default_statement_id=statement.id)) as form:
            with form.line_ids.new() as line:
                line.categ_id = self.categ_hard
                line.amount = 100
            with form.line_ids.new() as line:
                line.categ_id = self.categ_easy
                line.amount = 50
            self.assertAlmostEqual(form.difference, 412)
            self.assertAlmostEqual(form.estimated_total, 1614 + 412)
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


@tagged("post_install", "-at_install")
class TestWhatIfRunsThePlan(WhatIfCase):
    """The estimate runs the statements' own calculation. Each figure by hand; the old estimate
    (its own copy of commission and bonus only) gave the figure in brackets."""

    def test_a_product_rate_overrides_its_category(self):
        """Easy product at 5 % instead of its category's 2 %: rep_3 sells 100 more of it -> +5
        (bonus already capped, no SPIFF on Easy). [The old estimate had no product: +2.]"""
        by_user = self._change_plan(
            {
                "component_ids": [
                    Command.update(
                        self.plan.component_ids.filtered(lambda c: c.component_type == "commission").id,
                        {"category_rate_ids": [Command.create({"product_id": self.product_easy.id, "rate": 5})]},
                    )
                ]
            }
        )
        difference, _total, explanation = self._estimate(by_user["rep_3"], (self.product_easy, 1, 100))
        self.assertEqual(difference, 5)
        self.assertIn("Commission: +5.00", explanation)

    def test_a_spiff_pays_per_unit_and_on_revenue(self):
        """rep_3 sells 2 more Hard units for 100, dated 31 March (inside the 15-31 March window):
        commission 10 % = 10, SPIFF 2 x 5 + 1 % of 100 = 11, bonus already capped: +21.
        [The old estimate: +10.]"""
        difference, total, explanation = self._estimate(self.by_user["rep_3"], (self.product_hard, 2, 100))
        self.assertEqual((difference, total), (21, 1822.6))
        self.assertIn("Hard SPIFF: +11.00", explanation)

    def test_the_cap_holds(self):
        """rep_1 sells 200 more Easy: commission 2 % = 4; revenue 500 of 250 = 200 % -> curve
        300 %, capped at 180 % -> bonus 1800 instead of 1400: +400. Total +404. (The old
        estimate capped too: this one guards it.)"""
        difference, _total, explanation = self._estimate(self.by_user["rep_1"], (self.categ_easy, 200))
        self.assertEqual(difference, 404)
        self.assertIn("attainment 120.0% -> 200.0%, bonus +400.00", explanation)

    def test_a_draw_absorbs_what_stays_below_it(self):
        """With a draw of 100: rep_2 earned 2 in March, the draw advances 98 (total 100). Selling
        40 more Easy earns 0.80 (revenue 140 of 400 = 35 %, below the bonus threshold): the
        advance drops to 97.20, the payout stays 100: +0. Selling 200 more: commission 4, revenue
        300 of 400 = 75 % -> curve 62.5 % -> bonus 625: earned 631, no advance: +531.
        [The old estimate: +0.80 and +629.]"""
        by_user = self._change_plan(
            {"component_ids": [Command.create({"name": "Draw", "component_type": "draw", "draw_amount": 100})]}
        )
        statement = by_user["rep_2"]
        self.assertEqual(statement.amount_total, 100)
        self.assertEqual(self._estimate(statement, (self.categ_easy, 40))[:2], (0, 100))
        self.assertEqual(self._estimate(statement, (self.categ_easy, 200))[:2], (531, 631))

    def test_lower_is_better_goals(self):
        """Revenue made a ceiling (lower is better): rep_3's 100 of 50 is 50 / 100 = 50 % ->
        curve 25 % -> bonus 250. Selling 50 more Easy: 50 / 150 = 33.3 %, below the threshold
        -> bonus 0; commission +1: -249. [The old estimate read 150 of 50 as 300 %: +1551.]"""
        self.kpi["revenue"].direction = "lower"
        by_user = self._change_plan({})
        self.assertEqual(self.amounts(by_user["rep_3"])["Revenue bonus"], 250)
        difference, _total, explanation = self._estimate(by_user["rep_3"], (self.categ_easy, 50))
        self.assertEqual(difference, -249)
        self.assertIn("attainment 50.0% -> 33.3%, bonus -250.00", explanation)
