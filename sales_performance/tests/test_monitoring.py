# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import datetime

from odoo import Command
from odoo.tests import freeze_time, tagged

from .common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestPaceAlerts(SalesPerformanceScenario):
    """One alert activity per person (Issue I, H "Numbers that mislead"): a salesperson's lists
    their goals at risk or behind, a manager's the goals of their team, updated in place."""

    def _alerts(self, user):
        """The user's alert activities (on goals: also what the code before one activity per person made)."""
        return self.env["mail.activity"].search(
            [("res_model", "=", "sales.performance.goal"), ("user_id", "=", user.id)]
        )

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
        told = self._alerts(self.rep_1)
        self.assertEqual(len(told), 1, "the salesperson has their own alert")
        self.assertIn("300.0 against 1000.0 expected", told.note)  # 3100 x 10 / 31 = 1000 by day 10
        self.assertFalse(
            goal.message_ids.filtered(lambda m: self.rep_1.partner_id in m.partner_ids), "no message per goal"
        )
        self.assertFalse(self.env["mail.mail"].search([("model", "=", goal._name), ("res_id", "=", goal.id)]))

        goal._refresh_actuals()
        self.assertEqual(len(self._open_alerts(goal)), 1, "no second alert while still behind")
        self.assertEqual(self._alerts(self.rep_1), told)

        self._create_order(
            self.rep_1, self.customer_3, [(self.product_hard, 5, 100)], datetime(2026, 3, 9, 10), self.team_a
        )
        goal._refresh_actuals()  # 800 of 1000: at risk, same open alert
        self.assertEqual(goal.pace_status, "at_risk")
        self.assertEqual(self._open_alerts(goal), alert)
        self.assertIn("is at risk", alert.note)

        self._create_order(
            self.rep_1, self.customer_3, [(self.product_hard, 3, 100)], datetime(2026, 3, 9, 11), self.team_a
        )
        goal._refresh_actuals()  # 1100 of 1000: ahead, alert done
        self.assertEqual(goal.pace_status, "ahead")
        self.assertFalse(self._open_alerts(goal))
        self.assertFalse(self._alerts(self.rep_1) | self._alerts(self.manager_a))
        self.assertFalse(goal.alert_activity_id)

    @freeze_time("2026-03-10 12:00:00")
    def test_no_alert_for_goals_on_track_or_company_goals(self):
        on_track = self._create_goal(self.march, self.kpi["revenue"], 310, user=self.rep_3, team=self.team_b)
        company = self._create_goal(self.march, self.kpi["revenue"], 100000, scope="company")
        (on_track | company)._refresh_actuals()
        self.assertEqual(company.pace_status, "behind")
        self.assertFalse(on_track.activity_ids | company.activity_ids)

    @freeze_time("2026-03-10 12:00:00")
    def test_one_activity_per_person_listing_their_goals(self):
        """A new salesperson of Team A with nothing sold, on day 10 of March:
        revenue target 310 -> 100 expected; orders 6.2 -> 2 expected; customers 6.2 -> 2 expected.
        Nothing sold: all 3 behind.   Order 1 (100, Customer Three): revenue 100 of 100 on track,
        1 order of 2 and 1 customer of 2 (50 %) behind.   Order 2 (100, Customer Two): revenue
        200 ahead, 2 orders and 2 customers of 2 on track: none behind."""
        rep = self._create_user("rep_new", "Rep New")
        self.team_a.crm_team_member_ids = [Command.create({"user_id": rep.id})]
        kpis = self.kpi["revenue"] | self.kpi["order_count"] | self.kpi["customer_count"]
        goals = self.Goal.create(
            [
                {
                    "period_id": self.march.id,
                    "kpi_id": kpi.id,
                    "scope": "user",
                    "user_id": rep.id,
                    "team_id": self.team_a.id,
                    "target": target,
                }
                for kpi, target in zip(kpis, (310, 6.2, 6.2), strict=True)
            ]
        )
        goals._refresh_actuals()  # (measured at creation already: nothing changes)
        self.assertEqual(goals.mapped("pace_status"), ["behind"] * 3)
        mine, managers = self._alerts(rep), self._alerts(self.manager_a)
        self.assertEqual((len(mine), len(managers)), (1, 1), "one activity each, not one per goal")
        self.assertEqual(mine.summary, "3 goal(s) at risk or behind")
        for goal in goals:
            self.assertIn(goal.name, mine.note)
            self.assertIn(goal.name, managers.note)
        self.assertEqual(goals.alert_activity_id, managers)

        self._create_order(rep, self.customer_3, [(self.product_hard, 1, 100)], datetime(2026, 3, 9, 10), self.team_a)
        goals._refresh_actuals()
        self.assertEqual(goals.mapped("pace_status"), ["on_track", "behind", "behind"])
        self.assertEqual(self._alerts(rep), mine, "updated in place")
        self.assertEqual(mine.summary, "2 goal(s) at risk or behind")
        self.assertNotIn(goals[0].name, mine.note)
        self.assertIn(goals[1].name, mine.note)
        self.assertIn(goals[2].name, mine.note)
        self.assertEqual(self._alerts(self.manager_a), managers)
        self.assertEqual(managers.summary, "2 goal(s) at risk or behind")
        self.assertFalse(goals[0].alert_activity_id)

        self._create_order(rep, self.customer_2, [(self.product_hard, 1, 100)], datetime(2026, 3, 9, 11), self.team_a)
        goals._refresh_actuals()
        self.assertEqual(goals.mapped("pace_status"), ["ahead", "on_track", "on_track"])
        self.assertFalse(self._alerts(rep) | self._alerts(self.manager_a), "done when nothing is behind")
        self.assertFalse(mine.exists())
        self.assertTrue(any("All goals back on track." in body for body in goals.message_ids.mapped("body")))

    @freeze_time("2026-03-10 12:00:00")
    def test_a_dip_around_the_threshold_does_not_reopen(self):
        """Revenue target 3100 for a new salesperson: 1000 expected by day 10.
        0 -> behind, alert opens; 960 (96 %) -> on track, alert done; 940 (94 %, at risk) -> no
        alert (above 95 - 5 points); 960 again -> nothing; 20 (2 %) -> a real fall: alert again."""
        rep = self._create_user("rep_dip", "Rep Dip")
        self.env["crm.team.member"].create({"crm_team_id": self.team_a.id, "user_id": rep.id})
        goal = self._create_goal(self.march, self.kpi["revenue"], 3100, user=rep, team=self.team_a)
        goal._refresh_actuals()
        self.assertEqual((goal.pace_status, len(self._alerts(self.manager_a))), ("behind", 1))
        big = self._create_order(rep, self.customer_3, [(self.product_hard, 1, 940)], datetime(2026, 3, 9), self.team_a)
        small = self._create_order(
            rep, self.customer_3, [(self.product_hard, 1, 20)], datetime(2026, 3, 9), self.team_a
        )
        goal._refresh_actuals()
        self.assertEqual((goal.actual, goal.pace_status), (960, "on_track"))
        self.assertFalse(self._alerts(rep) | self._alerts(self.manager_a))
        small._action_cancel()
        goal._refresh_actuals()
        self.assertEqual((goal.actual, goal.pace_status), (940, "at_risk"))
        self.assertFalse(self._alerts(rep) | self._alerts(self.manager_a), "a dip does not re-open the alert")
        self._create_order(rep, self.customer_3, [(self.product_hard, 1, 20)], datetime(2026, 3, 9), self.team_a)
        goal._refresh_actuals()
        self.assertEqual((goal.actual, goal.pace_status), (960, "on_track"))
        self.assertFalse(self._alerts(rep) | self._alerts(self.manager_a))
        big._action_cancel()
        goal._refresh_actuals()
        self.assertEqual((goal.actual, goal.pace_status), (20, "behind"))
        self.assertEqual(len(self._alerts(self.manager_a)), 1, "a real fall alerts again")
        self.assertEqual(len(self._alerts(rep)), 1)

    def _alert_queries(self, reps_count, kpis):
        """Queries of alerting ``reps_count`` new salespeople each about their goals on ``kpis``,
        all behind."""
        reps = self.env["res.users"]
        batch = len(self.env["crm.team"].search([("name", "like", "Team behind")]))
        for index in range(reps_count):
            reps |= self._create_user(f"behind_{batch}_{index}", f"Behind {batch} {index}")
        team = self._create_team(f"Team behind {batch}", self.manager_a, reps)
        goals = self.Goal.create(
            [
                {
                    "period_id": self.march.id,
                    "kpi_id": kpi.id,
                    "scope": "user",
                    "user_id": rep.id,
                    "team_id": team.id,
                    "target": 1000,
                }
                for rep in reps
                for kpi in kpis
            ]
        )
        self.assertEqual(set(goals.mapped("pace_status")), {"behind"})
        # Start again from no alert at all, then count the alerting alone.
        self.env["mail.activity"].search(
            [("activity_type_id", "=", self.env.ref("sales_performance.mail_activity_type_pace_alert").id)]
        ).unlink()
        self.env["sales.performance.pace.alert"]._set_goal_columns(
            goals, "alert_state", "varchar", dict.fromkeys(goals.ids, "none")
        )
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self.env["sales.performance.pace.alert"]._process(goals)
        self.env.flush_all()
        queries = self.env.cr.sql_log_count - before
        self.assertEqual(len(goals.alert_activity_id), 1, "the manager's one activity")
        for rep in reps:
            self.assertEqual(len(self._alerts(rep)), 1)
        return queries

    @freeze_time("2026-03-10 12:00:00")
    def test_alerts_are_set_based(self):
        # The first refresh of a period may put every goal behind at once: the alerts cost the
        # same for 1 goal per salesperson as for 4 (the cost is per person alerted).
        self._alert_queries(3, self.kpi["revenue"])  # caches warmed
        few = self._alert_queries(3, self.kpi["revenue"])
        many = self._alert_queries(
            3, self.kpi["margin"] | self.kpi["order_count"] | self.kpi["customer_count"] | self.kpi["pipeline_created"]
        )
        self.assertEqual(few, many)

    @freeze_time("2026-03-10 12:00:00")
    def test_salesperson_refresh_raises_the_alert_too(self):
        goal = self._create_goal(self.march, self.kpi["revenue"], 310, user=self.rep_1, team=self.team_a)
        self.assertEqual(goal.pace_status, "ahead")  # 300 against 100
        goal.target = 31000  # 300 against 10,000: behind, seen at the next refresh
        goal.with_user(self.rep_1).action_refresh()
        self.assertEqual(len(self._open_alerts(goal)), 1)
        self.assertEqual(len(self._alerts(self.rep_1)), 1)


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
