# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Malformed values over XML-RPC, on every simple field of a record of each of our models:
each call must end in a user-level fault (ValidationError, UserError, AccessError), never an
internal error, and leave the record as it was."""

import xmlrpc.client
from datetime import date

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.sales_performance_incentive.tests.common import IncentiveScenario

from .common import RPC_INTERNAL_ERROR as INTERNAL_ERROR

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
def probed_fields(model):
    """(name, field) of the fields a user types into: stored, not computed, related or
    read-only, of a type with bad values to try."""
    for name, field in model._fields.items():
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

    def test_every_field_refuses_malformed_values_cleanly(self):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, "prober", "prober", {})
        self.assertTrue(uid)
        probes = 0
        for record in self.records:
            self.assertTrue(record, "fixture missing")
            for name, field in probed_fields(record):
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


@tagged("post_install", "-at_install")
class TestBadInputProbeOnCreate(HttpCase, IncentiveScenario):
    """Malformed values in create over XML-RPC, for every model of both addons: a user-level
    fault naming the field, and no record made."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prober = cls._create_user(
            "create_prober",
            "Create Prober",
            "sales_performance.group_sales_performance_admin,sales_performance_incentive.group_incentive_accountant",
        )
        cls.prober.password = "create_prober"
        # In both companies, so that ids of the other company reach the company checks.
        cls.prober.company_ids = [Command.link(cls.other_company.id)]
        cls.probe_period = cls._create_period(date(2030, 1, 1), date(2030, 1, 31), "month", name="2030-01")
        cls.other_period = cls._create_period(
            date(2030, 1, 1), date(2030, 1, 31), "month", company=cls.other_company, name="2030-01 other"
        )
        revenue = cls.kpi["revenue"]
        scale = cls.env["sales.performance.rating.scale"].create({"name": "Probe scale", "company_id": cls.company.id})
        coaching = cls.env["sales.performance.coaching"].create(
            {"salesperson_id": cls.rep_1.id, "coach_id": cls.manager_a.id, "company_id": cls.company.id}
        )
        plan = cls.env["sales.incentive.plan"].create({"name": "Probe plan", "company_id": cls.company.id})
        bonus = cls.plan.component_ids.filtered(lambda c: c.component_type == "attainment_bonus")[:1]
        rating_bonus = cls.plan.component_ids.filtered(lambda c: c.component_type == "rating_bonus")[:1]
        commission = cls.plan.component_ids.filtered(lambda c: c.component_type == "commission")[:1]
        statement = cls.env["sales.incentive.statement"].create(
            {"user_id": cls.manager_b.id, "period_id": cls.probe_period.id}
        )
        band = cls.env.ref("sales_performance.rating_scale_default").band_ids[:1]
        cls.base_values = {
            "sales.performance.period": {
                "name": "Probe",
                "period_type": "custom",
                "date_start": "2031-01-01",
                "date_end": "2031-01-31",
                "company_id": cls.company.id,
            },
            "sales.performance.kpi": {
                "code": "PROBE_C",
                "name": "Probe KPI",
                "source_id": revenue.source_id.id,
                "company_id": cls.company.id,
            },
            "sales.performance.goal": {
                "period_id": cls.probe_period.id,
                "kpi_id": revenue.id,
                "scope": "user",
                "user_id": cls.rep_3.id,
                "team_id": cls.team_b.id,
                "target": 100,
                "weight": 10,
            },
            "sales.performance.plan": {"period_id": cls.probe_period.id, "user_id": cls.rep_3.id},
            "sales.performance.rating.scale": {"name": "Probe scale 2", "company_id": cls.company.id},
            "sales.performance.rating.band": {"scale_id": scale.id, "name": "Z", "min_score": 10},
            "sales.performance.review": {
                "period_id": cls.probe_period.id,
                "user_id": cls.rep_3.id,
                "manager_id": cls.manager_b.id,
            },
            "sales.performance.coaching": {
                "salesperson_id": cls.rep_3.id,
                "coach_id": cls.manager_b.id,
                "company_id": cls.company.id,
                "topics": "Probe",
            },
            "sales.performance.coaching.action": {
                "coaching_id": coaching.id,
                "description": "Probe",
                "date_deadline": "2030-01-20",
            },
            "sales.performance.feedback": {
                "rating": "positive",
                "partner_id": cls.customer_2.id,
                "salesperson_id": cls.rep_3.id,
                "company_id": cls.company.id,
            },
            "sales.incentive.plan": {"name": "Probe plan 2", "company_id": cls.company.id},
            "sales.incentive.assignment": {"plan_id": plan.id, "user_id": cls.manager_b.id, "date_from": "2030-01-01"},
            "sales.incentive.component": {
                "plan_id": plan.id,
                "name": "Probe",
                "component_type": "commission",
                "default_rate": 5,
            },
            "sales.incentive.curve.point": {"component_id": bonus.id, "sequence": 9, "attainment": 300, "payout": 300},
            "sales.incentive.category.rate": {"component_id": commission.id, "categ_id": cls.categ_easy.id, "rate": 3},
            "sales.incentive.band.rate": {"component_id": rating_bonus.id, "band_id": band.id, "fixed_amount": 5},
            "sales.incentive.statement": {"user_id": cls.manager_b.id, "period_id": cls.february.id},
            "sales.incentive.statement.line": {
                "statement_id": statement.id,
                "name": "Probe",
                "amount": 1,
                "reason": "Probe adjustment",
            },
            "sales.incentive.award.rule": {"name": "Probe rule", "company_id": cls.company.id},
            "sales.incentive.award": {"name": "Probe award", "user_id": cls.rep_1.id, "period_id": cls.march.id},
        }

    def _uid(self):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, "create_prober", "create_prober", {})
        self.assertTrue(uid)
        return uid

    def _create_rpc(self, uid, model, values):
        return self.xmlrpc_object.execute_kw(self.env.cr.dbname, uid, "create_prober", model, "create", [values])

    def _assert_refused(self, uid, model, values, label):
        """A user-level fault that names ``label``; the model has as many records as before."""
        count = self.env[model].with_context(active_test=False).search_count([])
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._create_rpc(uid, model, values)
        fault = caught.exception
        self.assertNotEqual(fault.faultCode, INTERNAL_ERROR, fault.faultString[-600:])
        self.assertNotIn("Traceback", fault.faultString)
        message = fault.faultString.strip().splitlines()[-1] if fault.faultString.strip() else ""
        self.assertIn(label.lower(), fault.faultString.lower(), f"the message names the field: {message}")
        self.assertEqual(self.env[model].with_context(active_test=False).search_count([]), count, "nothing made")

    def test_base_values_are_valid(self):
        """The probe's starting point: each model's base values create fine (then undone)."""
        our_models = {
            name
            for name in self.env
            if name.startswith(("sales.performance.", "sales.incentive."))
            and not self.env[name]._abstract
            and not self.env[name]._transient
            and self.env[name]._auto
        }
        # Review lines are made only by the review's snapshot of the goals (their malformed
        # writes are probed in TestBadInputProbe).
        self.assertEqual(
            our_models - set(self.base_values), {"sales.performance.kpi.source", "sales.performance.review.line"}
        )
        for model, values in self.base_values.items():
            with self.subTest(model=model), self.env.cr.savepoint(flush=False) as savepoint:
                self.env[model].with_user(self.prober).create(values).flush_recordset()
                savepoint.rollback()

    def test_create_refuses_malformed_values_cleanly(self):
        uid = self._uid()
        probes = 0
        for model, base in self.base_values.items():
            for name, field in probed_fields(self.env[model]):
                for bad in BAD_VALUES[field.type]:
                    with self.subTest(model=model, field=name, value=bad):
                        self._assert_refused(uid, model, {**base, name: bad}, field._description_string(self.env))
                    probes += 1
        self.assertGreater(probes, 150)

    def test_create_refuses_meaningless_values(self):
        """Empty texts, negative or huge numbers, reversed dates, other companies' records,
        invalid or injected domains: refused with the field named."""
        uid = self._uid()
        base = self.base_values
        huge = 1e16
        cases = [
            ("sales.performance.period", {"name": "  "}, "Name"),
            ("sales.performance.period", {"date_start": "2031-02-01", "date_end": "2031-01-01"}, "Start Date"),
            ("sales.performance.period", {"company_id": 999999999}, "Company"),
            ("sales.performance.kpi", {"code": ""}, "Code"),
            ("sales.performance.kpi", {"name": ""}, "Name"),
            ("sales.performance.goal", {"target": -5}, "Target"),
            ("sales.performance.goal", {"target": huge}, "Target"),
            ("sales.performance.goal", {"weight": -1}, "Weight"),
            ("sales.performance.goal", {"weight": 101}, "Weight"),
            ("sales.performance.goal", {"period_id": self.other_period.id}, "Period"),
            ("sales.performance.plan", {"period_id": self.other_period.id}, "Salesperson"),
            ("sales.performance.rating.scale", {"name": ""}, "Name"),
            ("sales.performance.rating.scale", {"score_cap": -10}, "Cap"),
            ("sales.performance.rating.band", {"min_score": -1}, "Score"),
            ("sales.performance.rating.band", {"name": ""}, "Name"),
            ("sales.performance.review", {"period_id": self.other_period.id}, "Salesperson"),
            ("sales.performance.coaching", {"company_id": self.other_company.id}, "Salesperson"),
            ("sales.performance.coaching.action", {"description": ""}, "Description"),
            ("sales.performance.feedback", {"company_id": self.other_company.id}, "Salesperson"),
            ("sales.incentive.plan", {"name": ""}, "Name"),
            ("sales.incentive.assignment", {"date_from": "2030-02-01", "date_to": "2030-01-01"}, "Date To"),
            ("sales.incentive.component", {"default_rate": -5}, "Default Rate"),
            ("sales.incentive.component", {"default_rate": huge}, "Default Rate"),
            ("sales.incentive.component", {"name": ""}, "Name"),
            ("sales.incentive.curve.point", {"payout": huge}, "Payout"),
            ("sales.incentive.category.rate", {"rate": -1}, "Rate"),
            ("sales.incentive.statement.line", {"amount": huge}, "Amount"),
            ("sales.incentive.statement.line", {"name": ""}, "Name"),
            ("sales.incentive.award.rule", {"top_count": -1}, "How Many"),
            ("sales.incentive.award", {"name": ""}, "Name"),
            ("sales.incentive.curve.point", {"attainment": -10}, "Attainment"),
            ("sales.incentive.band.rate", {"fixed_amount": -5}, "Fixed Amount"),
            ("sales.incentive.statement", {"period_id": self.other_period.id}, "Salesperson"),
            ("sales.incentive.award", {"period_id": self.other_period.id, "user_id": self.rep_3.id}, "Salesperson"),
            ("sales.incentive.assignment", {"user_id": self.env.ref("base.user_root").id}, "Salesperson"),
        ]
        generic = {
            **base["sales.performance.kpi"],
            "code": "PROBE_G",
            "source_id": self.env.ref("sales_performance.kpi_source_generic").id,
            "generic_model_id": self.env["ir.model"]._get_id("crm.lead"),
            "generic_date_field_id": self.env["ir.model.fields"]._get("crm.lead", "create_date").id,
            "generic_user_field_id": self.env["ir.model.fields"]._get("crm.lead", "user_id").id,
        }
        with self.env.cr.savepoint(flush=False) as savepoint:  # the generic KPI itself is fine
            self.env["sales.performance.kpi"].with_user(self.prober).create(generic).flush_recordset()
            savepoint.rollback()
        domains = [
            "[('no_such_field', '=', 1)]",
            "[('name', 'like')]",
            "not a domain",
            "{'name': 1}",
            "[('name', '=', __import__('os').getcwd())]",
            "[('name', '=', 'x'); DROP TABLE sales_performance_goal; --')]",
            "[('id', 'in', (SELECT id FROM res_users))]",
        ]
        cases += [("sales.performance.kpi", {**generic, "generic_domain": domain}, "Domain") for domain in domains]
        cases += [
            ("sales.performance.kpi", {**generic, "generic_numerator_domain": domain}, "Numerator Domain")
            for domain in domains[:3]
        ]
        problems = []
        for model, override, label in cases:
            with self.subTest(model=model, values=override):
                try:
                    self._assert_refused(uid, model, {**base[model], **override}, label)
                except AssertionError as error:
                    problems.append(f"{model} {override}: {str(error).splitlines()[0][:300]}")
        self.assertFalse(problems, "\n".join(problems))
        self.assertTrue(self.env["sales.performance.goal"].search_count([]), "the injected SQL did not run")
