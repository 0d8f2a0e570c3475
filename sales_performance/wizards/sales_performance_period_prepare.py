# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.sales_performance_integrity_mixin import ensure_one_record

MAX_TREND = 0.5  # a proposal never moves more than 50 % from the last actual


class SalesPerformancePeriodPrepare(models.TransientModel):
    """Copy a period's goals (and plans) to the next period, proposing targets from the last
    actual and its trend, for the manager to adjust before sharing."""

    _name = "sales.performance.period.prepare"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Prepare the Next Period"

    # ------------------------------------------------------------------ fields
    period_id = fields.Many2one(
        "sales.performance.period",
        string="From Period",
        required=True,
        default=lambda self: (
            self.env.context.get("active_model") == "sales.performance.period" and self.env.context.get("active_id")
        ),
    )
    next_period_id = fields.Many2one(
        "sales.performance.period",
        string="To Period",
        required=True,
        compute="_compute_next_period_id",
        store=True,
        precompute=True,
        readonly=False,
        domain="[('company_id', '=', company_id), ('period_type', '=', period_type), ('state', '=', 'open'), "
        "('date_start', '>', period_end)]",
    )
    company_id = fields.Many2one(related="period_id.company_id")
    period_type = fields.Selection(related="period_id.period_type")
    period_end = fields.Date(related="period_id.date_end")

    # ------------------------------------------------------------------ compute
    @api.depends("period_id")
    def _compute_next_period_id(self):
        for wizard in self:
            period = wizard.period_id
            wizard.next_period_id = (
                period.search(
                    [
                        ("company_id", "=", period.company_id.id),
                        ("period_type", "=", period.period_type),
                        ("date_start", ">", period.date_end),
                    ],
                    order="date_start",
                    limit=1,
                )
                if period
                else False
            )

    # ------------------------------------------------------------------ actions
    def _team_of(self, goal):
        """The team of the copy: the goal's, unless its salesperson left it (the team follows
        the salesperson: then their current team)."""
        if not goal.user_id or goal.team_id in goal._salesperson_teams(goal.user_id):
            return goal.team_id
        return goal.user_id.sale_team_id

    def action_prepare(self):
        ensure_one_record(self)
        if self.next_period_id.state != "open":
            raise UserError(self.env._("To Period: goals can only be prepared in an open period."))
        Goal = self.env["sales.performance.goal"]
        source = Goal.search([("period_id", "=", self.period_id.id)], order="scope, id")
        existing = {
            (*goal._engine_key(), goal.kpi_id.id) for goal in Goal.search([("period_id", "=", self.next_period_id.id)])
        }
        copies = {}
        # Company goals first, then teams, then salespeople: parents exist before children.
        for scope in ("company", "team", "user"):
            for goal in source.filtered(lambda g, scope=scope: g.scope == scope):
                if (*goal._engine_key(), goal.kpi_id.id) in existing:
                    continue
                copies[goal] = Goal.create(
                    {
                        "period_id": self.next_period_id.id,
                        "kpi_id": goal.kpi_id.id,
                        "scope": goal.scope,
                        "team_id": self._team_of(goal).id,
                        "user_id": goal.user_id.id,
                        "weight": goal.weight,
                        "target": self._proposed_target(goal),
                        "parent_id": copies[goal.parent_id].id if goal.parent_id in copies else False,
                        "swot_strengths": goal.swot_strengths,
                        "swot_weaknesses": goal.swot_weaknesses,
                        "swot_opportunities": goal.swot_opportunities,
                        "swot_threats": goal.swot_threats,
                    }
                )
        self.env["sales.performance.plan"]._create_missing_for_period(self.next_period_id)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_performance.sales_performance_goal_worksheet_action"
        )
        action["domain"] = [("period_id", "=", self.next_period_id.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------ business
    @api.model
    def _proposed_target(self, goal):
        """Last actual moved by its trend against the period before (bounded), or the last
        target when nothing was achieved."""
        if not goal.actual:
            return goal.target
        previous = goal.baseline_previous
        trend = (goal.actual - previous) / previous if previous else 0.0
        trend = max(-MAX_TREND, min(MAX_TREND, trend))
        return round(goal.actual * (1 + trend), 2)
