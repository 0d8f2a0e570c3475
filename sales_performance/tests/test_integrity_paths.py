# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Measured, workflow and answer fields change only through their actions (issue N).

Each test is one finding of the review of write paths: a manager, or an administrator, writing
what only an action or a job may write; a context key sent by a client; a record put in the
caller's team to reach another team's salesperson; a Refresh of anyone's goal; a period closed
while other teams' reviews were pending; a KPI measuring a field its author may not read; a
public method given a wrong type.
"""

from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestIntegrityPaths(SalesPerformanceScenario):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls._create_user("sp_admin", "SP Admin", "sales_performance.group_sales_performance_admin")
        cls.goal_1 = cls._create_goal(cls.march, cls.kpi["revenue"], 250, user=cls.rep_1, team=cls.team_a, weight=100)
        cls.goal_3 = cls._create_goal(cls.march, cls.kpi["revenue"], 50, user=cls.rep_3, team=cls.team_b, weight=100)
        cls.Review = cls.env["sales.performance.review"]
        cls.review_1 = cls.Review._create_manual(cls.march, cls.rep_1)
        cls.plan_1 = cls.env["sales.performance.plan"].create({"period_id": cls.march.id, "user_id": cls.rep_1.id})

    # ------------------------------------------------------------------ measured figures
    def test_goal_measured_figures_refused_to_everyone(self):
        """Finding: a manager wrote actual 19,160 -> 1,000,000 (attainment 3,703 %)."""
        self.assertEqual(self.goal_1.actual, 300.0)  # rep_1's March revenue
        for user in (self.manager_a, self.admin):
            for vals in ({"actual": 1_000_000.0}, {"attainment": 3703.0}, {"pace_status": "ahead"}):
                with self.assertRaises(AccessError) as caught:
                    self.goal_1.with_user(user).write(vals)
                self.assertIn("Refresh", str(caught.exception))
        self.assertEqual(self.goal_1.actual, 300.0)
        self.assertEqual(self.goal_1.attainment, 120.0)  # 300 of 250
        # The target stays the manager's to set.
        self.goal_1.with_user(self.manager_a).write({"target": 300.0})
        self.assertEqual(self.goal_1.attainment, 100.0)

    def test_review_score_and_line_figures_refused(self):
        """Findings: a review's computed score was writable (60 -> 150, no reason); with the
        context key review_recompute a manager rewrote a line (actual 0 -> 10,000,000)."""
        line = self.review_1.line_ids
        self.assertEqual((line.actual, line.target), (300.0, 250.0))
        as_manager = self.review_1.with_user(self.manager_a)
        with self.assertRaises(AccessError):
            as_manager.write({"score": 150.0})
        with self.assertRaises(AccessError):
            line.with_user(self.manager_a).with_context(review_recompute=True).write(
                {"actual": 10_000_000.0, "target": 1.0}
            )
        with self.assertRaises(AccessError):
            line.with_user(self.admin).write({"weighted_score": 150.0})
        self.assertEqual((line.actual, line.target), (300.0, 250.0))
        # The designed path: an adjustment with its reason.
        line.with_user(self.manager_a).write(
            {"is_adjusted": True, "adjusted_attainment": 90.0, "adjustment_reason": "Big deal slipped"}
        )
        self.assertEqual(self.review_1.score, 90.0)

    # ------------------------------------------------------------------ answers and states
    def test_manager_cannot_write_the_salespersons_answers(self):
        """Finding: a manager set a review done with a forged self-assessment, a plan
        acknowledged with forged obstacles, an acknowledged plan back to draft without reason."""
        self.review_1.with_user(self.manager_a).action_share()
        with self.assertRaises(AccessError):
            self.review_1.with_user(self.manager_a).write({"state": "done", "self_assessment": "All fine"})
        with self.assertRaises(AccessError):
            self.review_1.with_user(self.admin).write({"self_assessment": "All fine"})
        self.assertEqual(self.review_1.state, "shared")
        self.assertFalse(self.review_1.self_assessment)

        plan = self.plan_1.with_user(self.manager_a)
        with self.assertRaises(AccessError):
            plan.write({"state": "active", "obstacles": "None at all"})
        self.assertTrue(plan.action_share())
        self.plan_1.with_user(self.rep_1).action_acknowledge(obstacles="Long holidays")
        self.assertEqual(self.plan_1.state, "active")
        with self.assertRaises(AccessError):
            plan.write({"state": "draft"})
        with self.assertRaises(ValidationError):
            plan.action_reopen(12)  # an int where the reason text is expected
        self.assertTrue(plan.action_reopen("Targets change in April"))
        self.assertEqual(self.plan_1.state, "draft")
        self.assertEqual(self.plan_1.obstacles, "Long holidays")

    # ------------------------------------------------------------------ who may act
    def test_team_follows_the_salesperson(self):
        """Finding: the manager of team East made a goal and a review for a salesperson of team
        West by putting his own team on the record."""
        Goal = self.Goal.with_user(self.manager_a)
        with self.assertRaises(ValidationError):
            Goal.create(
                {
                    "period_id": self.february.id,
                    "kpi_id": self.kpi["revenue"].id,
                    "scope": "user",
                    "user_id": self.rep_3.id,
                    "team_id": self.team_a.id,
                    "target": 10.0,
                }
            )
        with self.assertRaises(ValidationError):
            self.goal_3.with_user(self.manager_b).write({"team_id": self.team_a.id})
        Review = self.Review.with_user(self.manager_a)
        with self.assertRaises(AccessError):
            Review.create(
                {"period_id": self.march.id, "user_id": self.rep_3.id, "team_id": self.team_a.id, "line_ids": []}
            )
        with self.assertRaises(ValidationError):
            self.plan_1.with_user(self.manager_a).write({"team_id": self.team_b.id})
        self.assertFalse(self.Review.search([("user_id", "=", self.rep_3.id)]))

    def test_manual_review_snapshot_is_the_servers(self):
        """A review made by hand takes its lines from the goals, whatever the client sends."""
        review = self.Review.with_user(self.manager_a).create(
            {
                "period_id": self.march.id,
                "user_id": self.rep_2.id,
                "line_ids": [(0, 0, {"kpi_id": self.kpi["revenue"].id, "actual": 9_999_999.0, "target": 1.0})],
            }
        )
        self.assertFalse(review.line_ids, "rep_2 has no goal in March: no line")
        self.assertEqual(review.team_id, self.team_a)
        self.assertEqual(review.manager_id, self.manager_a)

    # ------------------------------------------------------------------ refresh, close
    def test_refresh_only_goals_the_caller_may_read(self):
        """Finding: a salesperson's Refresh worked on anyone's goal (SQL write without check)."""
        with self.assertRaises(AccessError):
            self.goal_1.with_user(self.rep_3).action_refresh()
        # Through the period's Refresh: only the goals rep_3 may read are measured again.
        self._set_dates("sales_performance_goal", self.goal_1, refreshed_at=datetime(2026, 3, 2, 8, 0))
        self._set_dates("sales_performance_goal", self.goal_3, refreshed_at=datetime(2026, 3, 2, 8, 0))
        result = self.march.with_user(self.rep_3).action_refresh_goals()
        self.assertEqual(self.goal_1.refreshed_at, datetime(2026, 3, 2, 8, 0), "rep_1's goal untouched")
        self.assertNotEqual(self.goal_3.refreshed_at, datetime(2026, 3, 2, 8, 0), "rep_3's own goal measured")
        self.assertIs(result, True)
        self.assertTrue(self.goal_1.with_user(self.rep_1).action_refresh())

    def test_period_close_counts_every_review(self):
        """Finding: a manager closed the period while other teams' reviews were pending (the
        count was taken under his own record rules)."""
        review_3 = self.Review._create_manual(self.march, self.rep_3)
        self.review_1.sudo().write({"state": "done"})
        self.march.sudo().state = "evaluating"
        self.assertEqual(review_3.state, "draft")
        with self.assertRaises(UserError) as caught:
            self.march.with_user(self.manager_a).action_close()
        self.assertIn("1 review(s) not done", str(caught.exception))
        self.assertEqual(self.march.state, "evaluating")

    # ------------------------------------------------------------------ generic KPI
    def test_generic_kpi_only_measures_fields_its_author_reads(self):
        """Finding: a Sales Administrator without HR rights read an HR-only employee field
        through a generic KPI."""
        if "hr.employee" not in self.env:
            self.skipTest("needs hr (installed in the test template)")
        fields_of = self.env["ir.model.fields"]._get
        vals = {
            "code": "KMH",
            "name": "Distance",
            "source_id": self.env.ref("sales_performance.kpi_source_generic").id,
            "generic_model_id": self.env["ir.model"]._get_id("hr.employee"),
            "generic_date_field_id": fields_of("hr.employee", "create_date").id,
            "generic_user_field_id": fields_of("hr.employee", "user_id").id,
            "generic_aggregate": "sum",
            "generic_measure_field_id": fields_of("hr.employee", "km_home_work").id,
        }
        self.assertFalse(self.admin.has_group("hr.group_hr_user"))
        with self.assertRaises(ValidationError) as caught:
            self.Kpi.with_user(self.admin).create(vals)
        self.assertIn("Home-Work Distance", str(caught.exception))

    # ------------------------------------------------------------------ RPC contract
    def test_wrong_types_refused_naming_the_field(self):
        """Finding: malformed calls ended in internal errors (x2many given a string, an int for
        a reason, year 9999 periods); refusals of a missing record were logged at ERROR."""
        with self.assertRaises(ValidationError) as caught:
            self.goal_1.with_user(self.manager_a).write({"coaching_ids": "abc"})
        self.assertIn("Coaching Sessions", str(caught.exception))
        self.assertIs(self.review_1.with_user(self.manager_a).action_share(), True)
        with self.assertRaises(ValidationError):
            self.review_1.with_user(self.manager_a).action_back_to_draft(404)
        with self.assertRaises(ValidationError) as caught:
            self.Period.create(
                {
                    "name": "Far",
                    "period_type": "month",
                    "date_start": date(9999, 12, 1),
                    "date_end": date(9999, 12, 31),
                    "company_id": self.company.id,
                }
            )
        self.assertIn("Start", str(caught.exception))
        with self.assertNoLogs("odoo.sql_db", level="ERROR"), self.assertRaises(ValidationError):
            self.Goal.with_user(self.manager_a).create(
                {
                    "period_id": self.march.id,
                    "kpi_id": 999_999,
                    "scope": "user",
                    "user_id": self.rep_2.id,
                    "target": 10.0,
                }
            )

    def test_actions_return_rpc_values(self):
        """Finding: public methods that succeed returned None ("cannot marshal None")."""
        self.assertIs(self.march.action_refresh_goals(), True)
        self.march.sudo().state = "evaluating"
        self.assertIs(self.march.action_reopen(), True)
        self.assertFalse(hasattr(self.Review, "create_manual"), "a method taking records is internal")
