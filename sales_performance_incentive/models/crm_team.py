# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    # ------------------------------------------------------------------ fields
    incentive_analytic_account_id = fields.Many2one(
        "account.analytic.account",
        check_company=True,
        help="When analytic distribution by team is on (Settings), the incentive expense of this team's "
        "salespeople goes to this account.",
    )
