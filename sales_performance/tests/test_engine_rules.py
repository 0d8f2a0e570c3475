"""The plain-Python rules of the engine: no database, numbers in and out."""

from datetime import date, datetime

from odoo.tests import BaseCase

from ..engine import decomposition, health, periods, scoring


class TestPeriods(BaseCase):
    def test_elapsed_share_counts_whole_days(self):
        start, end = date(2026, 3, 1), date(2026, 3, 31)
        self.assertEqual(periods.elapsed_share(start, end, date(2026, 2, 28)), 0.0)
        self.assertAlmostEqual(periods.elapsed_share(start, end, date(2026, 3, 1)), 1 / 31)
        self.assertAlmostEqual(periods.elapsed_share(start, end, date(2026, 3, 10)), 10 / 31)
        self.assertEqual(periods.elapsed_share(start, end, date(2026, 3, 31)), 1.0)
        self.assertEqual(periods.elapsed_share(start, end, date(2026, 5, 1)), 1.0)

    def test_expected_to_date(self):
        self.assertAlmostEqual(
            periods.expected_to_date(3100, date(2026, 3, 1), date(2026, 3, 31), date(2026, 3, 10)), 1000.0
        )

    def test_utc_bounds_in_a_timezone_east_of_utc(self):
        start, end = periods.utc_bounds(date(2026, 3, 1), date(2026, 3, 31), "Asia/Shanghai")
        self.assertEqual(start, datetime(2026, 2, 28, 16, 0))
        self.assertEqual(end, datetime(2026, 3, 31, 16, 0))

    def test_utc_bounds_across_daylight_saving(self):
        # Brussels moves to summer time on 29 March 2026: +1 at the start, +2 at the end.
        start, end = periods.utc_bounds(date(2026, 3, 1), date(2026, 3, 31), "Europe/Brussels")
        self.assertEqual(start, datetime(2026, 2, 28, 23, 0))
        self.assertEqual(end, datetime(2026, 3, 31, 22, 0))

    def test_fiscal_year_layout_calendar_year(self):
        layout = periods.fiscal_year_layout(date(2026, 1, 1))
        self.assertEqual(len(layout), 12 + 4 + 1)
        self.assertIn(("month", 2, date(2026, 2, 1), date(2026, 2, 28)), layout)
        self.assertIn(("quarter", 4, date(2026, 10, 1), date(2026, 12, 31)), layout)
        self.assertIn(("year", 1, date(2026, 1, 1), date(2026, 12, 31)), layout)

    def test_fiscal_year_start_for_a_year_ending_in_march(self):
        self.assertEqual(periods.fiscal_year_start(date(2026, 3, 31), 3, 31), date(2025, 4, 1))
        self.assertEqual(periods.fiscal_year_start(date(2026, 4, 1), 3, 31), date(2026, 4, 1))
        layout = periods.fiscal_year_layout(date(2026, 4, 1), ("quarter",))
        self.assertEqual(layout[-1], ("quarter", 4, date(2027, 1, 1), date(2027, 3, 31)))

    def test_add_months_clamps_to_month_end(self):
        self.assertEqual(periods.add_months(date(2026, 1, 31), 1), date(2026, 2, 28))
        self.assertEqual(periods.add_months(date(2026, 11, 30), 3), date(2027, 2, 28))


class TestScoring(BaseCase):
    def test_attainment_higher_is_better(self):
        self.assertEqual(scoring.attainment(150, 200), 75.0)
        self.assertIsNone(scoring.attainment(150, 0))

    def test_attainment_lower_is_better(self):
        # A ceiling of 10 days with 8 achieved scores 125 %.
        self.assertEqual(scoring.attainment(8, 10, scoring.LOWER_IS_BETTER), 125.0)
        self.assertEqual(scoring.attainment(0, 10, scoring.LOWER_IS_BETTER), 100.0)

    def test_pace_status_bands(self):
        thresholds = (110, 95, 75)
        self.assertEqual(scoring.pace_status(110, 1000, 100, thresholds), scoring.PACE_AHEAD)
        self.assertEqual(scoring.pace_status(95, 1000, 100, thresholds), scoring.PACE_ON_TRACK)
        self.assertEqual(scoring.pace_status(94.9, 1000, 100, thresholds), scoring.PACE_AT_RISK)
        self.assertEqual(scoring.pace_status(75, 1000, 100, thresholds), scoring.PACE_AT_RISK)
        self.assertEqual(scoring.pace_status(74.9, 1000, 100, thresholds), scoring.PACE_BEHIND)

    def test_pace_without_target_or_before_start(self):
        self.assertEqual(scoring.pace_status(5, 0, 0, (110, 95, 75)), scoring.PACE_NO_TARGET)
        self.assertEqual(scoring.pace_status(0, 100, 0, (110, 95, 75)), scoring.PACE_ON_TRACK)

    def test_lower_is_better_pace_compares_the_full_ceiling(self):
        self.assertEqual(scoring.pace_status(12, 10, 3, (110, 95, 75), scoring.LOWER_IS_BETTER), scoring.PACE_AT_RISK)

    def test_thresholds_must_decrease(self):
        self.assertTrue(scoring.validate_thresholds(110, 95, 75))
        self.assertFalse(scoring.validate_thresholds(90, 95, 75))
        self.assertFalse(scoring.validate_thresholds(110, 95, 0))


class TestDecomposition(BaseCase):
    def test_equal_split_gives_the_remainder_to_one_child(self):
        self.assertEqual(decomposition.equal_split(100, 3), [33.34, 33.33, 33.33])
        self.assertEqual(sum(decomposition.equal_split(100, 3)), 100)

    def test_weighted_split(self):
        self.assertEqual(decomposition.weighted_split(1000, [50, 30, 20]), [500, 300, 200])
        self.assertEqual(decomposition.weighted_split(900, [0, 0, 0]), [300, 300, 300])
        with self.assertRaises(ValueError):
            decomposition.weighted_split(100, [-1, 2])

    def test_historical_shares(self):
        self.assertEqual(decomposition.historical_shares([300, 100, 0]), [0.75, 0.25, 0.0])
        self.assertIsNone(decomposition.historical_shares([0, 0]))
        # A negative history (more refunds than sales) weighs nothing.
        self.assertEqual(decomposition.historical_shares([-50, 100]), [0.0, 1.0])


class TestHealth(BaseCase):
    def test_pearson(self):
        self.assertAlmostEqual(health.pearson([1, 2, 3], [2, 4, 6]), 1.0)
        self.assertAlmostEqual(health.pearson([1, 2, 3], [3, 2, 1]), -1.0)
        # x = 1..4, y = 1, 3, 2, 4: r = 0.8 (by hand: cov 4 / sqrt(5 x 5))
        self.assertAlmostEqual(health.pearson([1, 2, 3, 4], [1, 3, 2, 4]), 0.8)
        self.assertIsNone(health.pearson([1, 1, 1], [1, 2, 3]))

    def test_variation(self):
        mean, deviation, cv = health.variation([90, 100, 110])
        self.assertEqual(mean, 100)
        self.assertAlmostEqual(deviation, (200 / 3) ** 0.5)
        self.assertAlmostEqual(cv, (200 / 3) ** 0.5 / 100)
        self.assertEqual(health.variation([5, 5, 5])[2], 0.0)

    def test_predictive_value_pairs_period_n_with_n_plus_1(self):
        leading = {("Q1", "a"): 10, ("Q1", "b"): 20, ("Q1", "c"): 30, ("Q2", "a"): 99}
        outcome = {("Q2", "a"): 100, ("Q2", "b"): 210, ("Q2", "c"): 290}
        r, pairs = health.predictive_value(leading, outcome, {"Q1": "Q2", "Q2": "Q3"})
        self.assertEqual(pairs, 3)
        self.assertGreater(r, 0.99)
