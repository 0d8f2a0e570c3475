from datetime import datetime

from odoo.tests import freeze_time, tagged

from .common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestPaceAlerts(SalesPerformanceScenario):
    def _open_alerts(self, goal):
        return goal.activity_ids.filtered(lambda a: a.user_id == self.manager_a)

    @freeze_time("2026-03-10 12:00:00")
    def test_alert_once_then_closed_on_recovery(self):
        goal = self._create_goal(self.march, self.kpi["revenue"], 3100, user=self.rep_1, team=self.team_a)
        goal._refresh_actuals()  # 300 against 1000 expected: behind
        self.assertEqual(goal.pace_status, "behind")
        alert = self._open_alerts(goal)
        self.assertEqual(len(alert), 1)
        self.assertEqual(goal.alert_activity_id, alert)
        told = goal.message_ids.filtered(lambda m: self.rep_1.partner_id in m.partner_ids)
        self.assertEqual(len(told), 1)
        self.assertIn("Your goal", told.body)
        self.assertIn("300.0 against 1000.0 expected", told.body)  # 3100 x 10 / 31 = 1000 by day 10
        inbox = self.env["mail.message"].with_user(self.rep_1).search([("needaction", "=", True)])
        self.assertEqual(inbox, told, "the salesperson finds it in their Inbox")
        self.assertFalse(told.notification_ids.filtered(lambda n: n.notification_type == "email"), "no e-mail per goal")

        goal._refresh_actuals()
        self.assertEqual(len(self._open_alerts(goal)), 1, "no second alert while still behind")
        self.assertEqual(len(goal.message_ids.filtered(lambda m: self.rep_1.partner_id in m.partner_ids)), 1)

        self._create_order(
            self.rep_1, self.customer_3, [(self.product_hard, 5, 100)], datetime(2026, 3, 9, 10), self.team_a
        )
        goal._refresh_actuals()  # 800 of 1000: at risk, same open alert
        self.assertEqual(goal.pace_status, "at_risk")
        self.assertEqual(self._open_alerts(goal), alert)
        self.assertIn("at risk", alert.summary)

        self._create_order(
            self.rep_1, self.customer_3, [(self.product_hard, 3, 100)], datetime(2026, 3, 9, 11), self.team_a
        )
        goal._refresh_actuals()  # 1100 of 1000: ahead, alert done
        self.assertEqual(goal.pace_status, "ahead")
        self.assertFalse(self._open_alerts(goal))
        self.assertFalse(goal.alert_activity_id)

    @freeze_time("2026-03-10 12:00:00")
    def test_no_alert_for_goals_on_track_or_company_goals(self):
        on_track = self._create_goal(self.march, self.kpi["revenue"], 310, user=self.rep_3, team=self.team_b)
        company = self._create_goal(self.march, self.kpi["revenue"], 100000, scope="company")
        (on_track | company)._refresh_actuals()
        self.assertEqual(company.pace_status, "behind")
        self.assertFalse(on_track.activity_ids | company.activity_ids)

    def _first_refresh_queries(self, size):
        """Queries of the first refresh of ``size`` salesperson goals that all fall behind."""
        reps = self.env["res.users"]
        for index in range(size):
            reps |= self._create_user(f"behind_{size}_{index}", f"Behind {size} {index}")
        team = self._create_team(f"Team behind {size}", self.manager_a, reps)
        goals = self.Goal.create(
            [
                {
                    "period_id": self.march.id,
                    "kpi_id": self.kpi["revenue"].id,
                    "scope": "user",
                    "user_id": rep.id,
                    "team_id": team.id,
                    "target": 1000,
                }
                for rep in reps
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        goals._refresh_actuals()
        self.env.flush_all()
        queries = self.env.cr.sql_log_count - before
        self.assertEqual(set(goals.mapped("pace_status")), {"behind"})
        self.assertEqual(len(goals.alert_activity_id), size)
        self.assertEqual(set(goals.alert_activity_id.mapped("user_id")), {self.manager_a})
        told = goals.message_ids.filtered(lambda m: m.partner_ids)
        self.assertEqual(told.partner_ids, reps.partner_id)
        self.assertEqual(len(told), size)
        return queries

    @freeze_time("2026-03-10 12:00:00")
    def test_alerts_are_set_based(self):
        # The first refresh of a period may put every goal behind at once: the alerts cost the
        # same number of queries for 3 goals as for 12.
        self._first_refresh_queries(1)  # caches warmed
        self.assertEqual(self._first_refresh_queries(3), self._first_refresh_queries(12))

    @freeze_time("2026-03-10 12:00:00")
    def test_salesperson_refresh_raises_the_alert_too(self):
        goal = self._create_goal(self.march, self.kpi["revenue"], 3100, user=self.rep_1, team=self.team_a)
        goal.with_user(self.rep_1).action_refresh()
        self.assertEqual(len(self._open_alerts(goal)), 1)


@tagged("post_install", "-at_install")
class TestMyPerformance(SalesPerformanceScenario):
    @freeze_time("2026-03-10 12:00:00")
    def test_days_left_and_rank(self):
        revenue = self.kpi["revenue"]
        goal_1 = self._create_goal(self.march, revenue, 600, user=self.rep_1, team=self.team_a)  # 300 = 50 %
        goal_2 = self._create_goal(self.march, revenue, 100, user=self.rep_2, team=self.team_a)  # 100 = 100 %
        (goal_1 | goal_2)._refresh_actuals()
        self.assertEqual(goal_1.days_left, 21)
        self.assertEqual((goal_1.rank_in_team, goal_2.rank_in_team), (2, 1))
        # rep_1 gets their rank without reading rep_2's goal, only where rankings are shown.
        self.company.performance_show_ranking = False
        self.assertEqual(goal_1.with_user(self.rep_1).rank_in_team, 0)
        self.company.performance_show_ranking = True
        goal_1.invalidate_recordset(["rank_in_team"])
        self.assertEqual(goal_1.with_user(self.rep_1).rank_in_team, 2)


@tagged("post_install", "-at_install")
class TestDigest(SalesPerformanceScenario):
    def test_digest_per_team_leader_once_a_day(self):
        self.manager_a.email = "manager.a@example.com"
        self.manager_b.email = "manager.b@example.com"
        goal_1 = self._create_goal(self.march, self.kpi["revenue"], 600, user=self.rep_1, team=self.team_a)
        goal_3 = self._create_goal(self.march, self.kpi["revenue"], 200, user=self.rep_3, team=self.team_b)
        (goal_1 | goal_3)._refresh_actuals()
        Digest = self.env["sales.performance.digest"]
        self.assertFalse(Digest._cron_send_digests(), "off by default")
        self.company.performance_digest = "daily"
        mails = Digest._cron_send_digests()
        self.assertEqual(
            sorted(mails.mapped("email_to")),
            ['"Manager A" <manager.a@example.com>', '"Manager B" <manager.b@example.com>'],
        )
        mail_a = mails.filtered(lambda m: "manager.a" in m.email_to)
        self.assertIn("Rep One", mail_a.body_html)
        self.assertIn("50.0", mail_a.body_html)  # 300 of 600
        self.assertNotIn("Rep Three", mail_a.body_html)
        self.assertFalse(Digest._cron_send_digests(), "already sent today")
