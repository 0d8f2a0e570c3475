# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json
from collections import defaultdict

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

LINE_KINDS = [
    ("commission", "Commission"),
    ("clawback", "Clawback"),
    ("prior_period", "Prior-period adjustment"),
    ("attainment_bonus", "Attainment bonus"),
    ("rating_bonus", "Rating bonus"),
    ("spiff", "SPIFF"),
    ("draw_advance", "Draw advance"),
    ("draw_recovery", "Draw recovery"),
    ("adjustment", "Manual adjustment"),
]
OPEN_STATES = ("draft", "to_approve")


class SalesIncentiveStatementLine(models.Model):
    """A line of a statement: a component's amount with its calculation, or a manual
    adjustment (with its reason, logged in the statement's chatter)."""

    _name = "sales.incentive.statement.line"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Incentive Statement Line"
    _order = "statement_id, id"

    # ------------------------------------------------------------------ fields
    statement_id = fields.Many2one("sales.incentive.statement", required=True, ondelete="cascade", index=True)
    currency_id = fields.Many2one(related="statement_id.currency_id")
    component_id = fields.Many2one("sales.incentive.component", ondelete="set null")
    line_kind = fields.Selection(LINE_KINDS, string="Kind", default="adjustment", required=True)
    name = fields.Char(required=True, default=lambda self: self.env._("Manual adjustment"))
    base = fields.Monetary(help="What the line is computed on: revenue, paid revenue, margin or target bonus.")
    rate = fields.Float(
        string="Rate or Payout (%)",
        help="Commission: the effective rate over all categories; attainment bonus: the payout of the curve.",
    )
    amount = fields.Monetary()
    trace = fields.Text(string="Calculation", help="What was used: bases, rates, curve points, per product.")
    move_line_ids = fields.Many2many("account.move.line", string="Invoice Lines")
    goal_id = fields.Many2one("sales.performance.goal", ondelete="set null")
    review_id = fields.Many2one("sales.performance.review", ondelete="set null")
    clawback_of_id = fields.Many2one(
        "sales.incentive.statement.line",
        ondelete="set null",
        help="The earlier line that paid commission on the invoice this credit note reverses.",
    )
    origin_statement_id = fields.Many2one(
        "sales.incentive.statement",
        string="Corrects",
        ondelete="set null",
        help="Prior-period adjustment: the earlier statement whose days the late document (a late invoice, "
        "a credit note) is dated in; that statement is never changed.",
    )
    assignment_id = fields.Many2one(
        "sales.incentive.assignment",
        ondelete="set null",
        help="The assignment (plan and dates) the line was computed for: a plan change inside the period "
        "gives lines per assignment.",
    )
    date_from = fields.Date(string="From", help="First day of the assignment inside the period.")
    date_to = fields.Date(string="To", help="Last day of the assignment inside the period.")
    is_adjustment = fields.Boolean(compute="_compute_is_adjustment", store=True)
    reason = fields.Char(help="Why the amount was adjusted by hand; mandatory for a manual adjustment.")
    explanation = fields.Html(
        string="Calculation in Words", compute="_compute_explanation", sanitize=False, readonly=True
    )

    # ------------------------------------------------------------------ compute
    @api.depends("line_kind")
    def _compute_is_adjustment(self):
        for line in self:
            line.is_adjustment = line.line_kind == "adjustment"

    @api.depends("trace", "base", "rate", "amount", "line_kind")
    def _compute_explanation(self):
        for line in self:
            sentences = line._explanation_sentences() if line.trace and not line.is_adjustment else []
            line.explanation = Markup("").join(Markup("<p>%s</p>") % sentence for sentence in sentences) or False

    # ------------------------------------------------------------------ constraints
    @api.constrains("is_adjustment", "reason")
    def _check_reason(self):
        for line in self:
            if line.is_adjustment and not (line.reason or "").strip():
                raise ValidationError(self.env._("Reason: a manual adjustment needs a reason."))

    def _check_editable(self):
        """By hand, only the manual adjustments of an open statement change: the computed
        lines are the calculation, written by the statement job alone (as superuser)."""
        if self.env.su:
            return
        if self.statement_id.filtered(lambda st: st.state not in OPEN_STATES):
            raise UserError(self.env._("Lines: an approved statement's lines cannot change."))
        if self.filtered(lambda line: not line.is_adjustment):
            raise UserError(self.env._("Lines: only manual adjustments can be added, changed or removed by hand."))

    # ------------------------------------------------------------------ CRUD
    def _protected_fields(self):
        """The calculation of a line is the statement job's; by hand, only a manual
        adjustment's name, amount and reason (the kind stays "adjustment", so is_adjustment,
        computed from it, stays true)."""
        job = self.env._("the statement job (a computed line); adjust with a manual adjustment and a reason")
        return dict.fromkeys(
            (
                "line_kind",
                "component_id",
                "base",
                "rate",
                "trace",
                "move_line_ids",
                "goal_id",
                "review_id",
                "clawback_of_id",
                "origin_statement_id",
                "assignment_id",
                "date_from",
                "date_to",
            ),
            job,
        )

    def _validate_vals(self, vals):
        result = super()._validate_vals(vals)
        if not self:
            return result  # create: the new lines are checked once made, after the record rules
        self.check_access("write")  # the record rules speak first: an AccessError, not a UserError
        self._check_editable()
        if "statement_id" in vals and not self.env.su:
            raise UserError(self.env._("Statement: a line never moves to another statement."))
        if "line_kind" in vals and not self.env.su:
            raise UserError(self.env._("Kind: a line's kind cannot change."))
        return result

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_editable()
        lines._log_adjustments(self.env._("Manual adjustment added"))
        lines.filtered("is_adjustment").statement_id._recompute_draws()
        return lines

    def write(self, vals):
        before = {line: (line.amount, line.reason) for line in self}
        result = super().write(vals)
        if {"amount", "reason"} & set(vals):
            for line in self:
                old_amount, old_reason = before[line]
                line._log_adjustments(
                    self.env._(
                        "Manual adjustment changed from %(old_amount)s (%(old_reason)s)",
                        old_amount=line.currency_id.format(old_amount),
                        old_reason=old_reason or "",
                    )
                )
        if "amount" in vals:
            self.filtered("is_adjustment").statement_id._recompute_draws()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        self._check_editable()
        self._log_adjustments(self.env._("Manual adjustment removed"))

    def unlink(self):
        statements = self.filtered("is_adjustment").statement_id
        result = super().unlink()
        statements._recompute_draws()
        return result

    # ------------------------------------------------------------------ business
    def _log_adjustments(self, what):
        """Adjustments leave a trace in the statement's chatter: what, how much, why, who."""
        for line in self.filtered("is_adjustment"):
            line.statement_id.message_post(
                body=self.env._(
                    "%(what)s: %(name)s, %(amount)s. Reason: %(reason)s",
                    what=what,
                    name=line.name,
                    amount=line.currency_id.format(line.amount),
                    reason=line.reason or "",
                )
            )

    def _explanation_sentences(self):
        """The calculation of a computed line, in words, from its trace: one sentence per
        rate (bases at the same rate added up), so that each sentence reproduces its amount."""
        self.ensure_one()
        money, _ = self.currency_id.format, self.env._
        try:
            trace = json.loads(self.trace)
        except ValueError:
            return [escape(self.trace)]
        if isinstance(trace, dict):  # a draw
            return [
                _(
                    "Earned %(earned)s against a draw of %(draw)s: advance %(advance)s, recovered %(recovery)s; "
                    "outstanding %(before)s before, %(after)s after.",
                    earned=money(trace.get("earned", 0.0)),
                    draw=money(trace.get("draw", 0.0)),
                    advance=money(trace.get("advance", 0.0)),
                    recovery=money(trace.get("recovery", 0.0)),
                    before=money(trace.get("outstanding_before", 0.0)),
                    after=money(trace.get("outstanding_after", 0.0)),
                )
            ]
        if self.line_kind in ("commission", "clawback"):
            by_rate = defaultdict(lambda: [0.0, 0.0])
            for row in trace:
                by_rate[row["rate"]][0] += row["base"]
                by_rate[row["rate"]][1] += row["amount"]
            sentences = [
                _(
                    "%(base)s × %(rate)s %% = %(amount)s",  # noqa: RUF001 (a multiplication)
                    base=money(base),
                    rate=round(rate, 4),
                    amount=money(amount),
                )
                for rate, (base, amount) in sorted(by_rate.items())
            ]
            if len(by_rate) > 1:
                sentences.append(
                    _(
                        "Total: %(amount)s on %(base)s (the rates differ by product category).",
                        amount=money(self.amount),
                        base=money(self.base),
                    )
                )
            return sentences
        sentences = []
        for row in trace:
            if "payout" in row:
                sentences.append(
                    _(
                        "Attainment %(attainment)s %% pays %(payout)s %% of the target bonus: "
                        "%(base)s × %(payout)s %% = %(amount)s",  # noqa: RUF001 (a multiplication)
                        attainment=round(row.get("attainment") or 0.0, 2),
                        payout=round(row["payout"], 4),
                        base=money(row.get("base", 0.0)),
                        amount=money(row.get("amount", 0.0)),
                    )
                )
            elif "rating_band_id" in row:
                sentences.append(
                    _(
                        "Rating bonus: %(fixed)s + %(percent)s %% of %(base)s = %(amount)s",
                        fixed=money(row.get("fixed", 0.0)),
                        percent=round(row.get("percent", 0.0), 4),
                        base=money(row.get("base", 0.0)),
                        amount=money(row.get("amount", 0.0)),
                    )
                )
            else:
                sentences.append(
                    _(
                        "%(quantity)s units, base %(base)s: %(amount)s",
                        quantity=row.get("quantity", 0.0),
                        base=money(row.get("base", 0.0)),
                        amount=money(row.get("amount", 0.0)),
                    )
                )
        return sentences
