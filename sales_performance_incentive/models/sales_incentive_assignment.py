# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

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

    @api.constrains("date_from", "date_to", "user_id", "plan_id")
    def _check_one_range_per_period(self):
        """A statement pays one range of days per period: a salesperson cannot come back to a
        plan paying on, say, quarters inside the quarter they left it for a monthly plan (the
        quarter's statement would cover the months' days too)."""
        Period = self.env["sales.performance.period"].sudo()
        for user, company in {(a.user_id, a.company_id) for a in self}:
            mine = self.sudo().search([("user_id", "=", user.id), ("company_id", "=", company.id)], order="date_from")
            for index, first in enumerate(mine):
                frequency = first.plan_id.pay_frequency
                later = list(mine[index + 1 :])
                back = next((a for a in later if a.plan_id.pay_frequency == frequency), None)
                if not first.date_to or not back:
                    continue
                if not any(a.plan_id.pay_frequency != frequency and a.date_from < back.date_from for a in later):
                    continue
                period = Period.search(
                    [
                        ("company_id", "=", company.id),
                        ("period_type", "=", frequency),
                        ("date_start", "<=", first.date_to),
                        ("date_end", ">=", back.date_from),
                    ],
                    limit=1,
                )
                if period:
                    raise ValidationError(
                        self.env._(
                            "Date From: %(user)s left a plan paid by %(period)s for another pay frequency; back on "
                            "such a plan inside the same period, its statement would pay the other plan's days "
                            "again. Start it on %(next)s.",
                            user=user.name,
                            period=period.name,
                            next=period.date_end + timedelta(days=1),
                        )
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
