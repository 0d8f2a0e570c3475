# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class SalesPerformanceKpiHealthLine(models.TransientModel):
    """One KPI of the health check: its spread, its correlations and the advice drawn."""

    _name = "sales.performance.kpi.health.line"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "KPI Health: one KPI"

    # ------------------------------------------------------------------ fields
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

    # ------------------------------------------------------------------ compute
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
