# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Money while the company lives (issue I), by hand: pay frequency (no day paid twice),
effective dating (hires and plan changes inside a period), void or recalculate on cancel.

Each test adds its own salespeople and plans to IncentiveScenario's company (see common.py);
the commission is on Easy products (no category rate: the plan's default rate).
"""

import json
from datetime import date, datetime

import psycopg2

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import SQL, mute_logger

from .common import IncentiveScenario


@tagged("post_install", "-at_install")
class MoneyCase(IncentiveScenario):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Statement = cls.env["sales.incentive.statement"]

    @classmethod
    def _plan(cls, name, rate, assignments, frequency="month", extra_components=()):
        """An approved plan: commission ``rate`` % on everything (+ ``extra_components``);
        ``assignments`` = [(user, date_from, date_to)]."""
        plan = cls.env["sales.incentive.plan"].create(
            {
                "name": name,
                "company_id": cls.company.id,
                "pay_frequency": frequency,
                "component_ids": [
                    Command.create({"name": "Commission", "component_type": "commission", "default_rate": rate}),
                    *(Command.create(values) for values in extra_components),
                ],
                "assignment_ids": [
                    Command.create({"user_id": user.id, "date_from": start, "date_to": end})
                    for user, start, end in assignments
                ],
            }
        )
        plan.action_approve()
        return plan

    @classmethod
    def _sell(cls, user, day, amount):
        """A posted invoice of one Easy product at ``amount`` on ``day``."""
        return cls._create_invoice(user, cls.customer_1, [(cls.product_easy, 1, amount)], day, team=cls.team_a)

    def _live(self, user, period=None):
        domain = [("user_id", "=", user.id), ("state", "!=", "cancel")]
        if period:
            domain.append(("period_id", "=", period.id))
        return self.Statement.search(domain)

    def _evaluated(self, *periods):
        for period in periods:
            period.sudo().write({"state": "evaluating"})
        self.env["sales.performance.review"].search([]).sudo().write({"state": "done"})

    def _rep(self, login, name):
        """A new salesperson of Team A."""
        rep = self._create_user(login, name)
        self.team_a.crm_team_member_ids = [Command.create({"user_id": rep.id})]
        return rep


class AfterMarchCase(MoneyCase):
    """The scenario's March, then April and May for what happens after its statements."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.april = cls._create_period(date(2026, 4, 1), date(2026, 4, 30), "month", name="2026-04")
        cls.may = cls._create_period(date(2026, 5, 1), date(2026, 5, 31), "month", name="2026-05")


@tagged("post_install", "-at_install")
class TestPayFrequency(MoneyCase):
    """The default calendar of 2026: months January-March (February and March are the
    scenario's), Q1 and the year, all evaluated.

    rep_m, monthly plan at 5 % from 1 January: invoices 100 (15 Jan), 200 (10 Feb), 300
      (20 Mar) -> January 5, February 10, March 15; no Q1 nor year statement (the old job
      paid the same 600 again in Q1 (30) and in the year (30)).
    rep_q, quarterly plan at 5 % from 1 January: 100 (15 Jan) + 300 (20 Mar) -> Q1 20 only.
    rep_late, monthly plan from 1 April: nothing in Q1 (no assignment).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.january = cls._create_period(date(2026, 1, 1), date(2026, 1, 31), "month", name="2026-01")
        cls.q1 = cls._create_period(date(2026, 1, 1), date(2026, 3, 31), "quarter", name="2026 Q1")
        cls.year = cls._create_period(date(2026, 1, 1), date(2026, 12, 31), "year", name="FY 2026")
        cls.rep_m = cls._create_user("rep_m", "Rep Monthly")
        cls.rep_q = cls._create_user("rep_q", "Rep Quarterly")
        cls.rep_late = cls._create_user("rep_late", "Rep Late")
        cls.monthly = cls._plan(
            "Monthly 5 %", 5, [(cls.rep_m, date(2026, 1, 1), False), (cls.rep_late, date(2026, 4, 1), False)]
        )
        cls.quarterly = cls._plan("Quarterly 5 %", 5, [(cls.rep_q, date(2026, 1, 1), False)], frequency="quarter")
        cls._sell(cls.rep_m, date(2026, 1, 15), 100)
        cls._sell(cls.rep_m, date(2026, 2, 10), 200)
        cls._sell(cls.rep_m, date(2026, 3, 20), 300)
        cls._sell(cls.rep_q, date(2026, 1, 15), 100)
        cls._sell(cls.rep_q, date(2026, 3, 20), 300)

    def test_default_calendar_pays_each_day_once(self):
        self.assertEqual(self.monthly.pay_frequency, "month")
        self.assertEqual(self.env["sales.incentive.plan"].create({"name": "New"}).pay_frequency, "month")
        self._evaluated(self.january, self.february, self.march, self.q1, self.year)
        self.Statement._cron_generate()
        by_period = {s.period_id: s.amount_total for s in self._live(self.rep_m)}
        self.assertEqual(by_period, {self.january: 5, self.february: 10, self.march: 15})
        quarterly = self._live(self.rep_q)
        self.assertEqual((quarterly.period_id, quarterly.amount_total), (self.q1, 20))
        self.assertEqual((quarterly.date_from, quarterly.date_to), (date(2026, 1, 1), date(2026, 3, 31)))
        self.assertFalse(self._live(self.rep_late), "no assignment in these periods, no statement")
        self.assertFalse(self.Statement._cron_generate().filtered(lambda s: s.user_id in self.rep_m | self.rep_q))

    def test_generate_statements_button_follows_the_frequency(self):
        self.q1.action_generate_statements()
        self.year.action_generate_statements()
        self.assertEqual(self._live(self.rep_q).period_id, self.q1)
        self.assertFalse(self._live(self.rep_m), "a monthly plan is not paid by the quarter nor the year")
        self.january.action_generate_statements()
        self.assertEqual(self._live(self.rep_m).amount_total, 5)
        self.assertFalse(self._live(self.rep_q) - self._live(self.rep_q, self.q1))

    def test_database_refuses_a_day_paid_twice(self):
        self.env.cr.execute(SQL("SELECT 1 FROM pg_extension WHERE extname = 'btree_gist'"))
        self.assertTrue(self.env.cr.fetchone())
        january = self.Statement._generate(self.january, users=self.rep_m)
        # The database refuses it (PostgreSQL's refusal is logged by the cursor: muted here).
        with mute_logger("odoo.sql_db"), self.assertRaises(ValidationError) as caught:
            self.Statement.sudo().create(
                {"user_id": self.rep_m.id, "period_id": self.q1.id, "plan_id": self.monthly.id}
            )
        self.assertIn("already has a live statement", str(caught.exception))
        # Whoever writes: raw SQL moving February's statement onto January is refused too.
        february = self.Statement._generate(self.february, users=self.rep_m)
        self.env.flush_all()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.ExclusionViolation),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                SQL(
                    "UPDATE sales_incentive_statement SET date_from = %s WHERE id = %s",
                    date(2026, 1, 31),
                    february.id,
                )
            )
        # Cancelled statements free their days.
        (january | february).action_cancel(mode="void", reason="test")
        self.Statement.sudo().create({"user_id": self.rep_m.id, "period_id": self.q1.id, "plan_id": self.monthly.id})


@tagged("post_install", "-at_install")
class TestEffectiveDating(MoneyCase):
    """April 2026, 30 days.

    Mid-month hire: rep_h on a plan from 16 April (15 of 30 days: factor 0.5): commission
      10 %, revenue bonus (target bonus 1000, curve 50->50, 100->100, 200->200, threshold
      50 %) on a revenue goal of 800, draw 1000.
      Invoices 500 (10 April, before the hire: not paid) and 200 (20 April): commission 20.
      Order of 200 on 20 April: attainment 200 / (800 x 0.5) = 50 % -> payout 50 % of
      1000 x 0.5 = 250 (unprorated: 25 %, below the threshold, 0).
      Draw 1000 x 0.5 = 500; earned 270 -> advance 230. Total 500 (the old code: 70 + 0 + 930).
    Plan change: rep_c on plan A (10 %) until 15 April, plan B (20 %) from 16 April; invoices
      100 (10 April) and 200 (20 April): ONE statement, commission 10 (A, 1-15 April) and
      40 (B, 16-30 April), total 50.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.april = cls._create_period(date(2026, 4, 1), date(2026, 4, 30), "month", name="2026-04")
        cls.rep_h = cls._create_user("rep_h", "Rep Hired")
        cls.rep_c = cls._create_user("rep_c", "Rep Changed")
        cls.team_a.crm_team_member_ids = [Command.create({"user_id": cls.rep_h.id})]
        cls.hire_plan = cls._plan(
            "Hire plan",
            10,
            [(cls.rep_h, date(2026, 4, 16), False)],
            extra_components=[
                {
                    "name": "Revenue bonus",
                    "component_type": "attainment_bonus",
                    "target_bonus": 1000,
                    "kpi_id": cls.kpi["revenue"].id,
                    "threshold": 50,
                    "point_ids": [
                        Command.create({"sequence": i, "attainment": a, "payout": p})
                        for i, (a, p) in enumerate([(50, 50), (100, 100), (200, 200)])
                    ],
                },
                {"name": "Draw", "component_type": "draw", "draw_amount": 1000},
            ],
        )
        cls._create_goal(cls.april, cls.kpi["revenue"], 800, user=cls.rep_h, team=cls.team_a)
        cls._create_order(
            cls.rep_h, cls.customer_1, [(cls.product_easy, 1, 200)], datetime(2026, 4, 20, 10), cls.team_a
        )
        cls._sell(cls.rep_h, date(2026, 4, 10), 500)
        cls._sell(cls.rep_h, date(2026, 4, 20), 200)
        cls.plan_a = cls._plan("Plan A", 10, [(cls.rep_c, date(2026, 1, 1), date(2026, 4, 15))])
        cls.plan_b = cls._plan("Plan B", 20, [(cls.rep_c, date(2026, 4, 16), False)])
        cls._sell(cls.rep_c, date(2026, 4, 10), 100)
        cls._sell(cls.rep_c, date(2026, 4, 20), 200)

    def test_mid_month_hire(self):
        statement = self.Statement._generate(self.april, users=self.rep_h)
        self.assertEqual(self.amounts(statement), {"Commission": 20, "Revenue bonus": 250, "Draw": 230})
        self.assertEqual(statement.amount_total, 500)
        self.assertEqual((statement.date_from, statement.date_to), (date(2026, 4, 16), date(2026, 4, 30)))
        commission = statement.line_ids.filtered(lambda line: line.line_kind == "commission")
        self.assertEqual(commission.base, 200, "the invoice of 10 April is before the hire")
        draw = statement.line_ids.filtered(lambda line: line.line_kind == "draw_advance")
        trace = json.loads(draw.trace)
        self.assertEqual(trace["draw"], 500)
        self.assertEqual(trace["proration"]["segment_factor"], 0.5)
        self.assertEqual(trace["proration"]["date_from"], "2026-04-16")
        bonus = statement.line_ids.filtered(lambda line: line.line_kind == "attainment_bonus")
        self.assertEqual((bonus.base, bonus.rate), (500, 50))
        self.assertEqual(json.loads(bonus.trace)[-1]["proration"]["target_factor"], 0.5)

    def test_without_proration(self):
        """The plan option off: attainment 200 / 800 = 25 %, below the threshold: no bonus; the
        full draw 1000 - 20 earned = 980 advance; the documents still count from 16 April."""
        self.hire_plan.sudo().write({"state": "draft"})
        self.hire_plan.prorate = False
        self.hire_plan.action_approve()
        statement = self.Statement._generate(self.april, users=self.rep_h)
        self.assertEqual(self.amounts(statement), {"Commission": 20, "Revenue bonus": 0, "Draw": 980})

    def test_plan_change_inside_the_period(self):
        statement = self.Statement._generate(self.april, users=self.rep_c)
        self.assertEqual(len(statement), 1)
        commission = statement.line_ids.sorted("date_from")
        self.assertEqual(
            [(line.assignment_id.plan_id, line.date_from, line.date_to, line.amount) for line in commission],
            [
                (self.plan_a, date(2026, 4, 1), date(2026, 4, 15), 10),
                (self.plan_b, date(2026, 4, 16), date(2026, 4, 30), 40),
            ],
        )
        self.assertEqual(statement.amount_total, 50)
        self.assertEqual(statement.plan_id, self.plan_b)
        self.assertEqual((statement.date_from, statement.date_to), (date(2026, 4, 1), date(2026, 4, 30)))
        self.assertFalse(self.Statement._generate(self.april, users=self.rep_c), "still one statement")

    def test_whatif_of_a_mid_month_hire(self):
        """The estimate computes the statement's segment: rep_h (commission 20, bonus 250, draw
        230 = 500) asks what 200 more of Easy brings: commission +20; attainment (200 + 200) /
        (800 x 0.5) = 100 % -> 500 of the prorated 500, +250; earned 540 is above the prorated
        draw 500: no advance, -230. +40, 540 in all. (On the whole month, as the estimate did:
        commission +20 on 700 invoiced, attainment 50 % of an unprorated 800 -> +500, draw 1000
        advance 930 -> 410, -520: +0.)"""
        statement = self.Statement._generate(self.april, users=self.rep_h)
        with Form(self.env["sales.incentive.whatif"].with_context(default_statement_id=statement.id)) as form:
            with form.line_ids.new() as line:
                line.categ_id, line.amount = self.categ_easy, 200
            self.assertEqual(round(form.difference, 2), 40)
            self.assertEqual(round(form.estimated_total, 2), 540)


@tagged("post_install", "-at_install")
class TestCancelVoidOrRecalculate(MoneyCase):
    """March of IncentiveScenario: rep_2's statement is 2, rep_1's 1614."""

    def _cancel(self, statements, mode, reason):
        wizard = (
            self.env["sales.incentive.statement.cancel"]
            .with_user(statements.env.user)
            .with_context(active_model=statements._name, active_ids=statements.ids)
            .create({"mode": mode, "reason": reason})
        )
        return wizard.action_confirm()

    def test_void_is_never_made_again(self):
        statement = self.by_user["rep_2"]
        self._approve(statement)
        statement.with_user(self.accountant).action_post()
        move = statement.move_id
        self._cancel(statement.with_user(self.accountant), "void", "Paid by another contract")
        self.assertEqual((statement.state, statement.cancel_mode), ("cancel", "void"))
        self.assertEqual(statement.cancel_reason, "Paid by another contract")
        self.assertTrue(self.env["account.move"].search([("reversed_entry_id", "=", move.id)]))
        self.assertIn(
            "Cancelled and voided: never made again. Reason: Paid by another contract", statement.message_ids[0].body
        )
        # The next day's job and the period's button make nothing for rep_2.
        self._evaluated(self.march)
        self.Statement._cron_generate()
        self.march.action_generate_statements()
        self.assertFalse(self._live(self.rep_2, self.march))

    def test_recalculate_is_made_again_now(self):
        """rep_1 sells Easy 100 on 25 March after the statement: 2 % = 2 more, 1616."""
        statement = self.by_user["rep_1"]
        self._sell(self.rep_1, date(2026, 3, 25), 100)
        action = self._cancel(statement.with_user(self.manager_a), "recalculate", "Late March invoice")
        self.assertEqual((statement.state, statement.cancel_mode), ("cancel", "recalculate"))
        again = self._live(self.rep_1, self.march)
        self.assertEqual(action["domain"], [("id", "in", again.ids)])
        self.assertEqual(self.amounts(again)["Commission"], 22)
        self.assertEqual(again.amount_total, 1616)
        self.assertIn("Late March invoice", again.message_ids.mapped("body")[0])
        self._evaluated(self.march)
        self.Statement._cron_generate()
        self.assertEqual(self._live(self.rep_1, self.march), again, "made once")

    def test_a_reason_is_required(self):
        with self.assertRaises(ValidationError):
            self._cancel(self.by_user["rep_2"], "void", "   ")
        self.assertEqual(self.by_user["rep_2"].state, "draft")


@tagged("post_install", "-at_install")
class TestPriorPeriodAdjustments(MoneyCase):
    """rep_3's March statement (commission 2 % of Easy 80 = 1.60, total 1801.60) is posted.
    Then, dated in March: a late invoice of 200 (25 March) and a credit note of 50 with no
    link to any invoice (28 March). March's statement never changes; April's statement (Easy
    90 on 1 April: commission 1.80) gets a prior-period adjustment of (200 - 50) x 2 % = 3,
    traced to March's statement and to both documents; May pays them no more, nor March made
    again (still 1801.60)."""

    def test_late_documents_land_in_the_next_statement(self):
        march = self.by_user["rep_3"]
        march.action_submit()
        march.with_user(self.manager_b).action_approve()
        march.with_user(self.accountant).action_post()
        late = self._sell(self.rep_3, date(2026, 3, 25), 200)
        refund = self._create_invoice(
            self.rep_3, self.customer_2, [(self.product_easy, 1, 50)], date(2026, 3, 28), "out_refund", team=self.team_b
        )
        self.assertFalse(refund.reversed_entry_id)
        april_period = self._create_period(date(2026, 4, 1), date(2026, 4, 30), "month", name="2026-04")
        april = self.Statement._generate(april_period, users=self.rep_3)
        prior = april.line_ids.filtered(lambda line: line.line_kind == "prior_period")
        self.assertEqual((prior.base, prior.amount), (150, 3))
        self.assertEqual(prior.origin_statement_id, march)
        self.assertEqual(prior.move_line_ids.move_id, late | refund)
        self.assertEqual(prior.name, "Prior-period adjustment: Commission (2026-03)")
        commission = april.line_ids.filtered(lambda line: line.line_kind == "commission")
        self.assertEqual(round(commission.amount, 2), 1.8)
        self.assertAlmostEqual(march.amount_total, 1801.6)
        self.assertEqual(march.state, "posted")
        may_period = self._create_period(date(2026, 5, 1), date(2026, 5, 31), "month", name="2026-05")
        may = self.Statement._generate(may_period, users=self.rep_3)
        self.assertFalse(may.line_ids.filtered(lambda line: line.line_kind == "prior_period"), "paid once")
        # March recalculated now: the late documents, paid in April, are not paid again.
        again = march.with_user(self.accountant)._cancel(mode="recalculate", reason="Audit")
        again = self.Statement.browse(again.ids)  # a draft: the accountant does not read it
        self.assertAlmostEqual(again.amount_total, 1801.6)
        self.assertNotIn(late, again.line_ids.move_line_ids.move_id)
