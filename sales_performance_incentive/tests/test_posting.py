# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Posting modes, analytic distribution, vendor bills, exports and manual adjustments."""

import csv
import io

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import IncentiveScenario


@tagged("post_install", "-at_install")
class TestPosting(IncentiveScenario):
    def _approve_all(self, *logins):
        for login in logins:
            statement = self.by_user[login]
            statement.action_submit()
            manager = self.manager_b if login == "rep_3" else self.manager_a
            statement.with_user(manager).action_approve()
        return self.env["sales.incentive.statement"].concat(*(self.by_user[login] for login in logins))

    def test_one_grouped_entry_per_period_then_cancel_one(self):
        """rep_1 1614 + rep_3 1801.60 in one entry: two expense and two payable lines, 3415.60
        each side. Cancelling rep_1 reverses only rep_1's lines; rep_3's stay posted."""
        self.company.incentive_posting_mode = "period"
        statements = self._approve_all("rep_1", "rep_3")
        statements.with_user(self.accountant).action_post()
        move = statements.move_id
        self.assertEqual(len(move), 1)
        self.assertEqual(len(move.line_ids), 4)
        self.assertAlmostEqual(sum(move.line_ids.mapped("debit")), 3415.60)
        self.assertAlmostEqual(sum(move.line_ids.mapped("credit")), 3415.60)
        payable = move.line_ids.filtered(lambda line: line.account_id == self.company.incentive_payable_account_id)
        self.assertEqual(
            {(line.partner_id, round(line.credit, 2)) for line in payable},
            {(self.rep_1.partner_id, 1614.0), (self.rep_3.partner_id, 1801.6)},
        )
        self.assertEqual(move.ref, "Incentives 2026-03")
        self.by_user["rep_1"].with_user(self.accountant).action_cancel()
        reversal = self.env["account.move"].search(
            [("line_ids.incentive_statement_id", "=", self.by_user["rep_1"].id), ("id", "!=", move.id)]
        )
        self.assertEqual(reversal.state, "posted")
        self.assertEqual(len(reversal.line_ids), 2)
        self.assertEqual(round(sum(reversal.line_ids.mapped("debit")), 2), 1614)
        expense_back = reversal.line_ids.filtered("credit")
        self.assertEqual(expense_back.account_id, self.company.incentive_expense_account_id)
        self.assertEqual(move.state, "posted", "rep_3's part of the grouped entry stays")
        self.assertEqual(self.by_user["rep_3"].state, "posted")

    def test_one_entry_per_statement_by_default(self):
        statements = self._approve_all("rep_1", "rep_3")
        statements.with_user(self.accountant).action_post()
        self.assertEqual(len(statements.move_id), 2)
        statement = self.by_user["rep_1"]
        # The stored name holds names only (the statement job computes it, in its language);
        # the entry carries the display name, in the poster's.
        self.assertEqual(statement.name, f"{statement.user_id.name} - 2026-03")
        self.assertEqual(statement.move_id.ref, f"Incentives {statement.name}")

    def test_analytic_distribution_by_team(self):
        plan = self.env["account.analytic.plan"].create({"name": "Sales teams"})
        account = self.env["account.analytic.account"].create(
            {"name": "Team A", "plan_id": plan.id, "company_id": self.company.id}
        )
        self.team_a.incentive_analytic_account_id = account
        self.company.incentive_analytic_by_team = True
        statements = self._approve_all("rep_1", "rep_3")
        statements.with_user(self.accountant).action_post()
        expense_1 = self.by_user["rep_1"].move_id.line_ids.filtered("debit")
        self.assertEqual(expense_1.analytic_distribution, {str(account.id): 100})
        self.assertEqual(round(sum(expense_1.analytic_line_ids.mapped("amount")), 2), -1614)
        expense_3 = self.by_user["rep_3"].move_id.line_ids.filtered("debit")
        self.assertFalse(expense_3.analytic_distribution, "Team B has no analytic account")

    def test_vendor_bill_for_an_external_agent(self):
        """rep_3 is paid as an agent through Agent Co: a posted vendor bill of 1801.60 to Agent
        Co; cancelling makes a vendor credit note of the same amount."""
        agent = self.env["res.partner"].create({"name": "Agent Co", "is_company": True})
        self.plan.assignment_ids.filtered(lambda a: a.user_id == self.rep_3).write(
            {"payout_method": "vendor_bill", "payee_partner_id": agent.id}
        )
        self.by_user["rep_3"].unlink()
        statement = self.env["sales.incentive.statement"]._generate(self.march, users=self.rep_3)
        self.assertEqual((statement.payout_method, statement.payee_partner_id), ("vendor_bill", agent))
        self.by_user["rep_3"] = statement
        self._approve_all("rep_3")
        statement.with_user(self.accountant).action_post()
        bill = statement.move_id
        self.assertEqual((bill.move_type, bill.state, bill.partner_id), ("in_invoice", "posted", agent))
        self.assertAlmostEqual(bill.amount_total, 1801.60)
        self.assertEqual(bill.invoice_line_ids.account_id, self.company.incentive_expense_account_id)
        statement.with_user(self.accountant).action_cancel()
        refund = self.env["account.move"].search([("reversed_entry_id", "=", bill.id)])
        self.assertEqual((refund.move_type, refund.state), ("in_refund", "posted"))
        self.assertAlmostEqual(refund.amount_total, 1801.60)

    def test_exports_for_payroll(self):
        self._approve_all("rep_1", "rep_3")
        accountant_statements = self.statements.with_user(self.accountant)
        action = self._payroll_export(accountant_statements).action_export()
        content = self._download(action).decode()
        rows = list(csv.reader(io.StringIO(content)))
        self.assertEqual(rows[0][:5], ["Salesperson", "Login", "Period", "Company", "Amount"])
        self.assertEqual([(row[1], row[4]) for row in rows[1:]], [("rep_1", "1614.00"), ("rep_3", "1801.60")])
        self.assertEqual(rows[1][10], "Manager A", "who approved")
        workbook = openpyxl.load_workbook(
            io.BytesIO(self._download(self._payroll_export(accountant_statements, "xlsx").action_export()))
        )
        sheet = workbook.active
        self.assertEqual([sheet.cell(row, 2).value for row in (2, 3)], ["rep_1", "rep_3"])
        self.assertEqual([sheet.cell(row, 5).value for row in (2, 3)], [1614, 1801.6])
        self.assertEqual(sheet.cell(4, 5).value, "=SUM(E2:E3)")

    def test_export_follows_the_record_rules(self):
        """A manager exports only what the rules let them read: not rep_3's (other team)."""
        self._approve_all("rep_1", "rep_3")
        _header, rows = self._payroll_export(self.statements.with_user(self.manager_a))._payroll_rows()
        self.assertEqual([row[1] for row in rows], ["rep_1"])

    def test_accountant_reads_the_statements_audit_trail_only(self):
        """Who approved and posted, and when, for the accountant; not the changes of targets."""
        self.env.flush_all()
        self.env.cr.precommit.run()  # what the scenario made is done
        self.env = self.env(context={})  # the accounting test base turns tracking off; the trail is made of it
        statement = self.env["sales.incentive.statement"].browse(self.by_user["rep_1"].id)
        statement.action_submit()
        statement.with_user(self.manager_a).action_approve()
        statement.with_user(self.accountant).action_post()
        goal = self.env["sales.performance.goal"].search(
            [("user_id", "=", self.rep_2.id), ("period_id", "=", self.march.id)], limit=1
        )
        goal.target = 410
        self.env.cr.precommit.run()
        self.env.flush_all()
        rows = self.env["sales.performance.audit"].with_user(self.accountant).search([])
        self.assertEqual(set(rows.mapped("model")), {"sales.incentive.statement"})
        # (one transaction here: every change is logged when it ends, so by one user)
        changes = {(row.field_name, row.new_value) for row in rows}
        self.assertIn(("approved_by_id", self.manager_a.name), changes)
        self.assertIn(("posted_by_id", self.accountant.name), changes)
        self.assertIn(("move_id", statement.move_id.display_name), changes)
        all_rows = self.env["sales.performance.audit"].sudo().search([])
        self.assertIn("sales.performance.goal", all_rows.mapped("model"), "the administrator's view has the target")

    def _download(self, action):
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        return self.env["ir.attachment"].browse(attachment_id).raw


@tagged("post_install", "-at_install")
class TestAdjustments(IncentiveScenario):
    def test_manual_adjustment_is_tracked(self):
        statement = self.by_user["rep_1"].with_user(self.manager_a)
        statement.write(
            {"line_ids": [Command.create({"name": "Trade show help", "amount": 50, "reason": "Covered the booth"})]}
        )
        self.assertEqual(statement.amount_total, 1664)
        adjustment = statement.line_ids.filtered("is_adjustment")
        self.assertEqual(adjustment.line_kind, "adjustment")
        self.assertIn("Covered the booth", statement.message_ids[0].body)
        self.assertEqual(statement.message_ids[0].author_id, self.manager_a.partner_id)
        adjustment.amount = 40
        self.assertIn("changed from", statement.message_ids[0].body)
        self.assertEqual(statement.amount_total, 1654)
        adjustment.unlink()
        self.assertIn("removed", statement.message_ids[0].body)
        self.assertEqual(statement.amount_total, 1614)

    def test_adjustment_needs_a_reason_and_computed_lines_stay(self):
        statement = self.by_user["rep_1"].with_user(self.manager_a)
        with self.assertRaises(ValidationError) as caught:
            statement.write({"line_ids": [Command.create({"name": "Bonus", "amount": 50})]})
        self.assertIn("Reason", str(caught.exception))
        commission = statement.line_ids.filtered(lambda line: line.line_kind == "commission")
        with self.assertRaises(UserError):
            commission.amount = 999
        with self.assertRaises(UserError):
            commission.unlink()
        with self.assertRaises(AccessError):  # a computed line's kind: the statement job's alone
            statement.write(
                {"line_ids": [Command.create({"name": "Fake", "line_kind": "commission", "amount": 9, "reason": "x"})]}
            )
        self.assertEqual(statement.amount_total, 1614)
        self._approve(self.by_user["rep_1"])
        with self.assertRaises(UserError):
            statement.write({"line_ids": [Command.create({"name": "Late", "amount": 5, "reason": "too late"})]})

    def test_statements_on_demand(self):
        self.statements.unlink()
        with self.assertRaises(AccessError):
            self.march.with_user(self.manager_a).action_generate_statements()
        admin = self._create_user("perf_admin", "Perf Admin", "sales_performance.group_sales_performance_admin")
        action = self.march.with_user(admin).action_generate_statements()
        made = self.env["sales.incentive.statement"].search(action["domain"])
        self.assertEqual(len(made), 4)
        self.march.with_user(admin).action_generate_statements()
        self.assertEqual(self.env["sales.incentive.statement"].search_count(action["domain"]), 4, "never twice")


@tagged("post_install", "-at_install")
class TestStatementReport(IncentiveScenario):
    def test_commission_line_shows_its_effective_rate(self):
        """rep_1: 20 on a base of 200 (Hard 10 %) -> 10 %; rep_3: 1.60 on 80 (Easy 2 %) -> 2 %."""
        for login, rate in (("rep_1", 10), ("rep_3", 2)):
            line = self.by_user[login].line_ids.filtered(lambda line: line.line_kind == "commission")
            self.assertAlmostEqual(line.rate, rate)

    def test_statement_pdf(self):
        statement = self.by_user["rep_1"]
        self._approve(statement)
        report = self.env["ir.actions.report"]
        html = report._render_qweb_html("sales_performance_incentive.action_report_statement", statement.ids)[0]
        text = html.decode()
        self.assertIn("1,614.00", text)
        self.assertIn("Manager A", text, "who approved")
        self.assertEqual(text.count("<tr"), 1 + 4 + 1, "header, four lines, total")
        pdf, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "sales_performance_incentive.action_report_statement", statement.ids
        )
        self.assertEqual((kind, pdf[:4]), ("pdf", b"%PDF"))
