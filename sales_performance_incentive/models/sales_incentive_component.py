# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import cache

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.sales_performance.engine import scoring

from ..engine import calculators, rows

COMPONENT_TYPES = [
    ("commission", "Commission"),
    ("attainment_bonus", "Attainment bonus"),
    ("rating_bonus", "Rating bonus"),
    ("spiff", "SPIFF"),
    ("draw", "Draw"),
]
COMMISSION_BASES = [
    (rows.INVOICED, "Invoiced revenue (net of credit notes)"),
    (rows.PAID, "Paid revenue (by payment date)"),
    ("margin", "Gross margin (invoiced revenue minus cost)"),
]
CURVE_MODES = [(calculators.LINEAR, "Linear interpolation"), (calculators.STEP, "Steps")]
# KPI sources whose actual grows with revenue: the what-if estimate's extra revenue moves them.
REVENUE_SOURCES = ("revenue", "invoiced_revenue")
DRAW_LINE_KINDS = ("draw_advance", "draw_recovery")


@dataclass
class StatementFacts:
    """What the components compute one salesperson's period on.

    ``load_rows(basis)`` gives the run's ``{user_id: [InvoiceRow]}`` of a basis (see
    :meth:`row_loader`: one query per basis for all the run's salespeople, on first use);
    ``extra_rows`` are the what-if estimate's sales, added to every basis; ``goals`` and
    ``reviews`` are the salesperson's of the period, ``earlier_statements`` their live
    statements of earlier periods (clawbacks, draws); ``earned`` is what the lines computed
    before a component earned, manual adjustments included (a draw settles against it).

    Effective dating: ``date_from``/``date_to`` (None: the whole period) are the days of one
    assignment inside the period, the segment; only rows dated inside it count.
    ``segment_factor`` (segment days / period days) scales what is paid per period (target
    bonuses, rating bonuses, draws) and ``target_factor`` (days of all the salesperson's
    assignments in the period / period days) the goal targets the attainment is computed on;
    both stay 1.0 when the plan does not prorate.
    """

    user_id: int
    goals: object
    reviews: object
    earlier_statements: object
    load_rows: object = None
    extra_rows: tuple = ()
    earned: float = 0.0
    date_from: object = None
    date_to: object = None
    segment_factor: float = 1.0
    target_factor: float = 1.0
    load_prior_rows: object = None
    assignments: object = None

    @staticmethod
    def prior_row_loader(cr, period, user_ids, date_from):
        """``load_prior_rows`` for ``user_ids``: the invoiced rows dated from ``date_from`` to
        the day before ``period`` that no live statement paid yet (late invoices, credit notes
        posted after the statement of their dates), queried once, when asked."""
        window = rows.RowWindow(period.company_id.id, date_from, period.date_start - timedelta(days=1))

        @cache
        def load_prior_rows():
            period.env.flush_all()
            return rows.fetch_rows(cr, rows.INVOICED, window, user_ids, unpaid_only=True)

        return load_prior_rows

    def prior_rows(self):
        """The salesperson's late rows of earlier statements' days (none on a later segment)."""
        return self.load_prior_rows().get(self.user_id, []) if self.load_prior_rows else []

    @staticmethod
    def row_loader(cr, period, user_ids, unpaid_only=False):
        """``load_rows`` for ``user_ids`` over ``period``: each basis queried once, when asked
        (``unpaid_only``: without the invoiced journal items a live statement already paid, as
        a later statement's prior-period adjustment)."""
        window = rows.RowWindow(period.company_id.id, period.date_start, period.date_end)

        @cache
        def load_rows(basis):
            period.env.flush_all()  # raw SQL: pending ORM writes must reach the database first
            return rows.fetch_rows(cr, basis, window, user_ids, unpaid_only=unpaid_only and basis == rows.INVOICED)

        return load_rows

    def rows(self, basis):
        """The salesperson's invoice rows of ``basis`` (rows.INVOICED or rows.PAID)."""
        loaded = self.load_rows(basis).get(self.user_id, []) if self.load_rows else []
        return [*(row for row in loaded if self.in_segment(row.date)), *self.extra_rows]

    def in_segment(self, day):
        """Whether ``day`` (a document's date) is inside the segment (always without one)."""
        return (self.date_from is None or day >= self.date_from) and (self.date_to is None or day <= self.date_to)

    def segment(self, date_from, date_to, segment_factor=1.0, target_factor=1.0, first=True):
        """These facts restricted to the days of one assignment (a new object, nothing earned
        yet); the late rows of earlier periods go with the ``first`` segment only."""
        return replace(
            self,
            load_prior_rows=self.load_prior_rows if first else None,
            date_from=date_from,
            date_to=date_to,
            segment_factor=segment_factor,
            target_factor=target_factor,
            earned=0.0,
        )

    def plan_on(self, day):
        """The plan the salesperson was assigned to on ``day`` (None without an assignment
        then; ``False`` when the assignments are not known, e.g. for an estimate)."""
        if self.assignments is None:
            return False
        assignment = self.assignments.filtered(lambda a: a.date_from <= day and (not a.date_to or day <= a.date_to))[:1]
        return assignment.plan_id or None

    def proration(self):
        """What a line's trace shows of the proration (None when nothing is prorated)."""
        if self.date_from is None and self.segment_factor == 1.0 and self.target_factor == 1.0:
            return None
        return {
            "date_from": self.date_from,
            "date_to": self.date_to,
            "segment_factor": round(self.segment_factor, 6),
            "target_factor": round(self.target_factor, 6),
        }

    def goal(self, kpi):
        return self.goals.filtered(lambda goal: goal.kpi_id == kpi)[:1]

    def attainment(self, goal):
        """The goal's attainment (None without a goal); with the estimate's extra revenue when
        the goal's KPI measures revenue, computed as the goal computes it (direction)."""
        if not goal:
            return None
        extra = sum(row.base for row in self.extra_rows)
        if goal.kpi_id.source_code not in REVENUE_SOURCES:
            extra = 0.0
        if not extra and self.target_factor == 1.0:
            return goal.attainment
        target = goal.target * self.target_factor
        return scoring.attainment(goal.actual + extra, target, goal.kpi_id.direction) or 0.0


class SalesIncentiveComponent(models.Model):
    """One rule of a plan. Each type is one method, ``_statement_lines_<type>(facts)``, called
    by :meth:`_calculate` for the statements and for the what-if estimate alike: a new type is
    a ``selection_add`` on ``component_type`` plus its method."""

    _name = "sales.incentive.component"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Incentive Plan Component"
    _order = "plan_id, sequence, id"

    # ------------------------------------------------------------------ fields
    plan_id = fields.Many2one("sales.incentive.plan", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    component_type = fields.Selection(COMPONENT_TYPES, string="Type", required=True, default="commission")
    # Commission
    base = fields.Selection(
        COMMISSION_BASES,
        default=rows.INVOICED,
        help="Invoiced: posted customer invoices of the period net of credit notes. Paid: the paid part "
        "of invoices, by payment date. Margin: invoiced revenue minus cost (the sale order line's cost, "
        "else the product's cost).",
    )
    default_rate = fields.Float(string="Default Rate (%)", help="For categories without a rate of their own.")
    category_rate_ids = fields.One2many(
        "sales.incentive.category.rate", "component_id", string="Rates by Category", copy=True
    )
    # Attainment and rating bonus
    target_bonus = fields.Float(help="Paid in full at 100 % on the curve.")
    kpi_id = fields.Many2one(
        "sales.performance.kpi", string="KPI", help="The salesperson's goal on this KPI gives the attainment."
    )
    curve_mode = fields.Selection(CURVE_MODES, default=calculators.LINEAR)
    threshold = fields.Float(string="Threshold (%)", help="Below this attainment nothing is paid.")
    cap = fields.Float(string="Cap (% of target bonus)", help="0: no cap.")
    point_ids = fields.One2many("sales.incentive.curve.point", "component_id", string="Payout Curve", copy=True)
    band_rate_ids = fields.One2many("sales.incentive.band.rate", "component_id", string="Bonus by Rating", copy=True)
    # SPIFF
    spiff_product_ids = fields.Many2many("product.product", string="SPIFF Products")
    spiff_category_ids = fields.Many2many("product.category", string="SPIFF Categories")
    spiff_date_from = fields.Date(string="SPIFF From")
    spiff_date_to = fields.Date(string="SPIFF To")
    spiff_fixed = fields.Float(string="Amount per Unit")
    spiff_rate = fields.Float(string="SPIFF Rate (%)")
    # Draw
    draw_amount = fields.Float(
        help="Paid at least this much a period; what it adds above the earnings is an advance recovered "
        "from later earnings above the draw."
    )
    draw_allow_negative = fields.Boolean(
        string="Recover All at Once",
        help="Take the whole outstanding advance back as soon as earnings pass the draw, even if the "
        "statement goes negative.",
    )

    # ------------------------------------------------------------------ constraints
    @api.constrains(
        "component_type", "default_rate", "spiff_fixed", "spiff_rate", "target_bonus", "threshold", "cap", "draw_amount"
    )
    def _check_numbers(self):
        labels = {
            "default_rate": self.env._("Default Rate"),
            "spiff_fixed": self.env._("Amount per Unit"),
            "spiff_rate": self.env._("SPIFF Rate"),
            "target_bonus": self.env._("Target Bonus"),
            "threshold": self.env._("Threshold"),
            "cap": self.env._("Cap"),
            "draw_amount": self.env._("Draw Amount"),
        }
        for component in self:
            for fname, label in labels.items():
                if component[fname] < 0:
                    raise ValidationError(self.env._("%(field)s: cannot be negative.", field=label))
            if component.cap and component.cap < component.threshold:
                raise ValidationError(self.env._("Cap: cannot be below the threshold."))
            if (
                component.spiff_date_from
                and component.spiff_date_to
                and component.spiff_date_to < component.spiff_date_from
            ):
                raise ValidationError(self.env._("SPIFF To: the window cannot end before it starts."))
            if component.component_type == "draw" and component.draw_amount <= 0:
                raise ValidationError(self.env._("Draw Amount: a draw needs an amount above 0."))

    @api.constrains("point_ids")
    def _check_curve(self):
        for component in self:
            problems = calculators.check_curve(component._curve())
            if problems:
                messages = component._curve_problem_messages()
                raise ValidationError(
                    self.env._(
                        "Payout Curve: %(problems)s.", problems="; ".join(messages[problem] for problem in problems)
                    )
                )

    def _curve_problem_messages(self):
        return {
            calculators.CURVE_NOT_INCREASING: self.env._("attainment points must be strictly increasing"),
            calculators.CURVE_PAYOUT_DECREASES: self.env._("payouts must not decrease as attainment grows"),
            calculators.CURVE_NEGATIVE: self.env._("points cannot be negative"),
            calculators.CURVE_CAP_BELOW_THRESHOLD: self.env._("the cap cannot be below the threshold"),
        }

    # ------------------------------------------------------------------ the calculation
    def _calculate(self, facts):
        """Line values of these components (a plan's, in sequence) for one salesperson's
        period: what the statements are made of, and what the what-if estimate compares.

        Each component finds in ``facts.earned`` what the lines before it earned (on top of
        the ``facts.earned`` given: the manual adjustments); the components that settle on the
        earnings (draws) come after all the others.
        """
        adjustments = facts.earned
        lines = []
        for component in self.sorted(lambda c: c._settles_on_earnings()):
            facts.earned = adjustments + sum(line["amount"] for line in lines)
            lines += component._statement_lines(facts)
        proration = facts.proration()
        if proration:
            for line in lines:
                line["trace"] = _with_proration(line["trace"], proration)
        return lines

    def _statement_lines(self, facts):
        """Line values of this component: the method of its type."""
        self.ensure_one()
        return getattr(self, f"_statement_lines_{self.component_type}")(facts)

    def _settles_on_earnings(self):
        """Whether this component is computed on what all the others earned (a draw)."""
        self.ensure_one()
        return self.component_type == "draw"

    def _prepare_statement_line_vals(self, kind, base, rate, amount, trace, move_line_ids=(), goal=None, review=None):
        """Values of one statement line of this component (``kind``: a line kind)."""
        self.ensure_one()
        return {
            "component_id": self.id,
            "name": self.name,
            "line_kind": kind,
            "base": base,
            "rate": rate or 0.0,
            "amount": calculators.round_money(amount),
            "trace": json.dumps(trace, default=str),
            "move_line_ids": [fields.Command.set(list(move_line_ids))],
            "goal_id": goal.id if goal else False,
            "review_id": review.id if review else False,
        }

    # ------------------------------------------------------------------ the component types
    def _statement_lines_commission(self, facts):
        """Commission on this period's invoices net of its credit notes (on revenue or on
        margin), or on what was paid in the period; a credit note on an invoice already paid
        out in an earlier statement becomes a clawback line of its own, linked to the
        commission line that paid it."""

        def paying_line(origin_date):
            statement = facts.earlier_statements.filtered(lambda st: st.date_from <= origin_date <= st.date_to)[:1]
            return statement.line_ids.filtered(
                lambda line: (
                    line.line_kind == "commission"
                    and line.component_id.base == self.base
                    and (not line.date_from or line.date_from <= origin_date <= line.date_to)
                )
            )[:1]

        def paid_line(origin_move_id):
            # The paid basis: the earlier line that paid the invoice a refund reverses.
            return facts.earlier_statements.line_ids.filtered(
                lambda line: (
                    line.line_kind == "commission"
                    and line.component_id.base == rows.PAID
                    and origin_move_id in line.move_line_ids.move_id.ids
                )
            )[:1]

        current, clawbacks = [], defaultdict(list)
        for row in facts.rows(rows.PAID if self.base == rows.PAID else rows.INVOICED):
            if self.base == rows.PAID and row.origin_move_id:
                origin = paid_line(row.origin_move_id)
                if origin:  # a refund paid back after the invoice's commission was paid
                    clawbacks[origin, origin.component_id].append(row)
                else:
                    current.append(row)
                continue
            if not row.origin_date:
                current.append(row)
                continue
            # A credit note takes back what its invoice earned: at the rates of the line that
            # paid it, else of the plan of the invoice's day; nothing if that day was outside
            # every assignment (the invoice earned nothing).
            origin = paying_line(row.origin_date)
            rater = origin.component_id if origin else self._commission_component_on(facts, row.origin_date)
            if rater is None:
                continue
            if rater == self and not origin:
                current.append(row)
            else:
                clawbacks[origin, rater].append(row)
        lines = []
        if current or not clawbacks:
            lines.append(self._commission_line_vals(current))
        for (origin, rater), found in clawbacks.items():
            line = rater._commission_line_vals(found)
            line.update(
                {
                    "component_id": self.id,
                    "name": self.env._("Clawback: %(name)s", name=self.name),
                    "line_kind": "clawback",
                    "clawback_of_id": origin.id,
                }
            )
            lines.append(line)
        if self.base != rows.PAID:
            lines += self._prior_period_lines(facts)
        return lines

    def _commission_line_vals(self, found):
        """A commission line on the rows ``found``, at this component's rates."""
        self.ensure_one()
        rates, product_rates = self._commission_rates()
        on_margin = self.base == "margin"
        bases = [(row.product_id, row.category_path, row.margin if on_margin else row.base) for row in found]
        amount, trace = calculators.category_commission(bases, rates, self.default_rate, product_rates)
        base_total = sum(base for _p, _c, base in bases)
        effective_rate = 100.0 * amount / base_total if base_total else 0.0  # rates differ per category
        return self._prepare_statement_line_vals(
            "commission",
            base_total,
            effective_rate,
            amount,
            trace,
            move_line_ids=[line_id for row in found for line_id in row.line_ids],
        )

    def _commission_component_on(self, facts, day):
        """The commission component whose rates a document of ``day`` earns: this one, or the
        one of the plan the salesperson was on that day (same base); None when nothing was
        earned that day (no assignment, or that plan pays no such commission)."""
        self.ensure_one()
        plan = facts.plan_on(day)
        if plan is False or plan == self.plan_id:
            return self
        if not plan:
            return None
        return (
            plan.component_ids.filtered(lambda c: c.component_type == "commission" and c.base == self.base)[:1] or None
        )

    def _prior_period_lines(self, facts):
        """Documents dated in the days of an earlier live statement but posted after it (a
        late invoice, a credit note with or without a link to its invoice): that statement is
        never changed; one *prior-period adjustment* line per earlier statement corrects it
        here, at the rates of the plan of the document's day (of its invoice's day for a
        credit note), traced to it and to the journal items."""
        late = defaultdict(list)
        for row in facts.prior_rows():
            origin = facts.earlier_statements.filtered(lambda st, day=row.date: st.date_from <= day <= st.date_to)[:1]
            if not origin:  # a document outside every earlier statement's days was never due
                continue
            rater = self._commission_component_on(facts, row.origin_date or row.date)
            if rater is not None:
                late[origin, rater].append(row)
        lines = []
        for (origin, rater), found in sorted(late.items(), key=lambda item: (item[0][0].date_from, item[0][1].id)):
            line = rater._commission_line_vals(found)
            line.update(
                {
                    "component_id": self.id,
                    "name": self.env._(
                        "Prior-period adjustment: %(name)s (%(period)s)", name=self.name, period=origin.period_id.name
                    ),
                    "line_kind": "prior_period",
                    "origin_statement_id": origin.id,
                }
            )
            lines.append(line)
        return lines

    def _statement_lines_attainment_bonus(self, facts):
        """The target bonus times the payout of the curve at the goal's attainment."""
        goal = facts.goal(self.kpi_id)
        target_bonus = self.target_bonus * facts.segment_factor
        amount, trace = calculators.attainment_bonus(
            target_bonus, facts.attainment(goal), self._curve(), self.curve_mode, self.threshold, self.cap or None
        )
        return [
            self._prepare_statement_line_vals(
                "attainment_bonus", target_bonus, trace[0]["payout"], amount, trace, goal=goal
            )
        ]

    def _statement_lines_rating_bonus(self, facts):
        """A fixed amount and a share of the target bonus by the review's rating."""
        review = facts.reviews[:1]
        factor = facts.segment_factor
        bands = {rate.band_id.id: (rate.fixed_amount * factor, rate.target_percent) for rate in self.band_rate_ids}
        target_bonus = self.target_bonus * factor
        amount, trace = calculators.rating_bonus(review.rating_id.id, bands, target_bonus)
        return [self._prepare_statement_line_vals("rating_bonus", target_bonus, None, amount, trace, review=review)]

    def _statement_lines_spiff(self, facts):
        """An amount per unit and a rate on qualifying products or categories, invoiced inside
        the window."""
        product_ids, categ_ids = set(self.spiff_product_ids.ids), set(self.spiff_category_ids.ids)
        qualifying = [
            row
            for row in facts.rows(rows.INVOICED)
            if (row.product_id in product_ids or categ_ids.intersection(row.category_path))
            and (not self.spiff_date_from or row.date >= self.spiff_date_from)
            and (not self.spiff_date_to or row.date <= self.spiff_date_to)
        ]
        amount, trace = calculators.spiff(
            [(row.product_id, row.quantity, row.base) for row in qualifying], self.spiff_fixed, self.spiff_rate
        )
        return [
            self._prepare_statement_line_vals(
                "spiff",
                sum(row.base for row in qualifying),
                self.spiff_rate,
                amount,
                trace,
                move_line_ids=[line_id for row in qualifying for line_id in row.line_ids],
            )
        ]

    def _statement_lines_draw(self, facts):
        """The draw's advance (earnings below the draw) or recovery (above it) this period,
        against the balance the salesperson's earlier statements left outstanding."""
        outstanding = sum(
            facts.earlier_statements.line_ids.filtered(lambda line: line.line_kind in DRAW_LINE_KINDS).mapped("amount")
        )
        advance, recovery, trace = calculators.draw(
            facts.earned, self.draw_amount * facts.segment_factor, outstanding, self.draw_allow_negative
        )
        if advance:
            return [self._prepare_statement_line_vals("draw_advance", facts.earned, None, advance, trace)]
        if recovery:
            line = self._prepare_statement_line_vals("draw_recovery", facts.earned, None, -recovery, trace)
            line["name"] = self.env._("Draw recovery: %(name)s", name=self.name)
            return [line]
        return []

    # ------------------------------------------------------------------ helpers
    def _commission_rates(self):
        """({category id: rate}, {product id: rate}) of this commission component."""
        self.ensure_one()
        by_category = {rate.categ_id.id: rate.rate for rate in self.category_rate_ids if rate.categ_id}
        by_product = {rate.product_id.id: rate.rate for rate in self.category_rate_ids if rate.product_id}
        return by_category, by_product

    def _curve(self):
        self.ensure_one()
        return [(point.attainment, point.payout) for point in self.point_ids.sorted("sequence")]


def _with_proration(trace_json, proration):
    """A line's trace (JSON) with the segment and proration factors of its assignment."""
    trace = json.loads(trace_json)
    if isinstance(trace, list):
        trace.append({"proration": proration})
    else:
        trace = {**trace, "proration": proration}
    return json.dumps(trace, default=str)
