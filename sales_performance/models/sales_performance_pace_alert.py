from markupsafe import escape

from odoo import Command, api, fields, models
from odoo.tools import SQL

from ..engine import scopes, scoring


class SalesPerformancePaceAlert(models.AbstractModel):
    """Pace alerts, set-based: for goals whose pace status just changed, one To-Do activity
    for the manager when a goal falls at risk or behind (updated while it stays bad, closed
    when it recovers) and a note to the salesperson. Every text the alerts show is built here.

    sudo throughout: alerts are the system's doing, whoever triggered the refresh (a
    salesperson may refresh goals they cannot write to).
    """

    _name = "sales.performance.pace.alert"
    _description = "Pace Alerts"

    # ------------------------------------------------------------------ business
    @api.model
    def _process(self, goals):
        """Alert about ``goals``, whose pace status just changed. Nothing new while a status
        stays the same; nothing about a period being evaluated or closed (nothing can be done
        about it) nor about company goals.

        Set-based: a first refresh of a period may put thousands of goals behind at once.
        """
        alerts = self.sudo()
        goals = goals.sudo().filtered(lambda g: g.scope != scopes.SCOPE_COMPANY and g.period_id.state == "open")
        fallen = goals.filtered(lambda g: g.pace_status in scoring.BAD_PACES)
        recovered = (goals - fallen).filtered("alert_activity_id")
        alerts._close(recovered)
        alerts._open(fallen)

    @api.model
    def _close(self, goals):
        """Mark the alerts of recovered goals done, one call per new status."""
        labels = goals._pace_status_labels()
        for status, status_goals in goals.grouped("pace_status").items():
            status_goals.alert_activity_id.action_feedback(feedback=self._recovered_feedback(labels[status]))
        self._set_alert_activities(goals, dict.fromkeys(goals.ids, None))

    @api.model
    def _open(self, goals):
        """Create the managers' alert activities in one batch, update the open ones, and tell
        each salesperson about their goal."""
        labels = goals._pace_status_labels()
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(goals._name)
        today = fields.Date.context_today(self)
        to_create, goals_created = [], []
        for goal in goals:
            manager = self._manager(goal)
            if goal.alert_activity_id:
                goal.alert_activity_id.summary = self._summary(goal, labels)  # at risk <-> behind: same alert
            elif manager:
                goals_created.append(goal.id)
                to_create.append(
                    {
                        "res_model_id": model_id,
                        "res_id": goal.id,
                        "activity_type_id": todo.id,
                        "summary": self._summary(goal, labels),
                        "user_id": manager.id,
                        "date_deadline": today,
                    }
                )
        # quick update: the activity shows in the manager's activities without one e-mail each
        activities = self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(to_create)
        self._set_alert_activities(goals, dict(zip(goals_created, activities.ids, strict=True)))
        self._tell_salespeople(goals.filtered(lambda g: g.scope == scopes.SCOPE_USER and g.user_id), labels)

    @api.model
    def _manager(self, goal):
        """Who is alerted about ``goal``: the manager of its plan, else its team leader."""
        return goal.plan_id.manager_id or goal.team_id.user_id

    @api.model
    def _set_alert_activities(self, goals, activity_of_goal):
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
        goals.browse(list(activity_of_goal)).invalidate_recordset(["alert_activity_id"])

    @api.model
    def _tell_salespeople(self, goals, labels):
        """A note in each goal's chatter addressed to its salesperson, who finds it in their
        Inbox: two batched creates for all goals, where one message_post per goal cost about
        fifteen queries and an e-mail each (their team leader's digest is the e-mail)."""
        if not goals:
            return
        Thread = self.env["mail.thread"]
        author_id, email_from = Thread._message_compute_author(raise_on_email=False)
        reply_to = Thread._notify_get_reply_to(default=email_from)[False]
        note = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        messages = (
            self.env["mail.message"]
            .sudo()
            .create(
                [
                    {
                        "model": goals._name,
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
                        "body": escape(self._salesperson_note(goal, labels)),
                    }
                    for goal in goals
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
                for goal, message in zip(goals, messages, strict=True)
            ]
        )

    # ------------------------------------------------------------------ texts
    @api.model
    def _summary(self, goal, labels):
        """The manager's activity summary."""
        return self.env._("%(goal)s is %(status)s", goal=goal.name, status=labels[goal.pace_status].lower())

    @api.model
    def _recovered_feedback(self, label):
        """The feedback left on the manager's activity when the goal recovers."""
        return self.env._("Recovered: now %(status)s.", status=label)

    @api.model
    def _salesperson_note(self, goal, labels):
        """The note the salesperson finds in their Inbox."""
        return self.env._(
            "Your goal %(goal)s is %(status)s: %(actual)s against %(expected)s expected by now.",
            goal=goal.name,
            status=labels[goal.pace_status].lower(),
            actual=round(goal.actual, 2),
            expected=round(goal.expected_to_date, 2),
        )
