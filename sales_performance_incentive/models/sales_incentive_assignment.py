# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

PAYOUT_METHODS = [("entry", "Journal entry (employee)"), ("vendor_bill", "Vendor bill (external agent)")]


class SalesIncentiveAssignment(models.Model):
    """Who a plan applies to, and when (people join and leave mid-year)."""

    _name = "sales.incentive.assignment"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Incentive Plan Assignment"
    _order = "date_from desc"

    # ------------------------------------------------------------------ fields
    plan_id = fields.Many2one("sales.incentive.plan", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    user_id = fields.Many2one("res.users", string="Salesperson", required=True, index=True)
    date_from = fields.Date(required=True)
    date_to = fields.Date(help="Empty: still running.")
    payout_method = fields.Selection(
        PAYOUT_METHODS,
        default="entry",
        required=True,
        help="External agents (partners who are not employees) are paid by a vendor bill instead of a journal entry.",
    )
    payee_partner_id = fields.Many2one(
        "res.partner",
        string="Payee",
        help="Who the vendor bill is made out to; empty: the salesperson's own partner.",
    )

    # ------------------------------------------------------------------ constraints
    @api.constrains("date_from", "date_to", "user_id", "plan_id")
    def _check_dates(self):
        for assignment in self:
            if assignment.date_to and assignment.date_to < assignment.date_from:
                raise ValidationError(self.env._("Date To: an assignment cannot end before it starts."))
            overlapping = self.search_count(
                [
                    ("id", "!=", assignment.id),
                    ("user_id", "=", assignment.user_id.id),
                    ("company_id", "=", assignment.company_id.id),
                    ("date_from", "<=", assignment.date_to or "9999-12-31"),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", assignment.date_from),
                ],
                limit=1,
            )
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "Salesperson: %(user)s already has an incentive plan on these dates.",
                        user=assignment.user_id.name,
                    )
                )
            if assignment.user_id.share or not assignment.user_id.active:
                raise ValidationError(
                    self.env._("Salesperson: %(user)s is not an active internal user.", user=assignment.user_id.name)
                )
            if assignment.company_id not in assignment.user_id.company_ids:
                raise ValidationError(
                    self.env._("Salesperson: %(user)s is not in the plan's company.", user=assignment.user_id.name)
                )

    # ------------------------------------------------------------------ business
    def _segment_in(self, period):
        """(first day, last day) of this assignment inside ``period``."""
        self.ensure_one()
        return max(self.date_from, period.date_start), min(self.date_to or period.date_end, period.date_end)

    @api.model
    def _running_in(self, period):
        """The assignments of approved plans of ``period``'s company that cover part of it and
        pay on periods of its type (a monthly plan is paid by month periods only)."""
        return self.search(
            [
                ("company_id", "=", period.company_id.id),
                ("plan_id.state", "=", "approved"),
                ("plan_id.pay_frequency", "=", period.period_type),
                ("date_from", "<=", period.date_end),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", period.date_start),
            ]
        )
