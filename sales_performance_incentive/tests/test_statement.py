# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import IncentiveScenario


@tagged("post_install", "-at_install")
class TestStatement(IncentiveScenario):
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

    def test_cron_waits_for_done_reviews(self):
        Statement = self.env["sales.incentive.statement"]
        self.statements.unlink()
        self.march.action_start_evaluation()  # rep_1's manual review exists, not done
        self.assertFalse(Statement._cron_generate())
        reviews = self.env["sales.performance.review"].search([("period_id", "=", self.march.id)])
        reviews.sudo().write({"state": "done"})
        made = Statement._cron_generate()
        self.assertEqual(set(made.user_id.mapped("login")), {"rep_1", "rep_2", "rep_3", "manager_a"})
        self.assertFalse(Statement._cron_generate(), "a second run makes nothing")

    def test_export_for_payroll(self):
        self._approve(self.by_user["rep_1"])
        action = self._payroll_export(self.statements.with_user(self.accountant).sudo(False)).action_export()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        content = attachment.raw.decode()
        self.assertIn("Rep One,rep_1,2026-03", content)
        self.assertIn("1614.00", content)
        self.assertNotIn("rep_2", content, "only approved statements are exported")


@tagged("post_install", "-at_install")
class TestScaling(IncentiveScenario):
    """Evaluation and statements cost the same number of queries for 5 or 24 salespeople.

    (Odoo inserts new rows 100 at a time: 24 statements of 4 lines stay within one batch;
    beyond, one INSERT more per 100 lines is the ORM's batching, not a query per person.)
    """

    def _count(self, size, month):
        period = self._create_period(date(2025, month, 1), date(2025, month, 28), "month", name=f"scale {size}")
        team = self._create_team(f"Scale {size}", self.manager_b, self.env["res.users"])
        reps = self.env["res.users"]
        for index in range(size):
            reps |= self._create_user(f"scale_{size}_{index}", f"Scale {size} {index}")
        team.crm_team_member_ids = [(0, 0, {"user_id": rep.id}) for rep in reps]
        self.env["sales.performance.goal"].create(
            [
                {
                    "period_id": period.id,
                    "kpi_id": self.kpi["revenue"].id,
                    "scope": "user",
                    "user_id": rep.id,
                    "team_id": team.id,
                    "target": 100,
                    "weight": 100,
                }
                for rep in reps
            ]
        )
        self.env["sales.performance.plan"]._create_missing_for_period(period)
        self.plan.sudo().write({"state": "draft"})
        self.plan.assignment_ids = [(0, 0, {"user_id": rep.id, "date_from": period.date_start}) for rep in reps]
        self.plan.sudo().write({"state": "approved"})
        self.env.cr.flush()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        period.sudo()._evaluate()
        evaluation = self.env.cr.sql_log_count - before
        self.env.cr.flush()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        statements = self.env["sales.incentive.statement"]._generate(period, users=reps)
        generation = self.env.cr.sql_log_count - before
        self.assertEqual(len(statements), size)
        return evaluation, generation

    def test_query_counts_do_not_grow_with_the_team(self):
        small = self._count(5, 5)
        large = self._count(24, 6)
        self.assertEqual(small, large)
