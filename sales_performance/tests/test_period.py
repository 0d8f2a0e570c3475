# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from datetime import date, datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import convert_file, mute_logger

from .common import SalesPerformanceCommon, SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestPeriod(SalesPerformanceCommon):
    @mute_logger("odoo.sql_db")
    def test_start_after_end(self):
        with self.assertRaises(ValidationError) as caught:
            self._create_period(date(2026, 3, 31), date(2026, 3, 1))
        self.assertIn("Start Date", str(caught.exception))

    def test_same_type_periods_never_overlap(self):
        self._create_period(date(2026, 3, 1), date(2026, 3, 31), "month")
        with self.assertRaises(ValidationError) as caught:
            self._create_period(date(2026, 3, 15), date(2026, 4, 14), "month")
        self.assertIn("overlap", str(caught.exception))
        # Another type, or another company, may cover the same days.
        self._create_period(date(2026, 1, 1), date(2026, 3, 31), "quarter")
        other = self.setup_other_company(name="Other")["company"]
        self._create_period(date(2026, 3, 15), date(2026, 4, 14), "month", company=other)

    def test_generate_a_fiscal_year(self):
        wizard = self.env["sales.performance.period.generate"].create(
            {"company_id": self.company.id, "date": date(2026, 6, 15)}
        )
        wizard.action_generate()
        periods = self.Period.search([("company_id", "=", self.company.id)])
        self.assertEqual(len(periods), 17)
        self.assertEqual(
            sorted(periods.filtered(lambda p: p.period_type == "quarter").mapped("name")),
            ["2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"],
        )
        wizard.action_generate()
        self.assertEqual(self.Period.search_count([("company_id", "=", self.company.id)]), 17, "idempotent")

    def test_generate_a_fiscal_year_ending_in_march(self):
        self.company.write({"fiscalyear_last_month": "3", "fiscalyear_last_day": 31})
        periods = self.Period._generate_fiscal_year(self.company, date(2026, 11, 27), ("year", "quarter"))
        year = periods.filtered(lambda p: p.period_type == "year")
        self.assertEqual((year.date_start, year.date_end), (date(2026, 4, 1), date(2027, 3, 31)))
        self.assertEqual(year.name, "FY 2027")
        quarters = periods.filtered(lambda p: p.period_type == "quarter").sorted("date_start")
        self.assertEqual(quarters.mapped("name"), ["2027 Q1", "2027 Q2", "2027 Q3", "2027 Q4"])
        self.assertEqual(
            min(periods.filtered(lambda p: p.period_type == "quarter").mapped("date_end")), date(2026, 6, 30)
        )

    def test_wizard_needs_a_type(self):
        wizard = self.env["sales.performance.period.generate"].create(
            {"company_id": self.company.id, "monthly": False, "quarterly": False, "yearly": False}
        )
        with self.assertRaises(UserError):
            wizard.action_generate()

    def test_period_with_goals_cannot_be_deleted(self):
        period = self._create_period(date(2026, 3, 1), date(2026, 3, 31), "month")
        self._create_goal(period, self.kpi["revenue"], 10, scope="company")
        with self.assertRaises(UserError):
            period.unlink()

    def test_workflow(self):
        period = self._create_period(date(2026, 3, 1), date(2026, 3, 31), "month")
        period.action_start_evaluation()
        self.assertEqual(period.state, "evaluating")
        period.action_close()
        self.assertEqual(period.state, "closed")
        period.action_reopen()
        self.assertEqual(period.state, "open")

    def test_generation_job_logs_its_counts(self):
        logger = "odoo.addons.sales_performance.models.sales_performance_period"
        with self.assertLogs(logger, logging.INFO) as logs:
            made = self.Period.sudo()._cron_generate_periods()
        self.assertTrue(made)
        self.assertIn("Period generation: checking", logs.output[0])
        self.assertIn(f"Period generation done: {len(made)} period(s) made", logs.output[-1])

    def test_evaluation_job_logs_its_counts(self):
        period = self._create_period(date(2025, 1, 1), date(2025, 1, 31), "month")
        self._create_goal(period, self.kpi["revenue"], 10, scope="company")  # Issue I: only periods with goals
        logger = "odoo.addons.sales_performance.models.sales_performance_period"
        with self.assertLogs(logger, logging.INFO) as logs:
            due = self.Period.sudo()._cron_evaluate_periods()
        self.assertIn(period, due)
        self.assertIn(f"Period evaluation: {len(due)} period(s) due", logs.output[0])
        self.assertIn(f"{period.name} (id {period.id}) evaluated, 0 review(s) made", "\n".join(logs.output))
        self.assertIn(f"Period evaluation done: {len(due)} period(s)", logs.output[-1])


@tagged("post_install", "-at_install")
class TestPeriodLifecycle(SalesPerformanceScenario):
    def test_evaluation_measures_every_goal_before_freezing(self):
        """Revenue goals of every scope in March: company 500, Team A 400, Team B 100, rep_1 300,
        rep_2 100, rep_3 100 (see the scenario). rep_2 sells 100 more on 25 March and nobody
        refreshes: the evaluation measures every goal a last time, company 600, Team A 500,
        rep_2 200 (it used to re-measure only the goals of salespeople with a plan)."""
        goals = self._goals_for_all_scopes(self.march, self.kpi["revenue"])
        self.env["sales.performance.plan"].create({"user_id": self.rep_2.id, "period_id": self.march.id})
        self._create_order(
            self.rep_2, self.customer_3, [(self.product_hard, 1, 100)], datetime(2026, 3, 25, 10), self.team_a
        )
        self.march.action_start_evaluation()
        self.assertEqual(self.march.state, "evaluating")
        self.assertEqual(goals.mapped("actual"), [600, 500, 100, 300, 200, 100])

    def test_goals_of_evaluated_and_closed_periods_are_never_rewritten(self):
        goal = self._create_goal(self.march, self.kpi["revenue"], 1000, user=self.rep_1, team=self.team_a)
        goal._refresh_actuals()
        self.march.action_start_evaluation()
        frozen = (goal.actual, goal.refreshed_at)
        self.assertEqual(goal.actual, 300)
        self._create_order(
            self.rep_1, self.customer_3, [(self.product_hard, 1, 100)], datetime(2026, 3, 25, 10), self.team_a
        )
        for state in ("evaluating", "closed"):
            with self.subTest(state=state):
                if state == "closed":
                    self.march.action_close()
                self.assertEqual(self.march.state, state)
                with self.assertRaisesRegex(UserError, "2026-03 is being evaluated or closed"):
                    goal.action_refresh()
                with self.assertRaisesRegex(UserError, "2026-03 is being evaluated or closed"):
                    self.march.action_refresh_goals()
                goal._refresh_actuals()  # any other caller: nothing is measured
                self.assertFalse(self.march._refresh_goals(), "the job skips them")
                self.assertEqual((goal.actual, goal.refreshed_at), frozen)

    @freeze_time("2026-06-01 12:00:00")
    def test_evaluation_job_takes_only_periods_with_goals_or_plans(self):
        # Issue I: a new installation's job put every past period into evaluation at once.
        january = self._create_period(date(2026, 1, 1), date(2026, 1, 31), "month", name="2026-01")
        self._create_goal(self.february, self.kpi["revenue"], 10, user=self.rep_1)
        self.env["sales.performance.plan"].create({"user_id": self.rep_2.id, "period_id": self.march.id})
        due = self.Period.sudo()._cron_evaluate_periods()
        self.assertIn(self.february, due)
        self.assertIn(self.march, due)
        self.assertNotIn(january, due)
        self.assertNotIn(self.march_other_company, due)
        self.assertEqual(
            (january.state, self.march_other_company.state, self.february.state, self.march.state),
            ("open", "open", "evaluating", "evaluating"),
        )


@tagged("post_install", "-at_install")
class TestRefreshJobRecord(SalesPerformanceCommon):
    def test_refresh_job_runs_on_the_period(self):
        job = self.env.ref("sales_performance.ir_cron_refresh_goal_actuals")
        self.assertEqual((job.model_id.model, job.code), ("sales.performance.period", "model._cron_refresh_goals()"))

    def test_an_update_moves_the_job_of_an_older_database(self):
        """A database made when the job ran on the goal keeps its (noupdate) job record: updating
        the addon points it to the period, keeping the schedule the administrator set."""
        job = self.env.ref("sales_performance.ir_cron_refresh_goal_actuals")
        job.write(
            {
                "model_id": self.env["ir.model"]._get_id("sales.performance.goal"),
                "code": "model._cron_refresh_actuals()",
                "interval_number": 3,
                "active": False,
            }
        )
        convert_file(self.env, "sales_performance", "data/ir_cron_data.xml", {}, mode="update", noupdate=False)
        self.assertEqual(job.model_id.model, "sales.performance.period")
        self.assertEqual(job.code, "model._cron_refresh_goals()")
        self.assertEqual((job.interval_number, job.active), (3, False), "the administrator's schedule is kept")
        convert_file(self.env, "sales_performance", "data/ir_cron_data.xml", {}, mode="update", noupdate=False)
        self.assertEqual(job.code, "model._cron_refresh_goals()", "a second update changes nothing")
