# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Money changes only through the statement's actions (issue N).

Each test is one finding of the review of write paths: a context key sent by a client that
approved and posted statements, a total written without its lines, a statement made for
another team's salesperson, an award on someone else's review, wizard records read by anyone,
public methods returning None or failing on a wrong type.
"""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import IncentiveScenario


@tagged("post_install", "-at_install")
class TestIncentiveIntegrityPaths(IncentiveScenario):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env,
            login="sp_admin",
            groups="sales_team.group_sale_salesman,sales_performance.group_sales_performance_admin",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        cls.statement_1 = cls.by_user["rep_1"]
        cls.review_1 = cls.env["sales.performance.review"].search(
            [("user_id", "=", cls.rep_1.id), ("period_id", "=", cls.march.id)]
        )

    def test_workflow_context_key_grants_nothing(self):
        """Finding: with incentive_workflow=True a manager set a statement from to approve to
        approved, then to posted with no entry."""
        statement = self.statement_1.with_user(self.manager_a)
        submitted = statement.action_submit()
        forged = statement.with_context(incentive_workflow=True)
        with self.assertRaises(AccessError):
            forged.write({"state": "approved", "approved_by_id": self.manager_a.id})
        self.assertEqual(self.statement_1.state, "to_approve")
        self.assertIs(statement.action_approve(), True)
        self.assertEqual(self.statement_1.approved_by_id, self.manager_a)
        with self.assertRaises(AccessError):
            forged.write({"state": "posted"})
        self.assertFalse(self.statement_1.move_id)
        # The designed path: the accountant posts (an entry of the lines' total), then pays.
        as_accountant = self.statement_1.with_user(self.accountant)
        self.assertIs(as_accountant.action_post(), True)
        self.assertEqual(sum(self.statement_1.move_id.line_ids.mapped("debit")), 1614.0)
        self.assertIs(as_accountant.action_mark_paid(), True)
        self.assertEqual(self.statement_1.state, "paid")
        self.assertIs(submitted, True)

    def test_total_follows_the_lines_only(self):
        """Finding: amount_total was written 1,349 -> 99,999 without touching the lines, then
        approved and posted as a 99,999.00 entry."""
        self.assertEqual(self.statement_1.amount_total, 1614.0)
        for user in (self.manager_a, self.admin):
            with self.assertRaises(AccessError) as caught:
                self.statement_1.with_user(user).write({"amount_total": 99_999.0})
            self.assertIn("manual adjustment", str(caught.exception))
        computed = self.statement_1.line_ids.filtered(lambda line: line.line_kind == "commission")
        with self.assertRaises(AccessError):
            computed.with_user(self.manager_a).write({"rate": 50.0})
        with self.assertRaises(AccessError):
            self.env["sales.incentive.statement.line"].with_user(self.manager_a).create(
                {
                    "statement_id": self.statement_1.id,
                    "line_kind": "attainment_bonus",
                    "name": "Bonus",
                    "amount": 50_000.0,
                }
            )
        self.assertEqual(self.statement_1.amount_total, 1614.0)
        # The designed path: a manual adjustment with its reason.
        self.env["sales.incentive.statement.line"].with_user(self.manager_a).create(
            {"statement_id": self.statement_1.id, "name": "Missed deal", "amount": 100.0, "reason": "Deal 42"}
        )
        self.assertEqual(self.statement_1.amount_total, 1714.0)

    def test_statement_team_follows_the_salesperson(self):
        """Finding: the manager of team East made a statement with a 50,000 manual adjustment
        for a salesperson of team West by putting his own team on it."""
        Statement = self.env["sales.incentive.statement"].with_user(self.manager_a)
        with self.assertRaises(ValidationError):
            Statement.create({"user_id": self.rep_3.id, "period_id": self.february.id, "team_id": self.team_a.id})
        with self.assertRaises(AccessError):
            Statement.create({"user_id": self.rep_3.id, "period_id": self.february.id})
        with self.assertRaises(ValidationError):  # by his own manager, to another team
            self.by_user["rep_3"].with_user(self.manager_b).write({"team_id": self.team_a.id})
        self.assertEqual(self.by_user["rep_3"].team_id, self.team_b)

    def test_award_on_the_awardees_own_review(self):
        """Finding: an award of one salesperson was posted on another one's review."""
        Award = self.env["sales.incentive.award"].with_user(self.manager_a)
        with self.assertRaises(ValidationError):
            Award.create(
                {"name": "Top", "user_id": self.rep_2.id, "period_id": self.march.id, "review_id": self.review_1.id}
            )
        award = Award.create(
            {"name": "Top", "user_id": self.rep_1.id, "period_id": self.march.id, "review_id": self.review_1.id}
        )
        self.assertEqual(award.review_id, self.review_1)

    def test_dialog_records_readable_by_their_creator_only(self):
        """Finding: any user read others' wizard records (what-if estimates with statement and
        amounts); NaN in an estimate ended in an internal error."""
        whatif = self.env["sales.incentive.whatif"].with_user(self.rep_1).create({"plan_id": self.plan.id})
        WhatIf = self.env["sales.incentive.whatif"].with_user(self.rep_2)
        self.assertNotIn(whatif.id, WhatIf.search([]).ids)
        with self.assertRaises(AccessError):
            WhatIf.browse(whatif.id).read(["plan_id"])
        with self.assertRaises(ValidationError):
            self.env["sales.incentive.whatif.line"].with_user(self.rep_1).create(
                {"whatif_id": whatif.id, "categ_id": self.categ_hard.id, "amount": float("nan")}
            )

    def test_public_methods_rpc_contract(self):
        """Finding: public methods returned None or a recordset (cannot marshal), a wrong type
        ended in an internal error, a public method took records."""
        statement = self.by_user["rep_2"].with_user(self.manager_a)
        self.assertIs(statement.action_submit(), True)
        self.assertIs(statement.action_reset_draft(), True)
        with self.assertRaises(UserError):
            statement.action_cancel(mode=["void"])
        with self.assertRaises(UserError):
            statement.action_cancel(mode="void", reason=7)
        self.assertIs(statement.action_cancel(mode="void", reason="Duplicate"), True)
        self.assertEqual(self.by_user["rep_2"].state, "cancel")
        rule = self.env["sales.incentive.award.rule"].create(
            {"name": "Top", "mode": "top", "top_count": 1, "company_id": self.company.id}
        )
        with self.assertRaises(ValidationError):
            rule.action_apply(self.march)  # a record, not an id
        self.assertIs(rule.action_apply(self.march.id), True)
        self.assertIs(self.plan.action_approve(), True)
