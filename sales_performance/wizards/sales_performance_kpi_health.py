# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import itertools
from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import UserError

from ..engine import health
from ..models.sales_performance_integrity_mixin import ensure_one_record
from ..models.sales_performance_period import PERIOD_TYPES


class SalesPerformanceKpiHealth(models.TransientModel):
    """Over closed periods: which KPIs hardly vary, which repeat each other, which predict."""

    _name = "sales.performance.kpi.health"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "KPI Health"

    # ------------------------------------------------------------------ fields
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

    # ------------------------------------------------------------------ actions
    def action_compute(self):
        ensure_one_record(self)
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
