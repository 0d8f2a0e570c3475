# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestReview(SalesPerformanceScenario):
    """rep_1's March scorecard, by hand (cap 150 %, a zero-target line that does not count):

    Revenue        target 150, actual 300 -> 200 %, capped 150, weight 40
    Gross margin   target 320, actual 160 ->  50 %,              weight 30
    Few orders     target 1 (lower is better), actual 2 -> 50 %, weight 20
    Win rate       target 0 -> not counted,                      weight 10
    Score = (150 x 40 + 50 x 30 + 50 x 20) / 90 = 94.44 -> rating B (80 to 100).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Review = cls.env["sales.performance.review"]
        few_orders = cls.kpi["order_count"].copy({"code": "FEW", "name": "Few orders", "direction": "lower"})
        goals = [
            (cls.kpi["revenue"], 150, 40),
            (cls.kpi["margin"], 320, 30),
            (few_orders, 1, 20),
            (cls.kpi["win_rate"], 0, 10),
        ]
        for kpi, target, weight in goals:
            cls._create_goal(cls.march, kpi, target, user=cls.rep_1, team=cls.team_a, weight=weight)
        cls.plan = cls.env["sales.performance.plan"].create({"user_id": cls.rep_1.id, "period_id": cls.march.id})
        cls.plan.action_share()
        cls.plan.with_user(cls.rep_1).action_acknowledge()

    def _evaluate(self):
        self.march.action_start_evaluation()
        return self.Review.search([("period_id", "=", self.march.id)])

    def test_scorecard_by_hand(self):
        review = self._evaluate()
        self.assertEqual(self.march.state, "evaluating")
        self.assertEqual(len(review), 1)
        lines = {line.kpi_id.code: line for line in review.line_ids}
        self.assertEqual(
            (lines["REV"].actual, lines["REV"].attainment, lines["REV"].capped_attainment), (300, 200, 150)
        )
        self.assertAlmostEqual(lines["REV"].weighted_score, 150 * 40 / 90)
        self.assertEqual((lines["MARGIN"].attainment, lines["FEW"].attainment), (50, 50))
        self.assertFalse(lines["WINRATE"].is_counted)
        self.assertEqual(lines["WINRATE"].weighted_score, 0)
        self.assertAlmostEqual(review.score, 8500 / 90)
        self.assertEqual(review.rating_id.name, "B")
        self.assertEqual((review.team_id, review.manager_id, review.plan_id), (self.team_a, self.manager_a, self.plan))

    def test_snapshot_is_frozen_until_recomputed(self):
        review = self._evaluate()
        line = review.line_ids.filtered(lambda rl: rl.kpi_id.code == "REV")
        self._create_order(
            self.rep_1, self.customer_3, [(self.product_hard, 1, 100)], datetime(2026, 3, 30, 10), self.team_a
        )
        self.env["sales.performance.goal"].search([("user_id", "=", self.rep_1.id)])._refresh_actuals()
        self.assertEqual(line.actual, 300, "a later order does not change the review silently")
        review.action_recompute()
        self.assertEqual(line.actual, 400)
        self.assertIn("actual 300.0 -&gt; 400.0", review.message_ids[0].body)

    def test_adjustments_need_a_reason(self):
        review = self._evaluate()
        line = review.line_ids.filtered(lambda rl: rl.kpi_id.code == "MARGIN")
        with self.assertRaises(ValidationError) as caught:
            line.write({"is_adjusted": True, "adjusted_attainment": 90})
        self.assertIn("Adjustment Reason", str(caught.exception))
        line.write({"is_adjusted": True, "adjusted_attainment": 90, "adjustment_reason": "Big order slipped to April"})
        self.assertAlmostEqual(review.score, (150 * 40 + 90 * 30 + 50 * 20) / 90)
        with self.assertRaises(ValidationError):
            review.write({"is_score_adjusted": True, "score_override": 100})
        review.write({"is_score_adjusted": True, "score_override": 100, "score_adjustment_reason": "Covered East too"})
        self.assertEqual((review.score, review.rating_id.name), (100, "A"))

    def test_workflow_with_dispute(self):
        review = self._evaluate()
        self.assertFalse(self.Review.with_user(self.rep_1).search([]), "not visible before it is shared")
        review.with_user(self.manager_a).write({"strengths": "New customers", "improvements": "Margin"})
        review.with_user(self.manager_a).action_share()
        message = review.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        self.assertIn(self.rep_1.partner_id, message.partner_ids)
        self.assertIn("94.4", message.body)
        self.assertEqual(self.Review.with_user(self.rep_1).search([]), review)
        with self.assertRaises(UserError):
            review.line_ids[0].with_user(self.manager_a).write(
                {"is_adjusted": True, "adjusted_attainment": 1, "adjustment_reason": "x"}
            )
        with self.assertRaises(AccessError):
            review.with_user(self.rep_2).action_acknowledge("mine")
        with self.assertRaises(ValidationError):
            review.with_user(self.rep_1).action_dispute(" ")
        review.with_user(self.rep_1).action_dispute("The margin target ignored the price cut")
        self.assertEqual(review.state, "disputed")
        self.assertIn(self.manager_a.partner_id, review.message_ids[0].partner_ids)
        review.with_user(self.manager_a).action_answer_dispute("Agreed: margin adjusted next period")
        self.assertEqual(review.state, "shared")
        review.with_user(self.rep_1).action_acknowledge("Good quarter on new customers")
        self.assertEqual((review.state, review.self_assessment), ("done", "Good quarter on new customers"))
        with self.assertRaises(UserError):
            review.with_user(self.manager_a).write({"strengths": "changed"})

    def test_close_the_period(self):
        review = self._evaluate()
        with self.assertRaises(UserError):
            self.march.action_close()
        with self.assertRaises(AccessError):
            self.march.with_user(self.manager_a).action_close(force_reason="Rep left")
        self.march.action_close(force_reason="Rep left the company")
        self.assertEqual(self.march.state, "closed")
        self.assertIn("Rep left the company", self.march.message_ids[0].body)
        with self.assertRaises(UserError):
            review.write({"strengths": "too late"})

    def test_the_manager_closes_a_period_whose_reviews_are_done(self):
        review = self._evaluate()
        review.action_share()
        review.with_user(self.rep_1).action_acknowledge()
        with self.assertRaises(AccessError):
            self.march.with_user(self.rep_1).action_close()
        self.march.with_user(self.manager_a).action_close()
        self.assertEqual(self.march.state, "closed")

    def test_an_open_period_cannot_be_evaluated(self):
        period = self._create_period(date(2026, 11, 1), date(2026, 12, 31), "custom")
        with freeze_time("2026-12-15"), self.assertRaises(UserError) as caught:
            period.action_start_evaluation()
        self.assertIn("End Date", str(caught.exception))
        self.assertEqual(period.state, "open")

    def test_cron_waits_for_the_grace_days_and_runs_once(self):
        Period = self.env["sales.performance.period"]
        with freeze_time("2026-04-03"):
            self.assertNotIn(self.march, Period._cron_evaluate_periods(), "late invoices may still come")
        with freeze_time("2026-04-06"):
            self.assertIn(self.march, Period._cron_evaluate_periods())
            Period._cron_evaluate_periods()
        self.assertEqual(self.Review.search_count([("period_id", "=", self.march.id)]), 1)
        self.assertEqual(self.march._evaluate(), self.Review, "a second evaluation creates nothing")

    @mute_logger("odoo.sql_db")
    def test_one_review_per_salesperson_and_period(self):
        self._evaluate()
        with self.assertRaises(ValidationError):
            self.Review.create({"period_id": self.march.id, "user_id": self.rep_1.id})

    def test_manual_review_for_someone_leaving(self):
        self._create_goal(self.march, self.kpi["revenue"], 100, user=self.rep_2, team=self.team_a, weight=100)
        review = self.Review._create_manual(self.march, self.rep_2)
        self.assertTrue(review.is_manual)
        self.assertEqual((review.line_ids.actual, review.score, review.rating_id.name), (100, 100, "A"))
        with self.assertRaises(UserError):
            self.Review._create_manual(self.march, self.rep_3)

    def test_rank_in_team(self):
        self._create_goal(self.march, self.kpi["revenue"], 100, user=self.rep_2, team=self.team_a, weight=100)
        plan_2 = self.env["sales.performance.plan"].create({"user_id": self.rep_2.id, "period_id": self.march.id})
        self.assertTrue(plan_2.goal_ids)
        reviews = self._evaluate()
        ranks = {review.user_id.login: review.rank_in_team for review in reviews}
        self.assertEqual(ranks, {"rep_2": 1, "rep_1": 2})  # 100 against 94.44
        mine = reviews.filtered(lambda review: review.user_id == self.rep_1).with_user(self.rep_1)
        self.assertEqual(mine.rank_in_team, 0, "no rank for the salesperson: the company hides rankings")
        self.company.performance_show_ranking = True
        mine.invalidate_recordset(["rank_in_team"])
        self.assertEqual(mine.rank_in_team, 2)

    def test_scorecard_pdf(self):
        review = self._evaluate()
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, kind = report._render_qweb_pdf("sales_performance.action_report_review", review.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_scorecard_report_renders(self):
        review = self._evaluate()
        html = self.env["ir.actions.report"]._render_qweb_html("sales_performance.action_report_review", review.ids)[0]
        html = html.decode()
        for text in ("Review Rep One - 2026-03", "Few orders", "94.4", "Salesperson's signature", "B"):
            self.assertIn(text, html)


@tagged("post_install", "-at_install")
class TestRatingScale(SalesPerformanceScenario):
    def _scale(self, bands):
        return self.env["sales.performance.rating.scale"].create(
            {"name": "Test", "band_ids": [(0, 0, {"name": name, "min_score": low}) for name, low in bands]}
        )

    def test_bands(self):
        scale = self._scale([("Top", 100), ("Low", 0)])
        self.assertEqual(scale._rating(99.99).name, "Low")
        self.assertEqual(scale._rating(100).name, "Top")

    def test_overlapping_bands(self):
        with self.assertRaises(ValidationError) as caught:
            self._scale([("A", 100), ("A+", 100), ("D", 0)])
        self.assertIn("Bands", str(caught.exception))

    def test_gap_below_the_lowest_band(self):
        with self.assertRaises(ValidationError):
            self._scale([("A", 100), ("B", 50)])

    def test_cap_range(self):
        with self.assertRaises(ValidationError):
            self.env.ref("sales_performance.rating_scale_default").score_cap = 90
