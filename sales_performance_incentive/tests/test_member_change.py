# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Transfers and departures (issue I), by hand, through the wizard."""

import json
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_money_lifecycle import AfterMarchCase


@tagged("post_install", "-at_install")
class TestMemberChange(AfterMarchCase):
    def _change(self, user, change, day, team=None, as_user=None):
        wizard = (
            self.env["sales.incentive.member.change"]
            .with_user(as_user or self.manager_a)
            .create({"user_id": user.id, "change": change, "date": day, "team_id": team.id if team else False})
        )
        return wizard.action_confirm()

    def test_transfer(self):
        """rep_t (Team A) moves to Team B on 16 April: April's goal, performance plan and draft
        statement go to Team B and Manager B; March's goal (a period over) stays with Team A;
        Manager A no longer sees the April statement, Manager B does."""
        rep = self._rep("rep_t", "Rep Transferred")
        self._plan("Monthly 10 %", 10, [(rep, date(2026, 1, 1), False)])
        march_goal = self._create_goal(self.march, self.kpi["revenue"], 100, user=rep, team=self.team_a)
        plan = self.env["sales.performance.plan"].create({"period_id": self.april.id, "user_id": rep.id})
        april_goal = self._create_goal(self.april, self.kpi["revenue"], 100, user=rep, team=self.team_a)
        self.assertEqual((plan.team_id, plan.manager_id, april_goal.plan_id), (self.team_a, self.manager_a, plan))
        self._sell(rep, date(2026, 4, 10), 100)
        statement = self.Statement._generate(self.april, users=rep)
        self.assertEqual(statement.team_id, self.team_a)
        self._change(rep, "transfer", date(2026, 4, 16), team=self.team_b)
        self.assertEqual(rep.sale_team_id, self.team_b)
        self.assertEqual(april_goal.team_id, self.team_b)
        self.assertEqual((plan.team_id, plan.manager_id), (self.team_b, self.manager_b))
        self.assertEqual(statement.team_id, self.team_b)
        self.assertEqual(march_goal.team_id, self.team_a)
        self.assertFalse(self.Statement.with_user(self.manager_a).search([("id", "=", statement.id)]))
        self.assertTrue(self.Statement.with_user(self.manager_b).search([("id", "=", statement.id)]))
        with self.assertRaises(AccessError):
            self._change(rep, "transfer", date(2026, 4, 20), team=self.team_a, as_user=self.rep_1)

    def test_leaver(self):
        """rep_x (commission 10 %, draw 1000 a month) leaves after 15 April (15 of 30 days):
        invoices 300 (10 April) and 500 (20 April, after leaving: not paid). Final statement:
        commission 30, draw 1000 x 0.5 = 500 -> advance 470; total 500. The final review of
        April is made from the April goal; May's goal is archived; no May statement."""
        rep = self._rep("rep_x", "Rep Leaving")
        plan = self._plan(
            "Monthly with draw",
            10,
            [(rep, date(2026, 1, 1), False)],
            extra_components=[{"name": "Draw", "component_type": "draw", "draw_amount": 1000}],
        )
        self._create_goal(self.april, self.kpi["revenue"], 100, user=rep, team=self.team_a)
        may_goal = self._create_goal(self.may, self.kpi["revenue"], 100, user=rep, team=self.team_a)
        self._sell(rep, date(2026, 4, 10), 300)
        self._sell(rep, date(2026, 4, 20), 500)
        action = self._change(rep, "leave", date(2026, 4, 15))
        final = self.Statement.search([("user_id", "=", rep.id)])
        self.assertEqual(action["domain"], [("id", "in", final.ids)])
        self.assertEqual(final.period_id, self.april)
        self.assertEqual(self.amounts(final), {"Commission": 30, "Draw": 470})
        self.assertEqual(final.amount_total, 500)
        self.assertEqual((final.date_from, final.date_to), (date(2026, 4, 1), date(2026, 4, 15)))
        draw = final.line_ids.filtered(lambda line: line.line_kind == "draw_advance")
        self.assertEqual(json.loads(draw.trace)["proration"]["segment_factor"], 0.5)
        self.assertEqual(plan.assignment_ids.date_to, date(2026, 4, 15))
        review = self.env["sales.performance.review"].search([("user_id", "=", rep.id)])
        self.assertEqual(review.period_id, self.april)
        self.assertFalse(may_goal.active)
        self.assertFalse(self.Statement._generate(self.may, users=rep))
