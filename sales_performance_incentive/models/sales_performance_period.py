# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.exceptions import AccessError


class SalesPerformancePeriod(models.Model):
    _inherit = "sales.performance.period"

    # ------------------------------------------------------------------ business
    def _apply_award_rules(self):
        """The active award rules of each period's company, on the period's done reviews.

        sudo: the rules are the administrator's configuration, applied for the manager who
        closes the period (or asks for it); the awards are the system's doing."""
        rules = self.env["sales.incentive.award.rule"].sudo().search([("company_id", "in", self.company_id.ids)])
        awards = self.env["sales.incentive.award"]
        for period in self:
            awards |= rules._apply(period.sudo())
        return awards

    def _has_evaluation_work(self):
        """Periods a salesperson's incentive plan pays on have work too: a quarter with no goals
        must still be evaluated for the quarterly plans' statements to be made."""
        busy = super()._has_evaluation_work()
        Assignment = self.env["sales.incentive.assignment"].sudo()
        return busy | (self - busy).filtered(Assignment._running_in)

    # ------------------------------------------------------------------ actions
    def action_close(self, force_reason=None):
        """Closing a period runs the company's award rules on it (once: awards are unique)."""
        evaluating = self.filtered(lambda p: p.state == "evaluating")
        result = super().action_close(force_reason=force_reason)
        evaluating.filtered(lambda p: p.state == "closed")._apply_award_rules()
        return result

    def action_apply_award_rules(self):
        """The period's button: run the company's award rules on it now."""
        if not self.env.user.has_group("sales_performance.group_sales_performance_manager"):
            raise AccessError(self.env._("Only a sales performance manager can apply the award rules."))
        self._apply_award_rules()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_performance_incentive.sales_incentive_award_action"
        )
        action["domain"] = [("period_id", "in", self.ids)]
        return action

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
