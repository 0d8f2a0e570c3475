# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The incentive test scenario, shared by the statement tests and the browser tour."""

from datetime import date

from odoo.tests import new_test_user

from odoo.addons.sales_performance.tests.common import SalesPerformanceScenario


class IncentiveScenario(SalesPerformanceScenario):
    """March 2026 of SalesPerformanceScenario, paid by hand.

    Commission: Hard 10 %, others 2 %. rep_1 invoiced Hard 300 - 100 (credit note) = 200 -> 20;
      rep_2 Easy 100 USD (200 EUR) -> 2; rep_3 Easy 80 -> 1.60.
    Attainment bonus on revenue, target bonus 1000, curve 50->25, 100->100, 150->200,
      threshold 50 %, cap 180 %: rep_1 300 of 250 = 120 % -> 140 % -> 1400;
      rep_2 100 of 400 = 25 % -> 0; rep_3 100 of 50 = 200 % -> 300 % capped 180 % -> 1800.
    SPIFF Hard, 15-31 March, 5 per unit + 1 %: rep_1's credit note of 20 March (-1 unit, -100)
      -> -6 (the invoice of 10 March is outside the window).
    Rating bonus: rating S pays 100 + 10 % of 1000 = 200: rep_1 (score 120) only.
    Totals: rep_1 1614, rep_2 2, rep_3 1801.60.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env,
            login="accountant",
            groups="sales_performance_incentive.group_incentive_accountant",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        band_s = cls.env.ref("sales_performance.rating_scale_default").band_ids.filtered(lambda b: b.name == "S")
        cls.plan = cls.env["sales.incentive.plan"].create(
            {
                "name": "Field sales 2026",
                "company_id": cls.company.id,
                "component_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Commission",
                            "component_type": "commission",
                            "default_rate": 2,
                            "category_rate_ids": [(0, 0, {"categ_id": cls.categ_hard.id, "rate": 10})],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Revenue bonus",
                            "component_type": "attainment_bonus",
                            "target_bonus": 1000,
                            "kpi_id": cls.kpi["revenue"].id,
                            "threshold": 50,
                            "cap": 180,
                            "point_ids": [
                                (0, 0, {"sequence": i, "attainment": a, "payout": p})
                                for i, (a, p) in enumerate([(50, 25), (100, 100), (150, 200)])
                            ],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Hard SPIFF",
                            "component_type": "spiff",
                            "spiff_category_ids": [(6, 0, cls.categ_hard.ids)],
                            "spiff_date_from": date(2026, 3, 15),
                            "spiff_date_to": date(2026, 3, 31),
                            "spiff_fixed": 5,
                            "spiff_rate": 1,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Rating bonus",
                            "component_type": "rating_bonus",
                            "target_bonus": 1000,
                            "band_rate_ids": [
                                (0, 0, {"band_id": band_s.id, "fixed_amount": 100, "target_percent": 10})
                            ],
                        },
                    ),
                ],
                "assignment_ids": [
                    (0, 0, {"user_id": rep.id, "date_from": date(2026, 1, 1)})
                    for rep in (cls.rep_1, cls.rep_2, cls.rep_3, cls.manager_a)
                ],
            }
        )
        cls.plan.action_approve()
        for rep, team, target in (
            (cls.rep_1, cls.team_a, 250),
            (cls.rep_2, cls.team_a, 400),
            (cls.rep_3, cls.team_b, 50),
        ):
            cls._create_goal(cls.march, cls.kpi["revenue"], target, user=rep, team=team)
        cls.env["sales.performance.review"]._create_manual(cls.march, cls.rep_1)
        cls.statements = cls.env["sales.incentive.statement"]._generate(cls.march)
        cls.by_user = {s.user_id.login: s for s in cls.statements}
        payable = cls.env["account.account"].create(
            {
                "name": "Accrued incentives",
                "code": "299100",
                "account_type": "liability_current",
                "company_ids": [(6, 0, cls.company.ids)],
            }
        )
        cls.company.write(
            {
                "incentive_expense_account_id": cls.company_data["default_account_expense"].id,
                "incentive_payable_account_id": payable.id,
                "incentive_journal_id": cls.company_data["default_journal_misc"].id,
            }
        )

    def amounts(self, statement):
        return {line.name: round(line.amount, 2) for line in statement.line_ids}

    def _payroll_export(self, statements, file_format="csv"):
        """The payroll export wizard on ``statements``, as their environment's user."""
        return (
            statements.env["sales.incentive.payroll.export"]
            .with_context(active_model=statements._name, active_ids=statements.ids)
            .create({"file_format": file_format})
        )

    def _approve(self, statement):
        statement.action_submit()
        statement.with_user(self.manager_a).action_approve()
