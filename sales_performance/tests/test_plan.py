# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestPlan(SalesPerformanceScenario):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["sales.performance.plan"]
        cls.revenue_1 = cls._create_goal(
            cls.march, cls.kpi["revenue"], 1000, user=cls.rep_1, team=cls.team_a, weight=60
        )
        cls.margin_1 = cls._create_goal(cls.march, cls.kpi["margin"], 400, user=cls.rep_1, team=cls.team_a, weight=40)
        cls.revenue_2 = cls._create_goal(cls.march, cls.kpi["revenue"], 800, user=cls.rep_2, team=cls.team_a, weight=80)
        cls.plans = cls.march.action_prepare_plans()
        cls.plan_1 = cls.Plan.search([("user_id", "=", cls.rep_1.id), ("period_id", "=", cls.march.id)])
        cls.plan_2 = cls.Plan.search([("user_id", "=", cls.rep_2.id), ("period_id", "=", cls.march.id)])

    def _answer(self, plan, user, mode, **values):
        wizard = (
            self.env["sales.performance.plan.answer"]
            .with_user(user)
            .create({"plan_id": plan.id, "mode": mode, **values})
        )
        return wizard.action_confirm()

    def test_prepare_plans_links_goals_and_team(self):
        self.assertEqual(self.plan_1.goal_ids, self.revenue_1 | self.margin_1)
        self.assertEqual((self.plan_1.team_id, self.plan_1.manager_id), (self.team_a, self.manager_a))
        self.assertEqual(self.plan_1.weight_total, 100)
        self.march.action_prepare_plans()
        self.assertEqual(self.Plan.search_count([]), 2, "preparing again makes no second plan")

    def test_share_sends_the_plan_to_the_salesperson(self):
        self.plan_1.with_user(self.manager_a).action_share()
        self.assertEqual(self.plan_1.state, "shared")
        message = self.plan_1.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        self.assertIn(self.rep_1.partner_id, message.partner_ids)
        self.assertIn(self.rep_1.partner_id, message.notified_partner_ids)
        self.assertIn("Your performance plan for 2026-03", message.subject)
        for text in ("Revenue", "Gross Margin", "1,000.00", "400.00", "60", "40", "Untaxed amount of the lines"):
            self.assertIn(text, message.body)

    def test_weights_must_add_up_to_100_to_share(self):
        with self.assertRaises(ValidationError) as caught:
            self.plan_2.action_share()
        self.assertIn("Weight", str(caught.exception))
        self.assertEqual(self.plan_2.state, "draft")

    def test_share_all_plans_of_a_team_at_once(self):
        self.revenue_2.weight = 100
        (self.plan_1 | self.plan_2).with_user(self.manager_a).action_share()
        self.assertEqual(set((self.plan_1 | self.plan_2).mapped("state")), {"shared"})

    @freeze_time("2026-03-02 09:00:00")
    def test_acknowledge_locks_the_plan(self):
        self.plan_1.action_share()
        self._answer(
            self.plan_1, self.rep_1, "acknowledge", obstacles="Two big customers on holiday", support_needed="Leads"
        )
        self.assertEqual(self.plan_1.state, "active")
        self.assertEqual(self.plan_1.obstacles, "Two big customers on holiday")
        self.assertEqual(self.plan_1.next_checkin_date, date(2026, 3, 16))  # every two weeks by default
        with self.assertRaises(UserError):
            self.revenue_1.target = 2000
        with self.assertRaises(UserError):
            self._create_goal(self.march, self.kpi["order_count"], 5, user=self.rep_1)
        self.revenue_1.note = "<p>Notes stay editable</p>"

    def test_only_the_salesperson_acknowledges(self):
        self.plan_1.action_share()
        with self.assertRaises(AccessError):
            self.plan_1.with_user(self.manager_a).action_acknowledge("nothing")
        with self.assertRaises(AccessError):
            self.plan_1.with_user(self.rep_2).action_acknowledge("nothing")
        self.assertEqual(self.plan_1.state, "shared")

    def test_reopen_needs_a_reason(self):
        self.plan_1.action_share()
        self.plan_1.with_user(self.rep_1).action_acknowledge()
        with self.assertRaises(ValidationError) as caught:
            self._answer(self.plan_1, self.manager_a, "reopen", text="   ")
        self.assertIn("Reason", str(caught.exception))
        self.assertEqual(self.plan_1.state, "active")
        self._answer(self.plan_1, self.manager_a, "reopen", text="New product launch")
        self.assertEqual(self.plan_1.state, "draft")
        self.assertIn("New product launch", self.plan_1.message_ids[0].body)
        self.revenue_1.with_user(self.manager_a).target = 1200
        self.plan_1.with_user(self.manager_a).action_share()
        self.plan_1.with_user(self.rep_1).action_acknowledge()
        self.assertEqual(self.plan_1.state, "active")

    def test_discussion_goes_back_to_the_manager(self):
        self.plan_1.action_share()
        self._answer(self.plan_1, self.rep_1, "discuss", text="Margin target too high for Easy products")
        self.assertEqual(self.plan_1.state, "discussion")
        activity = self.plan_1.activity_ids.filtered(lambda a: a.user_id == self.manager_a)
        self.assertEqual(len(activity), 1)
        self.assertIn(self.manager_a.partner_id, self.plan_1.message_ids[0].partner_ids)
        self.margin_1.with_user(self.manager_a).target = 300
        self.plan_1.with_user(self.manager_a).action_share()
        self.assertEqual(self.plan_1.state, "shared")

    def test_raise_an_obstacle_any_time(self):
        self.plan_1.action_share()
        self.plan_1.with_user(self.rep_1).action_acknowledge()
        self.plan_1.with_user(self.rep_1).action_raise_obstacle("Competitor cut prices by 20%")
        activity = self.plan_1.activity_ids.filtered(lambda a: a.user_id == self.manager_a)
        self.assertEqual(len(activity), 1)
        self.assertIn("Competitor cut prices", activity.note)
        with self.assertRaises(ValidationError):
            self.plan_1.with_user(self.rep_1).action_raise_obstacle("")

    @mute_logger("odoo.sql_db")
    def test_one_plan_per_person_and_period(self):
        with self.assertRaises(ValidationError) as caught:
            self.Plan.create({"user_id": self.rep_1.id, "period_id": self.march.id})
        self.assertIn("Salesperson", str(caught.exception))

    def test_no_plan_for_a_closed_period(self):
        self.february.action_start_evaluation()
        self.february.action_close()
        count = self.Plan.search_count([])
        with self.assertRaises(ValidationError) as caught:
            self.Plan.create({"user_id": self.rep_1.id, "period_id": self.february.id})
        self.assertIn("Period", str(caught.exception))
        self.assertEqual(self.Plan.search_count([]), count)

    def test_schedule_the_plan_meeting(self):
        self.plan_1.with_user(self.manager_a).action_schedule_meeting()
        meeting = self.env.ref("mail.mail_activity_data_meeting")
        activities = self.plan_1.activity_ids.filtered(lambda a: a.activity_type_id == meeting)
        self.assertEqual(activities.user_id, self.manager_a | self.rep_1)

    def test_checkins_at_the_cadence_once(self):
        with freeze_time("2026-03-02 09:00:00"):
            self.plan_1.action_share()
            self.plan_1.with_user(self.rep_1).action_acknowledge()
        checkin = self.env.ref("sales_performance.mail_activity_type_checkin")

        def checkins():
            return self.plan_1.activity_ids.filtered(lambda a: a.activity_type_id == checkin)

        with freeze_time("2026-03-15 09:00:00"):
            self.Plan._cron_checkins()
            self.assertFalse(checkins(), "not due yet")
        with freeze_time("2026-03-16 09:00:00"):
            self.Plan._cron_checkins()
            self.assertEqual(checkins().user_id, self.manager_a | self.rep_1)
            self.Plan._cron_checkins()
            self.assertEqual(len(checkins()), 2, "idempotent")
        self.assertEqual(self.plan_1.next_checkin_date, date(2026, 3, 30))

    def test_salesperson_sees_only_own_plans(self):
        Plan = self.Plan.with_user(self.rep_1)
        self.assertEqual(Plan.search([]), self.plan_1)
        with self.assertRaises(AccessError):
            self.plan_1.with_user(self.rep_1).write({"notes": "mine"})
        self.assertEqual(self.Plan.with_user(self.manager_a).search([]), self.plan_1 | self.plan_2)
        self.assertFalse(self.Plan.with_user(self.manager_b).search([]))
        with self.assertRaises(AccessError):
            self.plan_1.with_user(self.manager_b).action_share()

    def test_coaching_history_on_the_plan(self):
        Coaching = self.env["sales.performance.coaching"]
        for when in ("2026-03-10 09:00:00", "2026-03-31 18:00:00", "2026-04-01 09:00:00"):
            Coaching.create(
                {
                    "salesperson_id": self.rep_1.id,
                    "coach_id": self.manager_a.id,
                    "date": when,
                    "type": "one_on_one",
                    "company_id": self.company.id,
                }
            )
        self.assertEqual(self.plan_1.coaching_count, 2, "the two sessions of March, not April's")
        self.assertEqual(len(Coaching.search(self.plan_1.action_view_coachings()["domain"])), 2)
