from collections import defaultdict
from datetime import timedelta

import pytz
from markupsafe import escape

from odoo import Command, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..engine import periods as period_rules
from ..engine import scoring, sources
from .input_checks import check_user_in_company

GOAL_SCOPES = [
    (sources.SCOPE_COMPANY, "Company"),
    (sources.SCOPE_TEAM, "Sales Team"),
    (sources.SCOPE_USER, "Salesperson"),
]
PACE_STATUSES = [
    (scoring.PACE_AHEAD, "Ahead"),
    (scoring.PACE_ON_TRACK, "On Track"),
    (scoring.PACE_AT_RISK, "At Risk"),
    (scoring.PACE_BEHIND, "Behind"),
    (scoring.PACE_NO_TARGET, "No Target"),
]
MAX_TARGET = 1e15
# A shared or acknowledged plan freezes what the salesperson was shown.
LOCKED_PLAN_STATES = ("shared", "active")
PLAN_LOCKED_FIELDS = {"target", "weight", "kpi_id", "period_id", "user_id", "scope", "active"}
BAD_PACE = (scoring.PACE_AT_RISK, scoring.PACE_BEHIND)


def local_date(moment, tz_name):
    """The company's calendar day at ``moment`` (a naive UTC datetime)."""
    return pytz.utc.localize(moment).astimezone(pytz.timezone(tz_name)).date()


def expected_and_pace(actual, target, as_of, date_start, date_end, cumulative, direction, thresholds):
    """(expected-to-date, pace status) of a goal as of the day ``as_of``."""
    if as_of < date_start:
        expected = 0.0  # nothing is expected before the period starts
    elif cumulative:
        expected = period_rules.expected_to_date(target, date_start, date_end, as_of)
    else:
        expected = target  # a rate or an average is expected in full all along
    return expected, scoring.pace_status(actual, target, expected, thresholds, direction)


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
    kpi_is_leading = fields.Boolean(related="kpi_id.is_leading", store=True, string="Leading KPI")
    currency_id = fields.Many2one(related="company_id.currency_id")
    scope = fields.Selection(
        GOAL_SCOPES,
        required=True,
        default=sources.SCOPE_USER,
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
        help="The manager's open activity about this goal being at risk or behind.",
    )
    days_left = fields.Integer(compute="_compute_days_left", help="Days of the period after today.")
    rank_in_team = fields.Integer(
        compute="_compute_rank_in_team",
        string="Rank in Team",
        help="Rank of the attainment among the salespeople of the team on the same KPI and period.",
    )
    show_ranking = fields.Boolean(related="company_id.performance_show_ranking")

    # Results, written in bulk by the engine (see _refresh_actuals).
    actual = fields.Float(readonly=True, copy=False, help="Measured by the KPI's source at the last refresh.")
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
        compute="_compute_attainment",
        store=True,
        string="Attainment (%)",
        help="Actual / target in percent (target / actual for lower-is-better KPIs).",
    )
    expected_to_date = fields.Float(
        compute="_compute_pace",
        store=True,
        string="Expected to Date",
        help="The target spread linearly over the days of the period, up to the last refresh.",
    )
    pace_status = fields.Selection(
        PACE_STATUSES,
        compute="_compute_pace",
        store=True,
        string="Pace",
        index=True,
        tracking=True,
        help="Actual against the expected-to-date, using the thresholds set in Settings.",
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
            check_user_in_company(goal, "user_id", "company_id", self.env._("the period"))
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
            [("period_id", "in", [owner[0].id for owner in owners])],
            ["period_id", "scope", "team_id", "user_id"],
            ["weight:sum"],
        )
        totals = defaultdict(float)
        for period, scope, team, user, weight in groups:
            totals[(period, scope, team if scope == sources.SCOPE_TEAM else team.browse(), user)] += weight
        for owner in owners:
            if tools.float_compare(totals[owner], 100.0, 2) > 0:
                period, _scope, team, user = owner
                raise ValidationError(
                    self.env._(
                        "Weight: the goals of %(owner)s in %(period)s would weigh %(total)s%% in all; "
                        "the weights of one owner add up to at most 100%%.",
                        owner=user.name or team.name or period.company_id.name,
                        period=period.name,
                        total=tools.float_repr(totals[owner], 2),
                    )
                )

    def _scorecard_owner(self):
        """Whose scorecard the goal counts in: a salesperson's goals form one scorecard
        whatever team they are measured in."""
        self.ensure_one()
        team = self.team_id if self.scope == sources.SCOPE_TEAM else self.team_id.browse()
        return (self.period_id, self.scope, team, self.user_id)

    # ------------------------------------------------------------------ compute
    @api.depends("kpi_id.name", "scope", "team_id.name", "user_id.name", "period_id.name")
    def _compute_name(self):
        for goal in self:
            owner = goal.user_id.name or goal.team_id.name or goal.period_id.company_id.name or ""
            goal.name = f"{goal.kpi_id.name or ''} - {owner} - {goal.period_id.name or ''}"

    @api.depends("child_ids.target", "target")
    def _compute_child_target(self):
        for goal in self:
            total = sum(goal.child_ids.mapped("target"))
            goal.child_target_total = total
            goal.child_target_gap = goal.target - total if goal.child_ids else 0.0

    @api.depends("actual", "target", "kpi_id.direction")
    def _compute_attainment(self):
        for goal in self:
            goal.attainment = scoring.attainment(goal.actual, goal.target, goal.kpi_id.direction) or 0.0

    @api.depends(
        "actual",
        "target",
        "refreshed_at",
        "period_id.date_start",
        "period_id.date_end",
        "kpi_id.direction",
        "kpi_id.is_cumulative",
        "company_id.performance_pace_ahead",
        "company_id.performance_pace_on_track",
        "company_id.performance_pace_at_risk",
    )
    def _compute_pace(self):
        for goal in self:
            values = goal._pace_values(goal.actual, goal.refreshed_at)
            goal.expected_to_date = values["expected_to_date"]
            goal.pace_status = values["pace_status"]

    def _pace_values(self, actual, refreshed_at):
        """Expected-to-date and pace as of the refresh (the moment the actual was measured)."""
        self.ensure_one()
        if not self.period_id:
            return {"expected_to_date": 0.0, "pace_status": scoring.PACE_NO_TARGET}
        moment = refreshed_at or fields.Datetime.now()
        expected, status = expected_and_pace(
            actual,
            self.target,
            local_date(moment, self.company_id._performance_tz()),
            self.period_id.date_start,
            self.period_id.date_end,
            self.kpi_id.is_cumulative,
            self.kpi_id.direction,
            self.company_id._performance_pace_thresholds(),
        )
        return {"expected_to_date": expected, "pace_status": status}

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
        user_goals = self.filtered(lambda g: g.scope == sources.SCOPE_USER and g.team_id)
        (self - user_goals).rank_in_team = 0
        if not user_goals:
            return
        peers = self.sudo().search_read(
            [
                ("scope", "=", sources.SCOPE_USER),
                ("period_id", "in", user_goals.period_id.ids),
                ("kpi_id", "in", user_goals.kpi_id.ids),
                ("team_id", "in", user_goals.team_id.ids),
            ],
            ["period_id", "kpi_id", "team_id", "attainment"],
        )
        by_group = defaultdict(list)
        for peer in peers:
            by_group[(peer["period_id"][0], peer["kpi_id"][0], peer["team_id"][0])].append(peer["attainment"])
        is_manager = self.env.user.has_group("sales_performance.group_sales_performance_manager")
        for goal in user_goals:
            # A salesperson learns their rank only where the company shows rankings.
            if not (is_manager or goal.company_id.performance_show_ranking):
                goal.rank_in_team = 0
                continue
            scores = by_group[(goal.period_id.id, goal.kpi_id.id, goal.team_id.id)]
            goal.rank_in_team = 1 + sum(1 for score in scores if score > goal.attainment)

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
        values = {kpi: self._engine_compute(kpi, periods) for kpi, periods in wanted.items() if kpi and periods}
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

    # ------------------------------------------------------------------ CRUD
    @api.model
    def _prevalidate(self, vals, current=None):
        """Check a create/write's values before they reach the database, naming the field.

        ``current`` is the record being written (its values fill what ``vals`` leaves out).
        The database constraints stay as the last word (see the integrity mixin).
        """
        for fname, (low, high) in (("target", (0.0, MAX_TARGET)), ("weight", (0.0, 100.0))):
            if fname not in vals or isinstance(vals[fname], bool):
                continue
            label = self._fields[fname]._description_string(self.env)
            try:
                number = float(vals[fname])
            except (TypeError, ValueError):
                raise ValidationError(
                    self.env._("%(field)s: %(value)r is not a number.", field=label, value=vals[fname])
                ) from None
            if not low <= number <= high:
                low_text, high_text = f"{low:g}", f"{high:,.0f}"
                raise ValidationError(
                    self.env._(
                        "%(field)s: must be between %(low)s and %(high)s.", field=label, low=low_text, high=high_text
                    )
                )

        def value(fname):
            if fname in vals:
                return vals[fname]
            if current is not None:
                return current[fname].id if fname.endswith("_id") else current[fname]
            return self.default_get([fname]).get(fname)

        scope, team, user = value("scope"), value("team_id"), value("user_id")
        if scope == sources.SCOPE_COMPANY and (team or user):
            raise ValidationError(self.env._("Scope: a company goal has neither a Sales Team nor a Salesperson."))
        if scope == sources.SCOPE_TEAM and (not team or user):
            raise ValidationError(self.env._("Sales Team: a team goal needs a sales team and no salesperson."))
        if scope == sources.SCOPE_USER and not user:
            raise ValidationError(self.env._("Salesperson: a salesperson goal needs a salesperson."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._prevalidate(vals)
        goals = super().create(vals_list)
        goals._attach_to_plans()
        return goals

    def write(self, vals):
        for goal in self:
            self._prevalidate(vals, goal)
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
        return super().write(vals)

    def _attach_to_plans(self):
        """New salesperson goals join the salesperson's plan of the period, if any."""
        user_goals = self.filtered(lambda g: g.scope == sources.SCOPE_USER and not g.plan_id)
        if not user_goals:
            return
        plans = self.env["sales.performance.plan"].search(
            [("period_id", "in", user_goals.period_id.ids), ("user_id", "in", user_goals.user_id.ids)]
        )
        plan_of = {(plan.period_id, plan.user_id): plan for plan in plans}
        goals_of = defaultdict(self.browse)
        for goal in user_goals:
            plan = plan_of.get((goal.period_id, goal.user_id))
            if not plan:
                continue
            if plan.state in LOCKED_PLAN_STATES:
                raise UserError(
                    self.env._("KPI: the plan %(plan)s is shared; reopen it before adding goals.", plan=plan.name)
                )
            goals_of[plan] |= goal
        for plan, plan_goals in goals_of.items():
            plan_goals.plan_id = plan  # one write per plan, not per goal

    # ------------------------------------------------------------------ actions
    def action_refresh(self):
        self._refresh_actuals()
        return True

    def action_decompose(self):
        self.ensure_one()
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

    # ------------------------------------------------------------------ engine glue
    def _engine_key(self):
        self.ensure_one()
        owner = {
            sources.SCOPE_COMPANY: self.company_id.id,
            sources.SCOPE_TEAM: self.team_id.id,
            sources.SCOPE_USER: self.user_id.id,
        }[self.scope]
        return (self.scope, owner)

    @api.model
    def _engine_compute(self, kpi, periods, scopes=sources.ALL_SCOPES):
        """``{period_id: {(scope, id): value}}`` for ``kpi`` over ``periods``.

        sudo: actuals are aggregates of all the company's documents, whoever asks; they are
        only written to goals the caller may already see, so nothing widens their access.
        """
        return sources.compute(self.sudo().env, kpi.sudo(), [period._window() for period in periods], scopes)

    def _refresh_actuals(self, only_changed=False):
        """Measure all goals in ``self`` at once.

        One grouped query per (KPI, period) -- never one per goal -- then a single UPDATE for
        every goal. Rows locked by another refresh (or a user's edit) are skipped, not waited
        for: that refresh writes the same figures. The goals are read in the locking query and
        the pace rules once per company, period and KPI: ORM reads per goal cost more than the
        KPI queries at 10,000 goals.

        ``only_changed``: write only the goals whose figures moved (or never measured), as
        gamification does: the refresh job's hourly pass over a period then rewrites nothing
        when nothing was sold, and its period records when it checked
        (:meth:`sales.performance.period._refresh_goals`). Only the goals to write are locked
        then (locking is itself a write of every row), after they are measured: one locked
        elsewhere, or whose target changed in between, is left to the next pass. A user's
        Refresh writes every goal it measures, so their Last Refresh moves.

        Returns the goals measured (and written, where they had to be).
        """
        if not self:
            return self.browse()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT id, kpi_id, period_id, company_id, scope, team_id, user_id, target,
                       CASE WHEN refreshed_at IS NOT NULL THEN pace_status END, actual, attainment, expected_to_date
                  FROM sales_performance_goal
                 WHERE id IN %s AND active
                 ORDER BY id
                %s
                """,
                tuple(self.ids),
                SQL() if only_changed else SQL("FOR NO KEY UPDATE SKIP LOCKED"),
            )
        )
        goal_rows = self.env.cr.fetchall()
        if not goal_rows:
            return self.browse()
        kpis = self.env["sales.performance.kpi"].browse({row[1] for row in goal_rows})
        periods = self.env["sales.performance.period"].browse({row[2] for row in goal_rows})
        period_ids_by_kpi, scopes_by_kpi = defaultdict(set), defaultdict(set)
        for _id, kpi_id, period_id, _company, scope, *_rest in goal_rows:
            period_ids_by_kpi[kpi_id].add(period_id)
            scopes_by_kpi[kpi_id].add(scope)
        values = {
            kpi.id: self._engine_compute(kpi, periods.browse(sorted(period_ids_by_kpi[kpi.id])), scopes_by_kpi[kpi.id])
            for kpi in kpis
        }
        now = fields.Datetime.now()
        kpi_rules = {kpi.id: (kpi.is_cumulative, kpi.direction) for kpi in kpis}
        period_days = {period.id: (period.date_start, period.date_end) for period in periods}
        company_rules = {
            company.id: (local_date(now, company._performance_tz()), company._performance_pace_thresholds())
            for company in periods.company_id
        }
        rows, changed = [], []
        for row in goal_rows:
            goal_id, kpi_id, period_id, company_id, scope, team_id, user_id, target, old_status = row[:9]
            owner = {sources.SCOPE_COMPANY: company_id, sources.SCOPE_TEAM: team_id, sources.SCOPE_USER: user_id}
            actual = values[kpi_id][period_id].get((scope, owner[scope]), 0.0)
            cumulative, direction = kpi_rules[kpi_id]
            as_of, thresholds = company_rules[company_id]
            expected, status = expected_and_pace(
                actual, target, as_of, *period_days[period_id], cumulative, direction, thresholds
            )
            attainment = scoring.attainment(actual, target, direction) or 0.0
            # Same query, same arithmetic: unchanged figures come back as the same floats. A goal
            # never measured has no old status (a measured one always has one).
            moved = old_status is None or (actual, attainment, expected, status) != (*row[9:], old_status)
            if moved or not only_changed:
                rows.append((goal_id, actual, attainment, expected, status))
            # A goal never measured has no status to compare with: its first bad pace alerts.
            if status != old_status:
                changed.append(goal_id)
        measured = [row[0] for row in goal_rows]
        if only_changed and rows:
            target_of = {row[0]: row[7] for row in goal_rows}
            writable = self._lock_unchanged_targets({goal_id: target_of[goal_id] for goal_id, *_figures in rows})
            left = {row[0] for row in rows} - writable
            rows = [row for row in rows if row[0] in writable]
            changed = [goal_id for goal_id in changed if goal_id in writable]
            measured = [goal_id for goal_id in measured if goal_id not in left]
        self._write_results(rows, now)
        self.browse(changed)._process_pace_alerts()
        return self.browse(measured)

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

    def _write_results(self, rows, now):
        """One UPDATE for all goals; the stored computes get the values their compute gives."""
        if not rows:
            return
        ids, actuals, attainments, expected, statuses = (list(column) for column in zip(*rows, strict=True))
        self.env.cr.execute(
            SQL(
                """
                UPDATE sales_performance_goal AS goal
                   SET actual = result.actual,
                       attainment = result.attainment,
                       expected_to_date = result.expected,
                       pace_status = result.status,
                       refreshed_at = %s,
                       write_date = %s
                  FROM unnest(%s::int[], %s::float8[], %s::float8[], %s::float8[], %s::varchar[])
                       AS result(id, actual, attainment, expected, status)
                 WHERE goal.id = result.id
                """,
                now,
                now,
                ids,
                actuals,
                attainments,
                expected,
                statuses,
            )
        )
        self.browse(ids).invalidate_recordset(
            ["actual", "attainment", "expected_to_date", "pace_status", "refreshed_at", "write_date"]
        )

    def _process_pace_alerts(self):
        """For goals whose pace just changed: one activity for the manager when a goal falls
        at risk or behind, closed when it recovers; the salesperson is told too. Nothing new
        while the status stays the same.

        Set-based: a first refresh of a period may put thousands of goals behind at once.

        sudo: alerts are the system's doing, whoever triggered the refresh (a salesperson may
        refresh goals they cannot write to).
        """
        # No alert about a period being evaluated or closed: nothing can be done about it.
        goals = self.sudo().filtered(lambda g: g.scope != sources.SCOPE_COMPANY and g.period_id.state == "open")
        fallen = goals.filtered(lambda g: g.pace_status in BAD_PACE)
        recovered = (goals - fallen).filtered("alert_activity_id")
        recovered._close_pace_alerts()
        fallen._open_pace_alerts()

    def _pace_status_labels(self):
        return dict(self._fields["pace_status"]._description_selection(self.env))

    def _close_pace_alerts(self):
        """Mark the alerts of recovered goals done, one call per new status."""
        labels = self._pace_status_labels()
        for status, goals in self.grouped("pace_status").items():
            goals.alert_activity_id.action_feedback(
                feedback=self.env._("Recovered: now %(status)s.", status=labels[status])
            )
        self._set_alert_activities(dict.fromkeys(self.ids, None))

    def _pace_manager(self):
        self.ensure_one()
        return self.plan_id.manager_id or self.team_id.user_id

    def _pace_summary(self, labels):
        self.ensure_one()
        return self.env._("%(goal)s is %(status)s", goal=self.name, status=labels[self.pace_status].lower())

    def _open_pace_alerts(self):
        """Create the managers' alert activities in one batch, update the open ones, and tell
        each salesperson about their goal."""
        labels = self._pace_status_labels()
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        to_create, goals_created = [], []
        for goal in self:
            if goal.alert_activity_id:
                goal.alert_activity_id.summary = goal._pace_summary(labels)  # at risk <-> behind: same alert
            elif goal._pace_manager():
                goals_created.append(goal.id)
                to_create.append(
                    {
                        "res_model_id": model_id,
                        "res_id": goal.id,
                        "activity_type_id": todo.id,
                        "summary": goal._pace_summary(labels),
                        "user_id": goal._pace_manager().id,
                        "date_deadline": today,
                    }
                )
        # quick update: the activity shows in the manager's activities without one e-mail each
        activities = self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(to_create)
        self._set_alert_activities(dict(zip(goals_created, activities.ids, strict=True)))
        self.filtered(lambda g: g.scope == sources.SCOPE_USER and g.user_id)._tell_salespeople(labels)

    def _set_alert_activities(self, activity_of_goal):
        """Write ``{goal id: activity id or None}`` in one UPDATE (an ORM write per goal costs
        a savepoint and a flush each)."""
        if not activity_of_goal:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                UPDATE sales_performance_goal AS goal
                   SET alert_activity_id = alert.activity_id
                  FROM unnest(%s::int[], %s::int[]) AS alert(goal_id, activity_id)
                 WHERE goal.id = alert.goal_id
                """,
                list(activity_of_goal),
                list(activity_of_goal.values()),
            )
        )
        self.browse(list(activity_of_goal)).invalidate_recordset(["alert_activity_id"])

    def _tell_salespeople(self, labels):
        """A note in each goal's chatter addressed to its salesperson, who finds it in their
        Inbox: two batched creates for all goals, where one message_post per goal cost about
        fifteen queries and an e-mail each (their team leader's digest is the e-mail)."""
        if not self:
            return
        author_id, email_from = self.env["mail.thread"]._message_compute_author(raise_on_email=False)
        reply_to = self.env["mail.thread"]._notify_get_reply_to(default=email_from)[False]
        note = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        messages = (
            self.env["mail.message"]
            .sudo()
            .create(
                [
                    {
                        "model": self._name,
                        "res_id": goal.id,
                        "record_name": goal.name,
                        "record_company_id": goal.company_id.id,
                        "author_id": author_id,
                        "email_from": email_from,
                        "reply_to": reply_to,
                        "message_type": "notification",
                        "subtype_id": note,
                        "is_internal": True,
                        "partner_ids": [Command.link(goal.user_id.partner_id.id)],
                        "body": escape(
                            self.env._(
                                "Your goal %(goal)s is %(status)s: %(actual)s against %(expected)s expected by now.",
                                goal=goal.name,
                                status=labels[goal.pace_status].lower(),
                                actual=round(goal.actual, 2),
                                expected=round(goal.expected_to_date, 2),
                            )
                        ),
                    }
                    for goal in self
                ]
            )
        )
        self.env["mail.notification"].sudo().create(
            [
                {
                    "mail_message_id": message.id,
                    "res_partner_id": goal.user_id.partner_id.id,
                    "notification_type": "inbox",
                }
                for goal, message in zip(self, messages, strict=True)
            ]
        )

    @api.model
    def _cron_refresh_actuals(self, periods_per_call=1):
        """Refresh the goals of open periods, one period per call, stalest first.

        A period is the unit: its KPIs are measured by one grouped query each whatever the
        number of goals, and only the goals whose figures moved are written. The cron reports
        progress, so Odoo calls it again while periods remain. A period checked less than
        ``sales_performance.refresh_min_age`` minutes ago is not picked: periods already done in
        this run are skipped, an interrupted run resumes with the period it did not finish (its
        transaction was rolled back), and a second worker skips the period the first one holds.
        """
        min_age = int(self.env["ir.config_parameter"].sudo().get_param("sales_performance.refresh_min_age", 30))
        fresh_since = fields.Datetime.now() - timedelta(minutes=min_age)
        stale = [
            ("state", "=", "open"),
            "|",
            ("goals_refreshed_at", "=", False),
            ("goals_refreshed_at", "<", fresh_since),
        ]
        Period = self.env["sales.performance.period"]
        periods = Period.search(stale, order="goals_refreshed_at asc nulls first, id", limit=periods_per_call)
        done = periods._refresh_goals()
        remaining = Period.search_count(stale) if len(periods) == periods_per_call else 0
        self.env["ir.cron"]._notify_progress(done=len(periods), remaining=remaining)
        return done
