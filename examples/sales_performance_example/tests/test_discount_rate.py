# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, datetime

from odoo.tests import tagged

from odoo.addons.sales_performance.tests.common import SalesPerformanceCommon


@tagged("post_install", "-at_install")
class TestDiscountRate(SalesPerformanceCommon):
    """March 2026, confirmed orders (list price x quantity, discount):
    rep_1 (Team A): 2 Hard @100 at 10 % + 1 Easy @50 -> 20 given of 250 = 8 %;
    rep_2 (Team A): 4 Easy @50 at 25 % -> 50 of 200 = 25 %;
    rep_3 (Team B): 1 Hard @100 -> 0 %.
    Team A: 70 of 450 = 15.56 %; Team B 0 %; company 70 of 550 = 12.73 %."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.march = cls._create_period(date(2026, 3, 1), date(2026, 3, 31), "month", name="2026-03")
        cls.discount_kpi = cls.env["sales.performance.kpi"].create(
            {
                "code": "DISC",
                "name": "Discount rate",
                "source_id": cls.env.ref("sales_performance_example.kpi_source_discount_rate").id,
                "unit": "percent",
                "direction": "lower",
            }
        )
        hard, easy = cls.product_hard, cls.product_easy
        cls._discounted_order(cls.rep_1, cls.team_a, [(hard, 2, 100, 10), (easy, 1, 50, 0)])
        cls._discounted_order(cls.rep_2, cls.team_a, [(easy, 4, 50, 25)])
        cls._discounted_order(cls.rep_3, cls.team_b, [(hard, 1, 100, 0)])

    @classmethod
    def _discounted_order(cls, user, team, lines):
        """A confirmed March order of ``lines`` = [(product, quantity, list price, discount %)]."""
        when = datetime(2026, 3, 10, 10)
        order = cls._create_order(user, cls.customer_1, [line[:3] for line in lines], when, team, state="draft")
        for order_line, (*_product, discount) in zip(order.order_line, lines, strict=True):
            order_line.discount = discount
        order.action_confirm()
        order.date_order = when
        return order

    def test_every_scope(self):
        goals = self._goals_for_all_scopes(self.march, self.discount_kpi)
        self.assertEqual(
            self._actuals(goals),
            {"rep_1": 8, "rep_2": 25, "rep_3": 0, "Team A": 15.56, "Team B": 0, "company": 12.73},
        )
        # Lower is better: a ceiling of 10 % beaten at 8 % is 10 / 8 = 125 %.
        goal = goals.filtered(lambda g: g.user_id == self.rep_1)
        goal.target = 10
        self.assertEqual(goal.attainment, 125)
