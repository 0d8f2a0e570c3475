from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine import scoring, sources
from .input_checks import check_user_in_company, check_values

COACHING_TYPES = [
    ("one_on_one", "1:1"),
    ("training", "Sales skills training"),
    ("case_sharing", "Case sharing"),
    ("joint_visit", "Joint visit / call"),
]
COACHING_STATES = [
    ("planned", "Planned"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
ACTION_STATES = [
    ("open", "To Do"),
    ("done", "Done"),
]
# What an agreed action's activity follows: a change of these fields updates or closes it.
ACTION_SYNC_FIELDS = {"state", "description", "responsible_id", "date_deadline"}
# Paces for which a manager is offered "Plan coaching" on a salesperson goal.
COACHABLE_PACES = (scoring.PACE_AT_RISK, scoring.PACE_BEHIND)
ACTIVITY_TYPE_XMLID = "mail.mail_activity_data_todo"


class SalesPerformanceCoaching(models.Model):
    """A coaching session of a salesperson: 1:1, training, case sharing or joint visit.

    The actions agreed in a held session (state done) each become one To-Do activity on the
    session, assigned to the action's responsible with the action's due date.
    """

    _name = "sales.performance.coaching"
    _description = "Coaching Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.performance.integrity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    salesperson_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="The person coached.",
    )
    coach_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    duration = fields.Float(string="Duration (hours)", default=1.0)
    type = fields.Selection(
        COACHING_TYPES,
        required=True,
        default="one_on_one",
        tracking=True,
        help="1:1 talk, sales skills training, sharing a successful case, or a visit or call made together.",
    )
    topics = fields.Char(help="What the session is about: the KPI behind, the deal, the skill.")
    goal_ids = fields.Many2many(
        "sales.performance.goal",
        relation="sales_performance_coaching_goal_rel",
        column1="coaching_id",
        column2="goal_id",
        string="Goals",
        check_company=True,
        domain="[('scope', '=', 'user'), ('user_id', '=', salesperson_id)]",
        help="The salesperson's goals this session works on.",
    )
    kpi_ids = fields.Many2many(
        "sales.performance.kpi",
        relation="sales_performance_coaching_kpi_rel",
        column1="coaching_id",
        column2="kpi_id",
        string="KPIs",
        compute="_compute_kpi_ids",
        store=True,
        help="The KPIs of the linked goals.",
    )
    notes = fields.Html()
    action_ids = fields.One2many("sales.performance.coaching.action", "coaching_id", string="Agreed Actions")
    action_open_count = fields.Integer(
        compute="_compute_action_open_count", string="Open Actions", help="Agreed actions not done yet."
    )
    follow_up_outcome = fields.Text(help="What came of the agreed actions, noted at the follow-up.")
    state = fields.Selection(COACHING_STATES, string="Status", required=True, default="planned", tracking=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)

    # ------------------------------------------------------------------ compute
    @api.depends("type", "salesperson_id.name", "date")
    def _compute_display_name(self):
        labels = dict(self._fields["type"]._description_selection(self.env))
        for coaching in self:
            day = (
                fields.Date.to_string(fields.Datetime.context_timestamp(coaching, coaching.date))
                if coaching.date
                else ""
            )
            parts = [labels.get(coaching.type, ""), coaching.salesperson_id.name or "", day]
            coaching.display_name = " - ".join(part for part in parts if part)

    @api.depends("goal_ids.kpi_id")
    def _compute_kpi_ids(self):
        for coaching in self:
            coaching.kpi_ids = coaching.goal_ids.kpi_id

    @api.depends("action_ids.state")
    def _compute_action_open_count(self):
        for coaching in self:
            coaching.action_open_count = len(coaching.action_ids.filtered(lambda a: a.state == "open"))

    # ------------------------------------------------------------------ constraints
    @api.constrains("salesperson_id", "company_id")
    def _check_salesperson_company(self):
        check_user_in_company(self, "salesperson_id", "company_id", self.env._("the coaching"))

    @api.constrains("goal_ids", "salesperson_id")
    def _check_goals(self):
        for coaching in self:
            for goal in coaching.goal_ids:
                if goal.scope != sources.SCOPE_USER or goal.user_id != coaching.salesperson_id:
                    raise ValidationError(
                        self.env._(
                            "Goals: %(goal)s is not a goal of %(user)s.",
                            goal=goal.name,
                            user=coaching.salesperson_id.name,
                        )
                    )

    # ------------------------------------------------------------------ CRUD
    @api.model
    def _prevalidate(self, vals, current=None):
        check_values(self, vals, ("salesperson_id", "date", "type", "state", "company_id"), current)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._prevalidate(vals)
        coachings = super().create(vals_list)
        coachings.filtered(lambda c: c.state != "planned").action_ids._sync_activities()
        return coachings

    def write(self, vals):
        for coaching in self:
            self._prevalidate(vals, coaching)
        result = super().write(vals)
        if "state" in vals:
            self.action_ids._sync_activities()
        return result

    # ------------------------------------------------------------------ actions
    def action_done(self):
        """The session was held: its open agreed actions become activities."""
        if self.filtered(lambda c: c.state != "planned"):
            raise UserError(self.env._("Status: only a planned coaching can be marked as done."))
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        """Cancelled: the activities of its open actions are removed (the actions stay)."""
        self.write({"state": "cancelled"})
        return True

    def action_reset_to_planned(self):
        if self.filtered(lambda c: c.state != "cancelled"):
            raise UserError(self.env._("Status: only a cancelled coaching can be planned again."))
        self.write({"state": "planned"})
        return True


class SalesPerformanceCoachingAction(models.Model):
    """An action agreed in a coaching session, followed through one To-Do activity."""

    _name = "sales.performance.coaching.action"
    _description = "Coaching Agreed Action"
    _inherit = ["sales.performance.integrity.mixin"]
    _order = "coaching_id, sequence, date_deadline, id"
    _rec_name = "description"

    coaching_id = fields.Many2one("sales.performance.coaching", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    description = fields.Char(required=True)
    responsible_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        domain="[('share', '=', False)]",
        help="Who carries the action out; the salesperson unless told otherwise.",
    )
    date_deadline = fields.Date(string="Due Date", required=True)
    state = fields.Selection(ACTION_STATES, string="Status", required=True, default="open")
    date_done = fields.Date(string="Done On", readonly=True, copy=False)
    activity_id = fields.Many2one(
        "mail.activity",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The To-Do activity that follows this action on the coaching.",
    )
    salesperson_id = fields.Many2one(related="coaching_id.salesperson_id", store=True, string="Coached Salesperson")
    coaching_state = fields.Selection(related="coaching_id.state", string="Coaching Status")
    company_id = fields.Many2one(related="coaching_id.company_id", store=True, index=True)

    # ------------------------------------------------------------------ CRUD
    @api.model
    def _prevalidate(self, vals, current=None):
        check_values(self, vals, ("coaching_id", "description", "date_deadline", "state"), current)
        if "responsible_id" in vals and not vals["responsible_id"]:
            check_values(self, vals, ("responsible_id",), current)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._prevalidate(vals)
            if not vals.get("responsible_id"):
                coaching = self.env["sales.performance.coaching"].browse(vals["coaching_id"])
                vals["responsible_id"] = coaching.salesperson_id.id
        actions = super().create(vals_list)
        actions._sync_activities()
        return actions

    def write(self, vals):
        for action in self:
            self._prevalidate(vals, action)
        if vals.get("state") == "done" and "date_done" not in vals:
            vals = {**vals, "date_done": fields.Date.context_today(self)}
        elif vals.get("state") == "open":
            vals = {**vals, "date_done": False}
        result = super().write(vals)
        if ACTION_SYNC_FIELDS & set(vals):
            self._sync_activities()
        return result

    def unlink(self):
        self.activity_id.filtered("active").unlink()
        return super().unlink()

    # ------------------------------------------------------------------ activities
    def _activity_values(self):
        self.ensure_one()
        return {
            "summary": self.description,
            "user_id": self.responsible_id.id,
            "date_deadline": self.date_deadline,
        }

    def _sync_activities(self):
        """Bring each action's activity in line with the action and its coaching.

        An open action of a held coaching has exactly one open activity (created if missing,
        updated if the action changed); a done action has its activity marked done; the
        actions of a planned or cancelled coaching have none. Running it twice changes nothing.
        """
        for action in self:
            activity = action.activity_id if action.activity_id.active else action.activity_id.browse()
            if action.state == "done":
                if activity:
                    activity.action_feedback(feedback=self.env._("Agreed action done."))
            elif action.coaching_id.state != "done":
                if activity:
                    activity.unlink()
            elif not activity:
                activity = action.coaching_id.activity_schedule(ACTIVITY_TYPE_XMLID, **action._activity_values())
                action.activity_id = activity
            else:
                values = action._activity_values()
                changed = {
                    fname: value
                    for fname, value in values.items()
                    if (activity[fname].id if fname == "user_id" else activity[fname]) != value
                }
                if changed:
                    activity.write(changed)

    def _on_activities_done(self):
        """Called when the activities of ``self`` were marked done from the chatter."""
        self.filtered(lambda a: a.state != "done").write({"state": "done"})

    def action_mark_done(self):
        """Mark the action done, which marks its activity done.

        The responsible may do it without write access to the coaching (a salesperson reads
        their coaching only): sudo after checking they can read the action and are its
        responsible; anyone else needs write access.
        """
        self.check_access("read")
        for action in self:
            if action.responsible_id != self.env.user and not action.has_access("write"):
                raise AccessError(
                    self.env._(
                        "Responsible: only %(user)s or a manager of the salesperson can mark %(action)s done.",
                        user=action.responsible_id.name,
                        action=action.description,
                    )
                )
        # sudo: the responsible may not write the coaching's actions; the check above allows
        # only them or a user who can write the action, and only the state is set.
        self.sudo().filtered(lambda a: a.state != "done").write({"state": "done"})
        return True

    def action_reopen(self):
        self.write({"state": "open"})
        return True


class SalesPerformanceGoal(models.Model):
    """Coaching on goals: plan a session from a goal falling behind, see its history."""

    _inherit = "sales.performance.goal"

    coaching_ids = fields.Many2many(
        "sales.performance.coaching",
        relation="sales_performance_coaching_goal_rel",
        column1="goal_id",
        column2="coaching_id",
        string="Coaching Sessions",
        copy=False,
    )
    coaching_count = fields.Integer(compute="_compute_coaching_count")

    @api.depends("coaching_ids")
    def _compute_coaching_count(self):
        """Sessions the current user may see (a salesperson sees theirs only)."""
        counts = {}
        if self.ids:
            groups = self.env["sales.performance.coaching"]._read_group(
                [("goal_ids", "in", self.ids)], ["goal_ids"], ["__count"]
            )
            counts = {goal.id: count for goal, count in groups}
        for goal in self:
            goal.coaching_count = counts.get(goal.id, 0)

    def _coaching_topics(self):
        self.ensure_one()
        pace = dict(self._fields["pace_status"]._description_selection(self.env)).get(self.pace_status, "")
        actual, expected, target = (f"{value:,.2f}" for value in (self.actual, self.expected_to_date, self.target))
        return self.env._(
            "%(kpi)s %(pace)s: %(actual)s against %(expected)s expected to date (target %(target)s)",
            kpi=self.kpi_id.name,
            pace=pace.lower(),
            actual=actual,
            expected=expected,
            target=target,
        )

    def action_plan_coaching(self):
        """A new coaching session for the goal's salesperson, about this goal."""
        self.ensure_one()
        if self.scope != sources.SCOPE_USER:
            raise UserError(self.env._("Scope: coaching is planned on a salesperson goal."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan Coaching"),
            "res_model": "sales.performance.coaching",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_salesperson_id": self.user_id.id,
                "default_goal_ids": [Command.set(self.ids)],
                "default_topics": self._coaching_topics(),
                "default_company_id": self.company_id.id,
                "default_type": "one_on_one",
            },
        }

    def action_view_coachings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_performance.sales_performance_coaching_action")
        action["domain"] = [("goal_ids", "in", self.ids)]
        action["context"] = {
            "default_salesperson_id": self.user_id.id,
            "default_goal_ids": [Command.set(self.ids)],
            "default_company_id": self.company_id.id,
        }
        return action


class SalesPerformancePlan(models.Model):
    _inherit = "sales.performance.plan"

    coaching_count = fields.Integer(compute="_compute_coaching_count", string="Coaching Sessions")

    def _coaching_domain(self):
        self.ensure_one()
        return [
            ("salesperson_id", "=", self.user_id.id),
            ("date", ">=", self.period_id.date_start),
            ("date", "<", self.period_id.date_end + timedelta(days=1)),
        ]

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

    def action_view_coachings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_performance.sales_performance_coaching_action")
        action["domain"] = self._coaching_domain()
        action["context"] = {"default_salesperson_id": self.user_id.id, "default_company_id": self.company_id.id}
        return action
