# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The generic source: any model, measured by the fields and domain the KPI names."""

from dataclasses import dataclass

from odoo.tools import SQL

from .base import KpiSource, path_to_sql, register

GENERIC_COUNT = "count"
GENERIC_SUM = "sum"
GENERIC_RATIO = "ratio"


@dataclass(frozen=True)
class GenericSpec:
    """A generic KPI's settings: field names on ``model``, its domains already parsed."""

    model: str
    date_field: str
    date_is_datetime: bool
    user_field: str
    team_field: str = None
    partner_field: str = None
    aggregate: str = GENERIC_COUNT
    measure_field: str = None
    denominator_field: str = None
    domain: tuple = ()
    numerator_domain: tuple = ()
    ratio_factor: float = 1.0


@register
class GenericSource(KpiSource):
    """Any model: date field + salesperson field (+ team field) + count, sum(field) or a
    ratio of two measures, within a domain. Fields are checked against the model when the
    KPI is saved; the domain goes through Odoo's domain machinery."""

    code = "generic"

    def get_model(self, env, spec):
        return env[spec.generic.model]

    def paths(self, model, spec):
        generic = spec.generic
        company = model._fields.get("company_id")
        return {
            "date": generic.date_field,
            "user": generic.user_field,
            "team": generic.team_field or None,
            "company": "company_id" if company and company.store else None,
            "partner": generic.partner_field or None,
            "product": None,
        }

    def is_datetime(self, spec):
        return spec.generic.date_is_datetime

    def base_domain(self, spec):
        return list(spec.generic.domain)

    def filter_domain(self, spec, paths):
        if spec.product_category_ids:
            return [("id", "=", 0)]
        if not paths["partner"] and (spec.partner_category_ids or spec.country_ids or spec.country_state_ids):
            return [("id", "=", 0)]
        return super().filter_domain(spec, paths)

    def _measure(self, model, alias, query, field_name, condition=None):
        target = SQL.identifier(alias, "id")
        if field_name:
            expr = path_to_sql(model, alias, field_name, query)
            aggregate = SQL("SUM(%s)", expr)
        else:
            aggregate = SQL("COUNT(%s)", target)
        if condition is not None:
            aggregate = SQL("%s FILTER (WHERE %s)", aggregate, condition)
        return SQL("COALESCE(%s, 0)", aggregate)

    def aggregates(self, model, alias, query, spec):
        generic = spec.generic
        numerator_field = generic.measure_field if generic.aggregate != GENERIC_COUNT else None
        condition = None
        if generic.numerator_domain:
            subquery = model.with_context(active_test=False)._search(list(generic.numerator_domain))
            condition = SQL("%s IN %s", SQL.identifier(alias, "id"), subquery.subselect())
        numerator = self._measure(model, alias, query, numerator_field, condition)
        if generic.aggregate != GENERIC_RATIO:
            return numerator, None
        denominator = self._measure(model, alias, query, generic.denominator_field or None)
        return numerator, denominator

    def value(self, numerator, denominator, spec):
        value = super().value(numerator, denominator, spec)
        return value * (spec.generic.ratio_factor or 1.0) if denominator is not None else value
