import itertools
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import health
from ..models.sales_performance_period import PERIOD_TYPES


class SalesPerformanceKpiHealth(models.TransientModel):
    """Over closed periods: which KPIs hardly vary, which repeat each other, which predict."""

    _name = "sales.performance.kpi.health"
    _description = "KPI Health"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    period_type = fields.Selection(PERIOD_TYPES, required=True, default="month")
    outcome_kpi_id = fields.Many2one(
        "sales.performance.kpi",
        string="Outcome KPI",
        required=True,
        default=lambda self: self.env.ref("sales_performance.kpi_revenue", raise_if_not_found=False),
        help="Leading KPIs are judged by how well they announce this KPI one period later.",
    )
    line_ids = fields.One2many("sales.performance.kpi.health.line", "health_id", string="KPIs")
    period_count = fields.Integer(readonly=True)

    def action_compute(self):
        self.ensure_one()
        groups = self.env["sales.performance.review.line"]._read_group(
            [
                ("period_id.state", "=", "closed"),
                ("period_id.period_type", "=", self.period_type),
                ("company_id", "=", self.company_id.id),
            ],
            ["kpi_id", "period_id", "user_id"],
            ["actual:sum"],
        )
        if not groups:
            raise UserError(
                self.env._("KPI Health: there is no closed %(type)s period with reviews yet.", type=self.period_type)
            )
        values = defaultdict(dict)
        periods = self.env["sales.performance.period"]
        for kpi, period, user, actual in groups:
            values[kpi.id][(period.id, user.id)] = actual
            periods |= period
        ordered = periods.sorted("date_start")
        next_period = {a.id: b.id for a, b in itertools.pairwise(ordered)}
        pairs = health.correlations(values)
        outcome = values.get(self.outcome_kpi_id.id, {})
        lines = []
        for kpi in self.env["sales.performance.kpi"].browse(sorted(values)):
            mean, deviation, cv = health.variation(values[kpi.id].values())
            redundant = [
                (other, r)
                for (a, b), r in pairs.items()
                if kpi.id in (a, b) and r is not None and abs(r) > health.REDUNDANT_CORRELATION
                for other in [b if a == kpi.id else a]
            ]
            predictive, pair_count = (None, 0)
            if kpi.is_leading:
                predictive, pair_count = health.predictive_value(values[kpi.id], outcome, next_period)
            lines.append(
                {
                    "kpi_id": kpi.id,
                    "mean": mean,
                    "deviation": deviation,
                    "variation": cv if cv != float("inf") else 999.0,
                    "low_variation": cv < health.NEAR_ZERO_VARIATION,
                    "redundant_kpi_ids": [fields.Command.set([other for other, _r in redundant])],
                    "max_correlation": max((abs(r) for _o, r in redundant), default=0.0),
                    "predictive_r": predictive or 0.0,
                    "predictive_pairs": pair_count,
                }
            )
        self.line_ids.unlink()
        self.write({"line_ids": [fields.Command.create(vals) for vals in lines], "period_count": len(periods)})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }


class SalesPerformanceKpiHealthLine(models.TransientModel):
    _name = "sales.performance.kpi.health.line"
    _description = "KPI Health: one KPI"

    health_id = fields.Many2one("sales.performance.kpi.health", required=True, ondelete="cascade")
    kpi_id = fields.Many2one("sales.performance.kpi", string="KPI")
    is_leading = fields.Boolean(related="kpi_id.is_leading")
    mean = fields.Float(help="Average actual of a salesperson in a period.")
    deviation = fields.Float(string="Spread", help="Standard deviation across salespeople and periods.")
    variation = fields.Float(string="Relative Spread", help="Spread / average. Near zero: the KPI tells nobody apart.")
    low_variation = fields.Boolean(string="Hardly Varies")
    redundant_kpi_ids = fields.Many2many(
        "sales.performance.kpi", string="Repeats", help="KPIs correlated above 0.9 with this one."
    )
    max_correlation = fields.Float(string="Strongest Correlation")
    predictive_r = fields.Float(
        string="Predicts Next Period", help="Correlation with the outcome KPI one period later (leading KPIs)."
    )
    predictive_pairs = fields.Integer(string="Observations")
    advice = fields.Char(compute="_compute_advice")

    @api.depends("low_variation", "redundant_kpi_ids", "is_leading", "predictive_r", "predictive_pairs")
    def _compute_advice(self):
        for line in self:
            notes = []
            if line.low_variation:
                notes.append(self.env._("Everyone scores about the same: it does not separate good from weak results."))
            if line.redundant_kpi_ids:
                notes.append(
                    self.env._(
                        "Moves with %(kpis)s: one of them may be enough.",
                        kpis=", ".join(line.redundant_kpi_ids.mapped("name")),
                    )
                )
            if line.is_leading and line.predictive_pairs >= 3:
                if line.predictive_r >= 0.5:
                    notes.append(self.env._("A good early signal of next period's outcome."))
                elif line.predictive_r < 0.2:
                    notes.append(self.env._("Says little about next period's outcome."))
            line.advice = " ".join(notes) or self.env._("Healthy.")


class SalesPerformancePromotion(models.TransientModel):
    """Salespeople rated at least a given band for N periods in a row, most recent first."""

    _name = "sales.performance.promotion"
    _description = "Promotion Candidates"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    period_type = fields.Selection(PERIOD_TYPES, required=True, default="quarter")
    scale_id = fields.Many2one(
        "sales.performance.rating.scale",
        required=True,
        default=lambda self: self.env.ref("sales_performance.rating_scale_default", raise_if_not_found=False),
    )
    min_band_id = fields.Many2one(
        "sales.performance.rating.band", string="At Least", required=True, domain="[('scale_id', '=', scale_id)]"
    )
    consecutive = fields.Integer(string="Periods in a Row", default=3, required=True)
    candidate_ids = fields.Many2many("res.users", string="Candidates", readonly=True)

    def action_compute(self):
        self.ensure_one()
        if self.consecutive < 1:
            raise ValidationError(self.env._("Periods in a Row: must be at least 1."))
        reviews = self.env["sales.performance.review"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("period_id.period_type", "=", self.period_type),
                ("period_id.state", "=", "closed"),
            ]
        )
        self.candidate_ids = [fields.Command.set(self._candidates(reviews).ids)]
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _candidates(self, reviews):
        periods = reviews.period_id.sorted("date_start", reverse=True)
        latest = periods[: self.consecutive]
        if len(latest) < self.consecutive:
            return self.env["res.users"]
        by_user = defaultdict(dict)
        for review in reviews:
            by_user[review.user_id][review.period_id] = review.score
        floor = self.min_band_id.min_score
        return self.env["res.users"].browse(
            [user.id for user, scores in by_user.items() if all(scores.get(p, -1) >= floor for p in latest)]
        )
