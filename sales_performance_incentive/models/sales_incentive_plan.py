# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import UserError, ValidationError

PLAN_STATES = [("draft", "Draft"), ("approved", "Approved")]
# The period types a plan pays on: one statement per salesperson and period of that type.
PAY_FREQUENCIES = [("month", "Monthly"), ("quarter", "Quarterly"), ("year", "Yearly")]
# What an approved (locked) plan still lets change.
UNLOCKED_FIELDS = {"state", "active"}


class SalesIncentivePlan(models.Model):
    """How results are paid: components (commission, bonuses, SPIFFs, draws) and who they
    apply to, when (assignments)."""

    _name = "sales.incentive.plan"
    _description = "Incentive Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.performance.integrity.mixin"]
    _order = "name"
    _check_company_auto = True

    # ------------------------------------------------------------------ fields
    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(PLAN_STATES, default="draft", required=True, tracking=True, copy=False)
    component_ids = fields.One2many("sales.incentive.component", "plan_id", string="Components", copy=True)
    pay_frequency = fields.Selection(
        PAY_FREQUENCIES,
        default="month",
        required=True,
        tracking=True,
        help="Statements are made for the periods of this type only (KPIs and reviews may still use every "
        "period type): the same invoices are never paid by a month and by its quarter.",
    )
    prorate = fields.Boolean(
        string="Prorate Partial Periods",
        default=True,
        tracking=True,
        help="An assignment covering part of a period (a hire, a leaver, a plan change) gets the targets, "
        "target bonuses, rating bonuses and draws in proportion to its days in the period.",
    )
    assignment_ids = fields.One2many("sales.incentive.assignment", "plan_id", string="Assignments")
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------------ CRUD
    def _validate_vals(self, vals):
        result = super()._validate_vals(vals)
        if set(vals) - UNLOCKED_FIELDS and self.filtered(lambda p: p.state == "approved"):
            raise UserError(self.env._("An approved plan is locked; reset it to draft (with a reason) to change it."))
        return result

    def _protected_fields(self):
        return {**super()._protected_fields(), "state": self.env._("Approve and Reset to Draft (with a reason)")}

    # ------------------------------------------------------------------ actions
    def action_approve(self):
        for plan in self:
            if not plan.component_ids:
                raise ValidationError(self.env._("Components: %(plan)s has no component.", plan=plan.name))
        self.check_access("write")
        # sudo: approving is this button's write (access checked above)
        self.sudo().state = "approved"
        return True

    def action_reset(self, reason=None):
        reason = self._text_argument(reason, self.env._("Reason"), required=False)
        if not reason:
            raise ValidationError(self.env._("Reason: say why the plan goes back to draft."))
        self.check_access("write")
        for plan in self:
            # sudo: the reset's own write (access checked above), the reason kept below
            plan.sudo().state = "draft"
            plan.message_post(body=self.env._("Reset to draft: %(reason)s", reason=reason.strip()))
        return True
