# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.exceptions import AccessError


class SalesPerformancePeriod(models.Model):
    _inherit = "sales.performance.period"

    # ------------------------------------------------------------------ business
    def _has_evaluation_work(self):
        """Periods a salesperson's incentive plan pays on have work too: a quarter with no goals
        must still be evaluated for the quarterly plans' statements to be made."""
        busy = super()._has_evaluation_work()
        Assignment = self.env["sales.incentive.assignment"].sudo()
        return busy | (self - busy).filtered(Assignment._running_in)

    # ------------------------------------------------------------------ actions
    def action_generate_statements(self):
        """Statements on demand (the daily job makes them once the period's reviews are done)."""
        if not self.env.user.has_group("sales_performance.group_sales_performance_admin"):
            raise AccessError(self.env._("Only a performance administrator can generate incentive statements."))
        Statement = self.env["sales.incentive.statement"]
        made = Statement.browse()
        for period in self:
            made |= Statement._generate(period)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_performance_incentive.sales_incentive_statement_action"
        )
        action["domain"] = [("period_id", "in", self.ids)]
        return action
