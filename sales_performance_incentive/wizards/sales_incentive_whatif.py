# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import dataclasses
import json

from odoo import api, fields, models

from ..engine import rows
from ..models.sales_incentive_component import StatementFacts


class SalesIncentiveWhatIf(models.TransientModel):
    """'What if I sell this much more?': the plan's payout with extra sales by product or
    category, from a statement (on top of what it pays) or from a plan (for a salesperson's
    period, or from nothing). The plan's own calculation (the one the statements make) runs on
    the salesperson's period with and without the extra sales. Nothing is saved."""

    _name = "sales.incentive.whatif"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Incentive Estimate"

    # ------------------------------------------------------------------ fields
    statement_id = fields.Many2one("sales.incentive.statement", ondelete="cascade")
    plan_id = fields.Many2one(
        "sales.incentive.plan", compute="_compute_plan_id", store=True, readonly=False, required=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        compute="_compute_from_statement",
        store=True,
        readonly=False,
        help="With a period: the attainment bonus starts from this salesperson's goal.",
    )
    period_id = fields.Many2one(
        "sales.performance.period", compute="_compute_from_statement", store=True, readonly=False
    )
    currency_id = fields.Many2one(related="plan_id.currency_id")
    line_ids = fields.One2many("sales.incentive.whatif.line", "whatif_id", string="Extra Revenue")
    current_total = fields.Monetary(compute="_compute_current_total", string="Current Payout")
    estimated_total = fields.Monetary(compute="_compute_estimate", string="Estimated Payout")
    difference = fields.Monetary(compute="_compute_estimate")
    explanation = fields.Text(compute="_compute_estimate")

    # ------------------------------------------------------------------ compute
    @api.depends("statement_id")
    def _compute_plan_id(self):
        for wizard in self.filtered("statement_id"):
            wizard.plan_id = wizard.statement_id.plan_id

    @api.depends("statement_id")
    def _compute_from_statement(self):
        for wizard in self.filtered("statement_id"):
            wizard.user_id, wizard.period_id = wizard.statement_id.user_id, wizard.statement_id.period_id

    @api.depends("statement_id.amount_total")
    def _compute_current_total(self):
        for wizard in self:
            wizard.current_total = wizard.statement_id.amount_total

    @api.depends(
        "line_ids.categ_id",
        "line_ids.product_id",
        "line_ids.quantity",
        "line_ids.amount",
        "statement_id",
        "plan_id",
        "user_id",
        "period_id",
    )
    def _compute_estimate(self):
        for wizard in self:
            extra, notes = wizard._extra_payout()
            wizard.estimated_total = wizard.current_total + extra
            wizard.difference = extra
            wizard.explanation = "\n".join(notes)

    # ------------------------------------------------------------------ business
    def _extra_payout(self):
        """(What the extra sales add to the payout, a note per component they change)."""
        self.ensure_one()
        components = self.plan_id.component_ids
        facts = self._facts()
        before = components._calculate(dataclasses.replace(facts))
        after = components._calculate(dataclasses.replace(facts, extra_rows=self._extra_rows()))
        notes = []
        for component in components:
            if component.component_type == "commission" and component.base == "margin":
                notes.append(self.env._("%(name)s: not estimated (the margin depends on costs).", name=component.name))
                continue
            old = [line for line in before if line["component_id"] == component.id]
            new = [line for line in after if line["component_id"] == component.id]
            change = sum(line["amount"] for line in new) - sum(line["amount"] for line in old)
            signed = f"{change:+.2f}"
            moved = [_attainment(lines) for lines in (old, new)]
            if moved[0] != moved[1] and None not in moved:
                notes.append(
                    self.env._(
                        "%(name)s: attainment %(old)s%% -> %(new)s%%, bonus %(amount)s",
                        name=component.name,
                        old=round(moved[0], 1),
                        new=round(moved[1], 1),
                        amount=signed,
                    )
                )
            elif change:
                notes.append(self.env._("%(name)s: %(amount)s", name=component.name, amount=signed))
        return sum(line["amount"] for line in after) - sum(line["amount"] for line in before), notes

    def _facts(self):
        """The salesperson's period as the statement job reads it (nothing without a salesperson
        and a period), with the statement's manual adjustments (a draw settles on them too)."""
        Statement = self.env["sales.incentive.statement"]
        if self.user_id and self.period_id:
            facts = self._segment_facts(Statement._statement_facts(self.period_id, self.user_id)[self.user_id.id])
        else:
            facts = StatementFacts(
                self.user_id.id,
                goals=self.env["sales.performance.goal"],
                reviews=self.env["sales.performance.review"],
                earlier_statements=Statement,
            )
        facts.earned = sum(self.statement_id.line_ids.filtered("is_adjustment").mapped("amount"))
        return facts

    def _segment_facts(self, facts):
        """The facts of the plan's segment of the period, as the statement computes them: only
        the documents of the days the salesperson was on the plan, targets, bonuses and draws
        prorated (the period's facts when the plan covers all of it, or pays on other periods).

        sudo: which plan paid which day, whoever estimates; only dates and plans are read."""
        assignments = (
            self.env["sales.incentive.assignment"]
            .sudo()
            ._running_in(self.period_id)
            .filtered(lambda a: a.user_id == self.user_id)
            .sudo(False)
        )
        if not assignments:
            return facts
        segments = self.env["sales.incentive.statement"]._segments(self.period_id, assignments, facts)
        mine = [segment for segment in segments if segment[0].plan_id == self.plan_id]
        return mine[-1][3] if mine else facts

    def _extra_rows(self):
        """The extra sales as invoice rows, dated :meth:`_sale_date`; their margin is unknown (0)."""
        day = self._sale_date()
        return tuple(
            rows.InvoiceRow(
                line_ids=(),
                product_id=line.product_id.id or None,
                category_path=rows.category_path(line.categ_id.parent_path),
                quantity=line.quantity,
                base=line.amount,
                margin=0.0,
                date=day,
            )
            for line in self.line_ids
            if line.amount or line.quantity
        )

    def _sale_date(self):
        """The extra sales are made today, inside the period: on its first day if it has not
        started yet, on its last if it is over."""
        today = fields.Date.context_today(self)
        if not self.period_id:
            return today
        return min(max(today, self.period_id.date_start), self.period_id.date_end)


def _attainment(lines):
    """The attainment an attainment bonus line was computed on (None for other lines)."""
    for line in lines:
        trace = json.loads(line["trace"])
        if trace and isinstance(trace, list) and "attainment" in trace[0]:
            return trace[0]["attainment"]
    return None
