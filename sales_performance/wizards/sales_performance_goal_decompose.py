# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

from ..engine import decomposition, scopes, sources
from ..models.sales_performance_integrity_mixin import ensure_one_record

DECOMPOSITION_METHODS = [
    (decomposition.EQUAL, "Equal split"),
    (decomposition.HISTORICAL, "Historical share"),
    (decomposition.MANUAL, "Manual weights"),
]
CHILD_SCOPES = [(sources.SCOPE_TEAM, "Sales Teams"), (sources.SCOPE_USER, "Salespeople")]


class SalesPerformanceGoalDecompose(models.TransientModel):
    """Cascade a company goal over teams, or a team goal over its salespeople."""

    _name = "sales.performance.goal.decompose"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Cascade a Goal"

    # ------------------------------------------------------------------ fields
    parent_goal_id = fields.Many2one("sales.performance.goal", string="Goal", required=True, ondelete="cascade")
    parent_target = fields.Float(related="parent_goal_id.target")
    child_scope = fields.Selection(CHILD_SCOPES, compute="_compute_child_scope")
    method = fields.Selection(DECOMPOSITION_METHODS, required=True, default=decomposition.EQUAL)
    history_periods = fields.Integer(
        string="Past Periods",
        default=3,
        help="Number of earlier periods of the same type whose actuals give the shares.",
    )
    line_ids = fields.One2many("sales.performance.goal.decompose.line", "wizard_id", string="Split")
    total_target = fields.Float(compute="_compute_totals", string="Sum of Targets")
    difference = fields.Float(compute="_compute_totals", help="Goal target minus the sum of the cascaded targets.")
    warning = fields.Char(compute="_compute_totals")

    # ------------------------------------------------------------------ compute
    @api.depends("parent_goal_id.scope")
    def _compute_child_scope(self):
        for wizard in self:
            wizard.child_scope = (
                sources.SCOPE_TEAM if wizard.parent_goal_id.scope == sources.SCOPE_COMPANY else sources.SCOPE_USER
            )

    @api.depends("line_ids.target", "parent_goal_id.target")
    def _compute_totals(self):
        for wizard in self:
            total = sum(wizard.line_ids.mapped("target"))
            wizard.total_target = total
            wizard.difference = wizard.parent_target - total
            wizard.warning = (
                self.env._(
                    "The cascaded targets add up to %(total)s, not %(target)s.",
                    total=round(total, 2),
                    target=round(wizard.parent_target, 2),
                )
                if float_compare(total, wizard.parent_target, precision_digits=2)
                else False
            )

    # ------------------------------------------------------------------ CRUD
    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        parent = self.env["sales.performance.goal"].browse(values.get("parent_goal_id"))
        if parent and "line_ids" in fields_list:
            if parent.scope == sources.SCOPE_USER:
                raise UserError(self.env._("A salesperson goal cannot be cascaded further."))
            values["line_ids"] = [fields.Command.create(vals) for vals in self._default_lines(parent)]
        return values

    @api.model
    def _default_lines(self, parent):
        child_scope = sources.SCOPE_TEAM if parent.scope == sources.SCOPE_COMPANY else sources.SCOPE_USER
        # Goals of the same owners may exist already (set by hand, or by an earlier cascade).
        siblings = self.env["sales.performance.goal"].search(
            [("period_id", "=", parent.period_id.id), ("kpi_id", "=", parent.kpi_id.id), ("scope", "=", child_scope)]
        )
        existing = {goal._engine_key(): goal for goal in siblings}
        if parent.scope == sources.SCOPE_COMPANY:
            teams = self.env["crm.team"].search([("company_id", "=", parent.company_id.id)])
            owners = [{"team_id": team.id} for team in teams]
        else:
            users = parent.team_id.member_ids.filtered(lambda u: parent.company_id in u.company_ids)
            owners = [{"user_id": user.id} for user in users]
        lines = []
        for owner in owners:
            key = scopes.owner_key(child_scope, parent.company_id.id, owner.get("team_id"), owner.get("user_id"))
            child = existing.get(key)
            lines.append(
                {
                    **owner,
                    "weight": 0.0,
                    "target": child.target if child else 0.0,
                    "goal_id": child.id if child else False,
                }
            )
        weights = decomposition.equal_split(100.0, len(lines))
        targets = decomposition.equal_split(parent.target, len(lines))
        for line, weight, target in zip(lines, weights, targets, strict=True):
            line["weight"] = weight
            if not line["goal_id"]:
                line["target"] = target
        return lines

    # ------------------------------------------------------------------ actions
    def action_compute(self):
        """Fill every line's weight and target from the chosen method."""
        ensure_one_record(self)
        lines = self.line_ids
        if not lines:
            raise UserError(self.env._("Split: there is nobody to cascade the goal to."))
        if self.method == decomposition.EQUAL:
            weights = decomposition.equal_split(100.0, len(lines))
        elif self.method == decomposition.HISTORICAL:
            weights = self._historical_weights(lines)
        else:
            self._check_manual_weights()
            weights = lines.mapped("weight")
        # Targets come from the unrounded weights; the weights shown are rounded percentages.
        targets = decomposition.weighted_split(self.parent_target, weights)
        shown = decomposition.weighted_split(100.0, weights)
        for line, weight, target in zip(lines, shown, targets, strict=True):
            line.write({"weight": weight, "target": target})
        return self._reopen()

    def action_apply(self):
        """Create or update the cascaded goals."""
        ensure_one_record(self)
        parent = self.parent_goal_id
        if any(line.target < 0 for line in self.line_ids):
            raise ValidationError(self.env._("Target: cascaded targets cannot be negative."))
        to_create = []
        for line in self.line_ids:
            if line.goal_id:
                line.goal_id.write({"target": line.target, "parent_id": parent.id})
            elif not float_is_zero(line.target, precision_digits=2):
                to_create.append(
                    {
                        "period_id": parent.period_id.id,
                        "kpi_id": parent.kpi_id.id,
                        "scope": self.child_scope,
                        "team_id": line.team_id.id or parent.team_id.id,
                        "user_id": line.user_id.id,
                        "target": line.target,
                        "parent_id": parent.id,
                    }
                )
        self.env["sales.performance.goal"].create(to_create)
        return parent.action_view_children()

    # ------------------------------------------------------------------ business
    def _historical_weights(self, lines):
        if self.history_periods <= 0:
            raise ValidationError(self.env._("Past Periods: must be at least 1."))
        parent = self.parent_goal_id
        periods = parent.period_id._previous_periods(self.history_periods)
        if not periods:
            raise UserError(
                self.env._(
                    "Historical share: there is no earlier %(type)s period to learn from.",
                    type=parent.period_id.period_type,
                )
            )
        values = parent.kpi_id._measure(periods)
        history = []
        for line in lines:
            key = line._engine_key()
            line.history_value = sum(values[period.id].get(key, 0.0) for period in periods)
            history.append(line.history_value)
        shares = decomposition.historical_shares(history)
        if shares is None:
            raise UserError(
                self.env._(
                    "Historical share: nothing was achieved in the last %(count)s periods; use another method.",
                    count=len(periods),
                )
            )
        return shares

    def _check_manual_weights(self):
        weights = self.line_ids.mapped("weight")
        if any(weight < 0 for weight in weights):
            raise ValidationError(self.env._("Weight: weights cannot be negative."))
        total = sum(weights)
        if float_compare(total, 100.0, precision_digits=2) > 0:
            raise ValidationError(
                self.env._("Weight: the weights add up to %(total)s%%, more than 100%%.", total=round(total, 2))
            )
        if float_is_zero(total, precision_digits=2):
            raise ValidationError(self.env._("Weight: give at least one line a weight."))

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cascade Goal"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
