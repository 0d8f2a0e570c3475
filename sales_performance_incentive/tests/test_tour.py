# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, tagged

from .common import IncentiveScenario


@tagged("post_install", "-at_install")
class TestStatementTour(HttpCase, IncentiveScenario):
    """In a real browser: the manager approves a statement, the accountant posts it and opens
    the journal entry."""

    def test_approve_and_post_in_the_browser(self):
        statement = self.by_user["rep_1"]
        statement.action_submit()
        url = f"/odoo/action-sales_performance_incentive.sales_incentive_statement_action/{statement.id}"
        self.start_tour(url, "sales_incentive_statement_approve", login="manager_a")
        self.assertEqual((statement.state, statement.approved_by_id), ("approved", self.manager_a))
        self.start_tour(url, "sales_incentive_statement_post", login="accountant")
        self.assertEqual(statement.state, "posted")
        self.assertEqual(statement.move_id.state, "posted")
        self.assertEqual(statement.posted_by_id.login, "accountant")
