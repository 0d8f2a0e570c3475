# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Sources over CRM opportunities (won, win rate, pipeline, qualified leads)."""

from odoo.tools import SQL

from .base import KpiSource, path_to_sql, register


class _OpportunitySource(KpiSource):
    model = "crm.lead"
    user_path = "user_id"
    team_path = "team_id"
    partner_path = "partner_id.commercial_partner_id"
    product_path = None

    def filter_domain(self, spec, paths):
        if spec.product_category_ids:
            return [("id", "=", 0)]  # leads carry no products: a category KPI counts nothing
        return super().filter_domain(spec, paths)


@register
class OpportunitiesWonSource(_OpportunitySource):
    """Opportunities in a won stage, by closing date."""

    code = "opportunities_won"
    date_path = "date_closed"

    def base_domain(self, spec):
        return [("type", "=", "opportunity"), ("stage_id.is_won", "=", True)]

    def aggregates(self, model, alias, query, spec):
        return SQL("COUNT(%s)", SQL.identifier(alias, "id")), None


@register
class WinRateSource(_OpportunitySource):
    """Won / closed (won + lost) opportunities closed in the period, in percent.

    Lost is Odoo's definition: archived with probability 0.
    """

    code = "win_rate"
    date_path = "date_closed"
    active_test = False
    ratio_factor = 100.0

    def base_domain(self, spec):
        return [
            ("type", "=", "opportunity"),
            "|",
            "&",
            ("active", "=", True),
            ("stage_id.is_won", "=", True),
            "&",
            ("active", "=", False),
            ("probability", "=", 0),
        ]

    def aggregates(self, model, alias, query, spec):
        won = path_to_sql(model, alias, "stage_id.is_won", query)
        return (
            SQL(
                "COUNT(%s) FILTER (WHERE %s AND %s)", SQL.identifier(alias, "id"), SQL.identifier(alias, "active"), won
            ),
            SQL("COUNT(%s)", SQL.identifier(alias, "id")),
        )


@register
class PipelineCreatedSource(_OpportunitySource):
    """Expected revenue (company currency) of opportunities created in the period,
    whatever became of them since."""

    code = "pipeline_created"
    date_path = "create_date"
    active_test = False

    def base_domain(self, spec):
        return [("type", "=", "opportunity")]

    def aggregates(self, model, alias, query, spec):
        return SQL("COALESCE(SUM(%s), 0)", SQL.identifier(alias, "expected_revenue")), None


@register
class LeadsQualifiedSource(_OpportunitySource):
    """Leads converted to opportunities in the period (by conversion date)."""

    code = "leads_qualified"
    date_path = "date_conversion"
    active_test = False

    def base_domain(self, spec):
        return [("type", "=", "opportunity"), ("date_conversion", "!=", False)]

    def aggregates(self, model, alias, query, spec):
        return SQL("COUNT(%s)", SQL.identifier(alias, "id")), None
