# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Every scheduled job of the addon survives being killed mid-run.

The scheduler calls a job again and again, committing after each call, while the job reports
work remaining. Each test commits real data, runs the first chunk and commits it, lets a
second chunk do its work and then kills the worker before the commit (its transaction is
lost, as when the process dies), then reruns the job to the end. The outcome must be the one
of an uninterrupted run (measured first, then rolled back), and the one computed by hand:
nothing twice, nothing missing. The data is removed afterwards.
"""

from datetime import date, timedelta

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from .common import CronInterruptionCase


@tagged("post_install", "-at_install")
class TestCheckinCronInterrupted(CronInterruptionCase):
    def setUp(self):
        super().setUp()
        self.addCleanup(self._remove_committed_data)
        self.ids = self._committed(self._create_plans)

    def _create_plans(self, env):
        company = env.ref("base.main_company")
        self.cadence = company.performance_checkin_cadence
        company.performance_checkin_cadence = "weekly"
        today = fields.Date.context_today(env["sales.performance.plan"])
        period = env["sales.performance.period"].create(
            {
                "name": "Check-in interruption",
                "period_type": "custom",
                "date_start": date(2033, 1, 1),
                "date_end": date(2033, 12, 31),
                "company_id": company.id,
            }
        )
        manager = new_test_user(env, login="ckin_manager", groups="sales_team.group_sale_salesman")
        reps = env["res.users"]
        for index in range(5):
            reps |= new_test_user(env, login=f"ckin_rep_{index}", groups="sales_team.group_sale_salesman")
        plans = env["sales.performance.plan"].create(
            [
                {
                    "period_id": period.id,
                    "user_id": rep.id,
                    "manager_id": manager.id,
                    "state": "active",
                    "next_checkin_date": today - timedelta(days=1),
                }
                for rep in reps
            ]
        )
        return {"period": period.id, "plans": plans.ids, "users": (manager | reps).ids, "manager": manager.id}

    def _remove_committed_data(self):
        def remove(env):
            plans = env["sales.performance.plan"].browse(self.ids["plans"])
            plans.state = "draft"  # only draft plans may be deleted
            plans.unlink()  # with their activities
            env["sales.performance.period"].browse(self.ids["period"]).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()
            env.ref("base.main_company").performance_checkin_cadence = self.cadence

        self._committed(remove)

    def _job(self, env):
        return env["sales.performance.plan"]._cron_checkins(limit=2)

    def _final_state(self, env):
        plans = env["sales.performance.plan"].browse(self.ids["plans"])
        checkin = env.ref("sales_performance.mail_activity_type_checkin")
        activities = env["mail.activity"].search(
            [("res_model", "=", plans._name), ("res_id", "in", plans.ids), ("activity_type_id", "=", checkin.id)]
        )
        return {
            "activities": sorted((a.res_id, a.user_id.id, a.date_deadline) for a in activities),
            "next_checkins": sorted(set(plans.mapped("next_checkin_date"))),
        }

    def test_killed_mid_run_then_rerun(self):
        outcome = self._outcome_after_kill_and_rerun(self._job, self._final_state)
        # By hand: 5 plans x (manager + salesperson) = 10 activities, one per pair, due
        # yesterday; every plan's next check-in a week from today.
        today = fields.Date.context_today(self.env["sales.performance.plan"])
        pairs = [(plan_id, user_id) for plan_id, user_id, _deadline in outcome["activities"]]
        self.assertEqual(len(pairs), 10)
        self.assertEqual(len(set(pairs)), 10, "no check-in twice")
        self.assertEqual({deadline for *_pair, deadline in outcome["activities"]}, {today - timedelta(days=1)})
        self.assertEqual(outcome["next_checkins"], [today + timedelta(weeks=1)])


@tagged("post_install", "-at_install")
class TestDigestCronInterrupted(CronInterruptionCase):
    def setUp(self):
        super().setUp()
        self.addCleanup(self._remove_committed_data)
        self.ids = self._committed(self._create_companies)

    def _create_companies(self, env):
        ids = {"companies": [], "users": [], "teams": [], "periods": [], "goals": []}
        revenue = env.ref("sales_performance.kpi_revenue")
        for index in range(3):
            company = env["res.company"].create({"name": f"Digest company {index}", "performance_digest": "daily"})
            leader, rep = (
                new_test_user(
                    env,
                    login=f"digest_{role}_{index}",
                    name=f"Digest {role} {index}",
                    email=f"digest.{role}.{index}@example.com",
                    groups="sales_team.group_sale_salesman",
                    company_id=company.id,
                    company_ids=[Command.set(company.ids)],
                )
                for role in ("leader", "rep")
            )
            team = env["crm.team"].create(
                {
                    "name": f"Digest team {index}",
                    "user_id": leader.id,
                    "company_id": company.id,
                    "crm_team_member_ids": [Command.create({"user_id": rep.id})],
                }
            )
            period = env["sales.performance.period"].create(
                {
                    "name": f"Digest period {index}",
                    "period_type": "custom",
                    "date_start": date(2033, 1, 1),
                    "date_end": date(2033, 12, 31),
                    "company_id": company.id,
                }
            )
            goal = env["sales.performance.goal"].create(
                {
                    "period_id": period.id,
                    "kpi_id": revenue.id,
                    "scope": "user",
                    "user_id": rep.id,
                    "team_id": team.id,
                    "target": 100,
                }
            )
            ids["companies"].append(company.id)
            ids["users"] += [leader.id, rep.id]
            ids["teams"].append(team.id)
            ids["periods"].append(period.id)
            ids["goals"].append(goal.id)
        ids["last_mail"] = self._last_id(env, "mail.mail")  # the digests come after
        return ids

    def _remove_committed_data(self):
        def remove(env):
            self._new_ids(env, "mail.mail", self.ids["last_mail"]).unlink()
            env["sales.performance.goal"].browse(self.ids["goals"]).unlink()
            env["sales.performance.period"].browse(self.ids["periods"]).unlink()
            env["crm.team"].browse(self.ids["teams"]).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()
            self._unlink_companies(env, self.ids["companies"])

        self._committed(remove)

    def _job(self, env):
        return env["sales.performance.digest"]._cron_send_digests(limit=1)

    def _final_state(self, env):
        mails = self._new_ids(env, "mail.mail", self.ids["last_mail"])
        return sorted((mail.email_to, mail.subject) for mail in mails)

    def test_killed_mid_run_then_rerun(self):
        outcome = self._outcome_after_kill_and_rerun(self._job, self._final_state)
        # By hand: one e-mail per company, to its team leader, never two.
        self.assertEqual(
            outcome,
            [
                (
                    f'"Digest leader {index}" <digest.leader.{index}@example.com>',
                    f"Sales performance of your team - Digest company {index}",
                )
                for index in range(3)
            ],
        )


@tagged("post_install", "-at_install")
class TestPeriodCronInterrupted(CronInterruptionCase):
    def setUp(self):
        super().setUp()
        self.addCleanup(self._remove_committed_data)
        self.ids = self._committed(self._create_companies)

    def _create_companies(self, env):
        last_period = self._last_id(env, "sales.performance.period")
        companies = env["res.company"].create([{"name": f"Period company {index}"} for index in range(3)])
        return {"companies": companies.ids, "last_period": last_period}

    def _remove_committed_data(self):
        def remove(env):
            self._new_ids(env, "sales.performance.period", self.ids["last_period"]).unlink()
            self._unlink_companies(env, self.ids["companies"])

        self._committed(remove)

    def _job(self, env):
        return env["sales.performance.period"]._cron_generate_periods(limit=1)

    def _final_state(self, env):
        periods = self._new_ids(env, "sales.performance.period", self.ids["last_period"])
        return sorted((p.company_id.id, p.period_type, p.date_start, p.date_end, p.name) for p in periods)

    def test_killed_mid_run_then_rerun(self):
        outcome = self._outcome_after_kill_and_rerun(self._job, self._final_state)
        # By hand, for each new company (calendar fiscal year): this year and next, each of
        # 12 months, 4 quarters and the year: 34 periods, none twice.
        this_year = fields.Date.context_today(self.env["sales.performance.period"]).year
        for company_id in self.ids["companies"]:
            mine = [row[1:] for row in outcome if row[0] == company_id]
            self.assertEqual(len(mine), 34)
            self.assertEqual(len({(ptype, start) for ptype, start, *_rest in mine}), 34)
            years = [row for row in mine if row[0] == "year"]
            self.assertEqual(
                [(start, end) for _type, start, end, _name in years],
                [(date(year, 1, 1), date(year, 12, 31)) for year in (this_year, this_year + 1)],
            )
