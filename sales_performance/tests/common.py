# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Test fixtures shared by sales_performance and sales_performance_incentive.

Layers: ``SalesPerformanceCommon`` (company with a chart of accounts, two teams, reps,
products, customers, helpers to make orders, invoices and leads on given dates) and
``SalesPerformanceScenario`` (a March 2026 full of awkward documents whose KPI values are
computed by hand in the docstring below and asserted by the tests).
"""

from datetime import date, datetime

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import SQL

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class SalesPerformanceCommon(AccountTestInvoicingCommon):
    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.env.ref("sales_team.group_sale_manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.company.partner_id.tz = "UTC"
        cls.Goal = cls.env["sales.performance.goal"]
        cls.Period = cls.env["sales.performance.period"]
        cls.Kpi = cls.env["sales.performance.kpi"]

        cls.categ_hard = cls.env["product.category"].create({"name": "Hard to sell"})
        cls.categ_easy = cls.env["product.category"].create({"name": "Easy to sell"})
        cls.product_hard = cls._create_product(
            name="Hard product", categ_id=cls.categ_hard.id, list_price=100.0, standard_price=60.0
        )
        cls.product_easy = cls._create_product(
            name="Easy product", categ_id=cls.categ_easy.id, list_price=50.0, standard_price=10.0
        )

        cls.tag_vip = cls.env["res.partner.category"].create({"name": "VIP"})
        cls.country_us = cls.env.ref("base.us")
        cls.country_cn = cls.env.ref("base.cn")
        cls.customer_1 = cls._create_customer("Customer One", country=cls.country_us, tags=cls.tag_vip, is_company=True)
        cls.customer_1_contact = cls.env["res.partner"].create(
            {"name": "Buyer at Customer One", "parent_id": cls.customer_1.id, "type": "contact"}
        )
        cls.customer_2 = cls._create_customer("Customer Two", country=cls.country_cn)
        cls.customer_3 = cls._create_customer("Customer Three", country=cls.country_cn, tags=cls.tag_vip)

        cls.manager_a = cls._create_user("manager_a", "Manager A", "sales_performance.group_sales_performance_manager")
        cls.manager_b = cls._create_user("manager_b", "Manager B", "sales_performance.group_sales_performance_manager")
        cls.rep_1 = cls._create_user("rep_1", "Rep One")
        cls.rep_2 = cls._create_user("rep_2", "Rep Two")
        cls.rep_3 = cls._create_user("rep_3", "Rep Three")
        cls.team_a = cls._create_team("Team A", cls.manager_a, cls.rep_1 | cls.rep_2)
        cls.team_b = cls._create_team("Team B", cls.manager_b, cls.rep_3)

        cls.kpi = {
            source: cls.env.ref(f"sales_performance.kpi_{source}")
            for source in (
                "revenue",
                "invoiced_revenue",
                "margin",
                "order_count",
                "average_order_value",
                "customer_count",
                "new_customer_count",
                "new_customer_rate",
                "opportunities_won",
                "win_rate",
                "pipeline_created",
                "leads_qualified",
                "activities_done",
            )
        }

    # ------------------------------------------------------------------ builders
    @classmethod
    def _create_customer(cls, name, country=None, tags=None, is_company=False):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": is_company,
                "country_id": country.id if country else False,
                "category_id": [Command.set(tags.ids)] if tags else [],
            }
        )

    @classmethod
    def _create_user(cls, login, name, extra_groups="", company=None):
        company = company or cls.company
        groups = ",".join(filter(None, ["sales_team.group_sale_salesman", extra_groups]))
        return new_test_user(
            cls.env,
            login=login,
            name=name,
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    @classmethod
    def _create_admin(cls):
        """The administrator of the journeys: sales and performance administrator, and Settings."""
        return cls._create_user("perf_admin", "Performance Admin", "sales_team.group_sale_manager,base.group_system")

    @classmethod
    def _create_team(cls, name, leader, members, company=None):
        return cls.env["crm.team"].create(
            {
                "name": name,
                "user_id": leader.id,
                "company_id": (company or cls.company).id,
                "crm_team_member_ids": [Command.create({"user_id": user.id}) for user in members],
            }
        )

    @classmethod
    def _create_period(cls, date_start, date_end, period_type="custom", company=None, name=None):
        return cls.env["sales.performance.period"].create(
            {
                "name": name or f"{date_start} - {date_end}",
                "period_type": period_type,
                "date_start": date_start,
                "date_end": date_end,
                "company_id": (company or cls.company).id,
            }
        )

    @classmethod
    def _create_order(cls, user, partner, lines, when, team=None, pricelist=None, company=None, state="sale"):
        """A sale order with ``lines`` = [(product, qty, unit price)], confirmed at ``when`` (UTC)."""
        company = company or cls.company
        order = (
            cls.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "team_id": team.id if team else False,
                    "company_id": company.id,
                    "pricelist_id": pricelist.id if pricelist else False,
                    "date_order": when,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": qty, "price_unit": price})
                        for product, qty, price in lines
                    ],
                }
            )
        )
        if state == "sale":
            order.action_confirm()
        elif state == "cancel":
            order._action_cancel()
        # Confirmation stamps the current time; put the order back on its business date.
        order.date_order = when
        return order

    @classmethod
    def _create_invoice(
        cls, user, partner, lines, invoice_date, move_type="out_invoice", team=None, currency=None, post=True
    ):
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_user_id": user.id,
                "team_id": team.id if team else False,
                "invoice_date": invoice_date,
                "currency_id": (currency or cls.company.currency_id).id,
                "invoice_line_ids": [
                    Command.create({"product_id": product.id, "quantity": qty, "price_unit": price, "tax_ids": []})
                    for product, qty, price in lines
                ],
            }
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def _create_opportunity(cls, user, team, expected_revenue, created, outcome=None, closed=None, converted=None):
        """An opportunity created at ``created``; ``outcome`` in (None, 'won', 'lost')."""
        lead = cls.env["crm.lead"].create(
            {
                "name": f"Deal {expected_revenue}",
                "type": "opportunity",
                "user_id": user.id,
                "team_id": team.id,
                "expected_revenue": expected_revenue,
                "company_id": cls.company.id,
            }
        )
        if outcome == "won":
            lead.action_set_won()
        elif outcome == "lost":
            lead.action_set_lost()
        cls._set_dates("crm_lead", lead, create_date=created, date_closed=closed, date_conversion=converted)
        return lead

    @classmethod
    def _set_dates(cls, table, record, **values):
        """Put technical dates (set by the ORM to 'now') on business dates, as if entered back then."""
        assignments = SQL(", ").join(SQL("%s = %s", SQL.identifier(column), value) for column, value in values.items())
        cls.env.flush_all()
        cls.env.cr.execute(SQL("UPDATE %s SET %s WHERE id = %s", SQL.identifier(table), assignments, record.id))
        record.invalidate_recordset()

    @classmethod
    def _create_goal(cls, period, kpi, target, scope="user", user=None, team=None, **values):
        return cls.env["sales.performance.goal"].create(
            {
                "period_id": period.id,
                "kpi_id": kpi.id,
                "scope": scope,
                "user_id": user.id if user else False,
                "team_id": team.id if team else False,
                "target": target,
                **values,
            }
        )

    @classmethod
    def _goals_for_all_scopes(cls, period, kpi):
        """Company goal, goals of both teams and of the three reps, for one KPI."""
        Goal = cls.env["sales.performance.goal"]
        goals = Goal.create(
            [
                {"period_id": period.id, "kpi_id": kpi.id, "scope": "company", "target": 1.0},
                {"period_id": period.id, "kpi_id": kpi.id, "scope": "team", "team_id": cls.team_a.id, "target": 1.0},
                {"period_id": period.id, "kpi_id": kpi.id, "scope": "team", "team_id": cls.team_b.id, "target": 1.0},
                *[
                    {
                        "period_id": period.id,
                        "kpi_id": kpi.id,
                        "scope": "user",
                        "user_id": user.id,
                        "team_id": team.id,
                        "target": 1.0,
                    }
                    for user, team in ((cls.rep_1, cls.team_a), (cls.rep_2, cls.team_a), (cls.rep_3, cls.team_b))
                ],
            ]
        )
        return goals

    def _actuals(self, goals):
        """{owner name: actual} after a refresh; owner = rep login, team name or 'company'."""
        goals._refresh_actuals()
        result = {}
        for goal in goals:
            owner = goal.user_id.login or goal.team_id.name or "company"
            result[owner] = round(goal.actual, 2)
        return result


class SalesPerformanceScenario(SalesPerformanceCommon):
    """March 2026 in a UTC company, with hand-computed results.

    Orders (untaxed; margin = price - cost, cost Hard 60 / Easy 10):
      O1 rep_1  Team A  Customer One      2026-02-10  1 Hard @100             (February: not counted)
      O2 rep_1  Team A  One's contact     2026-03-05  2 Hard @100 + 1 Easy @50  = 250, margin 120
      O3 rep_1  Team A  Customer Two      2026-03-31 23:30 UTC  1 Easy @50      =  50, margin 40
      O4 rep_2  Team A  Customer Three    2026-03-15  EUR at 2 EUR/USD, 4 Easy @50 EUR = 200 EUR
                                                  = 100 USD, margin 60 USD
      O5 rep_3  Team B  Customer Two      2026-03-20  1 Hard @100             = 100, margin 40
      O6 rep_2  Team A  Customer One      2026-04-01 00:30 UTC  1 Hard @100     (April: not counted)
      O7 rep_3  quotation 2026-03-10, O8 rep_1 cancelled 2026-03-11  (not counted)
      O9 rep_1  other company 2026-03-12  1 Hard @100                     (other company)
    Revenue: rep_1 300, rep_2 100, rep_3 100, Team A 400, Team B 100, company 500.
    Margin: rep_1 160, rep_2 60, rep_3 40, Team A 220, Team B 40, company 260.
    Orders: rep_1 2, rep_2 1, rep_3 1, Team A 3, Team B 1, company 4.
    Average order value: rep_1 150, rep_2 100, rep_3 100, Team A 133.33, company 125.
    Customers (distinct companies): rep_1 2, rep_2 1, rep_3 1, Team A 3, Team B 1, company 3.
    New customers (first order ever in March): Customer Two via O5 (rep_3, Team B, before O3),
      Customer Three via O4 (rep_2, Team A); Customer One ordered in February.
      rep_1 0, rep_2 1, rep_3 1, Team A 1, Team B 1, company 2.
    New-customer rate: rep_1 0, rep_2 100, rep_3 100, Team A 33.33, Team B 100, company 66.67.

    Invoices (untaxed): rep_1 +300 (03-10) -100 credit note (03-20), draft 500 not counted;
      rep_2 200 EUR = 100 USD (03-12); rep_3 80 (03-31), 90 (04-01 not counted).
    Invoiced: rep_1 200, rep_2 100, rep_3 80, Team A 300, Team B 80, company 380.

    Opportunities: L1 rep_1 won 03-05 (1000, created 03-01), L2 rep_1 lost 03-10 (500, created
      03-02), L3 rep_2 won 03-20 (300, created 03-03, converted 03-03), L4 rep_3 open (700,
      created 03-15, converted 03-16), L5 rep_3 won 02-25 (400, created 02-01).
    Won: rep_1 1, rep_2 1, rep_3 0, Team A 2, company 2.
    Win rate: rep_1 50, rep_2 100, rep_3 0, Team A 66.67, company 66.67.
    Pipeline created: rep_1 1500, rep_2 300, rep_3 700, Team A 1800, Team B 700, company 2500.
    Leads qualified: rep_2 1, rep_3 1, Team A 1, Team B 1, company 2.
    Activities done: rep_1 2 in March, rep_2 1 in April: rep_1 2, Team A 2, company 2.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eur = cls.setup_other_currency("EUR", rates=[("2026-01-01", 2.0)])
        cls.pricelist_eur = cls.env["product.pricelist"].create(
            {
                "name": "EUR",
                "currency_id": cls.eur.id,
                "company_id": cls.company.id,
            }
        )
        cls.other_company = cls.setup_other_company(name="Other Company")["company"]
        cls.rep_1.company_ids = [Command.link(cls.other_company.id)]

        cls.march = cls._create_period(date(2026, 3, 1), date(2026, 3, 31), "month", name="2026-03")
        cls.february = cls._create_period(date(2026, 2, 1), date(2026, 2, 28), "month", name="2026-02")
        cls.march_other_company = cls._create_period(
            date(2026, 3, 1), date(2026, 3, 31), "month", company=cls.other_company, name="2026-03 other"
        )

        hard, easy = cls.product_hard, cls.product_easy
        cls._create_order(cls.rep_1, cls.customer_1, [(hard, 1, 100)], datetime(2026, 2, 10, 10), cls.team_a)
        cls._create_order(
            cls.rep_1, cls.customer_1_contact, [(hard, 2, 100), (easy, 1, 50)], datetime(2026, 3, 5, 10), cls.team_a
        )
        cls.order_boundary = cls._create_order(
            cls.rep_1, cls.customer_2, [(easy, 1, 50)], datetime(2026, 3, 31, 23, 30), cls.team_a
        )
        cls._create_order(
            cls.rep_2,
            cls.customer_3,
            [(easy, 4, 50)],
            datetime(2026, 3, 15, 10),
            cls.team_a,
            pricelist=cls.pricelist_eur,
        )
        cls._create_order(cls.rep_3, cls.customer_2, [(hard, 1, 100)], datetime(2026, 3, 20, 10), cls.team_b)
        cls._create_order(cls.rep_2, cls.customer_1, [(hard, 1, 100)], datetime(2026, 4, 1, 0, 30), cls.team_a)
        cls._create_order(
            cls.rep_3, cls.customer_1, [(hard, 1, 100)], datetime(2026, 3, 10, 10), cls.team_b, state="draft"
        )
        cls._create_order(
            cls.rep_1, cls.customer_1, [(hard, 1, 100)], datetime(2026, 3, 11, 10), cls.team_a, state="cancel"
        )
        other_customer = cls.env["res.partner"].create({"name": "Other company customer"})
        cls._create_order(
            cls.rep_1, other_customer, [(hard, 1, 100)], datetime(2026, 3, 12, 10), company=cls.other_company
        )

        cls._create_invoice(cls.rep_1, cls.customer_1, [(hard, 3, 100)], date(2026, 3, 10), team=cls.team_a)
        cls._create_invoice(
            cls.rep_1, cls.customer_1, [(hard, 1, 100)], date(2026, 3, 20), "out_refund", team=cls.team_a
        )
        cls._create_invoice(cls.rep_1, cls.customer_1, [(hard, 5, 100)], date(2026, 3, 10), team=cls.team_a, post=False)
        cls._create_invoice(
            cls.rep_2, cls.customer_3, [(easy, 1, 200)], date(2026, 3, 12), team=cls.team_a, currency=cls.eur
        )
        cls._create_invoice(cls.rep_3, cls.customer_2, [(easy, 1, 80)], date(2026, 3, 31), team=cls.team_b)
        cls._create_invoice(cls.rep_3, cls.customer_2, [(easy, 1, 90)], date(2026, 4, 1), team=cls.team_b)

        cls.lead_won = cls._create_opportunity(
            cls.rep_1, cls.team_a, 1000, datetime(2026, 3, 1, 9), "won", datetime(2026, 3, 5, 9), None
        )
        cls._create_opportunity(
            cls.rep_1, cls.team_a, 500, datetime(2026, 3, 2, 9), "lost", datetime(2026, 3, 10, 9), None
        )
        cls._create_opportunity(
            cls.rep_2,
            cls.team_a,
            300,
            datetime(2026, 3, 3, 9),
            "won",
            datetime(2026, 3, 20, 9),
            datetime(2026, 3, 3, 9),
        )
        cls._create_opportunity(
            cls.rep_3, cls.team_b, 700, datetime(2026, 3, 15, 9), None, None, datetime(2026, 3, 16, 9)
        )
        cls._create_opportunity(
            cls.rep_3, cls.team_b, 400, datetime(2026, 2, 1, 9), "won", datetime(2026, 2, 25, 9), None
        )

        for user, when in (
            (cls.rep_1, datetime(2026, 3, 6, 9)),
            (cls.rep_1, datetime(2026, 3, 7, 9)),
            (cls.rep_2, datetime(2026, 4, 2, 9)),
        ):
            activity = cls.lead_won.activity_schedule("mail.mail_activity_data_call", user_id=user.id)
            # sudo keeps the user as author (create_uid) without needing rights on rep_1's lead
            activity.with_user(user).sudo().action_feedback(feedback="Called")
            message = cls.env["mail.message"].search(
                [("model", "=", "crm.lead"), ("res_id", "=", cls.lead_won.id), ("mail_activity_type_id", "!=", False)],
                order="id desc",
                limit=1,
            )
            cls._set_dates("mail_message", message, date=when)
        cls.env.flush_all()
        cls.now = fields.Datetime.now()


class WorkerKilled(Exception):
    """The worker process dies: its open transaction is lost."""


class CronInterruptionCase(TransactionCase):
    """Runs of a job ``job(env) -> records done`` on real, committed cursors."""

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def _committed(self, function):
        with self.registry.cursor() as cr:
            return function(self._env(cr))

    def _run_chunk(self, job):
        """One call of the job, committed afterwards as the scheduler does; True if it did work."""
        return self._committed(lambda env: bool(job(env)))

    def _run_killed_chunk(self, job):
        with self.assertRaises(WorkerKilled), self.registry.cursor() as cr:
            self.assertTrue(job(self._env(cr)), "the killed chunk had work to do")
            raise WorkerKilled

    def _run_to_end(self, job):
        for _call in range(50):
            if not self._run_chunk(job):
                return
        self.fail("the job never finished")

    def _uninterrupted_outcome(self, job, final_state):
        """What one run without interruption makes (in a transaction rolled back afterwards)."""
        with self.registry.cursor() as cr:
            env = self._env(cr)
            for _call in range(50):
                if not job(env):
                    break
            result = final_state(env)
            cr.rollback()
        return result

    def _killed_and_rerun(self, job):
        self.assertTrue(self._run_chunk(job), "first chunk done and committed")
        self._run_killed_chunk(job)
        self._run_to_end(job)

    def _new_ids(self, env, model, before):
        return env[model].with_context(active_test=False).search([("id", ">", before)])

    def _last_id(self, env, model):
        return env[model].with_context(active_test=False).search([], order="id desc", limit=1).id or 0

    def _outcome_after_kill_and_rerun(self, job, final_state):
        """Kill the job after its first committed chunk, rerun it to the end: the outcome must
        be the one of an uninterrupted run; returned for the checks by hand."""
        expected = self._uninterrupted_outcome(job, final_state)
        self._killed_and_rerun(job)
        outcome = self._committed(final_state)
        self.assertEqual(outcome, expected)
        return outcome

    def _unlink_companies(self, env, company_ids):
        companies = env["res.company"].browse(company_ids)
        partners = companies.partner_id
        companies.unlink()
        partners.unlink()
