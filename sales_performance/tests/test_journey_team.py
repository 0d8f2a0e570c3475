# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Team Performance (one period, salespeople x KPIs coloured by attainment, a leaderboard per
KPI) and My Performance's freshness and Refresh.

Scenario (March 2026, see SalesPerformanceScenario for the actuals):
  Revenue       rep_1 300 / 300 = 100 % green   rep_2 100 / 100 = 100 % green
                rep_3 100 / 200 =  50 % red (Team B)
  Orders        rep_1   2 / 4   =  50 % red     rep_2   1 / 1   = 100 % green
  Win rate      rep_1  50 / 60  =  83.33 % amber
  2026-Q1 (quarter, Jan-Mar): rep_1 revenue 400 (February 100 + March 300) / 1000 = 40 % red.
Revenue leaderboard of Team A: rep_1 and rep_2 tie at 100 %, both rank 1; with Team B (the
administrator) rep_3 is rank 3. Orders: rep_2 1st, rep_1 2nd.
"""

from datetime import date, datetime

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import SQL

from .common import SalesPerformanceScenario


class TeamPerformanceCase(SalesPerformanceScenario):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Goal.search([]).unlink()
        cls.Board = cls.env["sales.performance.board"]
        cls.admin = cls._create_user("sp_admin", "Performance Admin", "sales_performance.group_sales_performance_admin")
        cls.quarter = cls._create_period(date(2026, 1, 1), date(2026, 3, 31), "quarter", name="2026-Q1")
        revenue, orders, win_rate = cls.kpi["revenue"], cls.kpi["order_count"], cls.kpi["win_rate"]
        cls.goals = {
            ("rep_1", "revenue"): cls._create_goal(cls.march, revenue, 300, user=cls.rep_1, team=cls.team_a),
            ("rep_2", "revenue"): cls._create_goal(cls.march, revenue, 100, user=cls.rep_2, team=cls.team_a),
            ("rep_3", "revenue"): cls._create_goal(cls.march, revenue, 200, user=cls.rep_3, team=cls.team_b),
            ("rep_1", "orders"): cls._create_goal(cls.march, orders, 4, user=cls.rep_1, team=cls.team_a),
            ("rep_2", "orders"): cls._create_goal(cls.march, orders, 1, user=cls.rep_2, team=cls.team_a),
            ("rep_1", "win_rate"): cls._create_goal(cls.march, win_rate, 60, user=cls.rep_1, team=cls.team_a),
            ("rep_1", "quarter"): cls._create_goal(cls.quarter, revenue, 1000, user=cls.rep_1, team=cls.team_a),
        }
        # Team goals are not salespeople: never a row of the board.
        cls._create_goal(cls.march, revenue, 400, scope="team", team=cls.team_a)

    def _board(self, user, **kwargs):
        return self.Board.with_user(user).get_team_performance(**kwargs)

    def _matrix(self, data):
        """{person: {KPI name: (actual, target, attainment, band)}}, rounded to cents."""
        kpis = {str(kpi["id"]): kpi["name"] for kpi in data["kpis"]}
        return {
            person["name"]: {
                kpis[kpi_id]: (
                    round(cell["actual"], 2),
                    round(cell["target"], 2),
                    round(cell["attainment"], 2),
                    cell["band"],
                )
                for kpi_id, cell in person["cells"].items()
            }
            for person in data["people"]
        }

    def _ranking(self, data):
        return [
            (row["rank"], row["name"], round(row["actual"], 2), round(row["target"], 2), round(row["attainment"], 2))
            for row in data["leaderboard"]["rows"]
        ]


@tagged("post_install", "-at_install")
class TestTeamPerformanceData(TeamPerformanceCase):
    def test_manager_sees_one_period_of_their_team(self):
        data = self._board(self.manager_a, period_id=self.march.id, kpi_id=self.kpi["revenue"].id)
        self.assertEqual(data["period"]["name"], "2026-03")
        self.assertFalse(data["period"]["in_progress"])
        self.assertEqual([kpi["name"] for kpi in data["kpis"]], ["Revenue", "Number of Orders", "Win Rate"])
        self.assertEqual(
            [(kpi["name"], kpi["unit"]) for kpi in data["kpis"]],
            [("Revenue", "currency"), ("Number of Orders", "count"), ("Win Rate", "percent")],
        )
        self.assertEqual(
            self._matrix(data),
            {
                "Rep One": {
                    "Revenue": (300.0, 300.0, 100.0, "success"),
                    "Number of Orders": (2.0, 4.0, 50.0, "danger"),
                    "Win Rate": (50.0, 60.0, 83.33, "warning"),
                },
                # Not the quarter's 40 %: one period, never an average of a month and its quarter.
                "Rep Two": {
                    "Revenue": (100.0, 100.0, 100.0, "success"),
                    "Number of Orders": (1.0, 1.0, 100.0, "success"),
                },
            },
        )
        self.assertEqual([team["name"] for team in data["teams"]], ["Team A"])
        # The tie shares the first rank.
        self.assertEqual(
            self._ranking(data), [(1, "Rep One", 300.0, 300.0, 100.0), (1, "Rep Two", 100.0, 100.0, 100.0)]
        )
        goal = self.goals[("rep_1", "revenue")]
        self.assertEqual(data["people"][0]["cells"][str(self.kpi["revenue"].id)]["goal_id"], goal.id)

        orders = self._board(self.manager_a, period_id=self.march.id, kpi_id=self.kpi["order_count"].id)
        self.assertEqual(self._ranking(orders), [(1, "Rep Two", 1.0, 1.0, 100.0), (2, "Rep One", 2.0, 4.0, 50.0)])

    def test_the_quarter_is_its_own_period(self):
        data = self._board(self.manager_a, period_id=self.quarter.id)
        self.assertEqual(self._matrix(data), {"Rep One": {"Revenue": (400.0, 1000.0, 40.0, "danger")}})
        self.assertEqual(self._ranking(data), [(1, "Rep One", 400.0, 1000.0, 40.0)])
        self.assertIsNone(data["leaderboard"]["rows"][0]["pace"])  # over: attainment only
        self.assertEqual([p["name"] for p in data["periods"]], ["2026-03", "2026-Q1"])

    def test_administrator_sees_every_team_and_filters_one(self):
        data = self._board(self.admin, period_id=self.march.id, kpi_id=self.kpi["revenue"].id)
        self.assertEqual([team["name"] for team in data["teams"]], ["Team A", "Team B"])
        self.assertEqual(
            self._ranking(data),
            [
                (1, "Rep One", 300.0, 300.0, 100.0),
                (1, "Rep Two", 100.0, 100.0, 100.0),
                (3, "Rep Three", 100.0, 200.0, 50.0),
            ],
        )
        team_b = self._board(self.admin, period_id=self.march.id, team_id=self.team_b.id)
        self.assertEqual(self._matrix(team_b), {"Rep Three": {"Revenue": (100.0, 200.0, 50.0, "danger")}})
        self.assertEqual(team_b["team_id"], self.team_b.id)

    @freeze_time("2026-06-15 12:00:00")
    def test_latest_period_when_none_is_current(self):
        # No period runs in June: the latest period with goals, the month before its quarter.
        data = self._board(self.manager_a)
        self.assertEqual(data["period"]["name"], "2026-03")

    def test_goal_never_measured_has_no_figures(self):
        # A goal of a period evaluated before it was added: unknown, not 0 % and red.
        goal = self.goals[("rep_2", "orders")]
        self.env.flush_all()
        self.env.cr.execute(SQL("UPDATE sales_performance_goal SET refreshed_at = NULL WHERE id = %s", goal.id))
        data = self._board(self.manager_a, period_id=self.march.id, kpi_id=self.kpi["order_count"].id)
        cell = data["people"][1]["cells"][str(self.kpi["order_count"].id)]
        self.assertEqual((cell["actual"], cell["attainment"], cell["band"]), (None, None, "none"))
        self.assertEqual(
            [(row["rank"], row["name"]) for row in data["leaderboard"]["rows"]], [(1, "Rep One"), (False, "Rep Two")]
        )

    def test_period_without_goals(self):
        data = self._board(self.manager_a, period_id=self.february.id)
        self.assertEqual(data["period"]["name"], "2026-02")
        self.assertEqual((data["people"], data["kpis"], data["leaderboard"]["rows"]), ([], [], []))

    def test_salesperson_sees_only_themselves(self):
        data = self._board(self.rep_2, period_id=self.march.id, kpi_id=self.kpi["revenue"].id)
        self.assertEqual(list(self._matrix(data)), ["Rep Two"])
        # The company hides rankings from salespeople (the default): no rank comes out.
        self.company.performance_show_ranking = False
        data = self._board(self.rep_2, period_id=self.march.id, kpi_id=self.kpi["revenue"].id)
        self.assertEqual(self._ranking(data), [(False, "Rep Two", 100.0, 100.0, 100.0)])
        menu = self.env.ref("sales_performance.sales_performance_team_goal_menu")
        self.assertNotIn(menu.id, self.env["ir.ui.menu"].with_user(self.rep_2)._visible_menu_ids())
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(self.manager_a)._visible_menu_ids())

    def test_bad_input_is_refused_with_the_field(self):
        with self.assertRaisesRegex(UserError, "Period"):
            self._board(self.manager_a, period_id="2026-03")
        with self.assertRaisesRegex(UserError, "Sales Team"):
            self._board(self.manager_a, period_id=self.march.id, team_id=[self.team_a.id])

    @freeze_time("2026-03-10 12:00:00")
    def test_current_month_by_default_coloured_by_pace(self):
        # Day 10 of 31: rep_2's revenue 100 against 387.50 is 25.8 % of the target but 80 % of
        # the 125 expected by now: amber, not red. Rep One's 300 / 300 is ahead: green.
        goal = self.goals[("rep_2", "revenue")]
        goal.target = 387.5
        (goal | self.goals[("rep_1", "revenue")])._refresh_actuals()
        data = self._board(self.manager_a, kpi_id=self.kpi["revenue"].id)
        self.assertEqual(data["period"]["id"], self.march.id)  # the month, not the quarter
        self.assertTrue(data["period"]["in_progress"])
        cells = {name: cells["Revenue"] for name, cells in self._matrix(data).items()}
        self.assertEqual(
            cells, {"Rep One": (300.0, 300.0, 100.0, "success"), "Rep Two": (100.0, 387.5, 25.81, "warning")}
        )
        # The pace shown: 300 / (300 x 10 / 31) = 310 %, 100 / 125 = 80 %.
        self.assertEqual([round(row["pace"], 2) for row in data["leaderboard"]["rows"]], [310.0, 80.0])


@tagged("post_install", "-at_install")
class TestMyPerformanceFreshness(TeamPerformanceCase):
    def _set_refreshed(self, goals, moment):
        self.env.flush_all()
        self.env.cr.execute(
            SQL("UPDATE sales_performance_goal SET refreshed_at = %s WHERE id IN %s", moment, tuple(goals.ids))
        )
        goals.invalidate_recordset(["refreshed_at"])

    def test_freshness_is_the_oldest_measure_and_refresh_renews_it(self):
        mine = self.Goal.search([("user_id", "=", self.rep_1.id)])
        self.assertEqual(len(mine), 4)  # March revenue, orders, win rate and the quarter
        self._set_refreshed(mine, datetime(2026, 3, 20, 8, 0))
        self._set_refreshed(self.goals[("rep_1", "orders")], datetime(2026, 3, 18, 8, 0))
        Board = self.Board.with_user(self.rep_1)
        self.assertEqual(Board.get_my_freshness(), {"measured_at": "2026-03-18 08:00:00", "goal_count": 4})
        # The job checked March later (nothing moved, nothing rewritten): its goals count as measured then.
        self.march.sudo().goals_refreshed_at = datetime(2026, 3, 21, 9, 0)
        self.assertEqual(Board.get_my_freshness()["measured_at"], "2026-03-20 08:00:00")  # the quarter's goal

        rep_2_measured = self.goals[("rep_2", "revenue")].refreshed_at
        with freeze_time("2026-03-22 10:30:00"):
            self.assertIs(Board.action_refresh_my_goals(), True)
            self.assertEqual(Board.get_my_freshness()["measured_at"], "2026-03-22 10:30:00")
        self.assertEqual(mine.mapped("refreshed_at"), [datetime(2026, 3, 22, 10, 30)] * 4)
        # Only the user's own goals are measured.
        self.assertEqual(self.goals[("rep_2", "revenue")].refreshed_at, rep_2_measured)

    def test_never_measured(self):
        self._create_goal(self.march, self.kpi["margin"], 100, user=self.rep_3, team=self.team_b)
        self._set_refreshed(self.Goal.search([("user_id", "=", self.rep_3.id)]), None)
        self.assertEqual(self.Board.with_user(self.rep_3).get_my_freshness(), {"measured_at": False, "goal_count": 2})
        # Nobody's goal, nothing to say.
        self.assertEqual(
            self.Board.with_user(self.manager_b).get_my_freshness(), {"measured_at": False, "goal_count": 0}
        )


@tagged("post_install", "-at_install")
class TestTeamPerformanceJourney(HttpCase, TeamPerformanceCase):
    """From the home menu, by clicking (never a record URL)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_a.company_ids |= cls.company  # the web client opens in the user's company

    def test_manager_reads_team_performance(self):
        self.start_tour("/odoo", "sales_performance_journey_team_performance", login="manager_a")
        # What the screen showed is what the data method returns for the manager.
        data = self._board(self.manager_a, period_id=self.march.id, kpi_id=self.kpi["order_count"].id)
        self.assertEqual(self._ranking(data), [(1, "Rep Two", 1.0, 1.0, 100.0), (2, "Rep One", 2.0, 4.0, 50.0)])
        self.assertEqual(
            {name: cells["Revenue"][3] for name, cells in self._matrix(data).items()},
            {"Rep One": "success", "Rep Two": "success"},
        )

    def test_salesperson_refreshes_my_performance(self):
        revenue = self.goals[("rep_1", "revenue")]
        # Stale figures, measured long ago.
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE sales_performance_goal SET actual = 0, refreshed_at = %s WHERE user_id = %s",
                datetime(2026, 3, 2, 8, 0),
                self.rep_1.id,
            )
        )
        self.env.invalidate_all()
        before = fields.Datetime.now()
        self.start_tour("/odoo", "sales_performance_journey_my_performance_refresh", login="rep_1")
        self.assertEqual(revenue.actual, 300.0)
        self.assertGreaterEqual(revenue.refreshed_at, before.replace(microsecond=0))


@tagged("post_install", "-at_install")
class TestGoalFormFigures(TeamPerformanceCase):
    def test_no_gap_from_a_split_residue(self):
        # 0.3 cascaded as 0.1 + 0.2: in floats 0.3 - 0.30000000000000004, shown "a gap of 0.00".
        team_goal = self._create_goal(self.february, self.kpi["revenue"], 0.3, scope="team", team=self.team_a)
        for user, target in ((self.rep_1, 0.1), (self.rep_2, 0.2)):
            self._create_goal(
                self.february, self.kpi["revenue"], target, user=user, team=self.team_a, parent_id=team_goal.id
            )
        self.assertEqual(team_goal.child_target_gap, 0.0)
        team_goal.child_ids[:1].target = 0.15
        self.assertEqual(team_goal.child_target_gap, -0.05)  # more cascaded than the target
        # The form warns only where targets add up: a rate's cascaded targets are not summed.
        self.assertTrue(team_goal.kpi_is_cumulative)
        self.assertFalse(self.goals[("rep_1", "win_rate")].kpi_is_cumulative)

    def test_coaching_topic_in_units(self):
        goal = self.goals[("rep_1", "orders")]
        self.assertEqual(goal._format_in_unit(2.0), "2")
        self.assertEqual(self.goals[("rep_1", "win_rate")]._format_in_unit(83.333), "83.3 %")
        self.assertEqual(self.goals[("rep_1", "revenue")]._format_in_unit(1234.5), "$\N{NO-BREAK SPACE}1,234.50")
