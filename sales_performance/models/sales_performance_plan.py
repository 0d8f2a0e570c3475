# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from ..engine import scopes
from .sales_performance_integrity_mixin import ensure_one_record

PLAN_STATES = [
    ("draft", "Draft"),
    ("shared", "Shared"),
    ("discussion", "Discussion Requested"),
    ("active", "Acknowledged"),
]
CHECKIN_CADENCES = [
    ("none", "No regular check-in"),
    ("weekly", "Weekly"),
    ("biweekly", "Every two weeks"),
    ("monthly", "Monthly"),
]
CADENCE_STEP = {
    "weekly": relativedelta(weeks=1),
    "biweekly": relativedelta(weeks=2),
    "monthly": relativedelta(months=1),
}


class SalesPerformancePlan(models.Model):
    """A salesperson's plan for a period: their goals, weighted, communicated and acknowledged."""

    _name = "sales.performance.plan"
    _description = "Performance Plan"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "sales.performance.integrity.mixin",
        "sales.performance.answer.mixin",
    ]
    _order = "period_id desc, team_id, user_id"
    # What the salesperson fills in through the acknowledge / discuss / obstacle actions.
    _answer_fields = frozenset({"state", "obstacles", "support_needed", "acknowledged_date", "discussion_comment"})
    _check_company_auto = True

    # ------------------------------------------------------------------ fields
    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, index=True, tracking=True, ondelete="restrict"
    )
    period_id = fields.Many2one(
        "sales.performance.period", required=True, index=True, ondelete="restrict", tracking=True, check_company=True
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True, precompute=True)
    period_state = fields.Selection(related="period_id.state", string="Period Status")
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        index=True,
        tracking=True,
        check_company=True,
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    manager_id = fields.Many2one(
        "res.users",
        tracking=True,
        compute="_compute_manager_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Who shares the plan and receives the salesperson's questions; the team leader by default.",
    )
    state = fields.Selection(
        PLAN_STATES,
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        help="Draft: being prepared. Shared: sent to the salesperson. Discussion Requested: the salesperson asks to "
        "talk first. Acknowledged: accepted by the salesperson.",
    )
    goal_ids = fields.One2many("sales.performance.goal", "plan_id", string="Goals")
    weight_total = fields.Float(
        compute="_compute_weight_total",
        string="Total Weight (%)",
        help="Sum of the weights of the plan's goals, usually 100 %.",
    )
    notes = fields.Html(help="What the manager wants the salesperson to know about this plan.")
    shared_date = fields.Datetime(readonly=True, copy=False, tracking=True)
    acknowledged_date = fields.Datetime(readonly=True, copy=False, tracking=True)
    obstacles = fields.Text(
        string="Expected Obstacles", tracking=True, help="Filled by the salesperson when acknowledging the plan."
    )
    support_needed = fields.Text(
        tracking=True, help="Support the salesperson asks for: training, resources, help from the manager."
    )
    discussion_comment = fields.Text(
        string="Discussion Request",
        readonly=True,
        copy=False,
        help="Why the salesperson wants to discuss the plan before acknowledging it.",
    )
    is_mine = fields.Boolean(compute="_compute_is_mine", help="The current user is the plan's salesperson.")
    next_checkin_date = fields.Date(
        string="Next Check-in", copy=False, help="When the next two-way check-in activity is due (set by the cadence)."
    )
    coaching_count = fields.Integer(compute="_compute_coaching_count", string="Coaching Sessions")

    _sql_constraints = [
        (
            "user_period_unique",
            "UNIQUE (user_id, period_id)",
            "Salesperson: this salesperson already has a plan for this period.",
        ),
    ]

    # ------------------------------------------------------------------ compute
    @api.depends("user_id.name", "period_id.name")
    def _compute_name(self):
        for plan in self:
            plan.name = self.env._(
                "%(user)s - %(period)s", user=plan.user_id.name or "", period=plan.period_id.name or ""
            )

    @api.depends("user_id")
    def _compute_team_id(self):
        for plan in self:
            if not plan.team_id or plan.user_id not in plan.team_id.member_ids:
                plan.team_id = plan.user_id.sale_team_id

    @api.depends("team_id")
    def _compute_manager_id(self):
        for plan in self:
            plan.manager_id = plan.team_id.user_id or plan.manager_id

    @api.depends_context("uid")
    @api.depends("user_id")
    def _compute_is_mine(self):
        for plan in self:
            plan.is_mine = plan.user_id == self.env.user

    @api.depends("goal_ids.weight")
    def _compute_weight_total(self):
        for plan in self:
            plan.weight_total = sum(plan.goal_ids.mapped("weight"))

    def _compute_coaching_count(self):
        """Coaching of the salesperson during the plan's period (those the reader may see):
        one search for all plans, then counted per plan."""
        plans = self.filtered(lambda p: p.user_id and p.period_id)
        (self - plans).coaching_count = 0
        if not plans:
            return
        sessions = self.env["sales.performance.coaching"].search_read(
            [
                ("salesperson_id", "in", plans.user_id.ids),
                ("date", ">=", min(plans.period_id.mapped("date_start"))),
                ("date", "<", max(plans.period_id.mapped("date_end")) + timedelta(days=1)),
            ],
            ["salesperson_id", "date"],
        )
        for plan in plans:
            start, end = plan.period_id.date_start, plan.period_id.date_end
            plan.coaching_count = sum(
                1
                for session in sessions
                if session["salesperson_id"][0] == plan.user_id.id and start <= session["date"].date() <= end
            )

    # ------------------------------------------------------------------ constraints
    @api.constrains("user_id", "period_id")
    def _check_user_company(self):
        self._check_user_in_company("user_id", "company_id", self.env._("the period"))

    # ------------------------------------------------------------------ CRUD
    def _protected_fields(self):
        answer = self.env._("the salesperson's answer (Acknowledge, Request a Discussion)")
        return {
            **dict.fromkeys(self._answer_fields, answer),
            "state": self.env._("the plan's buttons (Share, the salesperson's answer, Reopen with a reason)"),
            "shared_date": self.env._("Share"),
            "name": self.env._("the salesperson and period"),
        }

    def _validate_vals(self, vals):
        """No plan in a closed period. On create, the salesperson and the period must exist:
        the plan's team and company are computed from them before it is saved. Team and
        manager follow the salesperson."""
        super()._validate_vals(vals)
        self._check_team_of_salesperson(vals, manager_field="manager_id")
        Period = self.env["sales.performance.period"]
        if not self:
            self._check_records_exist(vals, ("user_id", "period_id"))
            if Period.browse(vals.get("period_id")).state == "closed":
                raise ValidationError(self.env._("Period: a plan cannot be made for a closed period."))
        elif "period_id" in vals and Period.browse(vals["period_id"]).state == "closed":
            raise ValidationError(self.env._("Period: a plan cannot be moved to a closed period."))

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        plans._link_goals()
        return plans

    @api.ondelete(at_uninstall=False)
    def _unlink_except_acknowledged(self):
        if any(plan.state != "draft" for plan in self):
            raise UserError(self.env._("Only draft plans can be deleted; archive the goals instead."))

    # ------------------------------------------------------------------ manager actions
    def action_share(self):
        """Send each plan to its salesperson (all selected plans at once)."""
        plans = self.filtered(lambda p: p.state in ("draft", "discussion"))
        if not plans:
            raise UserError(self.env._("Only draft plans or plans under discussion can be shared."))
        plans._check_may_act()
        for plan in plans:
            plan._check_shareable()
        # sudo: the state is the workflow's; who may share was checked just above.
        plans.sudo().write({"state": "shared", "shared_date": fields.Datetime.now()})
        template = self.env.ref("sales_performance.mail_template_plan_shared")
        for plan in plans:
            plan.message_post_with_source(template, message_type="comment", subtype_xmlid="mail.mt_comment")
        return True

    def _check_shareable(self):
        self.ensure_one()
        if self.period_id.state == "closed":
            raise ValidationError(self.env._("Period: %(plan)s belongs to a closed period.", plan=self.name))
        if not self.goal_ids:
            raise ValidationError(self.env._("Goals: %(plan)s has no goal to share.", plan=self.name))
        if float_compare(self.weight_total, 100.0, precision_digits=2):
            raise ValidationError(
                self.env._(
                    "Weight: the goals of %(plan)s weigh %(total)s%% in all; they must add up to 100%%.",
                    plan=self.name,
                    total=round(self.weight_total, 2),
                )
            )

    def action_reopen(self, reason=None):
        """Unlock an acknowledged plan to change it; the reason stays in the chatter."""
        reason = self._text_argument(reason, self.env._("Reason"), required=False)
        if not reason:
            raise ValidationError(self.env._("Reason: say why the plan is reopened."))
        self._check_may_act()
        for plan in self:
            if plan.state != "active":
                raise UserError(self.env._("Only acknowledged plans need reopening."))
            # sudo: back to draft only here, with the reason; who may reopen was checked above.
            plan.sudo().write({"state": "draft", "acknowledged_date": False})
            plan.message_post(
                body=self.env._("Plan reopened: %(reason)s", reason=reason.strip()),
                partner_ids=plan.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_schedule_meeting(self):
        """A plan meeting in the manager's and the salesperson's activities."""
        meeting = self.env.ref("mail.mail_activity_data_meeting")
        for plan in self:
            for user in (plan.manager_id or self.env.user) | plan.user_id:
                plan.activity_schedule(
                    activity_type_id=meeting.id,
                    summary=self.env._("Plan meeting: %(plan)s", plan=plan.name),
                    user_id=user.id,
                )
        return True

    # ------------------------------------------------------------------ salesperson actions
    def action_acknowledge(self, obstacles=None, support_needed=None):
        obstacles = self._text_argument(obstacles, self._fields["obstacles"].string, required=False)
        support_needed = self._text_argument(support_needed, self._fields["support_needed"].string, required=False)
        for plan in self:
            if plan.state != "shared":
                raise UserError(self.env._("Only a shared plan can be acknowledged."))
        self._write_as_salesperson(
            {
                "state": "active",
                "acknowledged_date": fields.Datetime.now(),
                "obstacles": obstacles or False,
                "support_needed": support_needed or False,
            }
        )
        for plan in self:
            plan._schedule_next_checkin()
        return True

    def action_request_discussion(self, comment=None):
        comment = self._text_argument(comment, self.env._("Comment"), required=False)
        if not comment:
            raise ValidationError(self.env._("Comment: say what you want to discuss."))
        for plan in self:
            if plan.state != "shared":
                raise UserError(self.env._("Only a shared plan can be discussed."))
        self._write_as_salesperson({"state": "discussion", "discussion_comment": comment.strip()})
        for plan in self:
            # sudo: posting on one's own plan (checked by _write_as_salesperson) needs no write access.
            plan.sudo()._notify_manager(self.env._("Discussion requested: %(comment)s", comment=comment.strip()))
        return True

    def action_raise_obstacle(self, description=None):
        """The salesperson flags a problem at any time; the manager is notified."""
        description = self._text_argument(description, self.env._("Obstacle"), required=False)
        if not description:
            raise ValidationError(self.env._("Obstacle: describe the problem."))
        self._check_answered_by_owner()
        for plan in self:
            # sudo: posting a message on one's own plan (checked above) needs no write access.
            plan.sudo()._notify_manager(self.env._("Obstacle raised: %(text)s", text=description.strip()))
        return True

    def _notify_manager(self, body):
        self.ensure_one()
        manager = self.manager_id
        self.message_post(
            body=body,
            author_id=self.env.user.partner_id.id,
            partner_ids=manager.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )
        if manager:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=body[:80],
                note=body,
                user_id=manager.id,
            )

    # ------------------------------------------------------------------ coaching
    def _coaching_domain(self):
        self.ensure_one()
        return [
            ("salesperson_id", "=", self.user_id.id),
            ("date", ">=", self.period_id.date_start),
            ("date", "<", self.period_id.date_end + timedelta(days=1)),
        ]

    def action_view_coachings(self):
        ensure_one_record(self)
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_performance.sales_performance_coaching_action")
        action["domain"] = self._coaching_domain()
        action["context"] = {"default_salesperson_id": self.user_id.id, "default_company_id": self.company_id.id}
        return action

    # ------------------------------------------------------------------ goals
    def _scorecard_owner(self):
        """The scorecard the plan holds, ``(period id, scope, owner id)``: the salesperson's in
        the period (see ``sales.performance.goal._scorecard_owner``)."""
        self.ensure_one()
        return (self.period_id.id, scopes.SCOPE_USER, self.user_id.id)

    def _link_goals(self):
        """Attach the salesperson's goals of the period to the plan (one query for all plans)."""
        if not self:
            return
        goals = self.env["sales.performance.goal"].search(
            [
                ("scope", "=", scopes.SCOPE_USER),
                ("plan_id", "=", False),
                ("period_id", "in", self.period_id.ids),
                ("user_id", "in", self.user_id.ids),
            ]
        )
        plan_of = {plan._scorecard_owner(): plan for plan in self}
        goals_of = defaultdict(goals.browse)
        for goal in goals:
            plan = plan_of.get(goal._scorecard_owner())
            if plan:
                goals_of[plan] |= goal
        for plan, plan_goals in goals_of.items():
            # sudo: the salesperson's own goals of the period, found above; one write per plan.
            plan_goals.sudo().plan_id = plan

    @api.model
    def _create_missing_for_period(self, period):
        """One draft plan per salesperson having goals in ``period`` and no plan yet."""
        groups = self.env["sales.performance.goal"]._read_group(
            [("period_id", "=", period.id), ("scope", "=", scopes.SCOPE_USER), ("plan_id", "=", False)],
            ["user_id"],
        )
        existing = set(self.search([("period_id", "=", period.id)]).user_id.ids)
        return self.create(
            [{"period_id": period.id, "user_id": user.id} for (user,) in groups if user.id not in existing]
        )

    # ------------------------------------------------------------------ check-ins
    def _schedule_next_checkin(self, today=None):
        today = today or fields.Date.context_today(self)
        for plan in self:
            step = CADENCE_STEP.get(plan.company_id.performance_checkin_cadence)
            # sudo: the date is the cadence's (set after the salesperson acknowledges, or by the
            # job); only this technical field is written, from the company's setting.
            plan.sudo().next_checkin_date = today + step if step else False

    @api.model
    def _cron_checkins(self, limit=500):
        """Create the due check-in activities (manager and salesperson), then move the date on.

        One chunk per call (the scheduler commits it and calls again while some remain).
        Idempotent: a plan whose check-in was created has its next date in the future, so a
        rerun, or a second worker, does not create it again.
        """
        today = fields.Date.context_today(self)
        due_domain = [
            ("state", "=", "active"),
            ("period_id.state", "=", "open"),
            ("next_checkin_date", "!=", False),
            ("next_checkin_date", "<=", today),
        ]
        due = self.search(due_domain, order="next_checkin_date, id", limit=limit)
        checkin = self.env.ref("sales_performance.mail_activity_type_checkin")
        for plan in due:
            for user in plan.manager_id | plan.user_id:
                plan.activity_schedule(
                    activity_type_id=checkin.id,
                    date_deadline=plan.next_checkin_date,
                    summary=self.env._("Check-in: %(plan)s", plan=plan.name),
                    user_id=user.id,
                )
        due._schedule_next_checkin(today)
        remaining = self.search_count(due_domain) if len(due) == limit else 0
        self.env["ir.cron"]._notify_progress(done=len(due), remaining=remaining)
        return due
