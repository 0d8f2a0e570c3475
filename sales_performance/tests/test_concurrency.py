# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Two real database cursors at once: a refresh never waits for, duplicates or overwrites
another refresh or a user's edit. The data is committed (other cursors must see it) and
removed again afterwards."""

from datetime import date

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestConcurrentRefresh(TransactionCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            period = env["sales.performance.period"].create(
                {
                    "name": "Concurrency test",
                    "period_type": "custom",
                    "date_start": date(2031, 5, 1),
                    "date_end": date(2031, 5, 31),
                    "company_id": env.ref("base.main_company").id,
                }
            )
            kpis = env.ref("sales_performance.kpi_revenue") | env.ref("sales_performance.kpi_order_count")
            # Never measured (a new goal is measured when created): the refreshes below write them.
            goals = (
                env["sales.performance.goal"]
                .with_context(sales_performance_defer_measure=True)
                .create([{"period_id": period.id, "kpi_id": kpi.id, "scope": "company", "target": 100} for kpi in kpis])
            )
            self.period_id, self.goal_ids = period.id, goals.ids
        self.addCleanup(self._remove_committed_data)

    def _remove_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["sales.performance.goal"].browse(self.goal_ids).unlink()
            env["sales.performance.period"].browse(self.period_id).unlink()

    def _goals(self, cr):
        cr.execute("SET LOCAL lock_timeout = '2s'")  # a wait would be a failure, not a hang
        return api.Environment(cr, SUPERUSER_ID, {})["sales.performance.goal"].browse(self.goal_ids)

    def test_two_refreshes_at_once(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            done_a = self._goals(cr_a)._refresh_actuals()
            done_b = self._goals(cr_b)._refresh_actuals()
            self.assertEqual(len(done_a), 2)
            self.assertFalse(done_b, "rows being refreshed are skipped, not waited for")
            cr_a.commit()
            cr_b.rollback()
            again = self._goals(cr_b)._refresh_actuals()
            self.assertEqual(len(again), 2, "once the first refresh is over, the next one does everything")
            cr_b.commit()

    def test_refresh_skips_a_goal_a_user_is_editing(self):
        with self.registry.cursor() as cr_user, self.registry.cursor() as cr_cron:
            edited = self._goals(cr_user)[0]
            edited.target = 50
            edited.flush_recordset()  # the UPDATE holds the row lock until commit
            done = self._goals(cr_cron)._refresh_actuals()
            self.assertEqual(done.ids, self.goal_ids[1:])
            cr_cron.commit()
            cr_user.commit()  # the user's target is not lost
        with self.registry.cursor() as cr:
            goal = self._goals(cr)[0]
            self.assertEqual(goal.target, 50)
            goal._refresh_actuals()
            self.assertEqual(goal.attainment, 0.0)
            self.assertTrue(goal.refreshed_at)

    def _period(self, cr):
        return self._goals(cr).env["sales.performance.period"].browse(self.period_id)

    def test_two_refresh_jobs_on_one_period(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            self.assertEqual(len(self._period(cr_a)._refresh_goals()), 2)
            self.assertFalse(self._period(cr_b)._refresh_goals(), "the period being refreshed is skipped")
            cr_a.commit()
            cr_b.rollback()

    def test_refresh_job_leaves_a_goal_a_user_is_editing_to_its_next_pass(self):
        with self.registry.cursor() as cr_user, self.registry.cursor() as cr_cron:
            edited = self._goals(cr_user)[0]
            edited.target = 50
            edited.flush_recordset()  # the UPDATE holds the row lock until commit
            done = self._period(cr_cron)._refresh_goals()
            self.assertEqual(done.ids, self.goal_ids[1:], "measured, not written: the user holds it")
            cr_cron.commit()
            cr_user.commit()
        with self.registry.cursor() as cr:
            goals = self._goals(cr)
            self.assertFalse(goals[0].refreshed_at)
            self.assertTrue(goals[1].refreshed_at)
            self.assertEqual(self._period(cr)._refresh_goals(), goals)
            self.assertTrue(goals[0].refreshed_at, "written at the next pass")
            self.assertEqual(goals[0].target, 50)


@tagged("post_install", "-at_install")
class TestConcurrentEvaluation(TransactionCase):
    """Two evaluation runs at once (two cron workers) make one review per salesperson."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            admin = env.ref("base.user_admin")
            period = env["sales.performance.period"].create(
                {
                    "name": "Evaluation race",
                    "period_type": "custom",
                    "date_start": date(2025, 5, 1),
                    "date_end": date(2025, 5, 31),
                    "company_id": admin.company_id.id,
                }
            )
            goal = env["sales.performance.goal"].create(
                {
                    "period_id": period.id,
                    "kpi_id": env.ref("sales_performance.kpi_revenue").id,
                    "scope": "user",
                    "user_id": admin.id,
                    "target": 100,
                    "weight": 100,
                }
            )
            plan = env["sales.performance.plan"].create({"period_id": period.id, "user_id": admin.id})
            self.ids = {"period": period.id, "goal": goal.id, "plan": plan.id}
        self.addCleanup(self._remove_committed_data)

    def _remove_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["sales.performance.review"].search([("period_id", "=", self.ids["period"])]).unlink()
            env["sales.performance.plan"].browse(self.ids["plan"]).unlink()
            env["sales.performance.goal"].browse(self.ids["goal"]).unlink()
            env["sales.performance.period"].browse(self.ids["period"]).unlink()

    def test_two_workers(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            period_a = api.Environment(cr_a, SUPERUSER_ID, {})["sales.performance.period"].browse(self.ids["period"])
            period_b = api.Environment(cr_b, SUPERUSER_ID, {})["sales.performance.period"].browse(self.ids["period"])
            cr_b.execute("SET LOCAL lock_timeout = '2s'")
            self.assertEqual(len(period_a._evaluate()), 1)
            self.assertFalse(period_b._evaluate(), "the second worker skips the locked period")
            cr_a.commit()
            cr_b.rollback()
            self.assertFalse(period_b._evaluate(), "once done, a rerun adds nothing")
            cr_b.commit()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertEqual(env["sales.performance.review"].search_count([("period_id", "=", self.ids["period"])]), 1)
