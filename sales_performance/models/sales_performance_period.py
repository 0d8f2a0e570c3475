# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..engine import periods as period_rules
from ..engine.sources import PeriodWindow
from .sales_performance_integrity_mixin import ensure_one_record

_logger = logging.getLogger(__name__)

PERIOD_TYPES = [
    ("month", "Monthly"),
    ("quarter", "Quarterly"),
    ("year", "Yearly"),
    ("custom", "Custom"),
]
PERIOD_STATES = [
    ("open", "Open"),
    ("evaluating", "Evaluating"),
    ("closed", "Closed"),
]


class SalesPerformancePeriod(models.Model):
    _name = "sales.performance.period"
    _description = "Performance Period"
    _inherit = ["mail.thread", "sales.performance.integrity.mixin"]
    _order = "date_start desc, period_type"
    _check_company_auto = True

    # ------------------------------------------------------------------ fields
    name = fields.Char(required=True, translate=False, tracking=True)
    period_type = fields.Selection(PERIOD_TYPES, string="Type", required=True, default="month", tracking=True)
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True, ondelete="cascade"
    )
    state = fields.Selection(
        PERIOD_STATES,
        required=True,
        default="open",
        tracking=True,
        copy=False,
        help="Open: goals are measured. Evaluating: the period is over and reviews are being written. Closed: "
        "reviews are final.",
    )
    goal_ids = fields.One2many("sales.performance.goal", "period_id", string="Goals")
    goal_count = fields.Integer(compute="_compute_goal_count")
    goals_refreshed_at = fields.Datetime(
        string="Goals Last Checked",
        readonly=True,
        copy=False,
        help="When the hourly refresh job last measured this period's goals (it rewrites a goal only when its "
        "figures changed).",
    )

    _sql_constraints = [
        ("date_order_check", "CHECK (date_start <= date_end)", "Start Date: a period cannot start after its End Date."),
        (
            "type_start_unique",
            "UNIQUE (company_id, period_type, date_start)",
            "Start Date: a period of this type already starts on this date in this company.",
        ),
    ]

    # ------------------------------------------------------------------ constraints
    @api.constrains("date_start", "date_end", "period_type", "company_id")
    def _check_no_overlap(self):
        for period in self:
            overlapping = self.search_count(
                [
                    ("id", "!=", period.id),
                    ("company_id", "=", period.company_id.id),
                    ("period_type", "=", period.period_type),
                    ("date_start", "<=", period.date_end),
                    ("date_end", ">=", period.date_start),
                ],
                limit=1,
            )
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "Period %(name)s: its dates (Start Date, End Date) overlap another %(type)s "
                        "period of %(company)s.",
                        name=period.name,
                        type=dict(PERIOD_TYPES)[period.period_type].lower(),
                        company=period.company_id.name,
                    )
                )

    # ------------------------------------------------------------------ compute
    def _compute_goal_count(self):
        counts = dict(
            self.env["sales.performance.goal"]._read_group([("period_id", "in", self.ids)], ["period_id"], ["__count"])
        )
        for period in self:
            period.goal_count = counts.get(period, 0)

    # ------------------------------------------------------------------ CRUD
    def _validate_vals(self, vals):
        """A closed period keeps its dates and company: only its name and state change."""
        super()._validate_vals(vals)
        if self.filtered(lambda p: p.state == "closed") and set(vals) - {"state", "name"}:
            raise UserError(self.env._("A closed period cannot be changed; reopen it first."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_goals(self):
        if self.goal_ids:
            raise UserError(self.env._("A period that has goals cannot be deleted."))

    def _protected_fields(self):
        return {
            **super()._protected_fields(),
            "state": self.env._("Start Evaluation, Close and Reopen (or the evaluation job)"),
            "goals_refreshed_at": self.env._("Refresh (or the refresh job)"),
        }

    # ------------------------------------------------------------------ actions
    def action_start_evaluation(self):
        """Freeze the period: measure its goals a last time and make the reviews (a manager's
        decision; the daily job does it too once the grace days are over)."""
        if not self.env.user.has_group("sales_performance.group_sales_performance_manager"):
            raise AccessError(self.env._("Only a sales performance manager can evaluate a period."))
        today = fields.Date.context_today(self)
        for period in self.filtered(lambda p: p.state == "open"):
            if period.date_end >= today:
                raise UserError(
                    self.env._(
                        "End Date: %(period)s runs until %(end)s; it can be evaluated once it is over.",
                        period=period.name,
                        end=period.date_end,
                    )
                )
            # sudo: evaluating is a manager's decision (checked above); periods stay read-only
            # to them otherwise, and the reviews made are those of the period's plans.
            period.sudo()._evaluate()
        return True

    def action_close(self, force_reason=None):
        """Close evaluated periods (a manager's decision). Reviews not done block it, unless an
        administrator forces it with a reason (kept in the chatter)."""
        if not self.env.user.has_group("sales_performance.group_sales_performance_manager"):
            raise AccessError(self.env._("Only a sales performance manager can close a period."))
        force_reason = self._text_argument(force_reason, self.env._("Reason"), required=False)
        for period in self.filtered(lambda p: p.state == "evaluating"):
            # sudo: every review of the period counts, not only those the closing manager sees.
            pending = (
                self.env["sales.performance.review"]
                .sudo()
                .search_count([("period_id", "=", period.id), ("state", "!=", "done")])
            )
            if pending:
                if not force_reason:
                    raise UserError(
                        self.env._(
                            "%(period)s still has %(count)s review(s) not done; finish them or force the closing "
                            "with a reason.",
                            period=period.name,
                            count=pending,
                        )
                    )
                if not self.env.user.has_group("sales_performance.group_sales_performance_admin"):
                    raise AccessError(self.env._("Only a performance administrator can force the closing of a period."))
                period.message_post(
                    body=self.env._(
                        "Closed with %(count)s review(s) not done: %(reason)s", count=pending, reason=force_reason
                    )
                )
            # sudo: closing is a manager's decision (checked here); the period itself stays
            # read-only to them otherwise.
            period.sudo().state = "closed"
        return True

    def action_reopen(self):
        if not self.env.user.has_group("sales_performance.group_sales_performance_manager"):
            raise AccessError(self.env._("Only a sales performance manager can reopen a period."))
        self.check_access("read")
        # sudo: reopening is a manager's decision (checked here); periods stay read-only to
        # them otherwise.
        self.sudo().state = "open"
        return True

    def action_refresh_goals(self):
        """Refresh the period's goals the caller may have measured (see the goal's Refresh)."""
        self.check_access("read")
        goals = self.env["sales.performance.goal"].search([("period_id", "in", self.ids)])
        goals._refreshable().action_refresh()
        return True

    def action_prepare_plans(self):
        """One draft plan per salesperson with goals in the period."""
        plans = self.env["sales.performance.plan"]
        for period in self:
            plans |= plans._create_missing_for_period(period)
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_performance.sales_performance_plan_action")
        action["domain"] = [("period_id", "in", self.ids)]
        action["context"] = {}
        return action

    def _summary_reviews(self):
        """Reviews of the period the reader may see, best first (for the team summary)."""
        self.ensure_one()
        return self.env["sales.performance.review"].search([("period_id", "=", self.id)], order="team_id, score desc")

    def action_prepare_next_period(self):
        ensure_one_record(self)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Prepare the Next Period"),
            "res_model": "sales.performance.period.prepare",
            "view_mode": "form",
            "target": "new",
            "context": {"default_period_id": self.id},
        }

    def action_view_goals(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_performance.sales_performance_goal_action")
        action["domain"] = [("period_id", "in", self.ids)]
        action["context"] = {"default_period_id": self[:1].id}
        return action

    # ------------------------------------------------------------------ business
    def _ranks_shown(self):
        """Whether the current user sees ranks (of goals, of reviews) in this period: a manager
        always, a salesperson where the company shows rankings."""
        self.ensure_one()
        return (
            self.env.user.has_group("sales_performance.group_sales_performance_manager")
            or self.company_id.performance_show_ranking
        )

    def _window(self):
        """The engine's view of the period: company, local dates and UTC bounds."""
        self.ensure_one()
        utc_start, utc_end = period_rules.utc_bounds(self.date_start, self.date_end, self.company_id._performance_tz())
        return PeriodWindow(self.id, self.company_id.id, self.date_start, self.date_end, utc_start, utc_end)

    def _previous_periods(self, count=1):
        """The ``count`` periods of the same type and company just before this one, latest first."""
        self.ensure_one()
        return self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("period_type", "=", self.period_type),
                ("date_end", "<", self.date_start),
            ],
            order="date_start desc",
            limit=count,
        )

    def _same_period_last_year(self):
        self.ensure_one()
        return self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("period_type", "=", self.period_type),
                ("date_start", "=", self.date_start - relativedelta(years=1)),
            ],
            limit=1,
        )

    @api.model
    def _default_name(self, period_type, date_start, date_end, index=None, fiscal_year=None):
        """Months by their calendar month; quarters and years by the fiscal year they belong
        to (the calendar year in which it ends), so 'FY 2027' holds '2027 Q1' to '2027 Q4'."""
        if period_type == "month":
            return date_start.strftime("%Y-%m")
        if period_type == "quarter" and index:
            return f"{fiscal_year or date_end.year} Q{index}"
        if period_type == "year":
            return self.env._("FY %(year)s", year=fiscal_year or date_end.year)
        return f"{date_start} - {date_end}"

    @api.model
    def _missing_fiscal_year_values(self, company, day, period_types=("month", "quarter", "year")):
        """Values of the periods of the fiscal year containing ``day`` that ``company`` lacks."""
        fy_start = period_rules.fiscal_year_start(day, int(company.fiscalyear_last_month), company.fiscalyear_last_day)
        existing = self.search([("company_id", "=", company.id), ("date_start", ">=", fy_start)])
        taken = {(p.period_type, p.date_start) for p in existing}
        fiscal_year = (period_rules.add_months(fy_start, 12) - timedelta(days=1)).year
        return [
            {
                "name": self._default_name(ptype, start, end, index, fiscal_year),
                "period_type": ptype,
                "date_start": start,
                "date_end": end,
                "company_id": company.id,
            }
            for ptype, index, start, end in period_rules.fiscal_year_layout(fy_start, period_types)
            if (ptype, start) not in taken
        ]

    @api.model
    def _generate_fiscal_year(self, company, day, period_types=("month", "quarter", "year")):
        """Create the missing periods of the fiscal year containing ``day``; return them."""
        return self.create(self._missing_fiscal_year_values(company, day, period_types))

    def _evaluate(self):
        """Measure every goal of the period a last time (company, team and salesperson goals),
        then the evaluating state, which freezes them, and one review per salesperson with a
        plan; safe to run twice at once: the period row is locked, a second worker skips it,
        and reviews are unique. Open pace alerts about the period's goals close."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(
            SQL("SELECT id FROM sales_performance_period WHERE id = %s FOR NO KEY UPDATE SKIP LOCKED", self.id)
        )
        if not self.env.cr.fetchone():
            return self.env["sales.performance.review"]
        goals = self.env["sales.performance.goal"].sudo().search([("period_id", "=", self.id)])
        if self.state == "open":
            goals._refresh_actuals()
        # sudo: the evaluation job's own write (its callers checked who may start it)
        self.sudo().state = "evaluating"
        self.env["sales.performance.pace.alert"]._process(goals.filtered(lambda g: g.alert_state == "open"))
        return self.env["sales.performance.review"]._create_for_period(self)

    def _has_evaluation_work(self):
        """The periods of ``self`` that have something to evaluate: goals or performance plans.
        Hook: an addon with other period-bound records (incentive plans) extends it."""
        if not self:
            return self
        with_goals = self.env["sales.performance.goal"]._read_group([("period_id", "in", self.ids)], ["period_id"])
        with_plans = self.env["sales.performance.plan"]._read_group([("period_id", "in", self.ids)], ["period_id"])
        busy = {period for (period,) in with_goals} | {period for (period,) in with_plans}
        return self.filtered(lambda p: p in busy)

    def _refresh_goals(self):
        """The refresh job's pass over whole periods: measure every active goal, write only
        the goals whose figures moved, and record when the periods were checked. A period another
        worker is refreshing is skipped. Returns the goals measured.

        sudo: the job's doing; goals of every salesperson are measured.
        """
        if not self:
            return self.env["sales.performance.goal"]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM sales_performance_period
                 WHERE id IN %s AND state = 'open'
                   FOR NO KEY UPDATE SKIP LOCKED
                """,
                tuple(self.ids),
            )
        )
        periods = self.browse([row[0] for row in self.env.cr.fetchall()])
        if not periods:
            return self.env["sales.performance.goal"]
        goals = self.env["sales.performance.goal"].sudo().search([("period_id", "in", periods.ids)])
        done = goals._refresh_actuals(only_changed=True)
        # One row per period; a raw UPDATE keeps the periods' write date and chatter untouched.
        self.env.cr.execute(
            SQL(
                "UPDATE sales_performance_period SET goals_refreshed_at = %s WHERE id IN %s",
                fields.Datetime.now(),
                tuple(periods.ids),
            )
        )
        periods.invalidate_recordset(["goals_refreshed_at"])
        return done

    # ------------------------------------------------------------------ jobs
    @api.model
    def _cron_refresh_goals(self, periods_per_call=1):
        """Refresh the goals of open periods, one period per call, stalest first.

        A period is the unit: its KPIs are measured by one grouped query each whatever the
        number of goals, and only the goals whose figures moved are written. The cron reports
        progress, so Odoo calls it again while periods remain. A period checked less than
        ``sales_performance.refresh_min_age`` minutes ago is not picked: periods already done in
        this run are skipped, an interrupted run resumes with the period it did not finish (its
        transaction was rolled back), and a second worker skips the period the first one holds.

        Returns the goals measured.
        """
        min_age = int(self.env["ir.config_parameter"].sudo().get_param("sales_performance.refresh_min_age", 30))
        fresh_since = fields.Datetime.now() - timedelta(minutes=min_age)
        stale = [
            ("state", "=", "open"),
            "|",
            ("goals_refreshed_at", "=", False),
            ("goals_refreshed_at", "<", fresh_since),
        ]
        # Current periods first (what My Performance shows), then the others.
        today = fields.Date.context_today(self)
        current = [("date_start", "<=", today), ("date_end", ">=", today)]
        order = "goals_refreshed_at asc nulls first, id"
        periods = self.search(stale + current, order=order, limit=periods_per_call)
        if len(periods) < periods_per_call:
            periods |= self.search(
                [*stale, ("id", "not in", periods.ids)], order=order, limit=periods_per_call - len(periods)
            )
        _logger.info("Goal refresh: %s period(s) picked: %s", len(periods), ", ".join(periods.mapped("name")))
        done = periods._refresh_goals()
        remaining = self.search_count(stale) if len(periods) == periods_per_call else 0
        _logger.info("Goal refresh done: %s goal(s) measured, %s period(s) left", len(done), remaining)
        self.env["ir.cron"]._notify_progress(done=len(periods), remaining=remaining)
        return done

    @api.model
    def _cron_evaluate_periods(self):
        """Evaluate open periods over for more than the grace days (late invoices), one at a time;
        only periods with something to evaluate (see :meth:`_has_evaluation_work`): a new
        installation's past periods without goals nor plans stay as they are."""
        today = fields.Date.context_today(self)
        due = self.search([("state", "=", "open"), ("date_end", "<", today)], order="date_end")
        due = due.filtered(lambda p: p.date_end + timedelta(days=p.company_id.performance_grace_days) < today)
        due = due._has_evaluation_work()
        _logger.info("Period evaluation: %s period(s) due", len(due))
        reviews = self.env["sales.performance.review"]
        for index, period in enumerate(due):
            made = period._evaluate()
            reviews |= made
            _logger.info(
                "Period evaluation: %s (id %s) evaluated, %s review(s) made", period.name, period.id, len(made)
            )
            self.env["ir.cron"]._notify_progress(done=index + 1, remaining=len(due) - index - 1)
        _logger.info("Period evaluation done: %s period(s), %s review(s) made", len(due), len(reviews))
        return due

    @api.model
    def _cron_generate_periods(self, limit=10):
        """Make sure every company has the periods of this and next fiscal year.

        ``limit`` companies per call: the scheduler commits each call and calls again while
        some remain. Only missing periods are made (and the database refuses a second period
        of a type starting on the same day), so a rerun after an interruption completes the
        work without duplicates.
        """
        today = fields.Date.context_today(self)
        todo = []
        companies = self.env["res.company"].search([], order="id")
        _logger.info("Period generation: checking %s company(ies)", len(companies))
        for company in companies:
            missing = self._missing_fiscal_year_values(company, today)
            missing += self._missing_fiscal_year_values(company, today + relativedelta(years=1))
            if missing:
                todo.append(missing)
        made = self.create([vals for missing in todo[:limit] for vals in missing])
        _logger.info(
            "Period generation done: %s period(s) made for %s company(ies), %s company(ies) left",
            len(made),
            len(todo[:limit]),
            len(todo[limit:]),
        )
        self.env["ir.cron"]._notify_progress(done=len(todo[:limit]), remaining=len(todo[limit:]))
        return made
