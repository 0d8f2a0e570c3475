# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import sources

SOURCE_UNITS = [
    ("currency", "Amount"),
    ("count", "Count"),
    ("percent", "Percentage"),
]


class SalesPerformanceKpiSource(models.Model):
    """A way to measure: the record that names a source class of ``engine.sources``."""

    _name = "sales.performance.kpi.source"
    _description = "KPI Source"
    _order = "sequence, id"

    # ------------------------------------------------------------------ fields
    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Code of the engine class that computes this source.")
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True, help="Exactly what is counted, from which documents, by which date.")
    default_unit = fields.Selection(
        SOURCE_UNITS,
        required=True,
        default="count",
        help="Unit proposed for a new KPI of this source.",
    )
    is_cumulative = fields.Boolean(
        string="Accumulates",
        default=True,
        help="Amounts and counts grow over the period; rates and averages do not, so their target is "
        "expected in full from the first day.",
    )
    is_generic = fields.Boolean(
        compute="_compute_is_generic",
        help="Measures any model: the KPI chooses the model, its date and salesperson fields and a domain.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "UNIQUE (code)", "A KPI source with this code already exists.")]

    # ------------------------------------------------------------------ compute
    @api.depends("code")
    def _compute_is_generic(self):
        for source in self:
            source.is_generic = source.code == sources.GenericSource.code

    # ------------------------------------------------------------------ constraints
    @api.constrains("code")
    def _check_code(self):
        for source in self:
            if source.code not in sources.SOURCES:
                raise ValidationError(
                    self.env._("Code: no engine source is registered under %(code)r.", code=source.code)
                )
