# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Corrections after posting (issue I), by hand: a posted statement never changes; what
changes later lands in the next statement, traced to its origin, at the rates that paid it."""

from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .test_money_lifecycle import AfterMarchCase


@tagged("post_install", "-at_install")
class TestCorrections(AfterMarchCase):
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

    def _post_march_then_lower_the_review(self):
        """rep_1's March statement posted (bonus 200), then his review adjusted to 90 (band B)."""
        march = self.by_user["rep_1"]
        self._post(march)
        review = self.env["sales.performance.review"].search(
            [("period_id", "=", self.march.id), ("user_id", "=", self.rep_1.id)]
        )
        review.with_user(self.manager_a).write(
            {"is_score_adjusted": True, "score_override": 90, "score_adjustment_reason": "Deal lost after the close"}
        )
        return march, review

    def test_review_adjustment_after_posting_feeds_the_bonus(self):
        """rep_1's March statement (IncentiveScenario: rating S, bonus 100 + 10 % of 1000 = 200,
        total 1614) is posted; then the manager adjusts the review's score to 90 (band B: no
        bonus). April's statement (no sales, no goal, no review: 0 otherwise) gets a
        prior-period line of 0 - 200 = -200, traced to March's statement and the review; May
        pays nothing more; March stays 1614 (the old code: no line, 200 kept)."""
        march, review = self._post_march_then_lower_the_review()
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

    def test_review_correction_then_recalculated_statement_pays_the_bonus_once(self):
        """As above: March (bonus 200) posted, the review adjusted to band B (no bonus), April's
        statement takes back -200 and is approved. Then March is cancelled to be recalculated:
        the new March pays the current bonus, 0 (total 1414). April's -200 now stands against the
        new March, so May gives back +200: over the year the bonus is paid once, 0 (the old code
        left April's -200 against the cancelled March: 1414 - 200, 200 taken back twice)."""
        march, _review = self._post_march_then_lower_the_review()
        april = self.Statement._generate(self.april, users=self.rep_1)
        self.assertEqual(april.amount_total, -200)
        self._post(april)
        new_march = (
            march.with_user(self.accountant)._cancel(mode="recalculate", reason="Wrong bonus").with_env(self.env)
        )
        self.assertEqual(new_march.amount_total, 1414)
        self._post(new_march)
        prior = april.line_ids.filtered(lambda line: line.line_kind == "prior_period")
        self.assertEqual(prior.origin_statement_id, new_march)
        may = self.Statement._generate(self.may, users=self.rep_1)
        self.assertEqual(may.line_ids.filtered(lambda line: line.line_kind == "prior_period").mapped("amount"), [200])
        live = self.Statement.search([("user_id", "=", self.rep_1.id), ("state", "!=", "cancel")])
        bonus = live.line_ids.filtered(lambda line: line.component_id == prior.component_id)
        self.assertAlmostEqual(sum(bonus.mapped("amount")), 0.0)

    def test_quarter_without_goals_is_evaluated_for_its_quarterly_plan(self):
        """rep_q, quarterly plan at 5 % from 1 October 2025, no goal at all: the evaluation job
        evaluates 2025 Q4 all the same (a quarterly plan pays on it) and the statement job pays
        the invoice of 1000 (10 November): 50. (The old job left a quarter without goals open:
        no quarterly statement, ever.)"""
        rep = self._rep("rep_q4", "Rep Quarterly")
        self._plan("Quarterly 5 %", 5, [(rep, date(2025, 10, 1), False)], frequency="quarter")
        q4 = self._create_period(date(2025, 10, 1), date(2025, 12, 31), "quarter", name="2025 Q4")
        self._sell(rep, date(2025, 11, 10), 1000)
        self.assertIn(q4, self.env["sales.performance.period"]._cron_evaluate_periods())
        self.assertEqual(q4.state, "evaluating")
        self.Statement._cron_generate()
        statement = self._live(rep)
        self.assertEqual((statement.period_id, statement.amount_total), (q4, 50))

    def test_reversal_is_traced_to_the_statement(self):
        """rep_3's March statement (1801.60) posted, then cancelled (void): the reversal's
        journal items point at the statement too, so its entries net of reversals are 0 (the
        old reversal lost the link: the statement's items still summed to 1801.60)."""
        statement = self.by_user["rep_3"]
        self._post(statement)
        statement.with_user(self.accountant).action_cancel(mode="void", reason="Wrong plan")
        items = self.env["account.move.line"].search([("incentive_statement_id", "=", statement.id)])
        self.assertEqual(len(items.move_id), 2)
        expense = self.company.incentive_expense_account_id
        self.assertAlmostEqual(sum(items.filtered(lambda i: i.account_id == expense).mapped("balance")), 0)
        self.assertAlmostEqual(
            sum(items.filtered(lambda i: i.account_id == expense and i.move_id == statement.move_id).mapped("balance")),
            1801.6,
        )

    def test_no_return_to_a_pay_frequency_inside_its_period(self):
        """rep_b on the quarterly plan until 15 February 2026, on a monthly plan from 16
        February to 15 March: back on a quarterly plan from 16 March is refused (Q1's statement
        would cover 1 January - 31 March, the months' days too: the old code accepted it and the
        statement job then failed for the whole quarter); from 1 April it is accepted."""
        self._create_period(date(2026, 1, 1), date(2026, 3, 31), "quarter", name="2026 Q1")
        rep = self._rep("rep_b", "Rep Back")
        quarterly = self._plan("Quarterly", 5, [(rep, date(2026, 1, 1), date(2026, 2, 15))], frequency="quarter")
        self._plan("Monthly", 5, [(rep, date(2026, 2, 16), date(2026, 3, 15))])
        Assignment = self.env["sales.incentive.assignment"]
        with self.assertRaises(ValidationError) as caught:
            Assignment.create({"plan_id": quarterly.id, "user_id": rep.id, "date_from": date(2026, 3, 16)})
        self.assertIn("Start it on 2026-04-01", str(caught.exception))
        Assignment.create({"plan_id": quarterly.id, "user_id": rep.id, "date_from": date(2026, 4, 1)})
