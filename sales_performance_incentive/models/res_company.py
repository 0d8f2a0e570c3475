# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

POSTING_MODES = [
    ("statement", "One entry per statement"),
    ("period", "One grouped entry per period and company"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    # ------------------------------------------------------------------ fields
    incentive_expense_account_id = fields.Many2one(
        "account.account",
        check_company=True,
        help="Debited when a statement is posted.",
    )
    incentive_payable_account_id = fields.Many2one(
        "account.account",
        check_company=True,
        help="Credited when a statement is posted (accrued liability towards the salesperson).",
    )
    incentive_journal_id = fields.Many2one("account.journal", check_company=True, domain="[('type', '=', 'general')]")
    incentive_posting_mode = fields.Selection(
        POSTING_MODES,
        default="statement",
        required=True,
        help="Grouped: the statements posted together make one entry per period, with one payable line per "
        "salesperson.",
    )
    incentive_analytic_by_team = fields.Boolean(
        help="Put the expense of a statement on the analytic account of the salesperson's sales team."
    )
    incentive_bill_journal_id = fields.Many2one(
        "account.journal",
        check_company=True,
        domain="[('type', '=', 'purchase')]",
        help="Purchase journal of the vendor bills of external agents; empty: the company's first purchase journal.",
    )
