# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The plain-Python rules of the engine: no database, numbers in and out.

Odoo test classes without a database (``BaseCase``), tagged like the addon's other tests, so
both Odoo's runner (``--test-enable``) and pytest collect them.
"""

from datetime import date, datetime

from odoo.tests import BaseCase, tagged

from ..engine import decomposition, health, measuring, periods, scopes, scoring


@tagged("post_install", "-at_install")
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

    def test_local_date(self):
        # 31 March 17:00 UTC is already 1 April in Shanghai (+8), still 31 March in UTC.
        self.assertEqual(periods.local_date(datetime(2026, 3, 31, 17, 0), "Asia/Shanghai"), date(2026, 4, 1))
        self.assertEqual(periods.local_date(datetime(2026, 3, 31, 17, 0), "UTC"), date(2026, 3, 31))


@tagged("post_install", "-at_install")
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

    def test_too_early_for_a_verdict(self):
        # March, 31 days, 10 % and 2 days: 3.1 days must be counted (to the end of each day).
        march = (date(2026, 3, 1), date(2026, 3, 31))
        self.assertTrue(scoring.too_early(*march, date(2026, 2, 27), 0.10, 2), "before the start")
        self.assertTrue(scoring.too_early(*march, date(2026, 3, 1), 0.10, 2))
        self.assertTrue(scoring.too_early(*march, date(2026, 3, 3), 0.10, 2), "3 days of 31 = 9.7 %")
        self.assertFalse(scoring.too_early(*march, date(2026, 3, 4), 0.10, 2), "4 days of 31 = 12.9 %")
        # A week: 10 % is 0.7 day, the 2 days decide.
        week = (date(2026, 3, 2), date(2026, 3, 8))
        self.assertTrue(scoring.too_early(*week, date(2026, 3, 2), 0.10, 2))
        self.assertFalse(scoring.too_early(*week, date(2026, 3, 3), 0.10, 2))
        self.assertFalse(scoring.too_early(*march, date(2026, 3, 1), 0.0, 0), "the rule can be switched off")

    def test_alert_hysteresis(self):
        on_track, margin = 95, 5
        none, opened, closed = scoring.ALERT_NONE, scoring.ALERT_OPEN, scoring.ALERT_CLOSED
        cases = [
            # (state, status, pace in % of expected) -> state after
            ((none, scoring.PACE_AT_RISK, 94), opened),  # a first fall opens
            ((none, scoring.PACE_TOO_EARLY, None), none),
            ((opened, scoring.PACE_BEHIND, 50), opened),  # at risk <-> behind: the same alert
            ((opened, scoring.PACE_TOO_EARLY, None), opened),
            ((opened, scoring.PACE_ON_TRACK, 96), closed),  # back on track closes
            ((opened, scoring.PACE_NO_TARGET, None), closed),
            ((closed, scoring.PACE_AT_RISK, 94), closed),  # a dip from 96 to 94 does not re-open
            ((closed, scoring.PACE_AT_RISK, 90), closed),  # 95 - 5: still a dip
            ((closed, scoring.PACE_AT_RISK, 89.9), opened),  # a real fall
            ((closed, scoring.PACE_BEHIND, 20), opened),
        ]
        for (state, status, ratio), after in cases:
            with self.subTest(state=state, status=status, ratio=ratio):
                self.assertEqual(scoring.next_alert_state(state, status, ratio, on_track, margin), after)

    def test_lower_is_better_pace_compares_the_full_ceiling(self):
        self.assertEqual(scoring.pace_status(12, 10, 3, (110, 95, 75), scoring.LOWER_IS_BETTER), scoring.PACE_AT_RISK)

    def test_thresholds_must_decrease(self):
        self.assertTrue(scoring.validate_thresholds(110, 95, 75))
        self.assertFalse(scoring.validate_thresholds(90, 95, 75))
        self.assertFalse(scoring.validate_thresholds(110, 95, 0))

    def test_rank_shares_ties_and_skips(self):
        peers = [50.0, 100.0, 100.0, 20.0]
        self.assertEqual([scoring.rank(value, peers) for value in peers], [3, 1, 1, 4])
        self.assertEqual(scoring.rank(10.0, []), 1)


@tagged("post_install", "-at_install")
class TestScopes(BaseCase):
    def test_owner_by_scope(self):
        self.assertEqual(scopes.owner_of(scopes.SCOPE_COMPANY, 1, 7, None), 1)
        self.assertEqual(scopes.owner_of(scopes.SCOPE_TEAM, 1, 7, None), 7)
        # A salesperson's goal is theirs, whatever team it is measured in.
        self.assertEqual(scopes.owner_key(scopes.SCOPE_USER, 1, 7, 42), (scopes.SCOPE_USER, 42))
        self.assertIsNone(scopes.owner_of(False, 1, 7, 42))


@tagged("post_install", "-at_install")
class TestMeasuring(BaseCase):
    MARCH = (date(2026, 3, 1), date(2026, 3, 31))
    CUMULATIVE = measuring.KpiRule(scoring.HIGHER_IS_BETTER, cumulative=True)
    DAY_10 = measuring.PaceDay(date(2026, 3, 10), (110, 95, 75))

    def test_goal_figures_on_day_10_of_31(self):
        # 3100 spread over 31 days: 1000 expected by day 10; 300 done is 30 % of it: behind.
        figures = measuring.goal_figures(300.0, 3100.0, self.CUMULATIVE, *self.MARCH, self.DAY_10)
        self.assertAlmostEqual(figures.expected_to_date, 1000.0)
        self.assertAlmostEqual(figures.attainment, 300 / 3100 * 100)
        self.assertEqual(figures.pace_status, scoring.PACE_BEHIND)

    def test_rates_are_expected_in_full_and_nothing_before_the_start(self):
        rate = measuring.KpiRule(scoring.HIGHER_IS_BETTER, cumulative=False)
        figures = measuring.goal_figures(50.0, 50.0, rate, *self.MARCH, self.DAY_10)
        self.assertEqual((figures.expected_to_date, figures.pace_status), (50.0, scoring.PACE_ON_TRACK))
        before = measuring.PaceDay(date(2026, 2, 27), (110, 95, 75))
        figures = measuring.goal_figures(0.0, 3100.0, self.CUMULATIVE, *self.MARCH, before)
        # Issue I: no verdict before the period starts (was on track).
        self.assertEqual((figures.expected_to_date, figures.pace_status), (0.0, scoring.PACE_TOO_EARLY))

    def test_no_verdict_on_the_first_days(self):
        # Nothing sold by 10:00 on 1 March: 100 expected of 3100, but no verdict yet (it was
        # "behind"); on day 4 (4 of 31 days, 12.9 %) the verdict is due: 0 of 400 is behind.
        day_1 = measuring.PaceDay(date(2026, 3, 1), (110, 95, 75))
        figures = measuring.goal_figures(0.0, 3100.0, self.CUMULATIVE, *self.MARCH, day_1)
        self.assertAlmostEqual(figures.expected_to_date, 100.0)
        self.assertEqual(figures.pace_status, scoring.PACE_TOO_EARLY)
        day_3 = measuring.PaceDay(date(2026, 3, 3), (110, 95, 75))
        self.assertEqual(
            measuring.goal_figures(0.0, 3100.0, self.CUMULATIVE, *self.MARCH, day_3).pace_status,
            scoring.PACE_TOO_EARLY,
        )
        day_4 = measuring.PaceDay(date(2026, 3, 4), (110, 95, 75))
        figures = measuring.goal_figures(0.0, 3100.0, self.CUMULATIVE, *self.MARCH, day_4)
        self.assertAlmostEqual(figures.expected_to_date, 400.0)
        self.assertEqual(figures.pace_status, scoring.PACE_BEHIND)
        # The company's setting: no waiting at all.
        eager = measuring.PaceDay(date(2026, 3, 1), (110, 95, 75), min_share=0.0, min_days=0)
        self.assertEqual(
            measuring.goal_figures(0.0, 3100.0, self.CUMULATIVE, *self.MARCH, eager).pace_status, scoring.PACE_BEHIND
        )

    def test_a_rate_without_data_has_no_verdict(self):
        # A win rate of 0.0 against 55.0 before any opportunity closed is not behind; 0 % of
        # closed opportunities won is.
        rate = measuring.KpiRule(scoring.HIGHER_IS_BETTER, cumulative=False)
        figures = measuring.goal_figures(0.0, 55.0, rate, *self.MARCH, self.DAY_10, has_data=False)
        self.assertEqual((figures.expected_to_date, figures.pace_status), (55.0, scoring.PACE_NO_DATA))
        figures = measuring.goal_figures(0.0, 55.0, rate, *self.MARCH, self.DAY_10, has_data=True)
        self.assertEqual(figures.pace_status, scoring.PACE_BEHIND)
        # A revenue of 0 is a figure: behind.
        figures = measuring.goal_figures(0.0, 3100.0, self.CUMULATIVE, *self.MARCH, self.DAY_10, has_data=False)
        self.assertEqual(figures.pace_status, scoring.PACE_BEHIND)
        # measure_goals: an owner absent from the engine's values has no data.
        rows = [self._row(1, "user", 55.0, user_id=42), self._row(2, "user", 55.0, user_id=43)]
        values = {1: {10: {("user", 43): 0.0}}}
        measurement = measuring.measure_goals(rows, values, {1: rate}, {10: self.MARCH}, {100: self.DAY_10})
        statuses = {goal_id: (figures.pace_status, figures.has_data) for goal_id, figures in measurement.to_write}
        self.assertEqual(statuses, {1: (scoring.PACE_NO_DATA, False), 2: (scoring.PACE_BEHIND, True)})

    def test_a_goal_without_period_has_no_pace(self):
        figures = measuring.goal_figures(5.0, 10.0, self.CUMULATIVE, False, False, None)
        self.assertEqual(figures, measuring.Figures(5.0, 50.0, 0.0, scoring.PACE_NO_TARGET))

    def _row(self, goal_id, scope, target, figures=None, team_id=None, user_id=None):
        return measuring.GoalRow(goal_id, 1, 10, 100, scope, team_id, user_id, target, figures)

    def test_measure_goals_writes_what_moved_and_reports_status_changes(self):
        values = {1: {10: {("user", 42): 300.0, ("team", 7): 900.0, ("company", 100): 1000.0}}}
        unchanged = measuring.goal_figures(300.0, 3100.0, self.CUMULATIVE, *self.MARCH, self.DAY_10)
        rows = [
            self._row(1, "user", 3100.0, unchanged, team_id=7, user_id=42),  # same figures
            self._row(2, "team", 310.0, unchanged, team_id=7),  # behind -> ahead
            self._row(3, "company", 100.0),  # never measured
            self._row(4, "user", 10.0, None, team_id=7, user_id=43),  # no data: 0
        ]
        args = (values, {1: self.CUMULATIVE}, {10: self.MARCH}, {100: self.DAY_10})
        every = measuring.measure_goals(rows, *args)
        self.assertEqual([goal_id for goal_id, _figures in every.to_write], [1, 2, 3, 4])
        self.assertEqual(every.status_changed, [2, 3, 4])
        changed = measuring.measure_goals(rows, *args, only_changed=True)
        self.assertEqual([goal_id for goal_id, _figures in changed.to_write], [2, 3, 4])
        figures = dict(changed.to_write)
        self.assertEqual((figures[2].actual, figures[2].pace_status), (900.0, scoring.PACE_AHEAD))
        self.assertEqual((figures[4].actual, figures[4].pace_status), (0.0, scoring.PACE_BEHIND))
        self.assertEqual(measuring.wanted_measures(rows), {1: ({10}, {"user", "team", "company"})})


@tagged("post_install", "-at_install")
class TestDecompositionRules(BaseCase):
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


@tagged("post_install", "-at_install")
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
