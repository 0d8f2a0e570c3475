# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import csv
import io

from odoo.tests import HttpCase, tagged

from .common import IncentiveScenario


@tagged("post_install", "-at_install")
class TestStatementJourney(HttpCase, IncentiveScenario):
    """In a real browser, from the home menu: the manager approves from "Statements to
    Approve", the salesperson checks a line's calculation, the accountant posts from the
    accounting menu, opens the entry and cancels with a reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.manager_a, cls.rep_1, cls.accountant):
            user.company_ids |= cls.company  # the web client opens in the user's company

    def test_approve_check_post_cancel(self):
        statement = self.by_user["rep_1"]
        statement.action_submit()
        self.start_tour("/odoo", "sales_incentive_journey_approve", login="manager_a")
        self.assertEqual((statement.state, statement.approved_by_id), ("approved", self.manager_a))

        self.start_tour("/odoo", "sales_incentive_journey_line_calculation", login="rep_1")
        commission = statement.line_ids.filtered(lambda line: line.line_kind == "commission")
        # The words reproduce the amount: 200 at 10 % is 20.
        self.assertIn("×", commission.explanation)  # noqa: RUF001 (a multiplication)
        self.assertEqual(round(commission.base * commission.rate / 100, 2), commission.amount)

        self.start_tour("/odoo", "sales_incentive_journey_post", login="accountant")
        self.assertEqual(statement.posted_by_id.login, "accountant")
        self.assertEqual(statement.move_id.state, "posted")
        self.assertEqual(statement.state, "cancel")
        reversal = self.env["account.move"].search([("reversed_entry_id", "=", statement.move_id.id)])
        self.assertEqual(reversal.state, "posted")
        self.assertTrue(statement.message_ids.filtered(lambda message: "Paid twice by mistake" in (message.body or "")))

    def test_accountant_exports_for_payroll(self):
        # Rep One (1614) and Rep Three (1801.60) approved; Rep Two's statement is still a draft.
        for login in ("rep_1", "rep_3"):
            self.by_user[login].action_submit()
            self.by_user[login].action_approve()
        self.start_tour("/odoo", "sales_incentive_journey_payroll_export", login="accountant")
        attachment = self.env["ir.attachment"].search(
            [("name", "=", "incentives.csv"), ("create_uid", "=", self.accountant.id)]
        )
        self.assertEqual(len(attachment), 1)
        rows = list(csv.reader(io.StringIO(attachment.raw.decode())))
        self.assertEqual(rows[0][:5], ["Salesperson", "Login", "Period", "Company", "Amount"])
        self.assertEqual(
            [(row[1], row[2], row[4], row[6]) for row in rows[1:]],
            [("rep_1", "2026-03", "1614.00", "Approved"), ("rep_3", "2026-03", "1801.60", "Approved")],
        )
