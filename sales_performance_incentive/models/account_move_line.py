# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # ------------------------------------------------------------------ fields
    incentive_statement_id = fields.Many2one(
        "sales.incentive.statement",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The statement this line posts; a grouped entry carries the lines of several statements.",
    )
