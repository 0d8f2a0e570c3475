# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Coaching sessions: agreed actions as activities, planning from a goal behind, validation
and record rules per role."""

from datetime import date, datetime

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import SalesPerformanceScenario


class CoachingCase(SalesPerformanceScenario):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Coaching = cls.env["sales.performance.coaching"]
        cls.Action = cls.env["sales.performance.coaching.action"]
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    @classmethod
    def _coaching(cls, salesperson, coach, actions=(), company=None, user=None, **values):
        """A session on 2026-03-10; ``actions`` = [(description, due date, responsible or None)]."""
        model = cls.env["sales.performance.coaching"]
        if user:
            model = model.with_user(user)
        return model.create(
            {
                "salesperson_id": salesperson.id,
                "coach_id": coach.id,
                "date": datetime(2026, 3, 10, 9),
                "type": "one_on_one",
                "company_id": (company or cls.company).id,
                "action_ids": [
                    Command.create(
                        {
                            "description": description,
                            "date_deadline": deadline,
                            **({"responsible_id": responsible.id} if responsible else {}),
                        }
                    )
                    for description, deadline, responsible in actions
                ],
                **values,
            }
        )


@tagged("post_install", "-at_install")
class TestCoachingActivities(CoachingCase):
    def setUp(self):
        super().setUp()
        self.coaching = self._coaching(
            self.rep_1,
            self.manager_a,
            [
                ("Call back Customer Two", date(2026, 3, 17), None),
                ("Send the case study", date(2026, 3, 20), self.manager_a),
            ],
            user=self.manager_a,
        )
        self.call, self.case_study = self.coaching.action_ids

    def assertActivityFollows(self, action):
        activity = action.activity_id
        self.assertTrue(activity, f"{action.description} has an activity")
        self.assertEqual(
            (activity.res_model, activity.res_id, activity.activity_type_id),
            ("sales.performance.coaching", action.coaching_id.id, self.todo),
        )
        self.assertEqual(
            (activity.summary, activity.user_id, activity.date_deadline),
            (action.description, action.responsible_id, action.date_deadline),
        )

    def test_responsible_defaults_to_the_salesperson(self):
        self.assertEqual(self.call.responsible_id, self.rep_1)
        self.assertEqual(self.case_study.responsible_id, self.manager_a)

    def test_planned_session_has_no_activity(self):
        self.assertFalse(self.coaching.activity_ids)
        self.assertFalse(self.coaching.action_ids.activity_id)

    def test_held_session_turns_each_action_into_one_activity(self):
        self.coaching.with_user(self.manager_a).action_done()
        self.assertEqual(self.coaching.state, "done")
        self.assertEqual(len(self.coaching.activity_ids), 2)
        self.assertEqual(self.coaching.action_ids.activity_id, self.coaching.activity_ids)
        self.assertActivityFollows(self.call)
        self.assertActivityFollows(self.case_study)

    def test_saving_twice_creates_no_duplicate(self):
        self.coaching.with_user(self.manager_a).action_done()
        activities = self.coaching.activity_ids
        coaching = self.coaching.with_user(self.manager_a)
        with Form(coaching) as form:
            form.notes = "<p>Pipeline review</p>"
        with Form(coaching) as form:
            form.follow_up_outcome = "Customer Two called back."
        for _attempt in range(2):
            coaching.write({"topics": "Pipeline", "state": "done"})
            for action in coaching.action_ids:
                action.write({"description": action.description, "date_deadline": action.date_deadline})
        coaching.action_ids._sync_activities()
        self.assertEqual(self.coaching.activity_ids, activities)
        with self.assertRaises(UserError):
            coaching.action_done()
        self.assertEqual(self.coaching.activity_ids, activities)

    def test_action_added_to_a_held_session_gets_its_activity(self):
        coaching = self.coaching.with_user(self.manager_a)
        coaching.action_done()
        coaching.write(
            {"action_ids": [Command.create({"description": "Join a demo", "date_deadline": date(2026, 3, 25)})]}
        )
        demo = coaching.action_ids.filtered(lambda a: a.description == "Join a demo")
        self.assertEqual(len(self.coaching.activity_ids), 3)
        self.assertActivityFollows(demo)

    def test_activity_follows_changes_of_the_action(self):
        self.coaching.with_user(self.manager_a).action_done()
        activity = self.call.activity_id
        self.call.with_user(self.manager_a).write(
            {"date_deadline": date(2026, 3, 18), "responsible_id": self.rep_2.id, "description": "Call back today"}
        )
        self.assertEqual(self.call.activity_id, activity, "the same activity is moved, not a new one")
        self.assertActivityFollows(self.call)
        self.assertEqual(len(self.coaching.activity_ids), 2)

    def test_marking_the_activity_done_marks_the_action_done(self):
        self.coaching.with_user(self.manager_a).action_done()
        activity = self.call.activity_id
        activity.with_user(self.rep_1).action_feedback(feedback="Called: order expected next week")
        self.assertFalse(activity.exists())
        self.assertEqual(self.call.state, "done")
        self.assertEqual(self.call.date_done, fields.Date.today())
        self.assertFalse(self.call.activity_id)
        self.assertEqual(self.case_study.state, "open")
        self.assertEqual(self.coaching.activity_ids, self.case_study.activity_id)

    def test_marking_the_action_done_marks_the_activity_done(self):
        self.coaching.with_user(self.manager_a).action_done()
        activity = self.call.activity_id
        self.call.with_user(self.rep_1).action_mark_done()
        self.assertEqual(self.call.state, "done")
        self.assertFalse(activity.exists())
        done_messages = self.coaching.message_ids.filtered(lambda m: m.mail_activity_type_id == self.todo)
        self.assertEqual(len(done_messages), 1, "the activity is marked done, not just deleted")
        self.assertEqual(done_messages.author_id, self.rep_1.partner_id)
        # Twice: nothing more happens.
        self.call.with_user(self.rep_1).action_mark_done()
        self.assertEqual(self.coaching.activity_ids, self.case_study.activity_id)

    def test_reopened_action_gets_a_new_activity(self):
        self.coaching.with_user(self.manager_a).action_done()
        self.call.with_user(self.rep_1).action_mark_done()
        self.call.with_user(self.manager_a).action_reopen()
        self.assertEqual(self.call.state, "open")
        self.assertFalse(self.call.date_done)
        self.assertActivityFollows(self.call)
        self.assertEqual(len(self.coaching.activity_ids), 2)

    def test_cancelled_session_drops_open_activities(self):
        coaching = self.coaching.with_user(self.manager_a)
        coaching.action_done()
        self.call.with_user(self.rep_1).action_mark_done()
        coaching.action_cancel()
        self.assertFalse(self.coaching.activity_ids)
        self.assertEqual(self.coaching.action_ids.mapped("state"), ["done", "open"], "the actions stay")
        coaching.action_reset_to_planned()
        self.assertFalse(self.coaching.activity_ids)
        coaching.action_done()
        self.assertEqual(self.coaching.activity_ids, self.case_study.activity_id, "one activity per open action")

    def test_deleted_action_takes_its_activity_along(self):
        self.coaching.with_user(self.manager_a).action_done()
        activity = self.call.activity_id
        self.call.with_user(self.manager_a).unlink()
        self.assertFalse(activity.exists())
        self.assertEqual(len(self.coaching.activity_ids), 1)

    def test_session_created_as_held(self):
        coaching = self._coaching(
            self.rep_2, self.manager_a, [("Qualify two leads", date(2026, 3, 12), None)], state="done"
        )
        self.assertEqual(len(coaching.activity_ids), 1)
        self.assertActivityFollows(coaching.action_ids)
        self.assertEqual(coaching.activity_ids.user_id, self.rep_2)


@tagged("post_install", "-at_install")
class TestPlanCoaching(CoachingCase):
    @freeze_time("2026-03-10 12:00:00")
    def test_plan_coaching_from_a_goal_at_risk(self):
        # Day 10 of 31: expected 387.5 x 10 / 31 = 125, actual 100 (order O4): 80 % of the pace.
        goal = self._create_goal(self.march, self.kpi["revenue"], 387.5, user=self.rep_2, team=self.team_a)
        goal._refresh_actuals()
        self.assertEqual(goal.pace_status, "at_risk")

        action = goal.with_user(self.manager_a).action_plan_coaching()
        self.assertEqual((action["res_model"], action["view_mode"]), ("sales.performance.coaching", "form"))
        form = Form(self.Coaching.with_user(self.manager_a).with_context(**action["context"]))
        self.assertEqual(form.salesperson_id, self.rep_2)
        self.assertEqual(form.coach_id, self.manager_a)
        self.assertEqual(form.type, "one_on_one")
        # The pace is at risk, not the actual; the figures in the KPI's unit.
        self.assertEqual(
            form.topics,
            "Revenue, pace at risk: actual $\N{NO-BREAK SPACE}100.00, $\N{NO-BREAK SPACE}125.00 expected by now, "
            "target $\N{NO-BREAK SPACE}387.50",
        )
        self.assertEqual(form.goal_ids[:], goal)
        coaching = form.save()
        self.assertEqual(coaching.goal_ids, goal)
        self.assertEqual(coaching.kpi_ids, self.kpi["revenue"])
        self.assertEqual(coaching.company_id, self.company)

        # The history, on the goal and on the person, for the manager and the salesperson.
        self.assertEqual(goal.with_user(self.manager_a).coaching_count, 1)
        self.assertEqual(goal.with_user(self.rep_2).coaching_count, 1)
        history = goal.with_user(self.manager_a).action_view_coachings()
        self.assertEqual(self.Coaching.with_user(self.manager_a).search(history["domain"]), coaching)
        self.assertEqual(self.rep_2.with_user(self.manager_a).performance_coaching_count, 1)
        history = self.rep_2.with_user(self.manager_a).action_view_performance_coachings()
        self.assertEqual(self.Coaching.with_user(self.manager_a).search(history["domain"]), coaching)

    def test_plan_coaching_button_is_for_managers(self):
        def form_arch(user):
            return self.Goal.with_user(user).get_views([(False, "form")])["views"]["form"]["arch"]

        self.assertIn('name="action_plan_coaching"', form_arch(self.manager_a))
        self.assertNotIn('name="action_plan_coaching"', form_arch(self.rep_1))

    def test_coaching_is_planned_on_salesperson_goals(self):
        goal = self._create_goal(self.march, self.kpi["revenue"], 400, scope="team", team=self.team_a)
        with self.assertRaises(UserError) as caught:
            goal.action_plan_coaching()
        self.assertIn("Scope", str(caught.exception))


@tagged("post_install", "-at_install")
class TestCoachingValidation(CoachingCase):
    def assertRefused(self, field_label, values):
        counts = (self.Coaching.search_count([]), self.Action.search_count([]))
        with self.assertRaises(ValidationError) as caught:
            self.Coaching.create({"date": datetime(2026, 3, 10, 9), **values})
        self.assertIn(field_label, str(caught.exception))
        self.assertEqual((self.Coaching.search_count([]), self.Action.search_count([])), counts, "nothing saved")

    def test_coaching_without_salesperson(self):
        self.assertRefused("Salesperson", {"type": "training"})
        self.assertRefused("Salesperson", {"type": "training", "salesperson_id": False})

    def test_action_without_due_date(self):
        self.assertRefused(
            "Due Date",
            {
                "salesperson_id": self.rep_1.id,
                "action_ids": [
                    Command.create({"description": "Call back", "date_deadline": date(2026, 3, 17)}),
                    Command.create({"description": "Send the case study"}),
                ],
            },
        )

    def test_unknown_type(self):
        self.assertRefused("Type", {"salesperson_id": self.rep_1.id, "type": "coffee"})

    def test_goal_of_another_salesperson(self):
        goal = self._create_goal(self.march, self.kpi["revenue"], 100, user=self.rep_2)
        self.assertRefused("Goals", {"salesperson_id": self.rep_1.id, "goal_ids": [Command.set(goal.ids)]})

    def test_salesperson_of_another_company(self):
        self.assertRefused("Salesperson", {"salesperson_id": self.rep_2.id, "company_id": self.other_company.id})

    def test_clearing_required_values(self):
        coaching = self._coaching(self.rep_1, self.manager_a, [("Call back", date(2026, 3, 17), None)])
        with self.assertRaises(ValidationError) as caught:
            coaching.write({"salesperson_id": False})
        self.assertIn("Salesperson", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            coaching.action_ids.write({"date_deadline": False})
        self.assertIn("Due Date", str(caught.exception))
        self.assertEqual(coaching.salesperson_id, self.rep_1)
        self.assertEqual(coaching.action_ids.date_deadline, date(2026, 3, 17))


@tagged("post_install", "-at_install")
class TestCoachingAccess(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.env.ref("base.user_admin")
        cls.coaching_rep_1 = cls._coaching(
            cls.rep_1,
            cls.manager_a,
            [("Call back", date(2026, 3, 17), None), ("Send the case study", date(2026, 3, 20), cls.manager_a)],
            state="done",
        )
        cls.own_action, cls.coach_action = cls.coaching_rep_1.action_ids
        cls.coaching_rep_2 = cls._coaching(cls.rep_2, admin)
        cls.coaching_rep_3 = cls._coaching(cls.rep_3, cls.manager_b)
        cls.coaching_manager_a = cls._coaching(cls.manager_a, admin)
        cls.coaching_other_company = cls._coaching(cls.rep_1, admin, company=cls.other_company)
        cls.all_coachings = cls.Coaching.search([])

    def visible(self, user, companies=None):
        companies = companies or self.company
        model = self.Coaching.with_user(user).with_context(allowed_company_ids=companies.ids)
        return model.search([("id", "in", self.all_coachings.ids)])

    def test_salesperson_reads_own_coaching(self):
        self.assertEqual(self.visible(self.rep_1), self.coaching_rep_1)
        self.assertEqual(
            self.visible(self.rep_1, self.company | self.other_company),
            self.coaching_rep_1 | self.coaching_other_company,
        )
        self.assertEqual(self.Action.with_user(self.rep_1).search([]), self.own_action | self.coach_action)
        self.assertEqual(self.own_action.activity_id.with_user(self.rep_1).user_id, self.rep_1)

    def test_other_salesperson_cannot_read(self):
        self.assertEqual(self.visible(self.rep_2), self.coaching_rep_2)
        with self.assertRaises(AccessError):
            self.coaching_rep_1.with_user(self.rep_2).read(["notes"])
        with self.assertRaises(AccessError):
            self.own_action.with_user(self.rep_2).read(["description"])

    def test_salesperson_cannot_change_coaching(self):
        with self.assertRaises(AccessError):
            self.coaching_rep_1.with_user(self.rep_1).write({"follow_up_outcome": "All done"})
        with self.assertRaises(AccessError):
            self.own_action.with_user(self.rep_1).write({"date_deadline": date(2026, 4, 30)})
        with self.assertRaises(AccessError):
            self._coaching(self.rep_1, self.rep_1, user=self.rep_1)

    def test_salesperson_marks_own_actions_done_only(self):
        self.own_action.with_user(self.rep_1).action_mark_done()
        self.assertEqual(self.own_action.state, "done")
        with self.assertRaises(AccessError):
            self.coach_action.with_user(self.rep_1).action_mark_done()
        with self.assertRaises(AccessError):
            self.coach_action.with_user(self.rep_2).action_mark_done()
        self.assertEqual(self.coach_action.state, "open")

    def test_manager_manages_coaching_of_own_team(self):
        self.assertEqual(
            self.visible(self.manager_a), self.coaching_rep_1 | self.coaching_rep_2 | self.coaching_manager_a
        )
        self.coaching_rep_1.with_user(self.manager_a).write({"follow_up_outcome": "Customer Two ordered."})
        self.coach_action.with_user(self.manager_a).action_mark_done()
        self.assertEqual(self.coach_action.state, "done")
        created = self._coaching(self.rep_2, self.manager_a, [("Demo", date(2026, 3, 20), None)], user=self.manager_a)
        self.assertEqual(created.action_ids.responsible_id, self.rep_2)

    def test_manager_of_another_team_cannot_read(self):
        self.assertEqual(self.visible(self.manager_b), self.coaching_rep_3)
        with self.assertRaises(AccessError):
            self.coaching_rep_1.with_user(self.manager_b).read(["notes"])
        with self.assertRaises(AccessError):
            self.own_action.with_user(self.manager_b).read(["description"])
        with self.assertRaises(AccessError):
            self._coaching(self.rep_1, self.manager_b, user=self.manager_b)
        with self.assertRaises(AccessError):
            self._coaching(self.rep_3, self.manager_a, user=self.manager_a)

    def test_manager_reads_but_cannot_change_own_coaching(self):
        self.coaching_manager_a.with_user(self.manager_a).read(["notes"])
        with self.assertRaises(AccessError):
            self.coaching_manager_a.with_user(self.manager_a).write({"notes": "<p>Went well</p>"})

    def test_salesperson_leaving_the_team_leaves_the_manager_view(self):
        membership = self.team_a.crm_team_member_ids.filtered(lambda m: m.user_id == self.rep_2)
        membership.action_archive()
        self.assertNotIn(self.coaching_rep_2, self.visible(self.manager_a))

    def test_manager_belonging_to_the_team(self):
        membership = self.env["crm.team.member"].create({"crm_team_id": self.team_a.id, "user_id": self.manager_b.id})
        self.assertEqual(self.visible(self.manager_b), self.coaching_rep_1 | self.coaching_rep_2 | self.coaching_rep_3)
        self.coaching_rep_1.with_user(self.manager_b).write({"follow_up_outcome": "Reviewed by a team member."})
        membership.action_archive()
        self.assertEqual(self.visible(self.manager_b), self.coaching_rep_3)

    def test_administrator_sees_all_coaching_of_allowed_companies(self):
        admin = self._create_user("perf_admin", "Performance Admin", "sales_performance.group_sales_performance_admin")
        self.assertEqual(self.visible(admin), self.all_coachings - self.coaching_other_company)
        admin.company_ids = [Command.link(self.other_company.id)]
        self.assertEqual(self.visible(admin, self.company | self.other_company), self.all_coachings)
