from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

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
