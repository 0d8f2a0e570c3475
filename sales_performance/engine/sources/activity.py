# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Source over the activities marked done (the chatter message each one leaves)."""

from odoo.tools import SQL

from .base import KpiSource, register


@register
class ActivitiesDoneSource(KpiSource):
    """Activities marked done (the chatter message each one leaves), by the user who did
    it; team = that user's main sales team; company = the company of the record the activity
    was on (that user's company for records without one)."""

    code = "activities_done"
    model = "mail.message"
    date_path = "date"
    user_path = "create_uid"
    team_path = "create_uid.sale_team_id"
    company_path = "create_uid.company_id"
    partner_path = None
    product_path = None

    def base_domain(self, spec):
        return [("mail_activity_type_id", "!=", False), ("message_type", "=", "notification")]

    def company_sql(self, model, alias, query, paths):
        # The company of the record the activity was on; the user's company when it has none.
        return SQL(
            "COALESCE(%s, %s)",
            SQL.identifier(alias, "record_company_id"),
            super().company_sql(model, alias, query, paths),
        )

    def filter_domain(self, spec, paths):
        if spec.product_category_ids or spec.partner_category_ids or spec.country_ids or spec.country_state_ids:
            return [("id", "=", 0)]  # no customer or product on an activity
        return super().filter_domain(spec, paths)

    def aggregates(self, model, alias, query, spec):
        return SQL("COUNT(%s)", SQL.identifier(alias, "id")), None
