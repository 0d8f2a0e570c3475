# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import scopes

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

    # ------------------------------------------------------------------ fields
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
        self._check_user_in_company("salesperson_id", "company_id", self.env._("the coaching"))

    @api.constrains("goal_ids", "salesperson_id")
    def _check_goals(self):
        for coaching in self:
            for goal in coaching.goal_ids:
                if goal.scope != scopes.SCOPE_USER or goal.user_id != coaching.salesperson_id:
                    raise ValidationError(
                        self.env._(
                            "Goals: %(goal)s is not a goal of %(user)s.",
                            goal=goal.name,
                            user=coaching.salesperson_id.name,
                        )
                    )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        coachings = super().create(vals_list)
        coachings.filtered(lambda c: c.state != "planned").action_ids._sync_activities()
        return coachings

    def write(self, vals):
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
