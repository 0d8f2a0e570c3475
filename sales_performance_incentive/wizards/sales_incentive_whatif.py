from odoo import api, fields, models

from ..engine import calculators

REVENUE_SOURCES = ("revenue", "invoiced_revenue")


class SalesIncentiveWhatIf(models.TransientModel):
    """'What if I sell this much more?': the payout with extra revenue by category, computed
    with a plan's rates, curve and cap: from a statement (on top of what it pays) or from a plan
    (for a salesperson's goals of a period, or from nothing). Nothing is saved."""

    _name = "sales.incentive.whatif"
    _description = "Incentive Estimate"

    statement_id = fields.Many2one("sales.incentive.statement", ondelete="cascade")
    plan_id = fields.Many2one(
        "sales.incentive.plan", compute="_compute_plan_id", store=True, readonly=False, required=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        compute="_compute_from_statement",
        store=True,
        readonly=False,
        help="With a period: the attainment bonus starts from this salesperson's goal.",
    )
    period_id = fields.Many2one(
        "sales.performance.period", compute="_compute_from_statement", store=True, readonly=False
    )
    currency_id = fields.Many2one(related="plan_id.currency_id")
    line_ids = fields.One2many("sales.incentive.whatif.line", "whatif_id", string="Extra Revenue")
    current_total = fields.Monetary(compute="_compute_current_total", string="Current Payout")
    estimated_total = fields.Monetary(compute="_compute_estimate", string="Estimated Payout")
    difference = fields.Monetary(compute="_compute_estimate")
    explanation = fields.Text(compute="_compute_estimate")

    @api.depends("statement_id")
    def _compute_plan_id(self):
        for wizard in self.filtered("statement_id"):
            wizard.plan_id = wizard.statement_id.plan_id

    @api.depends("statement_id")
    def _compute_from_statement(self):
        for wizard in self.filtered("statement_id"):
            wizard.user_id, wizard.period_id = wizard.statement_id.user_id, wizard.statement_id.period_id

    @api.depends("statement_id.amount_total")
    def _compute_current_total(self):
        for wizard in self:
            wizard.current_total = wizard.statement_id.amount_total

    def _goal(self, component):
        """The goal the component's bonus was (or would be) computed on."""
        if self.statement_id:
            return self.statement_id.line_ids.filtered(lambda line: line.component_id == component).goal_id[:1]
        if not (self.user_id and self.period_id):
            return self.env["sales.performance.goal"]
        return self.env["sales.performance.goal"].search(
            [
                ("period_id", "=", self.period_id.id),
                ("user_id", "=", self.user_id.id),
                ("scope", "=", "user"),
                ("kpi_id", "=", component.kpi_id.id),
            ],
            limit=1,
        )

    @api.depends("line_ids.categ_id", "line_ids.amount", "statement_id", "plan_id", "user_id", "period_id")
    def _compute_estimate(self):
        for wizard in self:
            extra, notes = wizard._extra_payout()
            wizard.estimated_total = wizard.current_total + extra
            wizard.difference = extra
            wizard.explanation = "\n".join(notes)

    def _extra_payout(self):
        """Extra commission on the extra revenue, and the bonus the higher attainment moves to."""
        self.ensure_one()
        extra_lines = [
            (line.categ_id.id, line.categ_id.parent_path, line.amount) for line in self.line_ids if line.amount
        ]
        extra_revenue = sum(amount for _c, _p, amount in extra_lines)
        total, notes = 0.0, []
        for component in self.plan_id.component_ids:
            if component.component_type == "commission" and component.base == "margin":
                notes.append(self.env._("%(name)s: not estimated (the margin depends on costs).", name=component.name))
            elif component.component_type == "commission":
                rates, _product_rates = component._commission_rates()  # extra revenue is by category
                bases = [
                    (None, [int(c) for c in (path or "").strip("/").split("/") if c][::-1], amount)
                    for _categ, path, amount in extra_lines
                ]
                amount, _trace = calculators.category_commission(bases, rates, component.default_rate)
                total += amount
                notes.append(self.env._("%(name)s: +%(amount)s", name=component.name, amount=round(amount, 2)))
            elif component.component_type == "attainment_bonus" and component.kpi_id.source_code in REVENUE_SOURCES:
                goal = self._goal(component)
                if not goal or not goal.target:
                    continue
                curve = (component._curve(), component.curve_mode, component.threshold, component.cap or None)
                before = calculators.attainment_bonus(component.target_bonus, goal.attainment, *curve)[0]
                attainment = 100.0 * (goal.actual + extra_revenue) / goal.target
                after = calculators.attainment_bonus(component.target_bonus, attainment, *curve)[0]
                total += after - before
                notes.append(
                    self.env._(
                        "%(name)s: attainment %(old)s%% -> %(new)s%%, bonus +%(amount)s",
                        name=component.name,
                        old=round(goal.attainment, 1),
                        new=round(attainment, 1),
                        amount=round(after - before, 2),
                    )
                )
        return total, notes


class SalesIncentiveWhatIfLine(models.TransientModel):
    _name = "sales.incentive.whatif.line"
    _description = "Incentive Estimate: extra revenue"

    whatif_id = fields.Many2one("sales.incentive.whatif", required=True, ondelete="cascade")
    categ_id = fields.Many2one("product.category", string="Product Category", required=True)
    amount = fields.Float(string="Extra Revenue")
