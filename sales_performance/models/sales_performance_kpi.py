# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import ast
import logging

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from ..engine import measuring, scoring, sources

_logger = logging.getLogger(__name__)

KPI_UNITS = [
    ("currency", "Amount"),
    ("count", "Count"),
    ("percent", "Percentage"),
    ("other", "Other"),
]
KPI_DIRECTIONS = [
    (scoring.HIGHER_IS_BETTER, "Higher is better"),
    (scoring.LOWER_IS_BETTER, "Lower is better"),
]
GENERIC_AGGREGATES = [
    (sources.GENERIC_COUNT, "Count of records"),
    (sources.GENERIC_SUM, "Sum of a field"),
    (sources.GENERIC_RATIO, "Ratio of two measures"),
]
NUMERIC_TYPES = ("integer", "float", "monetary")
FILTERS = ("product_category_ids", "partner_category_ids", "country_ids", "country_state_ids", "team_ids")
# The settings of a generic KPI, checked together.
GENERIC_SETTINGS = (
    "generic_model_id",
    "generic_date_field_id",
    "generic_user_field_id",
    "generic_team_field_id",
    "generic_partner_field_id",
    "generic_aggregate",
    "generic_measure_field_id",
    "generic_denominator_field_id",
    "generic_domain",
    "generic_numerator_domain",
)
NUMERIC_FIELD_DOMAIN = (
    "[('model_id', '=', generic_model_id), ('ttype', 'in', ('integer', 'float', 'monetary')), ('store', '=', True)]"
)


class SalesPerformanceKpi(models.Model):
    _name = "sales.performance.kpi"
    _description = "KPI"
    _inherit = ["mail.thread", "sales.performance.integrity.mixin"]
    _order = "sequence, name"

    # ------------------------------------------------------------------ fields
    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, tracking=True, help="Short unique code, used in reports and integrations.")
    name = fields.Char(required=True, translate=True, tracking=True)
    description = fields.Text(translate=True, help="What the KPI means for the salesperson and why it matters.")
    unit = fields.Selection(
        KPI_UNITS,
        required=True,
        default="currency",
        help="How targets and actuals are shown: an amount in the company currency, a count, a percentage or "
        "another unit.",
    )
    direction = fields.Selection(
        KPI_DIRECTIONS,
        required=True,
        tracking=True,
        default=scoring.HIGHER_IS_BETTER,
        help="Lower is better for costs or delays: attainment is then target / actual.",
    )
    is_cumulative = fields.Boolean(
        string="Accumulates over the Period",
        compute="_compute_is_cumulative",
        store=True,
        readonly=False,
        help="Amounts and counts grow day by day: the expected-to-date is the target spread over the "
        "period. Rates and averages do not: the full target is expected from the first day.",
    )
    is_leading = fields.Boolean(
        string="Leading Indicator",
        help="A leading indicator (pipeline, qualified leads, activities) predicts future revenue; "
        "a lagging one (revenue, margin) records past results.",
    )
    company_id = fields.Many2one("res.company", index=True, help="Leave empty to share the KPI between all companies.")
    active = fields.Boolean(default=True)
    source_id = fields.Many2one(
        "sales.performance.kpi.source",
        required=True,
        ondelete="restrict",
        tracking=True,
        help="What the KPI measures and from which documents (orders, invoices, opportunities, activities, or any "
        "model for a generic KPI).",
    )
    source_code = fields.Char(related="source_id.code", string="Source Code")
    source_description = fields.Text(related="source_id.description", string="How It Is Measured")
    is_generic = fields.Boolean(related="source_id.is_generic")
    goal_count = fields.Integer(compute="_compute_goal_count")
    # Preview: what the KPI measures now, before any goal uses it (admins only: company totals).
    preview_period_id = fields.Many2one(
        "sales.performance.period",
        string="Current Period",
        compute="_compute_preview",
        groups="sales_performance.group_sales_performance_admin",
        help="The company's shortest period that contains today, over which the preview is measured.",
    )
    preview_value = fields.Float(
        string="Preview Value",
        compute="_compute_preview",
        groups="sales_performance.group_sales_performance_admin",
    )
    preview_display = fields.Char(
        string="Company Value So Far",
        compute="_compute_preview",
        groups="sales_performance.group_sales_performance_admin",
        help="The KPI measured now over the current period for the whole company, with the filters as set: "
        "check the KPI before setting goals on it.",
    )

    # Filters: region, customer segment, product category, sales team.
    product_category_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="Only lines (or orders) of these categories and their children.",
    )
    partner_category_ids = fields.Many2many(
        "res.partner.category", string="Customer Segments", help="Only customers carrying one of these tags."
    )
    country_ids = fields.Many2many("res.country", string="Countries", help="Region: only customers in these countries.")
    country_state_ids = fields.Many2many(
        "res.country.state", string="States", help="Region: only customers in these states or provinces."
    )
    team_ids = fields.Many2many("crm.team", string="Sales Teams", help="Only documents of these sales teams.")

    # Generic source: any model.
    generic_model_id = fields.Many2one("ir.model", string="Model", ondelete="cascade")
    generic_model = fields.Char(related="generic_model_id.model", string="Model Name")
    generic_date_field_id = fields.Many2one(
        "ir.model.fields",
        string="Date Field",
        ondelete="cascade",
        domain="[('model_id', '=', generic_model_id), ('ttype', 'in', ('date', 'datetime')), ('store', '=', True)]",
        help="Date of the record that decides the period it counts in.",
    )
    generic_user_field_id = fields.Many2one(
        "ir.model.fields",
        string="Salesperson Field",
        ondelete="cascade",
        domain="[('model_id', '=', generic_model_id), ('relation', '=', 'res.users'), ('ttype', '=', 'many2one')]",
        help="Field naming the salesperson a record counts for.",
    )
    generic_team_field_id = fields.Many2one(
        "ir.model.fields",
        string="Sales Team Field",
        ondelete="cascade",
        domain="[('model_id', '=', generic_model_id), ('relation', '=', 'crm.team'), ('ttype', '=', 'many2one')]",
        help="Field naming the sales team a record counts for; empty to take the salesperson's team.",
    )
    generic_partner_field_id = fields.Many2one(
        "ir.model.fields",
        string="Customer Field",
        ondelete="cascade",
        domain="[('model_id', '=', generic_model_id), ('relation', '=', 'res.partner'), ('ttype', '=', 'many2one')]",
        help="Needed for segment and region filters.",
    )
    generic_aggregate = fields.Selection(
        GENERIC_AGGREGATES,
        string="Aggregate",
        default=sources.GENERIC_COUNT,
        help="How the records are measured: counted, a field summed, or the ratio of two measures.",
    )
    generic_measure_field_id = fields.Many2one(
        "ir.model.fields",
        string="Measure Field",
        ondelete="cascade",
        domain=NUMERIC_FIELD_DOMAIN,
        help="Summed for 'Sum of a field'; the numerator of a ratio (empty: count of records).",
    )
    generic_denominator_field_id = fields.Many2one(
        "ir.model.fields",
        string="Denominator Field",
        ondelete="cascade",
        domain=NUMERIC_FIELD_DOMAIN,
        help="Denominator of a ratio (empty: count of records).",
    )
    generic_domain = fields.Char(string="Domain", default="[]", tracking=True, help="Records taken into account.")
    generic_numerator_domain = fields.Char(
        string="Numerator Domain", default="[]", tracking=True, help="For a ratio: the subset counted in the numerator."
    )
    generic_ratio_factor = fields.Float(string="Ratio Factor", default=1.0, help="100 to show a ratio in percent.")

    # ------------------------------------------------------------------ constraints
    @api.constrains("source_id", *GENERIC_SETTINGS)
    def _check_generic(self):
        for kpi in self.filtered("is_generic"):
            kpi._check_generic_fields()
            kpi._generic_domain()
            kpi._generic_numerator_domain()
            if not self.env.su:
                kpi._check_generic_readable_by(self.env.user)

    def _generic_field_names(self):
        """The fields of the generic model the KPI reads: its settings and those its domains
        test (first name of each path)."""
        self.ensure_one()
        names = {
            field.name
            for field in (
                self.generic_date_field_id,
                self.generic_user_field_id,
                self.generic_team_field_id,
                self.generic_partner_field_id,
                self.generic_measure_field_id,
                self.generic_denominator_field_id,
            )
            if field
        }
        for domain in (self._generic_domain(), self._generic_numerator_domain()):
            names |= {
                leaf[0].split(".")[0] for leaf in domain if isinstance(leaf, (list, tuple)) and isinstance(leaf[0], str)
            }
        return names

    def _generic_unreadable_fields(self, user):
        """The fields the KPI reads that ``user`` may not (their ``groups``)."""
        self.ensure_one()
        model = self.env[self.generic_model_id.model]
        return [
            model._fields[name]
            for name in sorted(self._generic_field_names())
            if name in model._fields and model._fields[name].groups and not user.has_groups(model._fields[name].groups)
        ]

    def _check_generic_readable_by(self, user):
        """A generic KPI measures only fields its author may read: the engine's SQL would
        otherwise hand figures of a restricted field (e.g. HR-only) to every goal reader."""
        unreadable = self._generic_unreadable_fields(user)
        if unreadable:
            raise ValidationError(
                self.env._(
                    "%(field)s: you may not read this field of %(model)s, so a KPI of yours cannot measure it.",
                    field=unreadable[0]._description_string(self.env),
                    model=self.generic_model_id.name,
                )
            )

    def _check_generic_fields(self):
        self.ensure_one()
        if not self.generic_model_id:
            raise ValidationError(self.env._("Model: a generic KPI needs a model."))
        if self.generic_model_id.model not in self.env or self.env[self.generic_model_id.model]._abstract:
            raise ValidationError(
                self.env._("Model: %(model)s is not a stored model.", model=self.generic_model_id.model)
            )
        model = self.env[self.generic_model_id.model]

        def check(field, label, types, relation=None, required=True):
            if not field:
                if required:
                    raise ValidationError(self.env._("%(label)s: required for a generic KPI.", label=label))
                return
            odoo_field = model._fields.get(field.name)
            if field.model_id != self.generic_model_id or not odoo_field:
                raise ValidationError(
                    self.env._(
                        "%(label)s: %(field)s is not a field of %(model)s.",
                        label=label,
                        field=field.name,
                        model=model._name,
                    )
                )
            if field.ttype not in types or not odoo_field.store or (relation and field.relation != relation):
                expected = "/".join(types) + (f" to {relation}" if relation else "")
                raise ValidationError(
                    self.env._(
                        "%(label)s: %(field)s must be a stored %(expected)s field.",
                        label=label,
                        field=field.name,
                        expected=expected,
                    )
                )

        check(self.generic_date_field_id, self.env._("Date Field"), ("date", "datetime"))
        check(self.generic_user_field_id, self.env._("Salesperson Field"), ("many2one",), "res.users")
        check(self.generic_team_field_id, self.env._("Sales Team Field"), ("many2one",), "crm.team", required=False)
        check(self.generic_partner_field_id, self.env._("Customer Field"), ("many2one",), "res.partner", required=False)
        check(
            self.generic_measure_field_id,
            self.env._("Measure Field"),
            NUMERIC_TYPES,
            required=self.generic_aggregate == sources.GENERIC_SUM,
        )
        check(self.generic_denominator_field_id, self.env._("Denominator Field"), NUMERIC_TYPES, required=False)

    def _parse_domain(self, text, label):
        """Parse a domain literal (never evaluated as code) and validate it on the model."""
        self.ensure_one()
        try:
            domain = ast.literal_eval((text or "[]").strip())
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            raise ValidationError(
                self.env._("%(label)s: %(text)r is not a valid domain.", label=label, text=text)
            ) from None
        if not isinstance(domain, (list, tuple)):
            raise ValidationError(self.env._("%(label)s: a domain must be a list.", label=label))
        try:
            domain = expression.normalize_domain(list(domain))
            # sudo: only builds the query to validate the domain (field names, operators); no
            # record is read, so the record rules of the checking user do not matter here.
            self.env[self.generic_model_id.model].sudo()._where_calc(domain)
        except (ValueError, TypeError, KeyError, AssertionError, IndexError, UserError) as error:
            raise ValidationError(
                self.env._(
                    "%(label)s: the domain is invalid for %(model)s: %(error)s",
                    label=label,
                    model=self.generic_model_id.model,
                    error=error,
                )
            ) from None
        return domain

    def _generic_domain(self):
        return self._parse_domain(self.generic_domain, self.env._("Domain"))

    def _generic_numerator_domain(self):
        domain = self._parse_domain(self.generic_numerator_domain, self.env._("Numerator Domain"))
        return [] if domain == expression.TRUE_DOMAIN else domain

    # ------------------------------------------------------------------ compute
    def _compute_goal_count(self):
        counts = dict(
            self.env["sales.performance.goal"]._read_group([("kpi_id", "in", self.ids)], ["kpi_id"], ["__count"])
        )
        for kpi in self:
            kpi.goal_count = counts.get(kpi, 0)

    @api.depends("source_id", "company_id", "unit", *FILTERS, *GENERIC_SETTINGS, "generic_ratio_factor")
    def _compute_preview(self):
        Period = self.env["sales.performance.period"]
        today = fields.Date.context_today(self)
        current = {}  # one search per company
        for kpi in self:
            company = kpi.company_id or self.env.company
            if company not in current:
                periods = Period.search(
                    [("company_id", "=", company.id), ("date_start", "<=", today), ("date_end", ">=", today)]
                )
                current[company] = min(periods, key=lambda p: (p.date_end - p.date_start, p.id), default=Period)
            period = current[company]
            value = kpi._preview_value(period)
            kpi.preview_period_id = period
            kpi.preview_value = value or 0.0
            kpi.preview_display = kpi._format_value(value, company) if value is not None else False

    def _preview_value(self, period):
        """The company's value over ``period``, or None while the KPI cannot be measured yet."""
        self.ensure_one()
        if not period or not self.source_id:
            return None
        if self.is_generic:
            try:
                self._check_generic_fields()
                self._generic_domain()
                self._generic_numerator_domain()
            except ValidationError:
                return None
        values = self._measure(period, scopes={sources.SCOPE_COMPANY})
        return values[period.id].get((sources.SCOPE_COMPANY, period.company_id.id), 0.0)

    def _format_value(self, value, company):
        """``value`` in the KPI's unit: currency for amounts, whole numbers for counts, % for rates."""
        self.ensure_one()
        if self.unit == "currency":
            return tools.format_amount(self.env, value, company.currency_id)
        if self.unit == "count":
            return tools.formatLang(self.env, value, digits=0 if float(value).is_integer() else 1)
        if self.unit == "percent":
            return f"{tools.formatLang(self.env, value, digits=1)} %"
        return tools.formatLang(self.env, value, digits=2)

    @api.depends("source_id", "generic_aggregate")
    def _compute_is_cumulative(self):
        for kpi in self:
            if kpi.is_generic:
                kpi.is_cumulative = kpi.generic_aggregate != sources.GENERIC_RATIO
            else:
                kpi.is_cumulative = kpi.source_id.is_cumulative

    @api.onchange("source_id")
    def _onchange_source_id(self):
        if self.source_id and self.source_id.default_unit:
            self.unit = self.source_id.default_unit

    # ------------------------------------------------------------------ CRUD
    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.goal_count:
            raise UserError(self.env._("A KPI used by goals cannot be deleted; archive it instead."))

    def _integrity_messages(self):
        return {
            **super()._integrity_messages(),
            "sales_performance_kpi_code_company_uniq": self.env._("Code: another KPI already uses this code."),
        }

    def init(self):
        # KPIs without company share one namespace: COALESCE makes NULLs collide.
        tools.create_unique_index(
            self.env.cr, "sales_performance_kpi_code_company_uniq", self._table, ["code", "COALESCE(company_id, 0)"]
        )

    # ------------------------------------------------------------------ engine glue
    def _engine_spec(self):
        """The engine's view of the KPI: its source, filters and generic settings, plain values."""
        self.ensure_one()
        return sources.KpiSpec(
            source_code=self.source_code,
            product_category_ids=tuple(self.product_category_ids.ids),
            partner_category_ids=tuple(self.partner_category_ids.ids),
            country_ids=tuple(self.country_ids.ids),
            country_state_ids=tuple(self.country_state_ids.ids),
            team_ids=tuple(self.team_ids.ids),
            generic=self._generic_engine_spec() if self.is_generic else None,
        )

    def _generic_engine_spec(self):
        self.ensure_one()
        return sources.GenericSpec(
            model=self.generic_model_id.model,
            date_field=self.generic_date_field_id.name,
            date_is_datetime=self.generic_date_field_id.ttype == "datetime",
            user_field=self.generic_user_field_id.name,
            team_field=self.generic_team_field_id.name or None,
            partner_field=self.generic_partner_field_id.name or None,
            aggregate=self.generic_aggregate,
            measure_field=self.generic_measure_field_id.name or None,
            denominator_field=self.generic_denominator_field_id.name or None,
            domain=tuple(self._generic_domain()),
            numerator_domain=tuple(self._generic_numerator_domain()),
            ratio_factor=self.generic_ratio_factor,
        )

    def _measuring_rule(self):
        """What a goal's figures take from the KPI (see ``engine.measuring``); for a goal without
        a KPI yet (empty ``self``), higher is better and nothing accumulates."""
        return measuring.KpiRule(direction=self.direction, cumulative=self.is_cumulative)

    def _measure(self, periods, scopes=sources.ALL_SCOPES):
        """``{period_id: {(scope, id): value}}``: the KPI measured over ``periods`` for the
        ``scopes`` asked (one grouped query per period).

        sudo: actuals are aggregates of all the company's documents, whoever asks; they are
        only written to goals the caller may already see, so nothing widens their access.
        """
        self.ensure_one()
        kpi = self.sudo()
        if kpi.is_generic and any(
            kpi._generic_unreadable_fields(author)
            for author in (kpi.create_uid | kpi.write_uid)
            if not author._is_superuser()
        ):
            # The measuring honours field groups: fields its authors may not read (groups
            # changed since) are not measured.
            _logger.warning("KPI %s reads fields its authors may not read; not measured.", kpi.code or kpi.id)
            return {period.id: {} for period in periods}
        return sources.compute(kpi.env, kpi._engine_spec(), [period._window() for period in periods], scopes)
