# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SalesPerformanceCommon


@tagged("post_install", "-at_install")
class TestKpiValidation(SalesPerformanceCommon):
    def _field(self, model, name):
        return self.env["ir.model.fields"]._get(model, name)

    def _generic(self, **values):
        return {
            "code": "GEN",
            "name": "Generic",
            "source_id": self.env.ref("sales_performance.kpi_source_generic").id,
            "generic_model_id": self.env["ir.model"]._get_id("crm.lead"),
            "generic_date_field_id": self._field("crm.lead", "date_closed").id,
            "generic_user_field_id": self._field("crm.lead", "user_id").id,
            **values,
        }

    def assertRefused(self, label, **values):
        count = self.Kpi.with_context(active_test=False).search_count([])
        with self.assertRaises(ValidationError) as caught:
            self.Kpi.create(self._generic(**values))
        self.assertIn(label, str(caught.exception))
        self.assertEqual(self.Kpi.with_context(active_test=False).search_count([]), count)

    def test_valid_generic_kpi(self):
        kpi = self.Kpi.create(self._generic(generic_domain="[('probability', '>=', 50)]"))
        self.assertEqual(kpi._generic_domain(), [("probability", ">=", 50)])

    def test_field_of_another_model(self):
        self.assertRefused("Date Field", generic_date_field_id=self._field("sale.order", "date_order").id)

    def test_date_field_that_is_not_a_date(self):
        self.assertRefused("Date Field", generic_date_field_id=self._field("crm.lead", "name").id)

    def test_salesperson_field_to_another_model(self):
        self.assertRefused("Salesperson Field", generic_user_field_id=self._field("crm.lead", "partner_id").id)

    def test_sum_needs_a_numeric_field(self):
        self.assertRefused("Measure Field", generic_aggregate="sum")
        self.assertRefused(
            "Measure Field", generic_aggregate="sum", generic_measure_field_id=self._field("crm.lead", "name").id
        )

    def test_domain_that_does_not_parse(self):
        self.assertRefused("Domain", generic_domain="[('probability', '>'")
        self.assertRefused("Domain", generic_domain="{'a': 1}")

    def test_domain_is_never_evaluated_as_code(self):
        self.assertRefused("Domain", generic_domain="__import__('os').system('true')")
        self.assertRefused("Domain", generic_domain="[('name', '=', env.user.name)]")

    def test_domain_on_a_missing_field(self):
        self.assertRefused("Domain", generic_domain="[('no_such_field', '=', 1)]")
        self.assertRefused("Numerator Domain", generic_aggregate="ratio", generic_numerator_domain="[('x', '=', 1)]")

    def test_injection_in_domain_values_is_just_a_value(self):
        name = "x'; DROP TABLE crm_lead; --"
        kpi = self.Kpi.create(self._generic(generic_domain=f"[('name', '=', {name!r})]"))
        period = self._create_period("2026-03-01", "2026-03-31", "month")
        leads_before = self.env["crm.lead"].with_context(active_test=False).search_count([])
        lead = self.env["crm.lead"].create({"name": name, "type": "opportunity", "user_id": self.rep_1.id})
        self._set_dates("crm_lead", lead, date_closed="2026-03-15 10:00:00")
        goal = self._create_goal(period, kpi, 1, scope="company")
        goal._refresh_actuals()
        # The text is compared as a value: the one lead bearing exactly that name is counted,
        # and the table is still there.
        self.assertEqual(goal.actual, 1)
        self.assertEqual(self.env["crm.lead"].with_context(active_test=False).search_count([]), leads_before + 1)

    @mute_logger("odoo.sql_db")
    def test_code_is_unique(self):
        self.Kpi.create(self._generic())
        self.assertRefused("Code")

    def test_builtin_sources_are_all_registered(self):
        # the sources of this addon (an addon extending it may add its own)
        builtin = self.env["ir.model.data"].search(
            [("module", "=", "sales_performance"), ("model", "=", "sales.performance.kpi.source")]
        )
        codes = self.env["sales.performance.kpi.source"].browse(builtin.mapped("res_id")).mapped("code")
        self.assertEqual(len(codes), 15)
        with self.assertRaises(ValidationError):
            self.env["sales.performance.kpi.source"].sudo().create({"name": "Nope", "code": "nope"})
