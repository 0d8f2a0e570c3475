from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import calculators

COMPONENT_TYPES = [
    ("commission", "Commission"),
    ("attainment_bonus", "Attainment bonus"),
    ("rating_bonus", "Rating bonus"),
    ("spiff", "SPIFF"),
    ("draw", "Draw"),
]
COMMISSION_BASES = [
    ("invoiced", "Invoiced revenue (net of credit notes)"),
    ("paid", "Paid revenue (by payment date)"),
    ("margin", "Gross margin (invoiced revenue minus cost)"),
]
PAYOUT_METHODS = [("entry", "Journal entry (employee)"), ("vendor_bill", "Vendor bill (external agent)")]
CURVE_MODES = [(calculators.LINEAR, "Linear interpolation"), (calculators.STEP, "Steps")]
PLAN_STATES = [("draft", "Draft"), ("approved", "Approved")]


class SalesIncentivePlan(models.Model):
    _name = "sales.incentive.plan"
    _description = "Incentive Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.performance.integrity.mixin"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(PLAN_STATES, default="draft", required=True, tracking=True, copy=False)
    component_ids = fields.One2many("sales.incentive.component", "plan_id", string="Components", copy=True)
    assignment_ids = fields.One2many("sales.incentive.assignment", "plan_id", string="Assignments")
    active = fields.Boolean(default=True)

    def action_approve(self):
        for plan in self:
            if not plan.component_ids:
                raise ValidationError(self.env._("Components: %(plan)s has no component.", plan=plan.name))
        self.state = "approved"

    def action_reset(self, reason):
        if not (reason or "").strip():
            raise ValidationError(self.env._("Reason: say why the plan goes back to draft."))
        for plan in self:
            plan.state = "draft"
            plan.message_post(body=self.env._("Reset to draft: %(reason)s", reason=reason.strip()))
        return True

    def write(self, vals):
        if set(vals) - {"state", "active"} and self.filtered(lambda p: p.state == "approved"):
            raise UserError(self.env._("An approved plan is locked; reset it to draft (with a reason) to change it."))
        return super().write(vals)


class SalesIncentiveAssignment(models.Model):
    """Who a plan applies to, and when (people join and leave mid-year)."""

    _name = "sales.incentive.assignment"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Incentive Plan Assignment"
    _order = "date_from desc"

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


class SalesIncentiveComponent(models.Model):
    _name = "sales.incentive.component"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Incentive Plan Component"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one("sales.incentive.plan", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    component_type = fields.Selection(COMPONENT_TYPES, string="Type", required=True, default="commission")
    # Commission
    base = fields.Selection(
        COMMISSION_BASES,
        default="invoiced",
        help="Invoiced: posted customer invoices of the period net of credit notes. Paid: the paid part "
        "of invoices, by payment date. Margin: invoiced revenue minus cost (the sale order line's cost, "
        "else the product's cost).",
    )
    default_rate = fields.Float(string="Default Rate (%)", help="For categories without a rate of their own.")
    category_rate_ids = fields.One2many(
        "sales.incentive.category.rate", "component_id", string="Rates by Category", copy=True
    )
    # Attainment and rating bonus
    target_bonus = fields.Float(help="Paid in full at 100 % on the curve.")
    kpi_id = fields.Many2one(
        "sales.performance.kpi", string="KPI", help="The salesperson's goal on this KPI gives the attainment."
    )
    curve_mode = fields.Selection(CURVE_MODES, default=calculators.LINEAR)
    threshold = fields.Float(string="Threshold (%)", help="Below this attainment nothing is paid.")
    cap = fields.Float(string="Cap (% of target bonus)", help="0: no cap.")
    point_ids = fields.One2many("sales.incentive.curve.point", "component_id", string="Payout Curve", copy=True)
    band_rate_ids = fields.One2many("sales.incentive.band.rate", "component_id", string="Bonus by Rating", copy=True)
    # SPIFF
    spiff_product_ids = fields.Many2many("product.product", string="SPIFF Products")
    spiff_category_ids = fields.Many2many("product.category", string="SPIFF Categories")
    spiff_date_from = fields.Date(string="SPIFF From")
    spiff_date_to = fields.Date(string="SPIFF To")
    spiff_fixed = fields.Float(string="Amount per Unit")
    spiff_rate = fields.Float(string="SPIFF Rate (%)")
    # Draw
    draw_amount = fields.Float(
        help="Paid at least this much a period; what it adds above the earnings is an advance recovered "
        "from later earnings above the draw."
    )
    draw_allow_negative = fields.Boolean(
        string="Recover All at Once",
        help="Take the whole outstanding advance back as soon as earnings pass the draw, even if the "
        "statement goes negative.",
    )

    @api.constrains(
        "component_type", "default_rate", "spiff_fixed", "spiff_rate", "target_bonus", "threshold", "cap", "draw_amount"
    )
    def _check_numbers(self):
        labels = {
            "default_rate": self.env._("Default Rate"),
            "spiff_fixed": self.env._("Amount per Unit"),
            "spiff_rate": self.env._("SPIFF Rate"),
            "target_bonus": self.env._("Target Bonus"),
            "threshold": self.env._("Threshold"),
            "cap": self.env._("Cap"),
            "draw_amount": self.env._("Draw Amount"),
        }
        for component in self:
            for fname, label in labels.items():
                if component[fname] < 0:
                    raise ValidationError(self.env._("%(field)s: cannot be negative.", field=label))
            if component.cap and component.cap < component.threshold:
                raise ValidationError(self.env._("Cap: cannot be below the threshold."))
            if (
                component.spiff_date_from
                and component.spiff_date_to
                and component.spiff_date_to < component.spiff_date_from
            ):
                raise ValidationError(self.env._("SPIFF To: the window cannot end before it starts."))
            if component.component_type == "draw" and component.draw_amount <= 0:
                raise ValidationError(self.env._("Draw Amount: a draw needs an amount above 0."))

    @api.constrains("point_ids")
    def _check_curve(self):
        for component in self:
            problems = calculators.check_curve(
                [(p.attainment, p.payout) for p in component.point_ids.sorted("sequence")]
            )
            if problems:
                messages = component._curve_problem_messages()
                raise ValidationError(
                    self.env._(
                        "Payout Curve: %(problems)s.", problems="; ".join(messages[problem] for problem in problems)
                    )
                )

    def _curve_problem_messages(self):
        return {
            calculators.CURVE_NOT_INCREASING: self.env._("attainment points must be strictly increasing"),
            calculators.CURVE_PAYOUT_DECREASES: self.env._("payouts must not decrease as attainment grows"),
            calculators.CURVE_NEGATIVE: self.env._("points cannot be negative"),
            calculators.CURVE_CAP_BELOW_THRESHOLD: self.env._("the cap cannot be below the threshold"),
        }

    def _commission_rates(self):
        """({category id: rate}, {product id: rate}) of this commission component."""
        self.ensure_one()
        by_category = {rate.categ_id.id: rate.rate for rate in self.category_rate_ids if rate.categ_id}
        by_product = {rate.product_id.id: rate.rate for rate in self.category_rate_ids if rate.product_id}
        return by_category, by_product

    def _curve(self):
        self.ensure_one()
        return [(point.attainment, point.payout) for point in self.point_ids.sorted("sequence")]


class SalesIncentiveCurvePoint(models.Model):
    _name = "sales.incentive.curve.point"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Payout Curve Point"
    _order = "component_id, sequence, attainment"

    component_id = fields.Many2one("sales.incentive.component", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    attainment = fields.Float(string="Attainment (%)", required=True)
    payout = fields.Float(string="Payout (%)", required=True)

    _sql_constraints = [
        ("attainment_positive", "CHECK (attainment >= 0)", "Attainment: a curve point cannot be negative."),
        ("payout_positive", "CHECK (payout >= 0)", "Payout: a curve point cannot be negative."),
    ]


class SalesIncentiveCategoryRate(models.Model):
    """A commission rate for a product category or, overriding it, for one product."""

    _name = "sales.incentive.category.rate"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Commission Rate by Category or Product"

    component_id = fields.Many2one("sales.incentive.component", required=True, ondelete="cascade")
    categ_id = fields.Many2one("product.category", string="Product Category")
    product_id = fields.Many2one("product.product", help="A rate for this product only; it overrides its category's.")
    rate = fields.Float(string="Rate (%)", required=True)

    _sql_constraints = [
        ("rate_positive", "CHECK (rate >= 0)", "Rate: a commission rate cannot be negative."),
        (
            "category_or_product",
            "CHECK ((categ_id IS NULL) != (product_id IS NULL))",
            "Product Category: give a category or a product (not both).",
        ),
        ("categ_unique", "UNIQUE (component_id, categ_id)", "Product Category: one rate per category."),
        ("product_unique", "UNIQUE (component_id, product_id)", "Product: one rate per product."),
    ]


class SalesIncentiveBandRate(models.Model):
    _name = "sales.incentive.band.rate"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Bonus by Rating"

    component_id = fields.Many2one("sales.incentive.component", required=True, ondelete="cascade")
    band_id = fields.Many2one("sales.performance.rating.band", string="Rating", required=True)
    fixed_amount = fields.Float()
    target_percent = fields.Float(string="% of Target Bonus")

    _sql_constraints = [
        ("fixed_amount_positive", "CHECK (fixed_amount >= 0)", "Fixed Amount: a bonus cannot be negative."),
        ("target_percent_positive", "CHECK (target_percent >= 0)", "% of Target Bonus: cannot be negative."),
    ]


class SalesPerformanceRatingBand(models.Model):
    _inherit = "sales.performance.rating.band"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_paid_by_a_plan(self):
        if self.env["sales.incentive.band.rate"].search_count([("band_id", "in", self.ids)], limit=1):
            raise UserError(self.env._("Rating: a band that an incentive plan pays a bonus for cannot be deleted."))
