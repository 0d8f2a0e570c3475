# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The statement job killed mid-run: the periods it committed stay, the rerun completes the
others, and the outcome is the one of an uninterrupted run (one statement per salesperson and
period, nothing twice). Real cursors, committed data removed afterwards."""

from datetime import date

import psycopg2.errors

from odoo.tests import new_test_user, tagged

from odoo.addons.sales_performance.tests.common import CronInterruptionCase


@tagged("post_install", "-at_install")
class TestStatementCronInterrupted(CronInterruptionCase):
    def setUp(self):
        super().setUp()
        self.addCleanup(self._remove_committed_data)
        self.ids = self._committed(self._create_data)

    def _create_data(self, env):
        # The job runs over every company's evaluated periods: in a database with demo data it
        # also makes statements for the demo's salespeople, removed afterwards with ours.
        last_statement = self._last_id(env, "sales.incentive.statement")
        company = env.ref("base.main_company")
        reps = env["res.users"]
        for index in range(3):
            reps |= new_test_user(env, login=f"stmt_rep_{index}", groups="sales_team.group_sale_salesman")
        plan = env["sales.incentive.plan"].create(
            {
                "name": "Interrupted statements",
                "company_id": company.id,
                "component_ids": [(0, 0, {"name": "Commission", "component_type": "commission", "default_rate": 5})],
                "assignment_ids": [(0, 0, {"user_id": rep.id, "date_from": date(2034, 1, 1)}) for rep in reps],
            }
        )
        plan.action_approve()
        periods = env["sales.performance.period"].create(
            [
                {
                    "name": name,
                    "period_type": "month",  # the plan pays monthly
                    "date_start": start,
                    "date_end": end,
                    "company_id": company.id,
                    "state": "evaluating",  # evaluated, no review pending
                }
                for name, start, end in (
                    ("Stmt 2034-01", date(2034, 1, 1), date(2034, 1, 31)),
                    ("Stmt 2034-02", date(2034, 2, 1), date(2034, 2, 28)),
                )
            ]
        )
        return {
            "reps": reps.ids,
            "plan": plan.id,
            "january": periods[0].id,
            "february": periods[1].id,
            "last_statement": last_statement,
        }

    def _remove_committed_data(self):
        def remove(env):
            self._new_ids(env, "sales.incentive.statement", self.ids["last_statement"]).unlink()
            env["sales.performance.period"].browse(self._period_ids()).unlink()
            plan = env["sales.incentive.plan"].browse(self.ids["plan"])
            plan.state = "draft"
            plan.unlink()
            env["res.users"].browse(self.ids["reps"]).unlink()

        self._committed(remove)

    def _period_ids(self):
        return [self.ids["january"], self.ids["february"]]

    def _final_state(self, env):
        statements = env["sales.incentive.statement"].search(
            [("period_id", "in", self._period_ids()), ("user_id", "in", self.ids["reps"])]
        )
        return sorted(
            (s.user_id.id, s.period_id.id, s.plan_id.id, s.state, s.amount_total, len(s.line_ids)) for s in statements
        )

    def _cron_env(self, env):
        """The job as the scheduler runs it (it commits each period)."""
        cron = env.ref("sales_performance_incentive.ir_cron_generate_statements")
        return env["sales.incentive.statement"].with_context(cron_id=cron.id)

    def test_killed_mid_run_then_rerun(self):
        expected = self._uninterrupted_outcome(
            lambda env: env["sales.incentive.statement"]._cron_generate(), self._final_state
        )
        january_rep = self.ids["reps"][0]
        with self.registry.cursor() as cr_worker, self.registry.cursor() as cr_other:
            # Another transaction is making January's statement of the first salesperson: the
            # job, done with February (the latest period comes first), waits on it and dies.
            self._env(cr_other)["sales.incentive.statement"].create(
                {"user_id": january_rep, "period_id": self.ids["january"], "plan_id": self.ids["plan"]}
            )
            cr_worker.execute("SET lock_timeout = '1s'")
            try:
                with (
                    self.assertRaises(psycopg2.errors.LockNotAvailable),
                    self.assertLogs("odoo.sql_db", "ERROR"),
                ):
                    self._cron_env(self._env(cr_worker))._cron_generate()
            finally:
                cr_worker.rollback()
                cr_worker.execute("RESET lock_timeout")
                cr_other.rollback()
        after_kill = self._committed(self._final_state)
        self.assertEqual(
            {(user, period) for user, period, *_rest in after_kill},
            {(rep, self.ids["february"]) for rep in self.ids["reps"]},
            "February was committed before the kill, January was lost with it",
        )
        made = self._committed(
            lambda env: self._cron_env(env)._cron_generate().filtered(lambda s: s.user_id.id in self.ids["reps"])
        )
        self.assertEqual(len(made), 3, "the rerun makes January only")
        outcome = self._committed(self._final_state)
        self.assertEqual(outcome, expected)
        # By hand: 3 salespeople x 2 periods, one statement each, no invoice: nothing earned.
        pairs = {(user, period) for user, period, *_rest in outcome}
        self.assertEqual(len(outcome), 6)
        self.assertEqual(pairs, {(rep, p) for rep in self.ids["reps"] for p in self._period_ids()})
        self.assertEqual({row[3:5] for row in outcome}, {("draft", 0.0)})
