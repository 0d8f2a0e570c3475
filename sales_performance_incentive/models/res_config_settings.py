from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    incentive_expense_account_id = fields.Many2one(related="company_id.incentive_expense_account_id", readonly=False)
    incentive_payable_account_id = fields.Many2one(related="company_id.incentive_payable_account_id", readonly=False)
    incentive_journal_id = fields.Many2one(related="company_id.incentive_journal_id", readonly=False)
