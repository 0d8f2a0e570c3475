# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from collections import defaultdict

from odoo import Command, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..engine import measuring, scopes, scoring
from ..engine import periods as period_rules
from .sales_performance_integrity_mixin import ensure_one_record

_logger = logging.getLogger(__name__)

GOAL_SCOPES = [
    (scopes.SCOPE_COMPANY, "Company"),
    (scopes.SCOPE_TEAM, "Sales Team"),
    (scopes.SCOPE_USER, "Salesperson"),
]
PACE_STATUSES = [
    (scoring.PACE_AHEAD, "Ahead"),
    (scoring.PACE_ON_TRACK, "On Track"),
    (scoring.PACE_AT_RISK, "At Risk"),
    (scoring.PACE_BEHIND, "Behind"),
    (scoring.PACE_NO_TARGET, "No Target"),
    (scoring.PACE_TOO_EARLY, "Too Early"),
    (scoring.PACE_NO_DATA, "No Data"),
]
ALERT_STATES = [
    (scoring.ALERT_NONE, "None"),
    (scoring.ALERT_OPEN, "Open"),
    (scoring.ALERT_CLOSED, "Recovered"),
]
# A shared or acknowledged plan freezes what the salesperson was shown.
LOCKED_PLAN_STATES = ("shared", "active")
PLAN_LOCKED_FIELDS = {"target", "weight", "kpi_id", "period_id", "user_id", "scope", "active"}
# The measured columns of the goal table, in the order of engine.measuring.Figures.
FIGURE_COLUMNS = ("actual", "attainment", "expected_to_date", "pace_status", "has_data")


class SalesPerformanceGoal(models.Model):
    _name = "sales.performance.goal"
    _description = "Sales Goal"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.performance.integrity.mixin"]
    _order = "period_id desc, scope, team_id, user_id, kpi_id"
    _check_company_auto = True

    # ------------------------------------------------------------------ fields
    name = fields.Char(compute="_compute_name", store=True)
    period_id = fields.Many2one(
        "sales.performance.period",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True, precompute=True)
    period_state = fields.Selection(related="period_id.state")
    date_start = fields.Date(related="period_id.date_start")
    date_end = fields.Date(related="period_id.date_end")
    kpi_id = fields.Many2one(
        "sales.performance.kpi",
        string="KPI",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    kpi_unit = fields.Selection(related="kpi_id.unit")
    kpi_direction = fields.Selection(related="kpi_id.direction")
    kpi_is_cumulative = fields.Boolean(related="kpi_id.is_cumulative")
    kpi_is_leading = fields.Boolean(related="kpi_id.is_leading", store=True, string="Leading KPI")
    currency_id = fields.Many2one(related="company_id.currency_id")
    scope = fields.Selection(
        GOAL_SCOPES,
        required=True,
        default=scopes.SCOPE_USER,
        tracking=True,
        help="Whose figure the goal measures: the whole company's, a sales team's or one salesperson's.",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        index=True,
        tracking=True,
        check_company=True,
        help="The team measured (team goals) or the team the salesperson works in (salesperson goals).",
    )
    user_id = fields.Many2one("res.users", string="Salesperson", index=True, tracking=True)
    target = fields.Float(
        required=True, default=0.0, tracking=True, help="What the goal owner should reach in the period."
    )
    weight = fields.Float(
        default=0.0,
        tracking=True,
        help="Importance of this goal in its owner's scorecard, in percent (0-100). The weights of one "
        "owner's goals in a period add up to at most 100.",
    )
    parent_id = fields.Many2one(
        "sales.performance.goal",
        string="Parent Goal",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The goal this one was cascaded from (company -> team -> salesperson).",
    )
    child_ids = fields.One2many("sales.performance.goal", "parent_id", string="Cascaded Goals")
    child_target_total = fields.Float(
        compute="_compute_child_target",
        string="Cascaded Total",
        help="Sum of the targets of the goals cascaded from this one.",
    )
    child_target_gap = fields.Float(
        compute="_compute_child_target", string="Cascade Gap", help="This target minus the sum of the cascaded targets."
    )
    active = fields.Boolean(default=True, tracking=True)
    note = fields.Html()
    plan_id = fields.Many2one(
        "sales.performance.plan",
        index=True,
        ondelete="set null",
        copy=False,
        help="The salesperson's plan this goal belongs to (set automatically).",
    )
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    alert_activity_id = fields.Many2one(
        "mail.activity",
        string="Pace Alert",
        copy=False,
        ondelete="set null",
        readonly=True,
        help="The open activity listing this goal among those at risk or behind: its manager's (its "
        "salesperson's when it has no manager). One activity per person lists all their goals.",
    )
    alert_state = fields.Selection(
        ALERT_STATES,
        string="Pace Alert State",
        default=scoring.ALERT_NONE,
        readonly=True,
        copy=False,
        help="Open while the goal is listed in its salesperson's and manager's alert; Recovered once back on "
        "track (a small dip under the on-track threshold does not open it again).",
    )
    days_left = fields.Integer(compute="_compute_days_left", help="Days of the period after today.")
    rank_in_team = fields.Integer(
        compute="_compute_rank_in_team",
        string="Rank in Team",
        help="Rank of the attainment among the salespeople of the team on the same KPI and period.",
    )
    show_ranking = fields.Boolean(related="company_id.performance_show_ranking")

    # Results, written in bulk by the refresh (see _refresh_actuals), computed as the engine does.
    actual = fields.Float(readonly=True, copy=False, help="Measured by the KPI's source at the last refresh.")
    has_data = fields.Boolean(
        readonly=True,
        copy=False,
        help="The owner had documents to measure at the last refresh; a rate or an average without any has no "
        "pace yet.",
    )
    refreshed_at = fields.Datetime(
        string="Last Refresh",
        readonly=True,
        copy=False,
        help="When the figures were last written from the documents: with Refresh, or by the hourly refresh job "
        "when they changed (the period shows when the job last checked).",
    )
    period_refreshed_at = fields.Datetime(related="period_id.goals_refreshed_at")
    attainment = fields.Float(
        aggregator="avg",
        compute="_compute_figures",
        store=True,
        string="Attainment (%)",
        help="Actual / target in percent (target / actual for lower-is-better KPIs).",
    )
    expected_to_date = fields.Float(
        compute="_compute_figures",
        store=True,
        string="Expected to Date",
        help="The target spread linearly over the days of the period, up to the last refresh.",
    )
    pace_status = fields.Selection(
        PACE_STATUSES,
        compute="_compute_figures",
        store=True,
        string="Pace",
        index=True,
        tracking=True,
        help="Actual against the expected-to-date, using the thresholds set in Settings. No verdict early in "
        "the period (Too Early) nor for a rate or an average without data yet (No Data).",
    )

    # Goal-setting worksheet.
    baseline_previous = fields.Float(
        compute="_compute_baselines", string="Last Period", help="Same KPI and owner, previous period of the same type."
    )
    baseline_last_year = fields.Float(
        compute="_compute_baselines",
        string="Same Period Last Year",
        help="Actual of the same KPI and scope in the same period one year earlier.",
    )
    baseline_trend = fields.Float(
        compute="_compute_baselines",
        string="Trend (%)",
        help="Change of the last period against the one before it, in percent.",
    )
    target_vs_previous = fields.Float(
        compute="_compute_baselines",
        string="Target vs Last Period (%)",
        help="How much higher (or lower) the target is than what was achieved last period.",
    )
    swot_strengths = fields.Text(string="Strengths")
    swot_weaknesses = fields.Text(string="Weaknesses")
    swot_opportunities = fields.Text(string="Opportunities")
    swot_threats = fields.Text(string="Threats")

    # Coaching: plan a session from a goal falling behind, see its history.
    coaching_ids = fields.Many2many(
        "sales.performance.coaching",
        relation="sales_performance_coaching_goal_rel",
        column1="goal_id",
        column2="coaching_id",
        string="Coaching Sessions",
        copy=False,
    )
    coaching_count = fields.Integer(compute="_compute_coaching_count")

    _sql_constraints = [
        ("target_positive", "CHECK (target >= 0)", "Target: the target of a goal cannot be negative."),
        ("weight_range", "CHECK (weight >= 0 AND weight <= 100)", "Weight: must be between 0 and 100 (percent)."),
        (
            "scope_consistency",
            "CHECK ((scope = 'company' AND team_id IS NULL AND user_id IS NULL)"
            " OR (scope = 'team' AND team_id IS NOT NULL AND user_id IS NULL)"
            " OR (scope = 'user' AND user_id IS NOT NULL))",
            "Scope: a company goal has no Sales Team nor Salesperson, a team goal needs a Sales Team, "
            "a salesperson goal a Salesperson.",
        ),
    ]

    def _integrity_messages(self):
        return {
            **super()._integrity_messages(),
            "sales_performance_goal_owner_uniq": self.env._(
                "KPI: this owner already has a goal for this KPI in this period."
            ),
        }

    def init(self):
        # Refreshes rewrite the measured columns of many goals at once (a user's Refresh, and the
        # refresh job every goal once a day, when the expected-to-date moves). Room left in each
        # page lets PostgreSQL keep the new row version beside the old one without touching the
        # table's ten indexes (a "HOT" update), unless the pace status changed: about a third
        # less time per rewrite at 10,000 goals, and far less index bloat.
        self.env.cr.execute(SQL("ALTER TABLE %s SET (fillfactor = 70)", SQL.identifier(self._table)))
        # One goal per (period, KPI, scope, owner); NULL owners must collide too.
        tools.create_unique_index(
            self.env.cr,
            "sales_performance_goal_owner_uniq",
            self._table,
            # A salesperson's goal is theirs whatever team it is measured in.
            [
                "period_id",
                "kpi_id",
                "scope",
                "COALESCE(CASE WHEN scope = 'team' THEN team_id END, 0)",
                "COALESCE(user_id, 0)",
            ],
        )

    # ------------------------------------------------------------------ constraints
    @api.constrains("period_id", "kpi_id", "team_id", "user_id", "parent_id")
    def _check_company_consistency(self):
        for goal in self:
            company = goal.period_id.company_id
            if goal.kpi_id.company_id and goal.kpi_id.company_id != company:
                raise ValidationError(
                    self.env._("KPI: %(kpi)s belongs to another company than the period.", kpi=goal.kpi_id.name)
                )
            if goal.team_id.company_id and goal.team_id.company_id != company:
                raise ValidationError(
                    self.env._(
                        "Sales Team: %(team)s belongs to another company than the period.", team=goal.team_id.name
                    )
                )
            goal._check_user_in_company("user_id", "company_id", self.env._("the period"))
            if goal.parent_id and goal.parent_id.period_id != goal.period_id:
                raise ValidationError(self.env._("Parent Goal: must be in the same period."))
            if goal.parent_id and goal.parent_id.kpi_id != goal.kpi_id:
                raise ValidationError(self.env._("Parent Goal: must measure the same KPI."))

    @api.constrains("parent_id")
    def _check_parent_recursion(self):
        if self._has_cycle():
            raise ValidationError(self.env._("Parent Goal: a goal cannot be cascaded from itself."))

    @api.constrains("weight", "period_id", "scope", "team_id", "user_id")
    def _check_weight_total(self):
        owners = {goal._scorecard_owner() for goal in self if goal.weight}
        if not owners:
            return
        groups = self._read_group(
            [("period_id", "in", [period_id for period_id, _scope, _owner in owners])],
            ["period_id", "scope", "team_id", "user_id"],
            ["weight:sum"],
        )
        totals = defaultdict(float)
        for period, scope, team, user, weight in groups:
            owner = scopes.owner_of(scope, period.company_id, team, user)
            totals[(period.id, scope, owner.id)] += weight
        for owner_key in owners:
            if tools.float_compare(totals[owner_key], 100.0, 2) > 0:
                goal = self.filtered(lambda g, key=owner_key: g._scorecard_owner() == key)[:1]
                raise ValidationError(
                    self.env._(
                        "Weight: the goals of %(owner)s in %(period)s would weigh %(total)s%% in all; "
                        "the weights of one owner add up to at most 100%%.",
                        owner=goal._owner().name,
                        period=goal.period_id.name,
                        total=tools.float_repr(totals[owner_key], 2),
                    )
                )

    # ------------------------------------------------------------------ compute
    @api.depends("kpi_id.name", "scope", "team_id.name", "user_id.name", "period_id.name")
    def _compute_name(self):
        for goal in self:
            goal.name = f"{goal.kpi_id.name or ''} - {goal._owner().name or ''} - {goal.period_id.name or ''}"

    @api.depends("child_ids.target", "target")
    def _compute_child_target(self):
        for goal in self:
            total = sum(goal.child_ids.mapped("target"))
            goal.child_target_total = total
            # Rounded as shown: a float residue of the split is no gap ("a gap of 0.00").
            goal.child_target_gap = tools.float_round(goal.target - total, 2) if goal.child_ids else 0.0

    @api.depends(
        "actual",
        "has_data",
        "target",
        "refreshed_at",
        "period_id.date_start",
        "period_id.date_end",
        "kpi_id.direction",
        "kpi_id.is_cumulative",
        "company_id.performance_pace_ahead",
        "company_id.performance_pace_on_track",
        "company_id.performance_pace_at_risk",
        "company_id.performance_pace_min_share",
        "company_id.performance_pace_min_days",
    )
    def _compute_figures(self):
        """The figures the refresh writes, for the stored actual: one calculation
        (``engine.measuring.goal_figures``), as of the refresh (the moment the actual was
        measured)."""
        now = fields.Datetime.now()
        for goal in self:
            period = goal.period_id
            day = goal._pace_day(goal.company_id, goal.refreshed_at or now) if period else None
            figures = measuring.goal_figures(
                goal.actual,
                goal.target,
                goal.kpi_id._measuring_rule(),
                period.date_start,
                period.date_end,
                day,
                has_data=goal.has_data,
            )
            goal.attainment = figures.attainment
            goal.expected_to_date = figures.expected_to_date
            goal.pace_status = figures.pace_status

    def _compute_days_left(self):
        today = fields.Date.context_today(self)
        for goal in self:
            end = goal.period_id.date_end
            goal.days_left = max((end - today).days, 0) if end else 0

    @api.depends_context("uid")
    def _compute_rank_in_team(self):
        """Rank by attainment among salesperson goals of the same period, KPI and team.

        sudo: a salesperson cannot read colleagues' goals; only the rank, a single number
        about their own goal, comes out of this read.
        """
        user_goals = self.filtered(lambda g: g.scope == scopes.SCOPE_USER and g.team_id)
        (self - user_goals).rank_in_team = 0
        if not user_goals:
            return
        peers = self.sudo()._read_group(
            [
                ("scope", "=", scopes.SCOPE_USER),
                ("period_id", "in", user_goals.period_id.ids),
                ("kpi_id", "in", user_goals.kpi_id.ids),
                ("team_id", "in", user_goals.team_id.ids),
            ],
            ["period_id", "kpi_id", "team_id"],
            ["attainment:array_agg"],
        )
        scores = {(period.id, kpi.id, team.id): values for period, kpi, team, values in peers}
        for goal in user_goals:
            shown = goal.period_id._ranks_shown()
            peer_scores = scores.get((goal.period_id.id, goal.kpi_id.id, goal.team_id.id), [])
            goal.rank_in_team = scoring.rank(goal.attainment, peer_scores) if shown else 0

    def _compute_baselines(self):
        """Actuals of the same KPI and owner in earlier periods: one engine query per
        (KPI, earlier period), whatever the number of goals."""
        previous_of, last_year_of, before_previous_of = {}, {}, {}
        for period in self.period_id:
            earlier = period._previous_periods(2)
            previous_of[period] = earlier[:1]
            before_previous_of[period] = earlier[1:2]
            last_year_of[period] = period._same_period_last_year()
        wanted = defaultdict(lambda: self.env["sales.performance.period"])
        for goal in self:
            for mapping in (previous_of, last_year_of, before_previous_of):
                wanted[goal.kpi_id] |= mapping.get(goal.period_id) or self.env["sales.performance.period"]
        values = {kpi: kpi._measure(periods) for kpi, periods in wanted.items() if kpi and periods}
        for goal in self:
            kpi_values = values.get(goal.kpi_id, {})

            def value_in(period, goal=goal, kpi_values=kpi_values):
                return kpi_values.get(period.id, {}).get(goal._engine_key(), 0.0) if period else 0.0

            previous = value_in(previous_of.get(goal.period_id))
            before = value_in(before_previous_of.get(goal.period_id))
            goal.baseline_previous = previous
            goal.baseline_last_year = value_in(last_year_of.get(goal.period_id))
            goal.baseline_trend = 100.0 * (previous - before) / before if before else 0.0
            goal.target_vs_previous = 100.0 * (goal.target - previous) / previous if previous else 0.0

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

    # ------------------------------------------------------------------ CRUD
    def _protected_fields(self):
        refresh = self.env._("Refresh (or the refresh job), from the documents")
        return {
            **dict.fromkeys((*FIGURE_COLUMNS, "refreshed_at", "name"), refresh),
            **dict.fromkeys(("alert_state", "alert_activity_id"), self.env._("the pace alerts of the refresh")),
        }

    def _validate_vals(self, vals):
        """A goal's scope needs its owner, named before the database's scope check; a goal of a
        closed period, or of a plan shared with the salesperson, keeps its figures. A
        salesperson's goal is measured in one of the salesperson's teams."""
        super()._validate_vals(vals)
        self._check_team_of_salesperson(vals)
        if vals.get("plan_id") and not self.env.su:
            # A goal joins its salesperson's plan of its period, no other.
            plan = self.env["sales.performance.plan"].sudo().browse(vals["plan_id"]).exists()
            for goal in self or [None]:
                user, period = self._value_of(vals, "user_id", goal), self._value_of(vals, "period_id", goal)
                if not plan or (plan.user_id.id, plan.period_id.id) != (user, period):
                    raise ValidationError(self.env._("Plan: a goal belongs to the plan of its salesperson and period."))
        for goal in self or [None]:
            scope, team, user = (self._value_of(vals, fname, goal) for fname in ("scope", "team_id", "user_id"))
            if scope == scopes.SCOPE_COMPANY and (team or user):
                raise ValidationError(self.env._("Scope: a company goal has neither a Sales Team nor a Salesperson."))
            if scope == scopes.SCOPE_TEAM and (not team or user):
                raise ValidationError(self.env._("Sales Team: a team goal needs a sales team and no salesperson."))
            if scope == scopes.SCOPE_USER and not user:
                raise ValidationError(self.env._("Salesperson: a salesperson goal needs a salesperson."))
        if self.filtered(lambda g: g.period_id.state == "closed") and set(vals) - {"note", "active"}:
            raise UserError(self.env._("Goals of a closed period cannot be changed."))
        locked = self.filtered(lambda g: g.plan_id.state in LOCKED_PLAN_STATES)
        if locked and set(vals) & PLAN_LOCKED_FIELDS:
            raise UserError(
                self.env._(
                    "Target, Weight: the plan %(plan)s was shared with the salesperson; reopen it (with a reason) "
                    "before changing its goals.",
                    plan=locked[0].plan_id.name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._with_salespersons_team(vals) for vals in vals_list]
        goals = super().create(vals_list)
        goals._attach_to_plans()
        if not (self.env.su and self.env.context.get("sales_performance_defer_measure")):
            # Measured at once: never 0.00 and Behind until someone refreshes. A bulk load that
            # measures afterwards (a benchmark's first refresh, server code under sudo) passes
            # the context key above; from a client it means nothing.
            goals._refresh_actuals()
        return goals

    @api.model
    def _with_salespersons_team(self, vals):
        """A salesperson goal left without a team is measured in the salesperson's team."""
        user_id = vals.get("user_id")
        if (
            vals.get("scope", scopes.SCOPE_USER) != scopes.SCOPE_USER
            or vals.get("team_id")
            or isinstance(user_id, bool)
            or not isinstance(user_id, int)
        ):
            return vals
        team = self.env["res.users"].sudo().browse(user_id).exists().sale_team_id
        period_id = vals.get("period_id")
        if not team or isinstance(period_id, bool) or not isinstance(period_id, int):
            return vals
        company = self.env["sales.performance.period"].sudo().browse(period_id).exists().company_id
        if team.company_id and team.company_id != company:
            return vals  # the salesperson's team is of another company: no team in this one
        return {**vals, "team_id": team.id}

    @api.onchange("user_id")
    def _onchange_user_id_team(self):
        for goal in self.filtered(lambda g: g.scope == scopes.SCOPE_USER and g.user_id):
            team = goal.user_id.sale_team_id
            if (
                team
                and team.company_id in (goal.company_id, team.company_id.browse())
                and not (goal.team_id and goal.team_id in self._salesperson_teams(goal.user_id))
            ):
                goal.team_id = team

    def _attach_to_plans(self):
        """New salesperson goals join the salesperson's plan of the period, if any."""
        user_goals = self.filtered(lambda g: g.scope == scopes.SCOPE_USER and not g.plan_id)
        if not user_goals:
            return
        plans = self.env["sales.performance.plan"].search(
            [("period_id", "in", user_goals.period_id.ids), ("user_id", "in", user_goals.user_id.ids)]
        )
        plan_of = {plan._scorecard_owner(): plan for plan in plans}
        goals_of = defaultdict(self.browse)
        for goal in user_goals:
            plan = plan_of.get(goal._scorecard_owner())
            if not plan:
                continue
            if plan.state in LOCKED_PLAN_STATES:
                raise UserError(
                    self.env._("KPI: the plan %(plan)s is shared; reopen it before adding goals.", plan=plan.name)
                )
            goals_of[plan] |= goal
        for plan, plan_goals in goals_of.items():
            # sudo: the plan is the salesperson's of the period, found above; one write per plan.
            plan_goals.sudo().plan_id = plan

    # ------------------------------------------------------------------ actions
    def action_refresh(self):
        """Measure the goals again: one's own goals, or those one may change (a manager's
        team goals and his salespeople's). The figures, messages and pace activities of
        anyone else's goals -- the company's, a colleague's -- are not his to trigger."""
        self.check_access("read")
        others = self - self._refreshable()
        if others:
            raise AccessError(
                self.env._(
                    "Refresh: %(goal)s is not yours; its manager or the hourly job measures it.",
                    goal=others[0].display_name,
                )
            )
        self._check_not_frozen()
        self._refresh_actuals()
        return True

    def _refreshable(self):
        """The goals of ``self`` the current user may have measured: his own, or those he may write."""
        if self.env.su:
            return self
        own = self.filtered(lambda goal: goal.scope == scopes.SCOPE_USER and goal.user_id == self.env.user)
        return own | (self - own)._filtered_access("write")

    def action_decompose(self):
        ensure_one_record(self)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cascade Goal"),
            "res_model": "sales.performance.goal.decompose",
            "view_mode": "form",
            "target": "new",
            "context": {"default_parent_goal_id": self.id},
        }

    def action_view_children(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_performance.sales_performance_goal_action")
        action["domain"] = [("parent_id", "in", self.ids)]
        action["context"] = {}
        return action

    def action_plan_coaching(self):
        """A new coaching session for the goal's salesperson, about this goal."""
        ensure_one_record(self)
        if self.scope != scopes.SCOPE_USER:
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
        ensure_one_record(self)
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_performance.sales_performance_coaching_action")
        action["domain"] = [("goal_ids", "in", self.ids)]
        action["context"] = {
            "default_salesperson_id": self.user_id.id,
            "default_goal_ids": [Command.set(self.ids)],
            "default_company_id": self.company_id.id,
        }
        return action

    # ------------------------------------------------------------------ business
    def _owner(self):
        """The company, team or salesperson whose figure the goal measures."""
        self.ensure_one()
        return scopes.owner_of(self.scope, self.company_id, self.team_id, self.user_id) or self.user_id.browse()

    def _engine_key(self):
        """The key of the goal's value in the engine's results: ``(scope, owner id)``."""
        self.ensure_one()
        return (self.scope, self._owner().id)

    def _scorecard_owner(self):
        """Whose scorecard the goal counts in, ``(period id, scope, owner id)``: a salesperson's
        goals form one scorecard whatever team they are measured in (the key of their plan,
        see ``sales.performance.plan._scorecard_owner``)."""
        self.ensure_one()
        return (self.period_id.id, *self._engine_key())

    def _check_not_frozen(self):
        """A user's Refresh is refused on goals of an evaluated or closed period: their figures
        are those the reviews were made from."""
        frozen = self.period_id.filtered(lambda p: p.state != "open")
        if frozen:
            raise UserError(
                self.env._(
                    "%(period)s is being evaluated or closed: its goals keep the figures of the reviews and are "
                    "not measured again. A review under assessment can be recomputed from the review.",
                    period=frozen[0].name,
                )
            )

    def _pace_status_labels(self):
        return dict(self._fields["pace_status"]._description_selection(self.env))

    def _coaching_topics(self):
        """The topic of a coaching session planned from the goal: the pace is the goal's, the
        figures are named (the actual is not "at risk", the pace is), in the KPI's unit."""
        self.ensure_one()
        pace = self._pace_status_labels().get(self.pace_status, "")
        actual, expected, target = (self._format_in_unit(v) for v in (self.actual, self.expected_to_date, self.target))
        return self.env._(
            "%(kpi)s, pace %(pace)s: actual %(actual)s, %(expected)s expected by now, target %(target)s",
            kpi=self.kpi_id.name,
            pace=pace.lower(),
            actual=actual,
            expected=expected,
            target=target,
        )

    def _format_in_unit(self, value):
        """``value`` as the goal's KPI counts it, in the user's language: a whole count, a rate
        in %, an amount in the company's currency (without cents, as targets are set)."""
        self.ensure_one()
        unit = self.kpi_id.unit
        if unit == "count":
            return tools.formatLang(self.env, value, digits=0 if value == round(value) else 1)
        if unit == "percent":
            return f"{tools.formatLang(self.env, value, digits=1)} %"
        if unit == "currency" and self.currency_id:
            return tools.formatLang(self.env, value, digits=0, currency_obj=self.currency_id)
        return tools.formatLang(self.env, value, digits=2)

    # ------------------------------------------------------------------ measuring glue
    @api.model
    def _pace_day(self, company, moment):
        """What the pace takes from ``company`` at ``moment`` (naive UTC): its local day and thresholds."""
        return measuring.PaceDay(
            period_rules.local_date(moment, company._performance_tz()),
            company._performance_pace_thresholds(),
            min_share=(company.performance_pace_min_share or 0.0) / 100.0,
            min_days=company.performance_pace_min_days or 0,
        )

    def _refresh_actuals(self, only_changed=False, evaluating=False):
        """Measure all goals in ``self`` at once: the engine's figures, written in bulk.

        Only goals of open periods: goals of evaluated and closed periods keep the figures of
        their reviews (``evaluating``: goals of a period under evaluation too, for a review
        under assessment that is recomputed).

        One grouped query per (KPI, period) -- never one per goal -- then a single UPDATE for
        every goal; the figures come from ``engine.measuring`` (the stored computes give the
        same). Rows locked by another refresh (or a user's edit) are skipped, not waited for:
        that refresh writes the same figures. The goals are read in the locking query and the
        pace rules once per company, period and KPI: ORM reads per goal cost more than the KPI
        queries at 10,000 goals.

        ``only_changed``: write only the goals whose figures moved (or never measured), as
        gamification does: the refresh job's hourly pass over a period then rewrites nothing
        when nothing was sold (:meth:`sales.performance.period._refresh_goals`). Only the goals
        to write are locked then (locking is itself a write of every row), after they are
        measured: one locked elsewhere, or whose target changed in between, is left to the next
        pass. A user's Refresh writes every goal it measures, so their Last Refresh moves.

        Goals whose pace status changed, or whose alert lags their pace, go to the pace alerts
        (``sales.performance.pace.alert``).
        Returns the goals measured (and written, where they had to be).
        """
        if not self:
            return self.browse()
        rows = self._measuring_rows(lock=not only_changed, evaluating=evaluating)
        if not rows:
            return self.browse()
        wanted = measuring.wanted_measures(rows)
        kpis = self.env["sales.performance.kpi"].browse(list(wanted))
        periods = self.env["sales.performance.period"].browse({row.period_id for row in rows})
        values = {kpi.id: kpi._measure(periods.browse(sorted(wanted[kpi.id][0])), wanted[kpi.id][1]) for kpi in kpis}
        now = fields.Datetime.now()
        measurement = measuring.measure_goals(
            rows,
            values,
            {kpi.id: kpi._measuring_rule() for kpi in kpis},
            {period.id: (period.date_start, period.date_end) for period in periods},
            {company.id: self._pace_day(company, now) for company in periods.company_id},
            only_changed=only_changed,
        )
        to_write, changed = measurement.to_write, measurement.status_changed
        measured = [row.goal_id for row in rows]
        if only_changed and to_write:
            target_of = {row.goal_id: row.target for row in rows}
            writable = self._lock_unchanged_targets({goal_id: target_of[goal_id] for goal_id, _figures in to_write})
            left = {goal_id for goal_id, _figures in to_write} - writable
            to_write = [(goal_id, figures) for goal_id, figures in to_write if goal_id in writable]
            changed = [goal_id for goal_id in changed if goal_id in writable]
            measured = [goal_id for goal_id in measured if goal_id not in left]
        self._write_figures(to_write, now)
        _logger.debug("Goals measured: %s, written: %s, pace changed: %s", len(measured), len(to_write), len(changed))
        self.env["sales.performance.pace.alert"]._process(self.browse(changed) | self.browse(measured)._alert_behind())
        return self.browse(measured)

    def _alert_behind(self):
        """The goals of ``self`` whose alert lags their pace: at risk or behind without an open
        alert (the pace moved without a refresh, e.g. a new target), or an open alert on a goal
        no longer at risk. One query (sudo: a salesperson may refresh goals they cannot search)."""
        if not self:
            return self
        return self.sudo().search(
            [
                ("id", "in", self.ids),
                ("scope", "!=", scopes.SCOPE_COMPANY),
                "|",
                "&",
                ("pace_status", "in", scoring.BAD_PACES),
                ("alert_state", "!=", scoring.ALERT_OPEN),
                "&",
                ("pace_status", "not in", scoring.BAD_PACES),
                ("alert_state", "=", scoring.ALERT_OPEN),
            ]
        )

    def _measuring_rows(self, lock, evaluating=False):
        """The active goals of ``self`` in open periods (or under evaluation, when
        ``evaluating``) as stored, as ``engine.measuring.GoalRow`` (locked, skipping rows locked
        elsewhere, when ``lock``)."""
        states = ["open", "evaluating"] if evaluating else ["open"]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT id, kpi_id, period_id, company_id, scope, team_id, user_id, target,
                       refreshed_at IS NOT NULL, actual, attainment, expected_to_date, pace_status,
                       COALESCE(has_data, FALSE)
                  FROM sales_performance_goal
                 WHERE id IN %s AND active
                   AND period_id IN (SELECT id FROM sales_performance_period WHERE state = ANY(%s))
                 ORDER BY id
                %s
                """,
                tuple(self.ids),
                states,
                SQL("FOR NO KEY UPDATE OF sales_performance_goal SKIP LOCKED") if lock else SQL(),
            )
        )
        return [
            measuring.GoalRow(*row[:8], figures=measuring.Figures(*row[9:]) if row[8] else None)
            for row in self.env.cr.fetchall()
        ]

    def _lock_unchanged_targets(self, target_of_goal):
        """Lock the goals ``{id: target as measured}`` still active with that target, skipping
        rows locked elsewhere; returns the ids locked."""
        self.env.cr.execute(
            SQL(
                """
                SELECT id, target FROM sales_performance_goal
                 WHERE id = ANY(%s) AND active
                 ORDER BY id
                   FOR NO KEY UPDATE SKIP LOCKED
                """,
                list(target_of_goal),
            )
        )
        return {goal_id for goal_id, target in self.env.cr.fetchall() if target == target_of_goal[goal_id]}

    def _write_figures(self, to_write, now):
        """One UPDATE for all goals ``[(goal id, Figures)]``; the stored computes give the same."""
        if not to_write:
            return
        ids = [goal_id for goal_id, _figures in to_write]
        columns = [[getattr(figures, name) for _goal_id, figures in to_write] for name in FIGURE_COLUMNS]
        self.env.cr.execute(
            SQL(
                """
                UPDATE sales_performance_goal AS goal
                   SET actual = result.actual,
                       attainment = result.attainment,
                       expected_to_date = result.expected,
                       pace_status = result.status,
                       has_data = result.has_data,
                       refreshed_at = %s,
                       write_date = %s
                  FROM unnest(%s::int[], %s::float8[], %s::float8[], %s::float8[], %s::varchar[], %s::bool[])
                       AS result(id, actual, attainment, expected, status, has_data)
                 WHERE goal.id = result.id
                """,
                now,
                now,
                ids,
                *columns,
            )
        )
        self.browse(ids).invalidate_recordset([*FIGURE_COLUMNS, "refreshed_at", "write_date"])
