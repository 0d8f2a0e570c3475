# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Corrections after posting (issue I), by hand: a posted statement never changes; what
changes later lands in the next statement, traced to its origin, at the rates that paid it."""

from datetime import date

from odoo import Command
from odoo.tests import tagged

from .test_money_lifecycle import MoneyCase


@tagged("post_install", "-at_install")
class TestCorrections(MoneyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.april = cls._create_period(date(2026, 4, 1), date(2026, 4, 30), "month", name="2026-04")
        cls.may = cls._create_period(date(2026, 5, 1), date(2026, 5, 31), "month", name="2026-05")

    def _rep(self, login, name):
        rep = self._create_user(login, name)
        self.team_a.crm_team_member_ids = [Command.create({"user_id": rep.id})]
        return rep

    def _post(self, statement):
        statement.action_submit()
        statement.with_user(statement.team_id.user_id or self.manager_a).action_approve()
        statement.with_user(self.accountant).action_post()

    def test_unlinked_credit_note_at_the_rate_of_its_day(self):
        """rep_u on plan A (5 %) in March, plan B (20 %) from 1 April. March: invoice 1000
        (10 March) -> 50, posted. Then a credit note of 200 dated 20 March, linked to nothing:
        April's statement (no sale) has a prior-period line of -200 x 5 % = -10 (the rate that
        paid March; the old code took April's 20 %: -40), traced to March's statement and the
        credit note; May pays nothing more."""
        rep = self._rep("rep_u", "Rep Unlinked")
        self._plan("Plan A", 5, [(rep, date(2026, 1, 1), date(2026, 3, 31))])
        self._plan("Plan B", 20, [(rep, date(2026, 4, 1), False)])
        self._sell(rep, date(2026, 3, 10), 1000)
        march = self.Statement._generate(self.march, users=rep)
        self.assertEqual(march.amount_total, 50)
        self._post(march)
        refund = self._create_invoice(
            rep, self.customer_2, [(self.product_easy, 1, 200)], date(2026, 3, 20), "out_refund", team=self.team_a
        )
        april = self.Statement._generate(self.april, users=rep)
        prior = april.line_ids.filtered(lambda line: line.line_kind == "prior_period")
        self.assertEqual((prior.base, prior.amount), (-200, -10))
        self.assertEqual(prior.origin_statement_id, march)
        self.assertEqual(prior.move_line_ids.move_id, refund)
        self.assertEqual(april.amount_total, -10)
        self.assertEqual((march.state, march.amount_total), ("posted", 50))
        may = self.Statement._generate(self.may, users=rep)
        self.assertEqual(may.amount_total, 0)

    def test_linked_credit_note_takes_back_at_the_rate_paid(self):
        """rep_l on plan A (5 %) until 31 March, plan B (20 %) from 1 April. Invoice 1000 (10
        March) -> March 50, posted. A credit note of 400 linked to it, dated 15 April: April's
        clawback is -400 x 5 % = -20, linked to March's commission line (the old code: -80 in
        April's commission line, at plan B's rate)."""
        rep = self._rep("rep_l", "Rep Linked")
        self._plan("Plan A", 5, [(rep, date(2026, 1, 1), date(2026, 3, 31))])
        self._plan("Plan B", 20, [(rep, date(2026, 4, 1), False)])
        invoice = self._sell(rep, date(2026, 3, 10), 1000)
        march = self.Statement._generate(self.march, users=rep)
        self._post(march)
        refund = self._create_invoice(
            rep, self.customer_1, [(self.product_easy, 1, 400)], date(2026, 4, 15), "out_refund", team=self.team_a
        )
        refund.button_draft()
        refund.reversed_entry_id = invoice
        refund.action_post()
        april = self.Statement._generate(self.april, users=rep)
        clawback = april.line_ids.filtered(lambda line: line.line_kind == "clawback")
        self.assertEqual((clawback.base, clawback.amount), (-400, -20))
        self.assertEqual(clawback.clawback_of_id, march.line_ids.filtered(lambda line: line.line_kind == "commission"))
        self.assertEqual(april.amount_total, -20)

    def test_paid_basis_refund(self):
        """rep_p, commission 10 % of what is paid. Invoice 1000 (5 March) paid in full on 10
        March: March's statement 100, posted. A credit note of 400 linked to it (5 April),
        refunded to the customer on 10 April: April's statement takes back 40 as a clawback
        linked to March's commission line (the old code netted -40 into April's commission
        line, with no trace to March)."""
        rep = self._rep("rep_p", "Rep Paid")
        plan = self.env["sales.incentive.plan"].create(
            {
                "name": "Paid 10 %",
                "company_id": self.company.id,
                "component_ids": [
                    Command.create(
                        {"name": "Commission", "component_type": "commission", "base": "paid", "default_rate": 10}
                    )
                ],
                "assignment_ids": [Command.create({"user_id": rep.id, "date_from": date(2026, 1, 1)})],
            }
        )
        plan.action_approve()
        invoice = self._sell(rep, date(2026, 3, 5), 1000)
        self._register_payment(invoice, date(2026, 3, 10))
        march = self.Statement._generate(self.march, users=rep)
        self.assertEqual(march.amount_total, 100)
        self._post(march)
        refund = self._create_invoice(
            rep,
            self.customer_1,
            [(self.product_easy, 1, 400)],
            date(2026, 4, 5),
            "out_refund",
            team=self.team_a,
            post=False,
        )
        refund.reversed_entry_id = invoice
        refund.action_post()
        self._register_payment(refund, date(2026, 4, 10))
        april = self.Statement._generate(self.april, users=rep)
        clawback = april.line_ids.filtered(lambda line: line.line_kind == "clawback")
        self.assertEqual((round(clawback.base, 2), clawback.amount), (-400, -40))
        self.assertEqual(clawback.clawback_of_id, march.line_ids.filtered(lambda line: line.line_kind == "commission"))
        self.assertEqual(clawback.move_line_ids.move_id, refund)
        self.assertEqual(april.amount_total, -40)
        self.assertEqual(march.amount_total, 100)

    def _register_payment(self, move, day):
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=move.ids).create(
            {"payment_date": day}
        ).action_create_payments()

    def test_review_adjustment_after_posting_feeds_the_bonus(self):
        """rep_1's March statement (IncentiveScenario: rating S, bonus 100 + 10 % of 1000 = 200,
        total 1614) is posted; then the manager adjusts the review's score to 90 (band B: no
        bonus). April's statement (no sales, no goal, no review: 0 otherwise) gets a
        prior-period line of 0 - 200 = -200, traced to March's statement and the review; May
        pays nothing more; March stays 1614 (the old code: no line, 200 kept)."""
        march = self.by_user["rep_1"]
        self._post(march)
        review = self.env["sales.performance.review"].search(
            [("period_id", "=", self.march.id), ("user_id", "=", self.rep_1.id)]
        )
        review.with_user(self.manager_a).write(
            {"is_score_adjusted": True, "score_override": 90, "score_adjustment_reason": "Deal lost after the close"}
        )
        self.assertEqual(review.rating_id.name, "B")
        april = self.Statement._generate(self.april, users=self.rep_1)
        prior = april.line_ids.filtered(lambda line: line.line_kind == "prior_period")
        self.assertEqual(prior.amount, -200)
        self.assertEqual((prior.origin_statement_id, prior.review_id), (march, review))
        self.assertEqual(prior.name, "Prior-period adjustment: Rating bonus (2026-03)")
        self.assertEqual(april.amount_total, -200)
        self.assertEqual((march.state, march.amount_total), ("posted", 1614))
        may = self.Statement._generate(self.may, users=self.rep_1)
        self.assertFalse(may.line_ids.filtered(lambda line: line.line_kind == "prior_period"), "paid once")
