# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class SalesPerformanceAudit(models.Model):
    """The audit trail also shows the tracked changes of incentive plans, statements and awards."""

    _inherit = "sales.performance.audit"

    # ------------------------------------------------------------------ the view
    @api.model
    def _audited_models(self):
        return [
            *super()._audited_models(),
            "sales.incentive.plan",
            "sales.incentive.statement",
            "sales.incentive.award",
            "sales.incentive.award.rule",
        ]
