# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""A year in the life (issue I): twelve months of a company that lives, seeded and checked
after every month.

The calendar is the default one (months, quarters and the year of 2025, made by the Generate
Periods wizard); two monthly plans and a quarterly one pay commissions. Each month brings random
hires (from the 16th), leavers (until the 15th), team transfers, plan changes (on the 16th),
orders, invoices, partial payments, credit notes with and without a link to their invoice, late
invoices after posting, review adjustments; then the daily jobs run on the 2nd of the next month
(evaluation, statements) and statements are approved, posted, paid and cancelled (void or
recalculate) at random.

What is expected is computed here from the documents and the plans' rates, not by the code under
test: a journal item of an invoice, or of a credit note without a link, earns the rate of the
plan its salesperson was assigned to on its date (nothing outside an assignment); a credit note
linked to its invoice takes back at the rate of the plan of the invoice's date (what was paid).

Seed: ``SP_SIM_SEED`` (1 when unset, so the suite is the same year every run; printed on
failure; ``SP_SIM_SEED=random`` draws one); size: ``SP_SIM_SIZE`` (1 by
default, under 5 minutes; 3 for a longer run with three times the salespeople and documents).
"""

import itertools
import logging
import os
import random
from collections import defaultdict
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.sales_performance.tests.common import SalesPerformanceCommon

_logger = logging.getLogger(__name__)
YEAR = 2025
COMMISSION_KINDS = ("commission", "clawback", "prior_period")
# name: (pay frequency, default rate %, rate % of the Hard category)
PLANS = {
    "Monthly A": ("month", 5.0, 10.0),
    "Monthly B": ("month", 8.0, None),
    "Quarterly Q": ("quarter", 3.0, 6.0),
}


class _ErrorCounter(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@tagged("post_install", "-at_install")
class TestYearInTheLife(SalesPerformanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        seed = os.environ.get("SP_SIM_SEED") or "1"
        cls.seed = random.SystemRandom().randrange(1, 10**6) if seed == "random" else int(seed)
        cls.size = max(1, int(os.environ.get("SP_SIM_SIZE") or 1))
        cls.company.performance_grace_days = 0
        cls.accountant = new_test_user(
            cls.env,
            login="sim_accountant",
            groups="sales_performance_incentive.group_incentive_accountant",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.boss = cls._create_user("sim_boss", "Sim Boss", "sales_performance.group_sales_performance_admin")
        cls.payable = cls.env["account.account"].create(
            {
                "name": "Accrued incentives",
                "code": "299100",
                "account_type": "liability_current",
                "company_ids": [Command.set(cls.company.ids)],
            }
        )
        cls.expense = cls.company_data["default_account_expense"]
        cls.bank_account = cls.company_data["default_journal_bank"].default_account_id
        cls.company.write(
            {
                "incentive_expense_account_id": cls.expense.id,
                "incentive_payable_account_id": cls.payable.id,
                "incentive_journal_id": cls.company_data["default_journal_misc"].id,
            }
        )
        for day in (date(YEAR, 6, 1), date(YEAR + 1, 6, 1)):
            cls.env["sales.performance.period.generate"].create(
                {"company_id": cls.company.id, "date": day}
            ).action_generate()
        cls.plans = {}
        for name, (frequency, rate, hard_rate) in PLANS.items():
            component = {"name": "Commission", "component_type": "commission", "default_rate": rate}
            if hard_rate is not None:
                component["category_rate_ids"] = [Command.create({"categ_id": cls.categ_hard.id, "rate": hard_rate})]
            plan = cls.env["sales.incentive.plan"].create(
                {
                    "name": name,
                    "company_id": cls.company.id,
                    "pay_frequency": frequency,
                    "component_ids": [Command.create(component)],
                }
            )
            plan.action_approve()
            cls.plans[name] = plan

    # ------------------------------------------------------------------ the simulation
    def test_year_in_the_life(self):
        handler = _ErrorCounter()
        logging.getLogger().addHandler(handler)
        self.errors = handler.records
        try:
            self._simulate()
        except Exception as error:
            raise AssertionError(
                f"Year-in-the-life simulation failed with SP_SIM_SEED={self.seed} SP_SIM_SIZE={self.size} "
                f"(month {getattr(self, 'month', '?')}): {error}"
            ) from error
        finally:
            logging.getLogger().removeHandler(handler)

    def _simulate(self):
        self.rng = random.Random(self.seed)
        self.Statement = self.env["sales.incentive.statement"]
        self.Period = self.env["sales.performance.period"]
        self.assignments = []  # [user, plan name, date_from, date_to, record]
        self.docs = []  # {move, watermark}
        self.payments = 0.0
        self.closed_goals = {}
        self.voided = set()
        self.teams = [self.team_a, self.team_b]
        self.people = []
        self.counter = 0
        with freeze_time(datetime(YEAR, 1, 1, 8)):
            for _index in range(4 * self.size):
                self._hire(date(YEAR, 1, 1))
            self.outsider = self._new_user()  # sells, never on a plan: never paid
        for month in range(1, 13):
            self.month = month
            start = date(YEAR, month, 1)
            end = start + relativedelta(months=1, days=-1)
            with freeze_time(datetime(YEAR, month, 1, 8)):
                self._prepare_goals(start)
            with freeze_time(datetime(YEAR, month, 20, 12)):
                self._events(start, end)
            with freeze_time(datetime(YEAR, month, 1, 8) + relativedelta(months=1, days=1)):
                self._jobs()
                self._check(end)
        self._report()

    def _report(self):
        """What the year held (SP_SIM_REPORT=path writes it there): the checks had work to do."""
        lines = self.Statement.search([]).line_ids
        kinds = defaultdict(int)
        for line in lines:
            kinds[line.line_kind] += 1
        states = defaultdict(int)
        for statement in self.Statement.search([]):
            states[statement.state, statement.cancel_mode or ""] += 1
        summary = (
            f"seed={self.seed} size={self.size} docs={len(self.docs)} "
            f"assignments={len(self.assignments)} lines={dict(kinds)} statements={dict(states)}"
        )
        _logger.info("Year in the life: %s", summary)
        if os.environ.get("SP_SIM_REPORT"):
            with open(os.environ["SP_SIM_REPORT"], "a", encoding="utf-8") as report:
                report.write(summary + "\n")

    # ------------------------------------------------------------------ people
    def _new_user(self):
        self.counter += 1
        user = self._create_user(f"sim_rep_{self.counter}", f"Sim Rep {self.counter}")
        team = self.rng.choice(self.teams)
        team.crm_team_member_ids = [Command.create({"user_id": user.id})]
        return user

    def _assign(self, user, plan_name, day):
        record = self.env["sales.incentive.assignment"].create(
            {"plan_id": self.plans[plan_name].id, "user_id": user.id, "date_from": day}
        )
        self.assignments.append([user, plan_name, day, None, record])

    def _open_assignment(self, user):
        return next((a for a in self.assignments if a[0] == user and a[3] is None), None)

    def _end(self, assignment, day):
        assignment[3] = day
        assignment[4].date_to = day

    def _hire(self, day):
        user = self._new_user()
        self.people.append(user)
        self._assign(user, self.rng.choice(list(PLANS)), day)
        return user

    def _change_plan(self, user, last_day, first_day):
        """A plan change: the running plan ends on ``last_day``, another starts ``first_day``
        (a return to a pay frequency left earlier in its period is refused: another plan)."""
        assignment = self._open_assignment(user)
        self._end(assignment, last_day)
        for name in self.rng.sample([name for name in PLANS if name != assignment[1]], k=len(PLANS) - 1):
            try:
                with self.env.cr.savepoint():
                    self._assign(user, name, first_day)
                return
            except ValidationError:
                continue

    def _transfer(self, user):
        member = self.env["crm.team.member"].search([("user_id", "=", user.id)])
        new_team = self.rng.choice([team for team in self.teams if team not in member.crm_team_id])
        member.unlink()
        new_team.crm_team_member_ids = [Command.create({"user_id": user.id})]

    def _active(self, day):
        return [a[0] for a in self.assignments if a[2] <= day and (a[3] is None or a[3] >= day) and a[0] in self.people]

    # ------------------------------------------------------------------ documents
    def _watermark(self):
        last = self.Statement.sudo().search([], order="id desc", limit=1)
        return last.id or 0

    def _invoice(self, user, day, move_type="out_invoice", origin=None, lines=None):
        lines = lines or [
            (self.rng.choice([self.product_hard, self.product_easy]), 1, self.rng.randrange(50, 1000))
            for _line in range(self.rng.randint(1, 2))
        ]
        move = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": self.rng.choice([self.customer_1, self.customer_2, self.customer_3]).id,
                "invoice_user_id": user.id,
                "team_id": user.sale_team_id.id,
                "invoice_date": day,
                "reversed_entry_id": origin.id if origin else False,
                "invoice_line_ids": [
                    Command.create({"product_id": product.id, "quantity": qty, "price_unit": price, "tax_ids": []})
                    for product, qty, price in lines
                ],
            }
        )
        move.action_post()
        self.docs.append({"move": move, "watermark": self._watermark()})
        return move

    def _pay_part(self, invoice, day):
        share = self.rng.choice([0.3, 0.5, 1.0])
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {"amount": round(invoice.amount_residual * share, 2), "payment_date": day}
        ).action_create_payments()

    def _events(self, start, end):
        rng = self.rng
        mid, day16 = start + timedelta(days=14), start + timedelta(days=15)
        sellers = self._active(start) or self.people
        # People
        if rng.random() < 0.5:
            self._hire(day16)
        for _turn in range(self.size):
            running = [
                u for u in self._active(start) if self._open_assignment(u) and self._open_assignment(u)[2] <= mid
            ]
            if running and rng.random() < 0.25:
                self._end(self._open_assignment(rng.choice(running)), mid)  # a leaver
            running = [
                u for u in self._active(start) if self._open_assignment(u) and self._open_assignment(u)[2] <= mid
            ]
            if running and rng.random() < 0.35:
                self._change_plan(rng.choice(running), mid, day16)
            if self.people and rng.random() < 0.35:
                self._transfer(rng.choice(self.people))
        # Orders and invoices of the month
        for _order in range(2 * self.size):
            user = rng.choice(sellers)
            self._create_order(
                user,
                self.customer_1,
                [(self.product_easy, 1, rng.randrange(50, 500))],
                datetime.combine(start + timedelta(days=rng.randrange(0, 28)), datetime.min.time()),
                user.sale_team_id,
            )
        invoices = []
        for _invoice in range(6 * self.size):
            user = rng.choice([*self.people, self.outsider])
            invoices.append(self._invoice(user, start + timedelta(days=rng.randrange(0, (end - start).days + 1))))
        for invoice in rng.sample(invoices, k=min(len(invoices), 2 * self.size)):
            self._pay_part(invoice, min(end, invoice.invoice_date + timedelta(days=rng.randrange(0, 10))))
        earlier = [
            d["move"] for d in self.docs if d["move"].move_type == "out_invoice" and d["move"].invoice_date < start
        ]
        if earlier:
            # Credit notes: linked to an earlier invoice (dated now or in the invoice's month) ...
            for _note in range(self.size):
                origin = rng.choice(earlier)
                line = origin.invoice_line_ids[0]
                day = rng.choice([rng.choice([start, mid, end]), origin.invoice_date])
                self._invoice(
                    origin.invoice_user_id,
                    day,
                    "out_refund",
                    origin=origin,
                    lines=[(line.product_id, 1, round(line.price_unit * rng.choice([0.5, 1.0]), 2))],
                )
            # ... and without a link, dated in an earlier month; and a late invoice.
            for _note in range(self.size):
                user = rng.choice(self.people)
                self._invoice(user, start - timedelta(days=rng.randrange(1, 60)), "out_refund")
                self._invoice(rng.choice(self.people), start - timedelta(days=rng.randrange(1, 45)))

    def _prepare_goals(self, start):
        period = self._period("month", start)
        kpi = self.env.ref("sales_performance.kpi_invoiced_revenue")
        for team in self.teams:
            self._create_goal(period, kpi, 3000, scope="team", team=team)
        self._create_goal(period, kpi, 6000, scope="company")
        for user in self._active(start + timedelta(days=15)):
            self.env["sales.performance.plan"].create({"period_id": period.id, "user_id": user.id})
            self._create_goal(period, kpi, 1000, user=user, team=user.sale_team_id)

    def _period(self, period_type, day):
        return self.Period.search(
            [
                ("company_id", "=", self.company.id),
                ("period_type", "=", period_type),
                ("date_start", "<=", day),
                ("date_end", ">=", day),
            ]
        )

    # ------------------------------------------------------------------ the jobs and the workflow
    def _jobs(self):
        rng = self.rng
        evaluated = self.Period._cron_evaluate_periods()
        self.just_evaluated = evaluated
        self.evaluated_actuals = {
            goal.id: goal.actual
            for goal in self.env["sales.performance.goal"].search([("period_id", "in", evaluated.ids)])
        }
        reviews = self.env["sales.performance.review"].search([("state", "!=", "done")])
        for review in reviews:
            if review.state == "draft" and rng.random() < 0.3:
                review.sudo().write(
                    {
                        "is_score_adjusted": True,
                        "score_override": rng.randrange(50, 150),
                        "score_adjustment_reason": "Sim",
                    }
                )
            review.sudo().action_share()
            review.with_user(review.user_id).action_acknowledge()
        self.Statement._cron_generate()
        statements = self.Statement.search([("state", "not in", ("cancel", "paid"))])
        for statement in statements:
            roll = rng.random()
            if statement.state == "draft" and roll < 0.8:
                statement.action_submit()
                statement.with_user(self.boss).action_approve()
            if statement.state == "approved" and rng.random() < 0.8:
                statement.with_user(self.accountant).action_post()
            elif statement.state == "posted" and rng.random() < 0.5:
                statement.with_user(self.accountant).action_mark_paid()
                self._pay_statement(statement)
        for statement in self.Statement.search([("state", "not in", ("cancel", "paid"))]):
            if rng.random() < 0.08:
                mode = rng.choice(["void", "recalculate"])
                actor = self.accountant if statement.move_id else self.boss
                # What it paid is due again from the next statement made (a recalculated one
                # included): e.g. a late credit note of June paid in August's statement, voided,
                # is paid by September's.
                paid = statement.line_ids.filtered(
                    lambda line: line.line_kind in COMMISSION_KINDS
                ).move_line_ids.move_id
                watermark = self._watermark()
                statement.with_user(actor).action_cancel(mode=mode, reason="Sim")
                for doc in self.docs:
                    if doc["move"] in paid:
                        doc["watermark"] = max(doc["watermark"], watermark)
        for period in self.Period.search([("state", "=", "evaluating"), ("date_end", "<", date(YEAR, self.month, 1))]):
            period.with_user(self.boss).action_close()
            self.closed_goals.update({goal.id: (goal.target, goal.actual) for goal in period.goal_ids})

    def _pay_statement(self, statement):
        amount = statement.amount_total
        if not amount:
            return
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.company_data["default_journal_bank"].id,
                "date": statement.period_id.date_end + timedelta(days=5),
                "line_ids": [
                    Command.create(
                        {
                            "account_id": self.payable.id,
                            "partner_id": statement.user_id.partner_id.id,
                            "debit": max(amount, 0),
                            "credit": max(-amount, 0),
                        }
                    ),
                    Command.create(
                        {"account_id": self.bank_account.id, "debit": max(-amount, 0), "credit": max(amount, 0)}
                    ),
                ],
            }
        )
        move.action_post()
        self.payments += amount

    # ------------------------------------------------------------------ expectations
    def _plan_on(self, user, day):
        for a_user, plan_name, start, end, _record in self.assignments:
            if a_user == user and start <= day and (end is None or day <= end):
                return plan_name
        return None

    def _expected(self, item):
        """What one journal item of a customer invoice or credit note earns its salesperson."""
        move = item.move_id
        origin = move.reversed_entry_id
        user = origin.invoice_user_id if origin else move.invoice_user_id
        plan_name = self._plan_on(user, (origin or move).invoice_date)
        if not plan_name or not self._plan_on(user, move.invoice_date):
            return user, plan_name, 0.0
        _frequency, rate, hard_rate = PLANS[plan_name]
        if item.product_id.categ_id == self.categ_hard and hard_rate is not None:
            rate = hard_rate
        return user, plan_name, -item.balance * rate / 100.0

    # ------------------------------------------------------------------ invariants
    def _check(self, month_end):
        self.env.invalidate_all()
        live = self.Statement.search([("state", "!=", "cancel")])
        lines = live.line_ids.filtered(lambda line: line.line_kind in COMMISSION_KINDS)
        # Paid once per salesperson: a journal item is in one live commission line at most.
        paid_by = defaultdict(list)
        for line in lines:
            for item in line.move_line_ids:
                paid_by[item].append(line)
        twice = {item: found for item, found in paid_by.items() if len(found) > 1}
        self.assertFalse(
            twice,
            "paid twice: "
            + "; ".join(
                f"{item.move_id.name} {item.product_id.name} in "
                + ", ".join(f"{line.statement_id.name} [{line.line_kind}]" for line in found)
                for item, found in twice.items()
            ),
        )
        # Each line is its documents' rate x base, computed here.
        for line in lines:
            expected = sum(self._expected(item)[2] for item in line.move_line_ids)
            self.assertAlmostEqual(
                line.amount,
                expected,
                delta=0.01 * max(1, len(line.move_line_ids)),
                msg=f"{line.statement_id.name} {line.name} [{line.line_kind}] over "
                f"{', '.join(line.move_line_ids.move_id.mapped('name'))}",
            )
            for item in line.move_line_ids:
                self.assertEqual(self._expected(item)[0], line.statement_id.user_id, f"{item.move_id.name}: whose?")
        self._check_due_is_paid(live, paid_by, lines)
        self._check_statement_days(live, month_end)
        self._check_accounting()
        self._check_goals()
        self.assertFalse(self.errors, [record.getMessage() for record in self.errors])

    def _check_due_is_paid(self, live, paid_by, lines):
        # Everything due is paid: a journal item inside an assignment is in a live statement made
        # after it was posted that covers its date, or in the next live one (prior period).
        by_user = defaultdict(list)
        for statement in live:
            by_user[statement.user_id].append(statement)
        for doc in self.docs:
            move = doc["move"]
            for item in move.invoice_line_ids:
                user, plan_name, amount = self._expected(item)
                if not amount:
                    continue
                day = move.invoice_date
                own = [s for s in by_user[user] if s.date_from <= day <= s.date_to]
                due = any(s.id > doc["watermark"] for s in own) or any(
                    s.id > doc["watermark"] and s.date_from > day and own and own[0].id < s.id for s in by_user[user]
                )
                if due and item not in paid_by:
                    statements = ", ".join(
                        f"{s.period_id.name} {s.date_from}..{s.date_to} #{s.id}" for s in by_user[user]
                    )
                    origin = move.reversed_entry_id
                    self.fail(
                        f"{move.name} ({day}, {user.name}, {plan_name}, posted after statement #{doc['watermark']}"
                        f"{f', reverses {origin.name} of {origin.invoice_date}' if origin else ''}) is due, not paid; "
                        f"live statements: {statements}; all: {self._describe(user)}"
                    )
        # Hence: paid = rate x base of the documents, in total.
        self.assertAlmostEqual(
            sum(lines.mapped("amount")),
            sum(self._expected(item)[2] for item in paid_by),
            delta=0.01 * max(1, len(lines)),
        )

    def _describe(self, user):
        """The salesperson's statements, cancelled ones too, line by line (a failure's details)."""
        return " | ".join(
            f"#{s.id} {s.period_id.name} {s.state}{'/' + s.cancel_mode if s.cancel_mode else ''}: "
            + "; ".join(
                f"{line.line_kind} {line.amount} {','.join(line.move_line_ids.move_id.mapped('name'))}"
                for line in s.line_ids
            )
            for s in self.Statement.search([("user_id", "=", user.id)], order="id")
        )

    def _check_statement_days(self, live, month_end):
        by_user = defaultdict(list)
        for statement in live:
            by_user[statement.user_id].append(statement)
        # No live statement outside an assignment, nor two on the same day.
        for user, statements in by_user.items():
            for statement in statements:
                for day in (statement.date_from, statement.date_to):
                    plan_name = self._plan_on(user, day)
                    self.assertTrue(
                        plan_name and PLANS[plan_name][0] == statement.period_id.period_type,
                        f"{statement.name}: {day} outside an assignment paid by {statement.period_id.period_type}",
                    )
            ordered = sorted(statements, key=lambda s: s.date_from)
            for first, second in itertools.pairwise(ordered):
                self.assertLess(first.date_to, second.date_from, f"{first.name} and {second.name} overlap")
        # Every finished period of a plan's frequency is paid (or voided) for its salespeople.
        for user, plan_name, start, end, _record in self.assignments:
            frequency = PLANS[plan_name][0]
            for period in self.Period.search(
                [
                    ("period_type", "=", frequency),
                    ("company_id", "=", self.company.id),
                    ("date_end", "<=", month_end),
                    ("date_end", ">=", start),
                    ("date_start", "<=", end or month_end),
                ]
            ):
                made = self.Statement.search_count([("user_id", "=", user.id), ("period_id", "=", period.id)])
                self.assertTrue(made, f"{user.name} has no statement of {period.name} ({plan_name})")

    def _check_accounting(self):
        # Accounting: entries net of reversals = posted statements; payable = posted - paid.
        posted = self.Statement.search([("state", "in", ("posted", "paid"))])
        self.env.flush_all()
        items = self.env["account.move.line"].search(
            [
                ("incentive_statement_id", "!=", False),
                ("parent_state", "=", "posted"),
                ("account_id", "=", self.expense.id),
            ]
        )
        self.assertAlmostEqual(sum(items.mapped("balance")), sum(posted.mapped("amount_total")), delta=0.005)
        payable = self.env["account.move.line"].search(
            [("account_id", "=", self.payable.id), ("parent_state", "=", "posted")]
        )
        self.assertAlmostEqual(
            -sum(payable.mapped("balance")), sum(posted.mapped("amount_total")) - self.payments, delta=0.005
        )

    def _check_goals(self):
        # Goals of closed periods never change.
        for goal in self.env["sales.performance.goal"].browse(list(self.closed_goals)):
            self.assertEqual((goal.target, goal.actual), self.closed_goals[goal.id], f"{goal.display_name} changed")
        # Team and company actuals of an additive KPI are the sums of their documents.
        for period in self.just_evaluated.filtered(lambda p: p.period_type == "month"):
            sums = defaultdict(float)
            for doc in self.docs:
                move = doc["move"]
                if period.date_start <= move.invoice_date <= period.date_end:
                    sums[move.team_id] += move.amount_untaxed_signed
                    sums["company"] += move.amount_untaxed_signed
            for goal in period.goal_ids.filtered(lambda g: g.scope in ("team", "company")):
                key = goal.team_id if goal.scope == "team" else "company"
                self.assertAlmostEqual(
                    self.evaluated_actuals[goal.id], sums[key], delta=0.005, msg=f"{goal.display_name} of {period.name}"
                )
