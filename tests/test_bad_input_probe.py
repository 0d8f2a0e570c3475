"""Malformed values over XML-RPC, on every simple field of a record of each of our models:
each call must end in a user-level fault (ValidationError, UserError, AccessError), never an
internal error, and leave the record as it was."""

import xmlrpc.client
from datetime import date

from odoo.tests import HttpCase, tagged

from odoo.addons.sales_performance_incentive.tests.common import IncentiveScenario

INTERNAL_ERROR = 1  # Odoo's fault code for an unexpected exception (a traceback)
BAD_VALUES = {
    "float": ["a lot", 1e300, [1]],
    "monetary": ["a lot", 1e300],
    "integer": ["many", 1.5],
    "date": ["not a date", "2026-02-30"],
    "datetime": ["yesterday", "2026-13-01 10:00:00"],
    "many2one": ["abc", 999999999],
    "selection": ["no such choice"],
    "char": [12345],
    "text": [["a", "list"]],
}
SKIPPED_FIELDS = {"id", "create_uid", "create_date", "write_uid", "write_date", "display_name"}


@tagged("post_install", "-at_install")
class TestBadInputProbe(HttpCase, IncentiveScenario):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prober = cls._create_user(
            "prober",
            "Prober",
            "sales_performance.group_sales_performance_admin,sales_performance_incentive.group_incentive_accountant",
        )
        cls.prober.password = "prober"
        review = cls.env["sales.performance.review"].search([("user_id", "=", cls.rep_1.id)], limit=1)
        coaching = cls.env["sales.performance.coaching"].create(
            {
                "salesperson_id": cls.rep_1.id,
                "coach_id": cls.manager_a.id,
                "date": "2026-03-10 09:00:00",
                "type": "one_on_one",
                "company_id": cls.company.id,
            }
        )
        draft_plan = cls.env["sales.incentive.plan"].create({"name": "Draft plan", "company_id": cls.company.id})
        component = cls.env["sales.incentive.component"].create(
            {
                "plan_id": draft_plan.id,
                "name": "Bonus",
                "component_type": "attainment_bonus",
                "target_bonus": 100,
                "point_ids": [(0, 0, {"sequence": 1, "attainment": 100, "payout": 100})],
            }
        )
        cls.records = [
            cls.march,
            cls.kpi["revenue"].copy({"code": "PROBE"}),
            cls.env["sales.performance.goal"].search([("user_id", "=", cls.rep_2.id)], limit=1),
            cls.env["sales.performance.plan"].create({"user_id": cls.rep_3.id, "period_id": cls.march.id}),
            cls.env.ref("sales_performance.rating_scale_default"),
            cls.env.ref("sales_performance.rating_scale_default").band_ids[:1],
            review,
            review.line_ids[:1],
            coaching,
            cls.env["sales.performance.feedback"].create(
                {
                    "rating": "positive",
                    "partner_id": cls.customer_1.id,
                    "salesperson_id": cls.rep_1.id,
                    "company_id": cls.company.id,
                }
            ),
            draft_plan,
            component,
            component.point_ids,
            cls.by_user["rep_2"],
            cls.by_user["rep_2"].line_ids[:1],
            cls.env["sales.incentive.award.rule"].create({"name": "Probe rule", "company_id": cls.company.id}),
        ]

    def _probe_fields(self, record):
        for name, field in record._fields.items():
            if (
                name in SKIPPED_FIELDS
                or not field.store
                or field.compute
                or field.related
                or field.readonly
                or field.type not in BAD_VALUES
            ):
                continue
            yield name, field

    def test_every_field_refuses_malformed_values_cleanly(self):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, "prober", "prober", {})
        self.assertTrue(uid)
        probes = 0
        for record in self.records:
            self.assertTrue(record, "fixture missing")
            for name, field in self._probe_fields(record):
                for bad in BAD_VALUES[field.type]:
                    before = record[name]
                    with self.subTest(model=record._name, field=name, value=bad):
                        with self.assertRaises(xmlrpc.client.Fault) as caught:
                            self.xmlrpc_object.execute_kw(
                                self.env.cr.dbname, uid, "prober", record._name, "write", [record.ids, {name: bad}]
                            )
                        fault = caught.exception
                        self.assertNotEqual(fault.faultCode, INTERNAL_ERROR, fault.faultString[-600:])
                        self.assertNotIn("Traceback", fault.faultString)
                        record.invalidate_recordset()
                        self.assertEqual(record[name], before, "nothing written")
                    probes += 1
        self.assertGreater(probes, 100)

    def test_injection_in_text_is_stored_as_text(self):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, "prober", "prober", {})
        text = "Robert'); DROP TABLE sales_performance_goal; --"
        self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, "prober", "sales.performance.period", "write", [self.march.ids, {"name": text}]
        )
        self.march.invalidate_recordset()
        self.assertEqual(self.march.name, text)
        self.assertTrue(self.env["sales.performance.goal"].search_count([]))

    def test_reversed_dates_and_other_company_ids(self):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, "prober", "prober", {})
        calls = [
            (
                "sales.performance.period",
                "create",
                [
                    {
                        "name": "Reversed",
                        "period_type": "custom",
                        "date_start": str(date(2026, 6, 30)),
                        "date_end": str(date(2026, 6, 1)),
                        "company_id": self.company.id,
                    }
                ],
            ),
            (
                "sales.performance.goal",
                "create",
                [
                    {
                        "period_id": self.march.id,
                        "kpi_id": self.kpi["margin"].id,
                        "scope": "team",
                        "team_id": self.env["crm.team"]
                        .create({"name": "Elsewhere", "company_id": self.other_company.id})
                        .id,
                        "target": 10,
                    }
                ],
            ),
            (
                "sales.performance.kpi",
                "create",
                [
                    {
                        "code": "BAD",
                        "name": "Bad",
                        "source_id": self.env.ref("sales_performance.kpi_source_generic").id,
                        "generic_model_id": self.env["ir.model"]._get_id("crm.lead"),
                        "generic_domain": "[('name', '=', __import__('os').getcwd())]",
                    }
                ],
            ),
        ]
        for model, method, args in calls:
            count = self.env[model].search_count([])
            with self.subTest(model=model), self.assertRaises(xmlrpc.client.Fault) as caught:
                self.xmlrpc_object.execute_kw(self.env.cr.dbname, uid, "prober", model, method, args)
            self.assertNotEqual(caught.exception.faultCode, INTERNAL_ERROR, caught.exception.faultString[-600:])
            self.assertEqual(self.env[model].search_count([]), count)
