# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.sales_performance.models.sales_performance_integrity_mixin import ensure_one_record

MEMBER_CHANGES = [("transfer", "Transfer to another team"), ("leave", "Leaving")]
MANAGER_GROUP = "sales_performance.group_sales_performance_manager"


class SalesIncentiveMemberChange(models.TransientModel):
    """A salesperson changes team or leaves, on a date: what is still open follows them (a
    transfer), or is settled (a leaver: final review, final prorated statement, later goals
    archived)."""

    _name = "sales.incentive.member.change"
    _description = "Salesperson Transfer or Departure"
    _inherit = ["sales.performance.integrity.mixin"]

    # ------------------------------------------------------------------ fields
    user_id = fields.Many2one("res.users", string="Salesperson", required=True, domain=[("share", "=", False)])
    change = fields.Selection(MEMBER_CHANGES, required=True, default="transfer")
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="Transfer: first day in the new team. Leaving: last day on the plan.",
    )
    team_id = fields.Many2one("crm.team", string="New Team")

    # ------------------------------------------------------------------ CRUD
    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if "user_id" in fields_list and context.get("active_model") == "res.users" and context.get("active_id"):
            values["user_id"] = context["active_id"]
        if "user_id" in fields_list and context.get("active_model") == "crm.team.member" and context.get("active_id"):
            values["user_id"] = self.env["crm.team.member"].browse(context["active_id"]).user_id.id
        return values

    # ------------------------------------------------------------------ actions
    def action_confirm(self):
        ensure_one_record(self)
        if self.change == "transfer":
            if not self.team_id:
                raise UserError(self.env._("New Team: choose the team the salesperson moves to."))
            self._transfer(self.user_id, self.team_id, self.date)
            return {"type": "ir.actions.act_window_close"}
        statements = self._leave(self.user_id, self.date)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_performance_incentive.sales_incentive_statement_action"
        )
        action["domain"] = [("id", "in", statements.ids)]
        return action

    # ------------------------------------------------------------------ business
    def _check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only a sales performance manager can transfer a salesperson or record a departure.")
            )

    @api.model
    def _transfer(self, user, team, day):
        """Move ``user`` to ``team`` from ``day``: the team membership; the salesperson's goals,
        performance plans and reviews not done of the periods not over on ``day``, and the
        statements not approved yet (the new manager approves them), to the new team and its
        manager. Team goals keep counting documents by the documents' own team; the old manager
        loses access with the membership.

        sudo: a manager's decision (checked); the records moved are the salesperson's, whoever
        owned them before."""
        self._check_manager()
        if team.company_id and team.company_id not in user.company_ids:
            raise UserError(self.env._("New Team: %(user)s is not in the team's company.", user=user.name))
        members = self.env["crm.team.member"].sudo().search([("user_id", "=", user.id)])
        staying = members.filtered(lambda m: m.crm_team_id == team)
        (members - staying).unlink()
        if not staying:
            self.env["crm.team.member"].sudo().create({"user_id": user.id, "crm_team_id": team.id})
        open_periods = [("period_id.date_end", ">=", day), ("period_id.state", "!=", "closed")]
        self.env["sales.performance.goal"].sudo().search(
            [("user_id", "=", user.id), ("scope", "=", "user"), *open_periods]
        ).write({"team_id": team.id})
        manager = {"team_id": team.id, "manager_id": team.user_id.id}
        self.env["sales.performance.plan"].sudo().search([("user_id", "=", user.id), *open_periods]).write(manager)
        self.env["sales.performance.review"].sudo().search(
            [("user_id", "=", user.id), ("state", "!=", "done"), *open_periods]
        ).write(manager)
        self.env["sales.incentive.statement"].sudo().search(
            [("user_id", "=", user.id), ("state", "in", ("draft", "to_approve"))]
        ).write({"team_id": team.id})
        return True

    @api.model
    def _leave(self, user, day):
        """``user`` leaves after ``day``: their plan assignments end that day (later ones are
        removed), their final review of the periods containing ``day`` is made (when they have
        goals), their final statement of each such period their plan pays on, prorated by the
        assignment's days, and their goals of later periods are archived. Returns the final
        statements."""
        self._check_manager()
        Assignment = self.env["sales.incentive.assignment"].sudo()
        running = Assignment.search(
            [("user_id", "=", user.id), ("date_from", "<=", day), "|", ("date_to", "=", False), ("date_to", ">", day)]
        )
        Assignment.search([("user_id", "=", user.id), ("date_from", ">", day)]).unlink()
        running.write({"date_to": day})
        periods = (
            self.env["sales.performance.period"]
            .sudo()
            .search([("company_id", "in", user.company_ids.ids), ("date_start", "<=", day), ("date_end", ">=", day)])
        )
        Goal = self.env["sales.performance.goal"].sudo()
        Review = self.env["sales.performance.review"].sudo()
        for period in periods:
            has_goals = Goal.search_count(
                [("period_id", "=", period.id), ("user_id", "=", user.id), ("scope", "=", "user")]
            )
            if has_goals and not Review.search_count([("period_id", "=", period.id), ("user_id", "=", user.id)]):
                Review._create_manual(period, user)
        Goal.search(
            [
                ("user_id", "=", user.id),
                ("scope", "=", "user"),
                ("period_id.date_start", ">", day),
                ("period_id.state", "=", "open"),
            ]
        ).write({"active": False})
        Statement = self.env["sales.incentive.statement"].sudo()
        statements = Statement.browse()
        for period in periods:
            statements |= Statement._generate(period, users=user)
        for statement in statements:
            statement.message_post(
                body=self.env._("Final statement: %(user)s leaves after %(day)s.", user=user.name, day=day),
                author_id=self.env.user.partner_id.id,
            )
        return statements.sudo(False)
