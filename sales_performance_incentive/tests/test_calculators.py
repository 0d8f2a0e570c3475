# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import BaseCase, tagged

from ..engine import calculators as calc

CURVE = [(50, 25), (100, 100), (150, 200)]


@tagged("post_install", "-at_install")
class TestCalculators(BaseCase):
    def test_category_commission_with_fallbacks(self):
        # categories: 3 child of 2 child of 1; rates on 2 only; product 9 has its own rate
        bases = [(7, [3, 2, 1], 1000.0), (8, [5, 1], 500.0), (9, [3, 2, 1], 200.0)]
        total, trace = calc.category_commission(bases, {2: 10.0}, 2.0, {9: 20.0})
        self.assertAlmostEqual(total, 100 + 10 + 40)
        self.assertEqual([t["rate_source"] for t in trace], ["category", "default", "product"])

    def test_curve_interpolation_threshold_accelerator_cap(self):
        self.assertEqual(calc.curve_payout(40, CURVE, threshold=50)[0], 0.0)
        self.assertAlmostEqual(calc.curve_payout(75, CURVE)[0], 62.5)  # between (50, 25) and (100, 100)
        self.assertAlmostEqual(calc.curve_payout(120, CURVE)[0], 140.0)
        self.assertAlmostEqual(calc.curve_payout(200, CURVE)[0], 300.0)  # the last slope goes on
        self.assertEqual(calc.curve_payout(200, CURVE, cap=180)[0], 180.0)
        self.assertAlmostEqual(calc.curve_payout(25, CURVE)[0], 12.5)  # up to the first point, linearly

    def test_step_curve(self):
        self.assertEqual(calc.curve_payout(99, CURVE, mode=calc.STEP)[0], 25)
        self.assertEqual(calc.curve_payout(100, CURVE, mode=calc.STEP)[0], 100)

    def test_check_curve(self):
        self.assertEqual(calc.check_curve(CURVE), [])
        self.assertEqual(calc.check_curve([(100, 25), (50, 25)]), [calc.CURVE_NOT_INCREASING])
        self.assertEqual(calc.check_curve([(50, 100), (100, 25)]), [calc.CURVE_PAYOUT_DECREASES])
        self.assertEqual(calc.check_curve([(50, 100), (50, 100)]), [calc.CURVE_NOT_INCREASING])
        self.assertEqual(calc.check_curve([(-5, 0), (100, 25)]), [calc.CURVE_NEGATIVE])
        self.assertEqual(calc.check_curve(CURVE, threshold=80, cap=50), [calc.CURVE_CAP_BELOW_THRESHOLD])

    def test_attainment_bonus(self):
        amount, trace = calc.attainment_bonus(1000, 120, CURVE)
        self.assertAlmostEqual(amount, 1400)
        self.assertEqual(trace[0]["reason"], "interpolated")

    def test_rating_bonus(self):
        self.assertEqual(calc.rating_bonus(1, {1: (100, 10)}, 1000)[0], 200)
        self.assertEqual(calc.rating_bonus(2, {1: (100, 10)}, 1000)[0], 0)

    def test_spiff(self):
        self.assertEqual(calc.spiff([(1, 3, 300), (2, -1, -100)], fixed_per_unit=5, rate=1)[0], 15 + 3 - 5 - 1)

    def test_draw_tops_up_then_recovers_above_the_draw(self):
        # (advance, recovery): below the draw an advance, above it the balance comes back
        self.assertEqual(calc.draw(300, 1000, 0)[:2], (700, 0))
        self.assertEqual(calc.draw(-50, 1000, 700)[:2], (1050, 0))  # a clawback month: still the draw
        self.assertEqual(calc.draw(1500, 1000, 700)[:2], (0, 500))  # never below the draw
        self.assertEqual(calc.draw(1800, 1000, 700)[:2], (0, 700))
        self.assertEqual(calc.draw(1800, 1000, 700)[2]["outstanding_after"], 0)

    def test_draw_allowed_to_go_negative_takes_the_whole_balance(self):
        self.assertEqual(calc.draw(1200, 1000, 1500, allow_negative=True)[:2], (0, 1500))
        self.assertEqual(calc.draw(1200, 1000, 1500)[:2], (0, 200))
