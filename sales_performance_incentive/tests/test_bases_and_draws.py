# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Commission on paid revenue and on margin, per-product rates and draws, by hand.

The figures start from IncentiveScenario's March 2026 (see tests/common.py); each test changes
the plan's commission component and makes the statements again.
"""

from datetime import date, datetime

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import IncentiveScenario


@tagged("post_install", "-at_install")
class TestCommissionBases(IncentiveScenario):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.commission = cls.plan.component_ids.filtered(lambda c: c.component_type == "commission")
        cls.Statement = cls.env["sales.incentive.statement"]

    def _change_plan(self, vals):
        self.plan.sudo().write({"state": "draft"})
        self.plan.write(vals)
        self.plan.action_approve()
        self.statements.unlink()

    def _commission(self, statement):
        return round(sum(statement.line_ids.filtered(lambda line: line.line_kind == "commission").mapped("amount")), 2)

    def _invoice(self, user, day):
        return self.env["account.move"].search(
            [
                ("invoice_user_id", "=", user.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("invoice_date", "=", day),
            ]
        )

    def _pay(self, invoice, amount, day, currency=None):
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {"amount": amount, "payment_date": day, "currency_id": (currency or invoice.currency_id).id}
        )._create_payments()

    def test_margin_basis(self):
        """rep_1: Hard 3 x (100 - 60) = 120, credit note -1 x (100 - 60) = -40 -> 80 x 10 % = 8;
        rep_2: Easy 100 USD - cost 10 = 90 x 2 % = 1.80; rep_3: 80 - 10 = 70 x 2 % = 1.40."""
        self._change_plan({"component_ids": [Command.update(self.commission.id, {"base": "margin"})]})
        by_user = {s.user_id: s for s in self.Statement._generate(self.march)}
        self.assertEqual(self._commission(by_user[self.rep_1]), 8)
        self.assertEqual(by_user[self.rep_1].line_ids.filtered(lambda line: line.line_kind == "commission").base, 80)
        self.assertEqual(self._commission(by_user[self.rep_2]), 1.8)
        self.assertEqual(self._commission(by_user[self.rep_3]), 1.4)

    def test_margin_takes_the_sale_line_cost(self):
        """An invoice made from a sale order uses the order line's cost (70 here), not the
        product's (60): May, 1 Hard at 100 -> margin 30 x 10 % = 3."""
        self._change_plan({"component_ids": [Command.update(self.commission.id, {"base": "margin"})]})
        may = self._create_period(date(2026, 5, 1), date(2026, 5, 31), "month", name="2026-05")
        order = self._create_order(self.rep_3, self.customer_2, [(self.product_hard, 1, 100)], datetime(2026, 5, 4, 10))
        order.order_line.purchase_price = 70
        invoice = order._create_invoices()
        invoice.write({"invoice_date": date(2026, 5, 5), "invoice_user_id": self.rep_3.id})
        invoice.action_post()
        statement = self.Statement._generate(may, users=self.rep_3)
        self.assertEqual(self._commission(statement), 3)

    def test_margin_counts_the_cost_in_the_unit_sold(self):
        """Costs are per unit, sales by the dozen. May, rep_3: an invoice of 1 dozen Hard at
        1,200 (cost 12 x 60 = 720: margin 480) and an order of 2 dozen at 1,200 whose order line
        costs 840 a dozen, invoiced (margin 2 x 360 = 720): 1,200 x 10 % = 120 (reading the
        quantities as units would give 1,140 + 720 = 1,860 -> 186)."""
        self._change_plan({"component_ids": [Command.update(self.commission.id, {"base": "margin"})]})
        may = self._create_period(date(2026, 5, 1), date(2026, 5, 31), "month", name="2026-05")
        dozen = self.env.ref("uom.product_uom_dozen")
        invoice = self._create_invoice(
            self.rep_3, self.customer_2, [(self.product_hard, 1, 1200)], date(2026, 5, 4), post=False
        )
        invoice.invoice_line_ids.write({"product_uom_id": dozen.id, "price_unit": 1200})
        invoice.action_post()
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer_2.id,
                "user_id": self.rep_3.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product_hard.id,
                            "product_uom_qty": 2,
                            "product_uom": dozen.id,
                            "price_unit": 1200,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        order.order_line.purchase_price = 840
        from_order = order._create_invoices()
        from_order.write({"invoice_date": date(2026, 5, 6), "invoice_user_id": self.rep_3.id})
        from_order.action_post()
        self.assertEqual(from_order.invoice_line_ids.product_uom_id, dozen)
        statement = self.Statement._generate(may, users=self.rep_3)
        self.assertEqual(statement.line_ids.filtered(lambda line: line.line_kind == "commission").base, 1200)
        self.assertEqual(self._commission(statement), 120)

    def test_paid_basis_partial_payment_other_currency(self):
        """Paid in March: half of rep_1's invoice of 300 (150 x 10 % = 15); half of rep_2's
        invoice of 200 EUR (100 USD at the invoice's rate), paid at another rate -> 50 x 2 % = 1.
        rep_3's invoice is paid on 2 April: nothing in March, 80 x 2 % = 1.60 in April.
        The unpaid credit note of rep_1 counts for nothing on this basis."""
        self.env["res.currency.rate"].create(
            {"name": date(2026, 3, 25), "rate": 2.5, "currency_id": self.eur.id, "company_id": self.company.id}
        )
        self._change_plan({"component_ids": [Command.update(self.commission.id, {"base": "paid"})]})
        invoice_1 = self._invoice(self.rep_1, date(2026, 3, 10))
        self._pay(invoice_1, invoice_1.amount_total / 2, date(2026, 3, 25))
        invoice_2 = self._invoice(self.rep_2, date(2026, 3, 12))
        self._pay(invoice_2, invoice_2.amount_total / 2, date(2026, 3, 28))
        invoice_3 = self._invoice(self.rep_3, date(2026, 3, 31))
        self._pay(invoice_3, invoice_3.amount_total, date(2026, 4, 2))
        by_user = {s.user_id: s for s in self.Statement._generate(self.march)}
        self.assertEqual(self._commission(by_user[self.rep_1]), 15)
        self.assertEqual(self._commission(by_user[self.rep_2]), 1)
        self.assertEqual(self._commission(by_user[self.rep_3]), 0)
        april = self._create_period(date(2026, 4, 1), date(2026, 4, 30), "month", name="2026-04")
        self.assertEqual(self._commission(self.Statement._generate(april, users=self.rep_3)), 1.6)

    def test_product_rate_overrides_its_category(self):
        """Hard product at 15 % instead of its category's 10 %: rep_1 200 x 15 % = 30."""
        self._change_plan(
            {
                "component_ids": [
                    Command.update(
                        self.commission.id,
                        {"category_rate_ids": [Command.create({"product_id": self.product_hard.id, "rate": 15})]},
                    )
                ]
            }
        )
        statement = self.Statement._generate(self.march, users=self.rep_1)
        self.assertEqual(self._commission(statement), 30)
        self.assertIn(
            '"rate_source": "product"', statement.line_ids.filtered(lambda line: line.line_kind == "commission").trace
        )

    @mute_logger("odoo.sql_db")  # the refused query is the point
    def test_a_rate_names_a_category_or_a_product(self):
        self.plan.sudo().write({"state": "draft"})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.commission.write({"category_rate_ids": [Command.create({"rate": 5})]})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.commission.write(
                {
                    "category_rate_ids": [
                        Command.create({"categ_id": self.categ_easy.id, "product_id": self.product_easy.id, "rate": 5})
                    ]
                }
            )
        self.assertEqual(len(self.commission.category_rate_ids), 1)


@tagged("post_install", "-at_install")
class TestDraws(IncentiveScenario):
    """A draw of 100 a period. March: rep_2 earned 2 -> advance 98 (total 100); rep_1 earned
    1614 -> nothing to top up or recover. April: rep_2 invoices 10,000 Easy (2 % = 200) ->
    recovers min(98, 200 - 100) = 98 -> 102. May: 5,000 (100): no advance, nothing left."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan.sudo().write({"state": "draft"})
        cls.plan.write(
            {"component_ids": [Command.create({"name": "Draw", "component_type": "draw", "draw_amount": 100})]}
        )
        cls.plan.action_approve()
        cls.statements.unlink()
        cls.Statement = cls.env["sales.incentive.statement"]

    def _kinds(self, statement):
        return {
            line.line_kind: round(line.amount, 2) for line in statement.line_ids if line.line_kind.startswith("draw")
        }

    def _month(self, month, amount):
        period = self._create_period(date(2026, month, 1), date(2026, month, 28), "month", name=f"2026-{month:02}")
        self._create_invoice(self.rep_2, self.customer_3, [(self.product_easy, 1, amount)], date(2026, month, 15))
        return self.Statement._generate(period, users=self.rep_2)

    def test_advance_then_recovery(self):
        by_user = {s.user_id: s for s in self.Statement._generate(self.march)}
        self.assertEqual(self._kinds(by_user[self.rep_2]), {"draw_advance": 98})
        self.assertEqual(by_user[self.rep_2].amount_total, 100)
        self.assertEqual(self._kinds(by_user[self.rep_1]), {})
        self.assertEqual(by_user[self.rep_1].amount_total, 1614)
        april = self._month(4, 10000)
        self.assertEqual(self._kinds(april), {"draw_recovery": -98})
        self.assertEqual(april.amount_total, 102)
        may = self._month(5, 5000)
        self.assertEqual(self._kinds(may), {})
        self.assertEqual(may.amount_total, 100)

    def test_recovery_never_goes_below_the_draw_unless_allowed(self):
        """March advance 98; April 6,000 (120): recovers only 20 -> 100, 78 left; with
        'recover all at once' the same April takes all 98 -> 22."""
        self.Statement._generate(self.march)
        april = self._month(4, 6000)
        self.assertEqual((self._kinds(april), april.amount_total), ({"draw_recovery": -20}, 100))
        april.unlink()
        self.plan.sudo().write({"state": "draft"})
        self.plan.component_ids.filtered(lambda c: c.component_type == "draw").draw_allow_negative = True
        self.plan.action_approve()
        april = self.Statement._generate(
            self.env["sales.performance.period"].search([("name", "=", "2026-04")]), users=self.rep_2
        )
        self.assertEqual((self._kinds(april), round(april.amount_total, 2)), ({"draw_recovery": -98}, 22))

    def test_manual_adjustments_move_the_draw(self):
        """rep_2's March: earned 2, advance 98, total 100. The manager adds 50 (a missed order):
        earned 52, advance 48, still 100; raises it to 150: earned 152, no advance, 152; removes
        it: advance 98 again. April then recovers against March as it stands."""
        march = {s.user_id: s for s in self.Statement._generate(self.march)}[self.rep_2]
        adjustment = (
            self.env["sales.incentive.statement.line"]
            .with_user(self.manager_a)
            .create({"statement_id": march.id, "amount": 50, "reason": "Missed order"})
        )
        self.assertEqual((self._kinds(march), march.amount_total), ({"draw_advance": 48}, 100))
        adjustment.with_user(self.manager_a).amount = 150
        self.assertEqual((self._kinds(march), march.amount_total), ({}, 152))
        self.assertIn("Draw recomputed after the adjustment", march.message_ids[0].body)
        adjustment.with_user(self.manager_a).unlink()
        self.assertEqual((self._kinds(march), march.amount_total), ({"draw_advance": 98}, 100))
        adjustment = (
            self.env["sales.incentive.statement.line"]
            .with_user(self.manager_a)
            .create({"statement_id": march.id, "amount": 30, "reason": "Missed order"})
        )
        self.assertEqual(self._kinds(march), {"draw_advance": 68})
        april = self._month(4, 10000)  # 200 earned: recovers min(68, 200 - 100)
        self.assertEqual((self._kinds(april), april.amount_total), ({"draw_recovery": -68}, 132))

    def test_a_draw_needs_an_amount(self):
        self.plan.sudo().write({"state": "draft"})
        with self.assertRaises(ValidationError) as caught:
            self.plan.write({"component_ids": [Command.create({"name": "Zero", "component_type": "draw"})]})
        self.assertIn("Draw Amount", str(caught.exception))


@tagged("post_install", "-at_install")
class TestPlanReset(IncentiveScenario):
    def test_reset_needs_a_reason_kept_in_the_chatter(self):
        admin = self._create_user("plan_admin", "Plan Admin", "sales_performance.group_sales_performance_admin")
        # the test base turns mail tracking off; this test is about it
        Reset = (
            self.env["sales.incentive.plan.reset"]
            .with_user(admin)
            .with_context(tracking_disable=False, mail_notrack=False)
        )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Reset.create({"plan_id": self.plan.id, "reason": "   "}).action_confirm()
        self.assertEqual(self.plan.state, "approved")
        Reset.create({"plan_id": self.plan.id, "reason": "Hardware rate changes in July"}).action_confirm()
        self.assertEqual(self.plan.state, "draft")
        self.env.cr.precommit.run()  # tracking is written when the transaction commits
        self.assertTrue(any("Hardware rate changes in July" in body for body in self.plan.message_ids.mapped("body")))
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "sales.incentive.plan"),
                ("mail_message_id.res_id", "=", self.plan.id),
                ("field_id.name", "=", "state"),
            ]
        )
        self.assertEqual(tracked.mapped("old_value_char"), ["Approved"])
