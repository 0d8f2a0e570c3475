# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Source over the customer feedback logged on salespeople."""

from odoo.tools import SQL

from .base import KpiSource, path_to_sql, register

FEEDBACK_POSITIVE = "positive"
FEEDBACK_NEUTRAL = "neutral"
FEEDBACK_NEGATIVE = "negative"


@register
class PositiveFeedbackShareSource(KpiSource):
    """Positive customer feedback / all feedback logged in the period, in percent, by
    feedback date; credited to the feedback's salesperson and sales team. Feedback a
    salesperson logged about themselves does not count."""

    code = "positive_feedback_share"
    model = "sales.performance.feedback"
    date_path = "date"
    user_path = "salesperson_id"
    team_path = "team_id"
    company_path = "company_id"
    partner_path = "partner_id.commercial_partner_id"
    product_path = None
    ratio_factor = 100.0

    def filter_domain(self, spec, paths):
        if spec.product_category_ids:
            return [("id", "=", 0)]  # feedback carries no products: a category KPI counts nothing
        return super().filter_domain(spec, paths)

    def aggregates(self, model, alias, query, spec):
        logged_by, about = SQL.identifier(alias, "create_uid"), SQL.identifier(alias, "salesperson_id")
        query.add_where(SQL("%s IS DISTINCT FROM %s", logged_by, about))
        rating = path_to_sql(model, alias, "rating", query)
        record = SQL.identifier(alias, "id")
        return (
            SQL("COUNT(%s) FILTER (WHERE %s = %s)", record, rating, FEEDBACK_POSITIVE),
            SQL("COUNT(%s)", record),
        )
