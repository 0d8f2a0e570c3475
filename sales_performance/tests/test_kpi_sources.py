# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Every built-in KPI source against the hand-computed March of SalesPerformanceScenario."""

from datetime import date, datetime

from odoo import Command
from odoo.tests import tagged

from .common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestKpiSources(SalesPerformanceScenario):
    def assertActuals(self, source, expected):
        goals = self._goals_for_all_scopes(self.march, self.kpi[source])
        self.assertEqual(self._actuals(goals), expected, f"KPI source {source}")

    def test_revenue(self):
        self.assertActuals(
            "revenue", {"rep_1": 300, "rep_2": 100, "rep_3": 100, "Team A": 400, "Team B": 100, "company": 500}
        )

    def test_margin(self):
        self.assertActuals(
            "margin", {"rep_1": 160, "rep_2": 60, "rep_3": 40, "Team A": 220, "Team B": 40, "company": 260}
        )

    def test_order_count(self):
        self.assertActuals("order_count", {"rep_1": 2, "rep_2": 1, "rep_3": 1, "Team A": 3, "Team B": 1, "company": 4})

    def test_average_order_value(self):
        self.assertActuals(
            "average_order_value",
            {"rep_1": 150, "rep_2": 100, "rep_3": 100, "Team A": 133.33, "Team B": 100, "company": 125},
        )

    def test_customer_count_is_distinct_per_scope(self):
        # Customer Two bought from rep_1 and rep_3: counted once for the company.
        self.assertActuals(
            "customer_count", {"rep_1": 2, "rep_2": 1, "rep_3": 1, "Team A": 3, "Team B": 1, "company": 3}
        )

    def test_new_customers(self):
        self.assertActuals(
            "new_customer_count", {"rep_1": 0, "rep_2": 1, "rep_3": 1, "Team A": 1, "Team B": 1, "company": 2}
        )

    def test_new_customer_rate(self):
        self.assertActuals(
            "new_customer_rate",
            {"rep_1": 0, "rep_2": 100, "rep_3": 100, "Team A": 33.33, "Team B": 100, "company": 66.67},
        )

    def test_new_customers_on_the_period_start_and_through_contacts(self):
        """Four more March orders, on top of the scenario's:

        Customer Four (a company) first ordered through its buyer, with rep_3, exactly at the
        period start (1 March 00:00 UTC): new, for rep_3 / Team B; its own order with rep_1 on
        2 March is the same customer's second. Customer Five ordered with rep_2 one second
        before March, then again on 1 March 00:00: not new. Customer Six ordered twice at the
        same instant, first with rep_1, then with rep_2: the lower id is the first order.
        """
        hard, start = self.product_hard, datetime(2026, 3, 1)
        four = self._create_customer("Customer Four", is_company=True)
        four_buyer = self.env["res.partner"].create({"name": "Buyer at Four", "parent_id": four.id})
        five, six = self._create_customer("Customer Five"), self._create_customer("Customer Six")
        self._create_order(self.rep_3, four_buyer, [(hard, 1, 100)], start, self.team_b)
        self._create_order(self.rep_1, four, [(hard, 1, 100)], datetime(2026, 3, 2), self.team_a)
        self._create_order(self.rep_2, five, [(hard, 1, 100)], datetime(2026, 2, 28, 23, 59, 59), self.team_a)
        self._create_order(self.rep_2, five, [(hard, 1, 100)], start, self.team_a)
        self._create_order(self.rep_1, six, [(hard, 1, 100)], start, self.team_a)
        self._create_order(self.rep_2, six, [(hard, 1, 100)], start, self.team_a)
        # New: Two (rep_3), Three (rep_2), Four (rep_3), Six (rep_1).
        self.assertActuals(
            "new_customer_count", {"rep_1": 1, "rep_2": 1, "rep_3": 2, "Team A": 2, "Team B": 2, "company": 4}
        )
        # Customers: rep_1 One, Two, Four, Six; rep_2 Three, Five, Six; rep_3 Two, Four;
        # Team A (rep_1 + rep_2) all six, 2 new; Team B Two, Four; company 4 new of 6.
        self.assertActuals(
            "new_customer_rate",
            {"rep_1": 25, "rep_2": 33.33, "rep_3": 100, "Team A": 33.33, "Team B": 100, "company": 66.67},
        )

    def test_invoiced_revenue_net_of_credit_notes(self):
        self.assertActuals(
            "invoiced_revenue", {"rep_1": 200, "rep_2": 100, "rep_3": 80, "Team A": 300, "Team B": 80, "company": 380}
        )

    def test_opportunities_won(self):
        self.assertActuals(
            "opportunities_won", {"rep_1": 1, "rep_2": 1, "rep_3": 0, "Team A": 2, "Team B": 0, "company": 2}
        )

    def test_win_rate(self):
        self.assertActuals(
            "win_rate", {"rep_1": 50, "rep_2": 100, "rep_3": 0, "Team A": 66.67, "Team B": 0, "company": 66.67}
        )

    def test_pipeline_created(self):
        self.assertActuals(
            "pipeline_created",
            {"rep_1": 1500, "rep_2": 300, "rep_3": 700, "Team A": 1800, "Team B": 700, "company": 2500},
        )

    def test_leads_qualified(self):
        self.assertActuals(
            "leads_qualified", {"rep_1": 0, "rep_2": 1, "rep_3": 1, "Team A": 1, "Team B": 1, "company": 2}
        )

    def test_activities_done(self):
        self.assertActuals(
            "activities_done", {"rep_1": 2, "rep_2": 0, "rep_3": 0, "Team A": 2, "Team B": 0, "company": 2}
        )

    def test_activities_count_for_the_company_of_their_record(self):
        """rep_1 works in both companies, the first being their main one. A call done in March on
        an opportunity of the other company counts for the other company's goals, not for the
        company of the user who made it."""
        lead = (
            self.env["crm.lead"]
            .with_company(self.other_company)
            .create(
                {
                    "name": "Deal of the other company",
                    "type": "opportunity",
                    "user_id": self.rep_1.id,
                    "company_id": self.other_company.id,
                }
            )
        )
        activity = lead.activity_schedule("mail.mail_activity_data_call", user_id=self.rep_1.id)
        activity.with_user(self.rep_1).sudo().action_feedback(feedback="Called")
        message = self.env["mail.message"].search(
            [("model", "=", "crm.lead"), ("res_id", "=", lead.id), ("mail_activity_type_id", "!=", False)]
        )
        self.assertEqual(message.record_company_id, self.other_company)
        self._set_dates("mail_message", message, date=datetime(2026, 3, 8, 9))
        other_goal = self._create_goal(self.march_other_company, self.kpi["activities_done"], 1, user=self.rep_1)
        self.assertEqual(self._actuals(other_goal), {"rep_1": 1})
        self.assertActuals(
            "activities_done", {"rep_1": 2, "rep_2": 0, "rep_3": 0, "Team A": 2, "Team B": 0, "company": 2}
        )

    def test_only_the_scopes_asked_are_grouped(self):
        team_goal = self._create_goal(self.march, self.kpi["customer_count"], 1, scope="team", team=self.team_a)
        self.assertEqual(self._actuals(team_goal), {"Team A": 3})
        values = self.kpi["customer_count"]._measure(self.march, {"user"})
        self.assertEqual(
            values[self.march.id], {("user", self.rep_1.id): 2, ("user", self.rep_2.id): 1, ("user", self.rep_3.id): 1}
        )

    def test_company_timezone_moves_the_boundary(self):
        # In Shanghai (UTC+8) the order of 31 March 23:30 UTC was placed on 1 April.
        self.company.partner_id.tz = "Asia/Shanghai"
        self.assertActuals(
            "revenue", {"rep_1": 250, "rep_2": 100, "rep_3": 100, "Team A": 350, "Team B": 100, "company": 450}
        )

    def test_other_company_period_counts_its_own_documents(self):
        goal = self._create_goal(self.march_other_company, self.kpi["revenue"], 100, user=self.rep_1)
        self.assertEqual(self._actuals(goal), {"rep_1": 100})

    def test_previous_period(self):
        self.assertActuals(
            "revenue", {"rep_1": 300, "rep_2": 100, "rep_3": 100, "Team A": 400, "Team B": 100, "company": 500}
        )
        goals = self._goals_for_all_scopes(self.february, self.kpi["opportunities_won"])
        self.assertEqual(
            self._actuals(goals), {"rep_1": 0, "rep_2": 0, "rep_3": 1, "Team A": 0, "Team B": 1, "company": 1}
        )


@tagged("post_install", "-at_install")
class TestKpiFilters(SalesPerformanceScenario):
    def _filtered_kpi(self, code, **filters):
        return self.kpi["revenue"].copy({"code": code, **filters})

    def assertFiltered(self, kpi, expected):
        goals = self._goals_for_all_scopes(self.march, kpi)
        self.assertEqual(self._actuals(goals), expected)

    def test_product_category(self):
        kpi = self._filtered_kpi("REV-HARD", product_category_ids=[(6, 0, self.categ_hard.ids)])
        self.assertFiltered(kpi, {"rep_1": 200, "rep_2": 0, "rep_3": 100, "Team A": 200, "Team B": 100, "company": 300})

    def test_parent_category_includes_children(self):
        self.categ_hard.parent_id = self.categ_easy
        kpi = self._filtered_kpi("REV-EASY", product_category_ids=[(6, 0, self.categ_easy.ids)])
        self.assertFiltered(
            kpi, {"rep_1": 300, "rep_2": 100, "rep_3": 100, "Team A": 400, "Team B": 100, "company": 500}
        )

    def test_customer_segment_uses_the_commercial_entity(self):
        # O2 was placed by a contact of Customer One; the VIP tag sits on the company.
        kpi = self._filtered_kpi("REV-VIP", partner_category_ids=[(6, 0, self.tag_vip.ids)])
        self.assertFiltered(kpi, {"rep_1": 250, "rep_2": 100, "rep_3": 0, "Team A": 350, "Team B": 0, "company": 350})

    def test_region(self):
        kpi = self._filtered_kpi("REV-CN", country_ids=[(6, 0, self.country_cn.ids)])
        self.assertFiltered(
            kpi, {"rep_1": 50, "rep_2": 100, "rep_3": 100, "Team A": 150, "Team B": 100, "company": 250}
        )

    def test_sales_team(self):
        kpi = self._filtered_kpi("REV-B", team_ids=[(6, 0, self.team_b.ids)])
        self.assertFiltered(kpi, {"rep_1": 0, "rep_2": 0, "rep_3": 100, "Team A": 0, "Team B": 100, "company": 100})


@tagged("post_install", "-at_install")
class TestGenericSource(SalesPerformanceScenario):
    def _field(self, model, name):
        return self.env["ir.model.fields"]._get(model, name)

    def _generic_kpi(self, **values):
        return self.Kpi.create(
            {
                "code": values.pop("code", "GEN"),
                "name": "Generic",
                "source_id": self.env.ref("sales_performance.kpi_source_generic").id,
                "generic_model_id": self.env["ir.model"]._get_id("crm.lead"),
                "generic_date_field_id": self._field("crm.lead", "date_closed").id,
                "generic_user_field_id": self._field("crm.lead", "user_id").id,
                "generic_team_field_id": self._field("crm.lead", "team_id").id,
                **values,
            }
        )

    def test_sum_of_a_field_within_a_domain(self):
        kpi = self._generic_kpi(
            generic_aggregate="sum",
            generic_measure_field_id=self._field("crm.lead", "expected_revenue").id,
            generic_domain="[('stage_id.is_won', '=', True)]",
        )
        goals = self._goals_for_all_scopes(self.march, kpi)
        self.assertEqual(
            self._actuals(goals),
            {"rep_1": 1000, "rep_2": 300, "rep_3": 0, "Team A": 1300, "Team B": 0, "company": 1300},
        )

    def test_count(self):
        # Active opportunities closed in March: the two won ones (the lost one is archived).
        kpi = self._generic_kpi(generic_aggregate="count")
        goals = self._goals_for_all_scopes(self.march, kpi)
        self.assertEqual(
            self._actuals(goals), {"rep_1": 1, "rep_2": 1, "rep_3": 0, "Team A": 2, "Team B": 0, "company": 2}
        )

    def test_ratio_with_numerator_domain(self):
        # Won revenue / expected revenue of active opportunities closed in March, in percent.
        kpi = self._generic_kpi(
            generic_aggregate="ratio",
            generic_measure_field_id=self._field("crm.lead", "expected_revenue").id,
            generic_denominator_field_id=self._field("crm.lead", "expected_revenue").id,
            generic_numerator_domain="[('expected_revenue', '>', 500)]",
            generic_ratio_factor=100,
        )
        goals = self._goals_for_all_scopes(self.march, kpi)
        # Company: won 1000 + 300 = 1300; numerator only the 1000 deal: 76.92 %.
        self.assertEqual(
            self._actuals(goals), {"rep_1": 100, "rep_2": 0, "rep_3": 0, "Team A": 76.92, "Team B": 0, "company": 76.92}
        )

    def test_datetime_field_bounds_follow_the_company_timezone(self):
        kpi = self._generic_kpi(
            generic_model_id=self.env["ir.model"]._get_id("sale.order"),
            generic_date_field_id=self._field("sale.order", "date_order").id,
            generic_user_field_id=self._field("sale.order", "user_id").id,
            generic_team_field_id=self._field("sale.order", "team_id").id,
            generic_aggregate="count",
            generic_domain="[('state', '=', 'sale')]",
        )
        goal = self._create_goal(self.march, kpi, 1, user=self.rep_1)
        self.assertEqual(self._actuals(goal), {"rep_1": 2})
        self.company.partner_id.tz = "Asia/Shanghai"
        self.assertEqual(self._actuals(goal), {"rep_1": 1})
        self.assertEqual(self.order_boundary.date_order, datetime(2026, 3, 31, 23, 30))


@tagged("post_install", "-at_install")
class TestDocumentTotals(SalesPerformanceScenario):
    """Without a category filter, revenue, margin and invoiced revenue are summed from the
    orders' and invoices' stored totals; with one, from their lines. Lines that are not products
    must not make the two disagree.

    On top of the scenario's March:
      O10 rep_2 Team A Customer Three 2026-03-16: a section, a note and 1 Easy @30 (margin 20),
          then a 5.00 down payment (an order line of quantity 0, its invoice left in draft).
      I7  rep_3 Team B 2026-03-25: 1 Easy @80.40 with a cash rounding to the unit added as its
          own line (-0.40): untaxed 80.00 on the invoice.
    Revenue: rep_2 100 + 30 = 130, Team A 430, company 530. Margin: rep_2 80, Team A 240,
    company 280. Invoiced: rep_3 80 + 80 = 160, Team B 160, company 460; counted by product
    category the rounding line, which has no product, is left out: rep_3 160.40.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        order = cls._create_order(
            cls.rep_2, cls.customer_3, [(cls.product_easy, 1, 30)], datetime(2026, 3, 16, 10), cls.team_a
        )
        order.order_line = [
            Command.create({"display_type": "line_section", "name": "Extras", "sequence": 1}),
            Command.create({"display_type": "line_note", "name": "Delivered together", "sequence": 2}),
        ]
        down_payment = (
            cls.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create({"advance_payment_method": "fixed", "fixed_amount": 5.0})
        )
        down_payment.create_invoices()
        cls.down_payment_line = order.order_line.filtered(lambda line: line.is_downpayment and not line.display_type)
        rounding = cls.env["account.cash.rounding"].create(
            {
                "name": "To the unit",
                "rounding": 1.0,
                "strategy": "add_invoice_line",
                "rounding_method": "HALF-UP",
                "profit_account_id": cls.company_data["default_account_revenue"].id,
                "loss_account_id": cls.company_data["default_account_expense"].id,
            }
        )
        cls.rounded_invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer_2.id,
                "invoice_user_id": cls.rep_3.id,
                "team_id": cls.team_b.id,
                "invoice_date": date(2026, 3, 25),
                "invoice_cash_rounding_id": rounding.id,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": cls.product_easy.id, "quantity": 1, "price_unit": 80.40, "tax_ids": []}
                    )
                ],
            }
        )
        cls.rounded_invoice.action_post()
        cls.all_categories = cls.categ_hard | cls.categ_easy

    def assertBothWays(self, code, expected, expected_by_category=None):
        unfiltered = self._goals_for_all_scopes(self.march, self.kpi[code])
        self.assertEqual(self._actuals(unfiltered), expected, f"{code} from document totals")
        by_category = self.kpi[code].copy(
            {"code": f"{code}-CATEG", "product_category_ids": [Command.set(self.all_categories.ids)]}
        )
        filtered = self._goals_for_all_scopes(self.march, by_category)
        self.assertEqual(self._actuals(filtered), expected_by_category or expected, f"{code} from lines")

    def test_the_fixture_is_what_the_docstring_says(self):
        self.assertEqual(len(self.down_payment_line), 1, "the down payment left a line on the order")
        self.assertGreater(self.down_payment_line.price_unit, 4.0)  # 5.00 less its tax
        self.assertEqual(self.down_payment_line.price_subtotal, 0.0)
        self.assertEqual(self.rounded_invoice.amount_untaxed, 80.0)
        self.assertEqual(
            sorted(self.rounded_invoice.line_ids.filtered("display_type").mapped("display_type")),
            ["payment_term", "product", "rounding"],
        )

    def test_revenue(self):
        self.assertBothWays(
            "revenue", {"rep_1": 300, "rep_2": 130, "rep_3": 100, "Team A": 430, "Team B": 100, "company": 530}
        )

    def test_margin(self):
        self.assertBothWays(
            "margin", {"rep_1": 160, "rep_2": 80, "rep_3": 40, "Team A": 240, "Team B": 40, "company": 280}
        )

    def test_invoiced_revenue_counts_a_cash_rounding_line_unless_by_category(self):
        self.assertBothWays(
            "invoiced_revenue",
            {"rep_1": 200, "rep_2": 100, "rep_3": 160, "Team A": 300, "Team B": 160, "company": 460},
            {"rep_1": 200, "rep_2": 100, "rep_3": 160.4, "Team A": 300, "Team B": 160.4, "company": 460.4},
        )
