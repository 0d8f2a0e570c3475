# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo.tests import tagged

from .common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestImprovementAnalytics(SalesPerformanceScenario):
    """Three closed months, three salespeople, actuals built so that the answers are known:
    margin = 0.3 x revenue (redundant), orders = 5 for everyone (no variation), pipeline in
    month N = half of revenue in month N+1 (a perfect leading indicator)."""

    REVENUE = {1: (100, 200, 300), 2: (150, 120, 400), 3: (90, 260, 310)}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kpi["pipeline_created"].is_leading = True
        cls.months = [
            cls._create_period(date(2025, month, 1), date(2025, month, 28), "month", name=f"2025-0{month}")
            for month in (1, 2, 3)
        ]
        reps = (cls.rep_1, cls.rep_2, cls.rep_3)
        for index, period in enumerate(cls.months, start=1):
            for rep_index, rep in enumerate(reps):
                revenue = cls.REVENUE[index][rep_index]
                pipeline = cls.REVENUE[index + 1][rep_index] / 2 if index < 3 else 10
                # sudo: past reviews with these scorecards, as the evaluation made them.
                cls.env["sales.performance.review"].sudo().create(
                    {
                        "period_id": period.id,
                        "user_id": rep.id,
                        "team_id": cls.team_a.id,
                        "line_ids": [
                            (0, 0, {"kpi_id": cls.kpi[code].id, "actual": actual, "target": 100, "weight": 25})
                            for code, actual in (
                                ("revenue", revenue),
                                ("margin", revenue * 0.3),
                                ("order_count", 5),
                                ("pipeline_created", pipeline),
                            )
                        ],
                    }
                )
            period.sudo().state = "closed"

    def test_kpi_health(self):
        wizard = self.env["sales.performance.kpi.health"].create(
            {"period_type": "month", "company_id": self.company.id}
        )
        wizard.action_compute()
        self.assertEqual(wizard.period_count, 3)
        lines = {line.kpi_id.code: line for line in wizard.line_ids}
        self.assertIn(self.kpi["revenue"], lines["MARGIN"].redundant_kpi_ids)
        self.assertIn(self.kpi["margin"], lines["REV"].redundant_kpi_ids)
        self.assertAlmostEqual(lines["MARGIN"].max_correlation, 1.0)
        self.assertTrue(lines["ORDERS"].low_variation)
        self.assertFalse(lines["REV"].low_variation)
        self.assertAlmostEqual(lines["REV"].mean, sum(sum(v) for v in self.REVENUE.values()) / 9)
        self.assertEqual(lines["PIPE"].predictive_pairs, 6)
        self.assertAlmostEqual(lines["PIPE"].predictive_r, 1.0)
        self.assertIn("good early signal", lines["PIPE"].advice)
        self.assertIn("same", lines["ORDERS"].advice)

    def test_promotion_candidates(self):
        scores = {self.rep_1: (130, 125, 110), self.rep_2: (130, 90, 120)}
        reviews = self.env["sales.performance.review"].search([("period_id", "in", [p.id for p in self.months])])
        for review in reviews:
            index = self.months.index(review.period_id)
            score = scores.get(review.user_id, (50, 50, 50))[index]
            review.sudo().write({"is_score_adjusted": True, "score_override": score, "score_adjustment_reason": "test"})
        band_a = self.env.ref("sales_performance.rating_scale_default").band_ids.filtered(lambda b: b.name == "A")
        wizard = self.env["sales.performance.promotion"].create(
            {"period_type": "month", "min_band_id": band_a.id, "consecutive": 3, "company_id": self.company.id}
        )
        wizard.action_compute()
        self.assertEqual(wizard.candidate_ids, self.rep_1)
        wizard.consecutive = 1
        wizard.action_compute()
        self.assertEqual(wizard.candidate_ids, self.rep_1 | self.rep_2)


@tagged("post_install", "-at_install")
class TestPrepareNextPeriod(SalesPerformanceScenario):
    def test_copy_goals_with_proposed_targets(self):
        april = self._create_period(date(2026, 4, 1), date(2026, 4, 30), "month", name="2026-04")
        parent = self._create_goal(self.march, self.kpi["revenue"], 1000, scope="team", team=self.team_a)
        child = self._create_goal(
            self.march, self.kpi["revenue"], 400, user=self.rep_1, team=self.team_a, parent_id=parent.id, weight=100
        )
        idle = self._create_goal(self.march, self.kpi["margin"], 70, user=self.rep_3, team=self.team_b)
        (parent | child | idle)._refresh_actuals()
        self.assertEqual((child.actual, child.baseline_previous), (300, 100))
        wizard = self.env["sales.performance.period.prepare"].create({"period_id": self.march.id})
        self.assertEqual(wizard.next_period_id, april)
        wizard.action_prepare()
        new = self.Goal.search([("period_id", "=", april.id)])
        by_owner = {(g.user_id.login or g.team_id.name, g.kpi_id.code): g for g in new}
        # rep_1: 300 after 100 the month before is +200 %, bounded to +50 %: 450.
        self.assertEqual(by_owner[("rep_1", "REV")].target, 450)
        self.assertEqual(by_owner[("rep_1", "REV")].parent_id, by_owner[("Team A", "REV")])
        # Team A: 400 after 100 (February), bounded: 600. rep_3's margin: 40 after 40: flat.
        self.assertEqual(by_owner[("Team A", "REV")].target, 600)
        self.assertEqual(by_owner[("rep_3", "MARGIN")].target, 40)
        plan = self.env["sales.performance.plan"].search(
            [("period_id", "=", april.id), ("user_id", "=", self.rep_1.id)]
        )
        self.assertEqual(plan.goal_ids, by_owner[("rep_1", "REV")])
        wizard.action_prepare()
        self.assertEqual(self.Goal.search_count([("period_id", "=", april.id)]), 3, "nothing copied twice")

    def test_team_summary_report(self):
        self._create_goal(self.march, self.kpi["revenue"], 300, user=self.rep_1, team=self.team_a, weight=100)
        self._create_goal(self.march, self.kpi["revenue"], 50, user=self.rep_2, team=self.team_a, weight=100)
        self.env["sales.performance.plan"]._create_missing_for_period(self.march)
        self.march.action_start_evaluation()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("sales_performance.action_report_period_summary", self.march.ids)[0]
            .decode()
        )
        for text in ("Team summary", "Team A", "Rep One", "Rep Two", "100.0", "150.0"):
            self.assertIn(text, html)
        self.assertLess(html.index("Rep Two"), html.index("Rep One"), "best score first")
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, kind = report._render_qweb_pdf("sales_performance.action_report_period_summary", self.march.ids)
        self.assertEqual((kind, pdf[:4]), ("pdf", b"%PDF"))
