from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.sales_performance.tests.common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestStatement(SalesPerformanceScenario):
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
        cls.env["sales.performance.review"].create_manual(cls.march, cls.rep_1)
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

    def test_statements_by_hand(self):
        self.assertEqual(
            self.amounts(self.by_user["rep_1"]),
            {"Commission": 20, "Revenue bonus": 1400, "Hard SPIFF": -6, "Rating bonus": 200},
        )
        self.assertEqual(self.by_user["rep_1"].amount_total, 1614)
        self.assertEqual(self.by_user["rep_2"].amount_total, 2)
        self.assertEqual(self.amounts(self.by_user["rep_3"])["Revenue bonus"], 1800)
        self.assertAlmostEqual(self.by_user["rep_3"].amount_total, 1801.6)
        commission = self.by_user["rep_1"].line_ids.filtered(lambda line: line.name == "Commission")
        self.assertEqual(len(commission.move_line_ids), 2, "the invoice line and the credit note line, one click away")
        self.assertIn('"rate_source": "category"', commission.trace)

    def test_generation_is_idempotent(self):
        self.assertFalse(self.env["sales.incentive.statement"]._generate(self.march))

    def _approve(self, statement):
        statement.action_submit()
        statement.with_user(self.manager_a).action_approve()

    def test_approve_and_post(self):
        statement = self.by_user["rep_1"]
        with self.assertRaises(UserError):
            statement.with_user(self.accountant).action_post()  # not approved
        self._approve(statement)
        self.assertEqual((statement.state, statement.approved_by_id), ("approved", self.manager_a))
        with self.assertRaises(UserError):
            statement.write({"team_id": self.team_b.id})
        with self.assertRaises(AccessError):
            statement.with_user(self.manager_a).action_post()
        statement.with_user(self.accountant).action_post()
        move = statement.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(sum(move.line_ids.mapped("debit")), 1614)
        self.assertEqual(sum(move.line_ids.mapped("credit")), 1614)
        expense = move.line_ids.filtered(lambda line: line.debit)
        payable = move.line_ids.filtered(lambda line: line.credit)
        self.assertEqual(expense.account_id, self.company.incentive_expense_account_id)
        self.assertEqual(
            (payable.account_id, payable.partner_id), (self.company.incentive_payable_account_id, self.rep_1.partner_id)
        )
        with self.assertRaises(UserError):
            statement.with_user(self.accountant).action_post()  # never twice
        statement.with_user(self.accountant).action_cancel()
        reversal = self.env["account.move"].search([("reversed_entry_id", "=", move.id)])
        self.assertEqual((reversal.state, sum(reversal.line_ids.mapped("debit"))), ("posted", 1614))
        self.assertEqual(statement.state, "cancel")

    def test_no_self_approval(self):
        statement = self.by_user["manager_a"]
        statement.action_submit()
        with self.assertRaises(UserError) as caught:
            statement.with_user(self.manager_a).action_approve()
        self.assertIn("your own statement", str(caught.exception))

    def test_posting_needs_configuration_and_an_open_period(self):
        statement = self.by_user["rep_2"]
        self._approve(statement)
        self.company.incentive_journal_id = False
        with self.assertRaises(UserError) as caught:
            statement.with_user(self.accountant).action_post()
        self.assertIn("Incentive Journal", str(caught.exception))
        self.company.incentive_journal_id = self.company_data["default_journal_misc"]
        self.company.fiscalyear_lock_date = date(2026, 3, 31)
        with self.assertRaises(UserError) as caught:
            statement.with_user(self.accountant).action_post()
        self.assertIn("locked", str(caught.exception))
        self.assertFalse(statement.move_id)
        self.assertEqual(statement.state, "approved")

    def test_salesperson_sees_own_statement_once_approved(self):
        Statement = self.env["sales.incentive.statement"]
        self.assertFalse(Statement.with_user(self.rep_1).search([]))
        self._approve(self.by_user["rep_1"])
        self.assertEqual(Statement.with_user(self.rep_1).search([]), self.by_user["rep_1"])
        self.assertEqual(Statement.with_user(self.manager_a).search([]), self.by_user["rep_1"] | self.by_user["rep_2"])

    def test_bad_plans(self):
        with self.assertRaises(ValidationError):
            self.env["sales.incentive.component"].create(
                {
                    "plan_id": self.plan.id,
                    "name": "Bad",
                    "component_type": "attainment_bonus",
                    "point_ids": [
                        (0, 0, {"sequence": 1, "attainment": 100, "payout": 100}),
                        (0, 0, {"sequence": 2, "attainment": 50, "payout": 120}),
                    ],
                }
            )
        plan = self.env["sales.incentive.plan"].create({"name": "Other", "company_id": self.company.id})
        with self.assertRaises(ValidationError):
            plan.write({"component_ids": [(0, 0, {"name": "Neg", "component_type": "commission", "default_rate": -1})]})
        with self.assertRaises(ValidationError):
            plan.write(
                {
                    "component_ids": [
                        (0, 0, {"name": "Cap", "component_type": "attainment_bonus", "threshold": 80, "cap": 50})
                    ]
                }
            )
        with self.assertRaises(ValidationError):
            plan.write({"assignment_ids": [(0, 0, {"user_id": self.rep_1.id, "date_from": date(2026, 6, 1)})]})
        with self.assertRaises(UserError):
            self.plan.write({"name": "Changed"})

    def test_clawback_in_a_later_period(self):
        """March's invoice of 3 Hard (commission 10 %) is fully refunded on 10 April: April's
        statement claws back 300 x 10 % = 30, linked to March's commission line."""
        april = self._create_period(date(2026, 4, 1), date(2026, 4, 30), "month", name="2026-04")
        invoice = self.env["account.move"].search(
            [
                ("invoice_user_id", "=", self.rep_1.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("invoice_date", "=", date(2026, 3, 10)),
            ]
        )
        refund = invoice._reverse_moves([{"invoice_date": date(2026, 4, 10), "date": date(2026, 4, 10)}])
        refund.action_post()
        statement = self.env["sales.incentive.statement"]._generate(april, users=self.rep_1)
        clawback = statement.line_ids.filtered("clawback_of_id")
        self.assertEqual(round(clawback.amount, 2), -30)
        self.assertEqual(
            clawback.clawback_of_id, self.by_user["rep_1"].line_ids.filtered(lambda line: line.name == "Commission")
        )
        self.assertEqual(clawback.move_line_ids.move_id, refund)
        self.assertEqual(round(statement.amount_total, 2), -30)
