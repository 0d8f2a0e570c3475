# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo import Command
from odoo.tests import Form, tagged

from odoo.addons.sales_performance.tests.common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestAccelerator(SalesPerformanceScenario):
    """March 2026 of SalesPerformanceScenario, invoiced: rep_1 300 - 100 (credit note) = 200,
    rep_2 100, rep_3 80. The accelerator pays 5 % up to 150 and 10 % above."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env["sales.incentive.plan"].create(
            {
                "name": "Accelerated 2026",
                "company_id": cls.company.id,
                "component_ids": [
                    Command.create(
                        {
                            "name": "Accelerator",
                            "component_type": "accelerator",
                            "default_rate": 5,
                            "accelerator_threshold": 150,
                            "accelerator_rate": 10,
                        }
                    )
                ],
                "assignment_ids": [
                    Command.create({"user_id": rep.id, "date_from": date(2026, 1, 1)})
                    for rep in (cls.rep_1, cls.rep_2, cls.rep_3)
                ],
            }
        )
        cls.plan.action_approve()

    def test_statements(self):
        """rep_1: 150 x 5 % + 50 x 10 % = 12.50; rep_2: 100 x 5 % = 5; rep_3: 80 x 5 % = 4."""
        statements = self.env["sales.incentive.statement"]._generate(self.march)
        self.assertEqual({s.user_id.login: s.amount_total for s in statements}, {"rep_1": 12.5, "rep_2": 5, "rep_3": 4})
        line = statements.filtered(lambda s: s.user_id == self.rep_1).line_ids
        self.assertEqual((line.line_kind, line.base, line.rate), ("commission", 200, 6.25))
        self.assertEqual(len(line.move_line_ids), 2, "the invoice line and the credit note line")

    def test_the_estimate_runs_the_new_type_too(self):
        """rep_1 sells 100 more: 300 -> 150 x 5 % + 150 x 10 % = 22.50 instead of 12.50: +10."""
        with Form(self.env["sales.incentive.whatif"].with_context(default_plan_id=self.plan.id)) as form:
            form.user_id = self.rep_1
            form.period_id = self.march
            with form.line_ids.new() as line:
                line.categ_id = self.categ_easy
                line.amount = 100
            self.assertAlmostEqual(form.difference, 10)
