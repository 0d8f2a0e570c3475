# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestAdminJourney(HttpCase, SalesPerformanceScenario):
    """In a real browser, from the home menu: the administrator changes the Performance
    settings and makes a new KPI, checking its value in the preview before saving."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls._create_admin()

    def test_settings(self):
        self.company.write({"performance_grace_days": 3, "performance_show_ranking": False})
        self.start_tour("/odoo", "sales_performance_journey_settings", login="perf_admin")
        self.assertEqual(
            (
                self.company.performance_grace_days,
                self.company.performance_pace_on_track,
                self.company.performance_show_ranking,
            ),
            (7, 90.0, True),
        )

    def test_new_kpi_with_preview(self):
        # This month's period, and an order of today: 2 Hard at 100 + 1 Easy at 50. The preview
        # shows the company's revenue so far: 250, then 200 once filtered on the Hard category.
        today = fields.Date.context_today(self.admin)
        month_start = today.replace(day=1)
        month_end = (month_start + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        current = self._create_period(month_start, month_end, "month", name="This month")
        self._create_order(
            self.rep_1,
            self.customer_1,
            [(self.product_hard, 2, 100), (self.product_easy, 1, 50)],
            fields.Datetime.now(),
            self.team_a,
        )
        self.start_tour("/odoo", "sales_performance_journey_kpi_new", login="perf_admin")
        kpi = self.Kpi.search([("code", "=", "HARD_REV")])
        self.assertEqual(
            (kpi.name, kpi.source_id, kpi.product_category_ids, kpi.unit),
            ("Hard product revenue", self.env.ref("sales_performance.kpi_source_revenue"), self.categ_hard, "currency"),
        )
        kpi = kpi.with_user(self.admin)
        self.assertEqual((kpi.preview_period_id, kpi.preview_value), (current, 200.0))
