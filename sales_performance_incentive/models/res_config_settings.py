# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # ------------------------------------------------------------------ fields
    incentive_expense_account_id = fields.Many2one(related="company_id.incentive_expense_account_id", readonly=False)
    incentive_payable_account_id = fields.Many2one(related="company_id.incentive_payable_account_id", readonly=False)
    incentive_journal_id = fields.Many2one(related="company_id.incentive_journal_id", readonly=False)
    incentive_posting_mode = fields.Selection(related="company_id.incentive_posting_mode", readonly=False)
    incentive_analytic_by_team = fields.Boolean(related="company_id.incentive_analytic_by_team", readonly=False)
    incentive_bill_journal_id = fields.Many2one(related="company_id.incentive_bill_journal_id", readonly=False)
