# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import scoring
from .sales_performance_kpi import KPI_DIRECTIONS

# Snapshot and score fields: frozen once the review is shared.
MEASURED_FIELDS = {"actual", "target", "weight", "kpi_id", "direction", "goal_id"}
# A line is no chatter document: changes of these show in its review's chatter instead.
LINE_TRACKED_FIELDS = ("is_adjusted", "adjusted_attainment", "adjustment_reason")


class SalesPerformanceReviewLine(models.Model):
    _name = "sales.performance.review.line"
    _description = "Performance Review Line"
    _inherit = ["sales.performance.integrity.mixin"]
    _order = "review_id, weight desc, id"

    # ------------------------------------------------------------------ fields
    review_id = fields.Many2one("sales.performance.review", required=True, ondelete="cascade", index=True)
    period_id = fields.Many2one(related="review_id.period_id", store=True, index=True)
    user_id = fields.Many2one(related="review_id.user_id", store=True, index=True, string="Salesperson")
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    goal_id = fields.Many2one("sales.performance.goal", ondelete="set null")
    kpi_id = fields.Many2one("sales.performance.kpi", string="KPI", required=True, ondelete="restrict")
    direction = fields.Selection(
        KPI_DIRECTIONS,
        required=True,
        default=scoring.HIGHER_IS_BETTER,
        help="Higher is better for most KPIs; lower is better for costs, discounts or days to close.",
    )
    target = fields.Float(readonly=True)
    actual = fields.Float(readonly=True, help="Frozen when the review was made; changes only by Recompute.")
    weight = fields.Float(readonly=True)
    is_adjusted = fields.Boolean(string="Adjust", help="Replace the measured attainment by a value of your own.")
    adjusted_attainment = fields.Float(
        string="Adjusted Attainment (%)",
        help="Attainment set by the manager instead of the measured one, with a reason.",
    )
    adjustment_reason = fields.Char()
    attainment = fields.Float(
        compute="_compute_score",
        store=True,
        string="Attainment (%)",
        aggregator="avg",
        help="Actual against target, in %; for a lower-is-better KPI, target against actual.",
    )
    capped_attainment = fields.Float(
        compute="_compute_score",
        store=True,
        string="Capped (%)",
        help="Attainment limited to the cap of the rating scale, so one KPI cannot make up for all the others.",
    )
    weighted_score = fields.Float(
        compute="_compute_score",
        store=True,
        help="Capped attainment times the line's weight, divided by the total weight of the counted lines.",
    )
    is_counted = fields.Boolean(compute="_compute_score", store=True, help="False when the target is zero.")

    # ------------------------------------------------------------------ compute
    @api.depends(
        "review_id.line_ids.actual",
        "review_id.line_ids.target",
        "review_id.line_ids.weight",
        "review_id.line_ids.direction",
        "review_id.line_ids.is_adjusted",
        "review_id.line_ids.adjusted_attainment",
        "review_id.scale_id.score_cap",
    )
    def _compute_score(self):
        """Lines are scored per review: weights are rescaled over the lines that count."""
        for review in self.review_id:
            lines = review.line_ids
            scored, _total = scoring.score_lines(
                [
                    {
                        "actual": line.actual,
                        "target": line.target,
                        "weight": line.weight,
                        "direction": line.direction,
                        "attainment": line.adjusted_attainment if line.is_adjusted else None,
                    }
                    for line in lines
                ],
                cap=review.scale_id.score_cap or None,
            )
            for line, values in zip(lines, scored, strict=True):
                if line not in self:
                    continue
                line.attainment = values["attainment"] or 0.0
                line.capped_attainment = values["capped"] or 0.0
                line.weighted_score = values["weighted"]
                line.is_counted = values["capped"] is not None
        for line in self.filtered(lambda line: not line.review_id):
            line.update({"attainment": 0.0, "capped_attainment": 0.0, "weighted_score": 0.0, "is_counted": False})

    # ------------------------------------------------------------------ constraints
    @api.constrains("is_adjusted", "adjustment_reason", "adjusted_attainment")
    def _check_adjustment(self):
        for line in self:
            if line.is_adjusted and not (line.adjustment_reason or "").strip():
                raise ValidationError(
                    self.env._("Adjustment Reason: say why %(kpi)s is adjusted.", kpi=line.kpi_id.name)
                )
            if line.is_adjusted and line.adjusted_attainment < 0:
                raise ValidationError(self.env._("Adjusted Attainment: must not be negative."))

    # ------------------------------------------------------------------ CRUD
    def _protected_fields(self):
        """The snapshot (set when the line is made, then by Recompute) and the score computed
        from it; a manager adjusts the attainment, with a reason, instead."""
        recompute = self.env._("Recompute (adjust the attainment with a reason instead)")
        return dict.fromkeys(
            (
                *MEASURED_FIELDS,
                "review_id",
                "attainment",
                "capped_attainment",
                "weighted_score",
                "is_counted",
                "period_id",
                "user_id",
                "company_id",
            ),
            recompute,
        )

    def _validate_vals(self, vals):
        """A shared review's lines are frozen; measured figures change only by Recompute (the
        snapshot sets them when the line is made)."""
        super()._validate_vals(vals)
        if not self:
            return
        if not self.env.su and self.review_id.filtered(lambda r: r.state != "draft" or r.period_id.state == "closed"):
            raise UserError(self.env._("Scorecard: a shared review's figures are frozen."))
        if set(vals) & MEASURED_FIELDS and not self.env.su:
            raise UserError(
                self.env._(
                    "Target, Actual, Weight: measured figures change only by Recompute; "
                    "adjust the attainment with a reason instead."
                )
            )

    def write(self, vals):
        tracked = [name for name in LINE_TRACKED_FIELDS if name in vals]
        before = {line: {name: line[name] for name in tracked} for line in self} if tracked else {}
        result = super().write(vals)
        for line, old_values in before.items():
            line._log_changes_on_review(old_values)
        return result

    # ------------------------------------------------------------------ business
    def _log_changes_on_review(self, old_values):
        """The adjustments of a line, old -> new, in its review's chatter
        (and so in the audit trail)."""
        self.ensure_one()
        Tracking = self.env["mail.tracking.value"]
        changed = [name for name, old in old_values.items() if old != self[name]]
        if not changed:
            return
        described = self.fields_get(changed)
        tracking_values = [
            Command.create(Tracking._create_tracking_values(old_values[name], self[name], name, described[name], self))
            for name in changed
        ]
        self.review_id._message_log(
            body=self.env._("Scorecard line %(kpi)s changed.", kpi=self.kpi_id.name),
            tracking_value_ids=tracking_values,
        )
