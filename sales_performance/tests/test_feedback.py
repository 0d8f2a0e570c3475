# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Customer feedback: logging from orders and opportunities, the positive-feedback-share KPI
source, validation and record rules per role."""

from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import SalesPerformanceScenario


class FeedbackCase(SalesPerformanceScenario):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Feedback = cls.env["sales.performance.feedback"]
        cls.kpi_feedback = cls.env.ref("sales_performance.kpi_positive_feedback_share")

    @classmethod
    def _feedback(cls, salesperson, partner, rating, when, company=None, user=None, **values):
        model = cls.env["sales.performance.feedback"]
        if user:
            model = model.with_user(user)
        return model.create(
            {
                "salesperson_id": salesperson.id,
                "partner_id": partner.id,
                "rating": rating,
                "date": when,
                "company_id": (company or cls.company).id,
                **values,
            }
        )


@tagged("post_install", "-at_install")
class TestPositiveFeedbackShare(FeedbackCase):
    """Feedback around March 2026 (UTC company); teams from each salesperson's main team.

      F1  rep_1  Customer One          positive  03-01 00:00:00  (first instant: counted)
      F2  rep_1  Customer Two          negative  03-10
      F3  rep_1  One's contact         positive  03-31 23:59:59  (last instant: counted)
      F4  rep_1  Customer One          negative  04-01 00:00:00  (April)
      F5  rep_1  Customer One          positive  02-28 23:59:59  (February)
      F6  rep_2  Customer Three        positive  03-15
      F7  rep_2  Customer Three        neutral   03-16
      F8  rep_3  Customer Two          positive  03-20
      F9  rep_3  Customer One          negative  03-21
      F10 rep_1  other company         positive  03-12  (other company)

    March, positive / all: rep_1 2/3 = 66.67, rep_2 1/2 = 50, rep_3 1/2 = 50,
      Team A (F1 F2 F3 F6 F7) 3/5 = 60, Team B 1/2 = 50, company 4/7 = 57.14.
    March, customers in the US (Customer One and its contact): rep_1 F1 F3 2/2 = 100,
      rep_3 F9 0/1 = 0, Team A 100, Team B 0, company 2/3 = 66.67.
    February: rep_1 1/1 = 100, Team A 100, company 100.
    March of the other company: rep_1 1/1 = 100, company 100.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        other_customer = cls.env["res.partner"].create({"name": "Customer of the other company"})
        for salesperson, partner, rating, when, company in (
            (cls.rep_1, cls.customer_1, "positive", datetime(2026, 3, 1, 0, 0, 0), None),
            (cls.rep_1, cls.customer_2, "negative", datetime(2026, 3, 10, 10), None),
            (cls.rep_1, cls.customer_1_contact, "positive", datetime(2026, 3, 31, 23, 59, 59), None),
            (cls.rep_1, cls.customer_1, "negative", datetime(2026, 4, 1, 0, 0, 0), None),
            (cls.rep_1, cls.customer_1, "positive", datetime(2026, 2, 28, 23, 59, 59), None),
            (cls.rep_2, cls.customer_3, "positive", datetime(2026, 3, 15, 10), None),
            (cls.rep_2, cls.customer_3, "neutral", datetime(2026, 3, 16, 10), None),
            (cls.rep_3, cls.customer_2, "positive", datetime(2026, 3, 20, 10), None),
            (cls.rep_3, cls.customer_1, "negative", datetime(2026, 3, 21, 10), None),
            (cls.rep_1, other_customer, "positive", datetime(2026, 3, 12, 10), cls.other_company),
        ):
            cls._feedback(salesperson, partner, rating, when, company)

    def test_kpi_is_a_leading_percentage(self):
        self.assertEqual(self.kpi_feedback.code, "FEEDBACK")
        self.assertEqual(self.kpi_feedback.unit, "percent")
        self.assertTrue(self.kpi_feedback.is_leading)
        self.assertEqual(self.kpi_feedback.source_code, "positive_feedback_share")

    def test_teams_come_from_the_salespeople(self):
        march = self.Feedback.search([("date", ">=", "2026-03-01"), ("date", "<", "2026-04-01")])
        self.assertEqual(
            {(f.salesperson_id.login, f.team_id.name or "") for f in march},
            {("rep_1", "Team A"), ("rep_2", "Team A"), ("rep_3", "Team B"), ("rep_1", "")},
        )

    def test_share_in_march(self):
        goals = self._goals_for_all_scopes(self.march, self.kpi_feedback)
        self.assertEqual(
            self._actuals(goals),
            {"rep_1": 66.67, "rep_2": 50, "rep_3": 50, "Team A": 60, "Team B": 50, "company": 57.14},
        )

    def test_share_of_us_customers(self):
        kpi = self.kpi_feedback.copy({"code": "FEEDBACK-US", "country_ids": [Command.set(self.country_us.ids)]})
        goals = self._goals_for_all_scopes(self.march, kpi)
        self.assertEqual(
            self._actuals(goals),
            {"rep_1": 100, "rep_2": 0, "rep_3": 0, "Team A": 100, "Team B": 0, "company": 66.67},
        )

    def test_product_category_counts_nothing(self):
        kpi = self.kpi_feedback.copy(
            {"code": "FEEDBACK-HARD", "product_category_ids": [Command.set(self.categ_hard.ids)]}
        )
        goals = self._goals_for_all_scopes(self.march, kpi)
        self.assertEqual(set(self._actuals(goals).values()), {0})

    def test_share_in_february(self):
        goals = self._goals_for_all_scopes(self.february, self.kpi_feedback)
        self.assertEqual(
            self._actuals(goals),
            {"rep_1": 100, "rep_2": 0, "rep_3": 0, "Team A": 100, "Team B": 0, "company": 100},
        )

    def test_share_in_the_other_company(self):
        goals = self._create_goal(self.march_other_company, self.kpi_feedback, 1, user=self.rep_1) | self._create_goal(
            self.march_other_company, self.kpi_feedback, 1, scope="company"
        )
        self.assertEqual(self._actuals(goals), {"rep_1": 100, "company": 100})


@tagged("post_install", "-at_install")
class TestLogFeedback(FeedbackCase):
    def test_log_feedback_from_an_order(self):
        order = self.order_boundary.with_user(self.rep_1)
        action = order.action_log_performance_feedback()
        self.assertEqual(action["res_model"], "sales.performance.feedback")
        form = Form(self.Feedback.with_user(self.rep_1).with_context(**action["context"]))
        self.assertEqual(form.sale_order_id, self.order_boundary)
        self.assertEqual(form.partner_id, self.customer_2)
        self.assertEqual(form.salesperson_id, self.rep_1)
        self.assertEqual(form.team_id, self.team_a)
        self.assertEqual(form.company_id, self.company)
        form.rating = "positive"
        form.note = "Delivered before the deadline."
        feedback = form.save()
        self.assertEqual(feedback.create_uid, self.rep_1)
        self.assertEqual(order.performance_feedback_count, 1)
        history = order.action_view_performance_feedback()
        self.assertEqual(self.Feedback.with_user(self.rep_1).search(history["domain"]), feedback)

    def test_log_feedback_from_an_opportunity(self):
        self.lead_won.partner_id = self.customer_1
        lead = self.lead_won.with_user(self.rep_1)
        form = Form(
            self.Feedback.with_user(self.rep_1).with_context(**lead.action_log_performance_feedback()["context"])
        )
        self.assertEqual(
            (form.lead_id, form.partner_id, form.salesperson_id, form.team_id),
            (self.lead_won, self.customer_1, self.rep_1, self.team_a),
        )
        form.rating = "negative"
        feedback = form.save()
        self.assertEqual(lead.performance_feedback_count, 1)
        self.assertEqual(feedback.display_name, "Negative feedback from Customer One")

    def test_log_feedback_buttons_on_order_and_opportunity_forms(self):
        for model in ("sale.order", "crm.lead"):
            arch = self.env[model].with_user(self.rep_1).get_views([(False, "form")])["views"]["form"]["arch"]
            self.assertIn('name="action_log_performance_feedback"', arch, model)
            self.assertIn('name="action_view_performance_feedback"', arch, model)

    def test_salesperson_can_be_someone_else_than_the_order_one(self):
        feedback = self.Feedback.create(
            {"sale_order_id": self.order_boundary.id, "salesperson_id": self.rep_3.id, "rating": "neutral"}
        )
        self.assertEqual(feedback.salesperson_id, self.rep_3)
        self.assertEqual(feedback.partner_id, self.customer_2)
        self.assertEqual(feedback.team_id, self.team_a, "the order's team")

    def test_feedback_without_document(self):
        feedback = self._feedback(self.rep_3, self.customer_3, "positive", datetime(2026, 3, 3, 10))
        self.assertEqual(feedback.team_id, self.team_b, "the salesperson's main team")


@tagged("post_install", "-at_install")
class TestFeedbackValidation(FeedbackCase):
    def assertRefused(self, field_label, values):
        count = self.Feedback.search_count([])
        with self.assertRaises(ValidationError) as caught:
            self.Feedback.create(values)
        self.assertIn(field_label, str(caught.exception))
        self.assertEqual(self.Feedback.search_count([]), count, "nothing saved")

    def test_invalid_rating(self):
        values = {"partner_id": self.customer_1.id, "salesperson_id": self.rep_1.id}
        self.assertRefused("Rating", {**values, "rating": "great"})
        self.assertRefused("Rating", values)

    def test_missing_customer_or_salesperson(self):
        self.assertRefused("Customer", {"salesperson_id": self.rep_1.id, "rating": "positive"})
        self.assertRefused("Salesperson", {"partner_id": self.customer_1.id, "rating": "positive"})

    def test_customer_of_another_order(self):
        self.assertRefused(
            "Customer",
            {"sale_order_id": self.order_boundary.id, "partner_id": self.customer_3.id, "rating": "positive"},
        )

    def test_salesperson_of_another_company(self):
        self.assertRefused(
            "Salesperson",
            {
                "partner_id": self.customer_1.id,
                "salesperson_id": self.rep_3.id,
                "rating": "positive",
                "company_id": self.other_company.id,
            },
        )

    def test_invalid_rating_on_write(self):
        feedback = self._feedback(self.rep_1, self.customer_1, "positive", datetime(2026, 3, 3, 10))
        with self.assertRaises(ValidationError) as caught:
            feedback.write({"rating": "great"})
        self.assertIn("Rating", str(caught.exception))
        self.assertEqual(feedback.rating, "positive")


@tagged("post_install", "-at_install")
class TestFeedbackAccess(FeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        when = datetime(2026, 3, 5, 10)
        cls.about_rep_1 = cls._feedback(cls.rep_1, cls.customer_1, "positive", when)
        cls.about_rep_2 = cls._feedback(cls.rep_2, cls.customer_3, "negative", when)
        cls.about_rep_3 = cls._feedback(cls.rep_3, cls.customer_2, "neutral", when)
        cls.about_manager_a = cls._feedback(cls.manager_a, cls.customer_2, "positive", when)
        cls.other_company_feedback = cls._feedback(cls.rep_1, cls.customer_1, "positive", when, cls.other_company)
        cls.all_feedback = cls.Feedback.search([])

    def visible(self, user, companies=None):
        companies = companies or self.company
        model = self.Feedback.with_user(user).with_context(allowed_company_ids=companies.ids)
        return model.search([("id", "in", self.all_feedback.ids)])

    def test_salesperson_reads_feedback_about_them(self):
        self.assertEqual(self.visible(self.rep_1), self.about_rep_1)
        self.assertEqual(
            self.visible(self.rep_1, self.company | self.other_company),
            self.about_rep_1 | self.other_company_feedback,
        )
        with self.assertRaises(AccessError):
            self.about_rep_2.with_user(self.rep_1).read(["rating"])

    def test_salesperson_logs_but_cannot_change_feedback(self):
        logged = self._feedback(self.rep_2, self.customer_3, "positive", datetime(2026, 3, 6), user=self.rep_1)
        self.assertIn(logged, self.Feedback.with_user(self.rep_1).search([]), "logged by them")
        self.assertIn(logged, self.Feedback.with_user(self.rep_2).search([]), "about them")
        with self.assertRaises(AccessError):
            logged.with_user(self.rep_3).read(["rating"])
        with self.assertRaises(AccessError):
            self.about_rep_1.with_user(self.rep_1).write({"rating": "negative"})
        with self.assertRaises(AccessError):
            self.about_rep_1.with_user(self.rep_1).unlink()

    def test_manager_manages_feedback_of_own_team(self):
        self.assertEqual(self.visible(self.manager_a), self.about_rep_1 | self.about_rep_2 | self.about_manager_a)
        self.about_rep_2.with_user(self.manager_a).write({"rating": "neutral"})
        self.assertEqual(self.about_rep_2.rating, "neutral")
        with self.assertRaises(AccessError):
            self.about_manager_a.with_user(self.manager_a).write({"rating": "positive"})

    def test_manager_of_another_team_cannot_read(self):
        self.assertEqual(self.visible(self.manager_b), self.about_rep_3)
        with self.assertRaises(AccessError):
            self.about_rep_1.with_user(self.manager_b).read(["rating"])
        with self.assertRaises(AccessError):
            self.about_rep_1.with_user(self.manager_b).write({"rating": "negative"})

    def test_manager_who_left_the_team_loses_access(self):
        membership = self.env["crm.team.member"].create({"crm_team_id": self.team_a.id, "user_id": self.manager_b.id})
        self.assertEqual(self.visible(self.manager_b), self.about_rep_1 | self.about_rep_2 | self.about_rep_3)
        membership.action_archive()
        self.assertEqual(self.visible(self.manager_b), self.about_rep_3)

    def test_administrator_sees_all_feedback_of_allowed_companies(self):
        admin = self._create_user("perf_admin", "Performance Admin", "sales_performance.group_sales_performance_admin")
        self.assertEqual(self.visible(admin), self.all_feedback - self.other_company_feedback)

    def test_other_company_user_sees_nothing(self):
        outsider = self._create_user("other_rep", "Other Rep", company=self.other_company)
        self.assertFalse(self.visible(outsider, self.other_company))
        self.assertFalse(self.Feedback.with_user(outsider).search([]))
