from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import calculators

COMPONENT_TYPES = [
    ("commission", "Commission"),
    ("attainment_bonus", "Attainment bonus"),
    ("rating_bonus", "Rating bonus"),
    ("spiff", "SPIFF"),
]
COMMISSION_BASES = [("invoiced", "Invoiced revenue (net of credit notes)")]
CURVE_MODES = [(calculators.LINEAR, "Linear interpolation"), (calculators.STEP, "Steps")]
PLAN_STATES = [("draft", "Draft"), ("approved", "Approved")]


class SalesIncentivePlan(models.Model):
    _name = "sales.incentive.plan"
    _description = "Incentive Plan"
    _inherit = ["mail.thread", "sales.performance.integrity.mixin"]
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
    base = fields.Selection(COMMISSION_BASES, default="invoiced")
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

    @api.constrains("default_rate", "spiff_fixed", "spiff_rate", "target_bonus", "threshold", "cap")
    def _check_numbers(self):
        labels = {
            "default_rate": self.env._("Default Rate"),
            "spiff_fixed": self.env._("Amount per Unit"),
            "spiff_rate": self.env._("SPIFF Rate"),
            "target_bonus": self.env._("Target Bonus"),
            "threshold": self.env._("Threshold"),
            "cap": self.env._("Cap"),
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

    @api.constrains("point_ids")
    def _check_curve(self):
        for component in self:
            problems = calculators.check_curve(
                [(p.attainment, p.payout) for p in component.point_ids.sorted("sequence")]
            )
            if problems:
                raise ValidationError(self.env._("Payout Curve: %(problems)s.", problems="; ".join(problems)))

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


class SalesIncentiveCategoryRate(models.Model):
    _name = "sales.incentive.category.rate"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Commission Rate by Category"

    component_id = fields.Many2one("sales.incentive.component", required=True, ondelete="cascade")
    categ_id = fields.Many2one("product.category", string="Product Category", required=True)
    rate = fields.Float(string="Rate (%)", required=True)

    _sql_constraints = [
        ("rate_positive", "CHECK (rate >= 0)", "Rate: a commission rate cannot be negative."),
        ("categ_unique", "UNIQUE (component_id, categ_id)", "Product Category: one rate per category."),
    ]


class SalesIncentiveBandRate(models.Model):
    _name = "sales.incentive.band.rate"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Bonus by Rating"

    component_id = fields.Many2one("sales.incentive.component", required=True, ondelete="cascade")
    band_id = fields.Many2one("sales.performance.rating.band", string="Rating", required=True)
    fixed_amount = fields.Float()
    target_percent = fields.Float(string="% of Target Bonus")


class SalesPerformanceRatingBand(models.Model):
    _inherit = "sales.performance.rating.band"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_paid_by_a_plan(self):
        if self.env["sales.incentive.band.rate"].search_count([("band_id", "in", self.ids)], limit=1):
            raise UserError(self.env._("Rating: a band that an incentive plan pays a bonus for cannot be deleted."))
