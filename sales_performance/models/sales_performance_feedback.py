# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import sources

FEEDBACK_RATINGS = [
    (sources.FEEDBACK_POSITIVE, "Positive"),
    (sources.FEEDBACK_NEUTRAL, "Neutral"),
    (sources.FEEDBACK_NEGATIVE, "Negative"),
]
# Required, but computed from the order or opportunity: checked by _validate_vals.
DERIVED_REQUIRED_FIELDS = ("partner_id", "salesperson_id", "company_id")


class SalesPerformanceFeedback(models.Model):
    """What a customer said about a salesperson, logged from an order, an opportunity or
    directly: a monitoring channel, and the source of the positive-feedback-share KPI."""

    _name = "sales.performance.feedback"
    _description = "Customer Feedback"
    _inherit = ["mail.thread", "sales.performance.integrity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------------ fields
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True, tracking=True)
    rating = fields.Selection(FEEDBACK_RATINGS, required=True, tracking=True)
    note = fields.Text(help="What the customer said, in their words where possible.")
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        tracking=True,
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    salesperson_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        compute="_compute_salesperson_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Whom the feedback is about: by default the salesperson of the order or opportunity.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        index=True,
        check_company=True,
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The team of the order or opportunity, else the salesperson's main team.",
    )

    # ------------------------------------------------------------------ compute
    @api.depends("rating", "partner_id.name")
    def _compute_display_name(self):
        labels = dict(self._fields["rating"]._description_selection(self.env))
        for feedback in self:
            feedback.display_name = self.env._(
                "%(rating)s feedback from %(customer)s",
                rating=labels.get(feedback.rating, ""),
                customer=feedback.partner_id.name or "",
            )

    @api.depends("sale_order_id", "lead_id")
    def _compute_partner_id(self):
        for feedback in self:
            feedback.partner_id = (
                feedback.sale_order_id.partner_id or feedback.lead_id.partner_id or feedback.partner_id
            )

    @api.depends("sale_order_id", "lead_id")
    def _compute_salesperson_id(self):
        for feedback in self:
            feedback.salesperson_id = (
                feedback.sale_order_id.user_id or feedback.lead_id.user_id or feedback.salesperson_id
            )

    @api.depends("sale_order_id", "lead_id")
    def _compute_company_id(self):
        for feedback in self:
            feedback.company_id = (
                feedback.sale_order_id.company_id
                or feedback.lead_id.company_id
                or feedback.company_id
                or self.env.company
            )

    @api.depends("sale_order_id", "lead_id", "salesperson_id", "company_id")
    def _compute_team_id(self):
        for feedback in self:
            main_team = feedback.salesperson_id.sale_team_id
            if main_team.company_id and main_team.company_id != feedback.company_id:
                main_team = main_team.browse()
            feedback.team_id = feedback.sale_order_id.team_id or feedback.lead_id.team_id or main_team

    # ------------------------------------------------------------------ constraints
    @api.constrains("salesperson_id", "company_id")
    def _check_salesperson_company(self):
        self._check_user_in_company("salesperson_id", "company_id", self.env._("the feedback"))

    @api.constrains("partner_id", "sale_order_id", "lead_id")
    def _check_customer(self):
        for feedback in self:
            customer = feedback.partner_id.commercial_partner_id
            for document in (feedback.sale_order_id, feedback.lead_id):
                if document.partner_id and document.partner_id.commercial_partner_id != customer:
                    raise ValidationError(
                        self.env._(
                            "Customer: %(customer)s is not the customer of %(document)s.",
                            customer=feedback.partner_id.name,
                            document=document.display_name,
                        )
                    )

    # ------------------------------------------------------------------ views
    @api.model
    def _get_view_cache_key(self, view_id=None, view_type="form", **options):
        return (*super()._get_view_cache_key(view_id, view_type, **options), self._can_edit_feedback())

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        """No New for salespeople: they may log feedback but not change it, so a page form would
        have no Save; they log it from the order or opportunity (Log Feedback, a dialog)."""
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type in ("list", "form", "kanban") and not self._can_edit_feedback():
            arch.set("create", "0")
        return arch, view

    @api.model
    def _can_edit_feedback(self):
        return self.env["sales.performance.feedback"].has_access("write")

    # ------------------------------------------------------------------ CRUD
    def _validate_vals(self, vals):
        """The order, opportunity, customer and salesperson must exist before the computes
        read them; the customer, salesperson and company are computed (so the mixin leaves
        them out of its required check) yet required: refused when the order or opportunity
        gives none on create, or when written empty."""
        result = super()._validate_vals(vals)
        self._check_records_exist(vals, ("sale_order_id", "lead_id", "partner_id", "salesperson_id"))
        derived = {} if self else self._document_values(vals)
        for fname in DERIVED_REQUIRED_FIELDS:
            if fname not in vals and self:
                continue  # not written: the records keep their value
            if not vals.get(fname, derived.get(fname)):
                self._raise_required(fname)
        return result

    def _document_values(self, vals):
        """The customer, salesperson and company the computes will take from the order or
        opportunity in ``vals`` (sudo: only to know whether they will be filled)."""
        order = self.env["sale.order"].sudo().browse(vals.get("sale_order_id") or [])
        lead = self.env["crm.lead"].sudo().browse(vals.get("lead_id") or [])
        return {
            "partner_id": (order.partner_id or lead.partner_id).id,
            "salesperson_id": (order.user_id or lead.user_id).id,
            "company_id": (order.company_id or lead.company_id or self.env.company).id,
        }
