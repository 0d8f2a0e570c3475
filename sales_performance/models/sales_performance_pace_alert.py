# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import SQL

from ..engine import scopes, scoring


class SalesPerformancePaceAlert(models.AbstractModel):
    """Pace alerts, set-based: ONE To-Do activity per person listing their goals at risk or
    behind -- per salesperson for their own goals, per manager for the goals of their team and
    their salespeople -- updated in place as goals fall and recover, marked done when none is
    left. Every text the alerts show is built here.

    With hysteresis (``engine.scoring.next_alert_state``): a goal's alert opens when it falls at
    risk or behind and closes only when it is back on track or ahead; once closed, a dip just
    under the on-track threshold does not open it again.

    sudo throughout: alerts are the system's doing, whoever triggered the refresh (a
    salesperson may refresh goals they cannot write to).
    """

    _name = "sales.performance.pace.alert"
    _description = "Pace Alerts"

    # ------------------------------------------------------------------ business
    @api.model
    def _process(self, goals):
        """Alert about ``goals``, whose pace status just changed (or whose period was just
        frozen). Company goals never alert; a goal of a period that is over (in its grace days,
        being evaluated or closed), or archived, leaves the lists (nothing can be done about it
        any more).

        Set-based: a first refresh of a period may put thousands of goals behind at once; the
        cost grows with the people alerted, not with their goals.
        """
        goals = goals.sudo().filtered(lambda g: g.scope != scopes.SCOPE_COMPANY)
        if not goals:
            return
        new_state = {}
        today = fields.Date.context_today(self)
        for goal in goals:
            if goal.active and goal.period_id.state == "open" and goal.period_id.date_end >= today:
                company = goal.company_id
                state = scoring.next_alert_state(
                    goal.alert_state or scoring.ALERT_NONE,
                    goal.pace_status,
                    scoring.pace_ratio(goal.actual, goal.target, goal.expected_to_date, goal.kpi_id.direction),
                    company.performance_pace_on_track,
                    company.performance_alert_margin,
                )
            else:
                state = scoring.ALERT_CLOSED if goal.alert_state == scoring.ALERT_OPEN else goal.alert_state
            if state != goal.alert_state:
                new_state[goal.id] = state
            elif state == scoring.ALERT_OPEN:
                new_state[goal.id] = state  # at risk <-> behind: the same alert, its text changes
        if not new_state:
            return
        changed = goals.browse(list(new_state))
        people = self.env["res.users"]
        for goal in changed:
            people |= self._recipients(goal)
        self._set_goal_columns(changed, "alert_state", "varchar", new_state)
        self.sudo()._sync(people)

    @api.model
    def _recipients(self, goal):
        """Who is told about ``goal``: its salesperson (salesperson goals) and its manager."""
        salesperson = goal.user_id if goal.scope == scopes.SCOPE_USER else goal.user_id.browse()
        return salesperson | self._manager(goal)

    @api.model
    def _manager(self, goal):
        """The manager alerted about ``goal``: the manager of its plan, else its team leader."""
        return goal.plan_id.manager_id or goal.team_id.user_id

    @api.model
    def _activity_type(self):
        return self.env.ref("sales_performance.mail_activity_type_pace_alert")

    @api.model
    def _sync(self, people):  # noqa: PLR0912 (one pass: create, rewrite or close each activity)
        """Bring the alert activity of each of ``people`` in line with their goals whose alert is
        open: one activity each, created, rewritten in place, or marked done when none is left."""
        if not people:
            return
        Goal = self.env["sales.performance.goal"]
        open_goals = Goal.search(
            [
                ("alert_state", "=", scoring.ALERT_OPEN),
                ("period_id.state", "=", "open"),
                ("scope", "!=", scopes.SCOPE_COMPANY),
                "|",
                "|",
                "&",
                ("scope", "=", scopes.SCOPE_USER),
                ("user_id", "in", people.ids),
                ("plan_id.manager_id", "in", people.ids),
                ("team_id.user_id", "in", people.ids),
            ],
            order="id",
        )
        listed = defaultdict(Goal.browse)
        for goal in open_goals:
            for person in self._recipients(goal) & people:
                listed[person] |= goal
        activity_type = self._activity_type()
        existing = self.env["mail.activity"].search(
            [
                ("activity_type_id", "=", activity_type.id),
                ("res_model", "=", Goal._name),
                ("user_id", "in", people.ids),
            ],
            order="id",
        )
        activity_of = {}
        for activity in existing:
            if activity.user_id in activity_of:
                activity.unlink()  # one activity per person
            else:
                activity_of[activity.user_id] = activity
        labels = Goal._pace_status_labels()
        to_create, done = [], self.env["mail.activity"]
        model_id = self.env["ir.model"]._get_id(Goal._name)
        today = fields.Date.context_today(self)
        for person in people:
            goals, activity = listed.get(person, Goal.browse()), activity_of.get(person)
            if not goals:
                if activity:
                    done |= activity
                continue
            vals = {"summary": self._summary(goals), "note": self._note(goals, labels)}
            if not activity:
                to_create.append(
                    {
                        **vals,
                        "res_model_id": model_id,
                        "res_id": goals[0].id,
                        "activity_type_id": activity_type.id,
                        "user_id": person.id,
                        "date_deadline": today,
                    }
                )
                continue
            if activity.res_id not in goals.ids:
                vals["res_id"] = goals[0].id  # the goal it was attached to recovered
            if any(activity[fname] != value for fname, value in vals.items()):
                activity.write(vals)
        if done:
            done.action_feedback(feedback=self._recovered_feedback())
        # quick update: the activity shows in the person's activities without an e-mail each
        created = self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(to_create)
        activity_of.update({activity.user_id: activity for activity in created})
        # The goal's own alert: its manager's activity (its salesperson's when it has none);
        # goals left out of an activity lose it.
        alert_of = {}
        if existing:
            alert_of = dict.fromkeys(Goal.search([("alert_activity_id", "in", existing.ids)]).ids)
        for goal in open_goals:
            holder = (self._manager(goal) or self._recipients(goal))[:1]
            if holder in people:
                alert_of[goal.id] = activity_of[holder].id if holder in activity_of else None
            else:
                alert_of.pop(goal.id, None)
        self._set_goal_columns(Goal, "alert_activity_id", "int", alert_of)

    @api.model
    def _set_goal_columns(self, goals, column, sql_type, value_of_goal):
        """Write ``{goal id: value}`` in ``column`` in one UPDATE (an ORM write per goal costs
        a savepoint and a flush each)."""
        if not value_of_goal:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                UPDATE sales_performance_goal AS goal
                   SET %s = alert.value
                  FROM unnest(%s::int[], %s::%s[]) AS alert(goal_id, value)
                 WHERE goal.id = alert.goal_id
                """,
                SQL.identifier(column),
                list(value_of_goal),
                list(value_of_goal.values()),
                SQL(sql_type),
            )
        )
        goals.browse(list(value_of_goal)).invalidate_recordset([column])

    # ------------------------------------------------------------------ texts
    @api.model
    def _summary(self, goals):
        """The activity's summary."""
        return self.env._("%(count)s goal(s) at risk or behind", count=len(goals))

    @api.model
    def _note(self, goals, labels):
        """The activity's note: one line per goal."""
        items = Markup("").join(Markup("<li>%s</li>") % self._goal_line(goal, labels) for goal in goals)
        return Markup("<ul>%s</ul>") % items

    @api.model
    def _goal_line(self, goal, labels):
        return escape(
            self.env._(
                "%(goal)s is %(status)s: %(actual)s against %(expected)s expected by now.",
                goal=goal.name,
                status=labels[goal.pace_status].lower(),
                actual=round(goal.actual, 2),
                expected=round(goal.expected_to_date, 2),
            )
        )

    @api.model
    def _recovered_feedback(self):
        """The feedback left on an alert activity when none of its goals is behind any more."""
        return self.env._("All goals back on track.")
