# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

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
