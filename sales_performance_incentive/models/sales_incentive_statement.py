import csv
import io
import json
from collections import defaultdict, namedtuple

import psycopg2
import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.sales_performance.models.input_checks import check_user_in_company

from ..engine import calculators
from .sales_incentive_plan import PAYOUT_METHODS

# Changed only by the workflow methods (context key incentive_workflow).
WORKFLOW_FIELDS = {"state", "move_id", "posted_by_id", "posted_date", "approved_by_id", "approved_date"}
STATEMENT_STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("posted", "Posted"),
    ("paid", "Paid"),
    ("cancel", "Cancelled"),
]
LINE_KINDS = [
    ("commission", "Commission"),
    ("clawback", "Clawback"),
    ("attainment_bonus", "Attainment bonus"),
    ("rating_bonus", "Rating bonus"),
    ("spiff", "SPIFF"),
    ("draw_advance", "Draw advance"),
    ("draw_recovery", "Draw recovery"),
    ("adjustment", "Manual adjustment"),
]
EXPORTED_STATES = ("approved", "posted", "paid")

# One product of one invoice date of one salesperson, in company currency: ``base`` is the
# revenue, ``margin`` the revenue minus cost; ``origin_date`` is the date of the invoice a
# credit note reverses (None for invoices and for paid-basis rows).
# The invoice a credit note reverses (``origin``) and the product's category (``categ``), for
# the rows of invoice ``line`` of ``move``.
ORIGIN_AND_CATEGORY_JOINS = SQL(
    """LEFT JOIN account_move origin ON origin.id = move.reversed_entry_id
       LEFT JOIN product_product product ON product.id = line.product_id
       LEFT JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
       LEFT JOIN product_category categ ON categ.id = tmpl.categ_id
       LEFT JOIN uom_uom line_uom ON line_uom.id = line.product_uom_id
       LEFT JOIN uom_uom product_uom ON product_uom.id = tmpl.uom_id"""
)
# The product's cost for one unit of the journal item's unit of measure (the cost is per unit of
# the product's; a uom factor is how many of it make one reference unit).
PRODUCT_COST_PER_LINE_UNIT = SQL(
    """(product.standard_price ->> move.company_id::text)::numeric
       * COALESCE(product_uom.factor::numeric / NULLIF(line_uom.factor::numeric, 0), 1)"""
)
InvoiceRow = namedtuple("InvoiceRow", "line_ids product_id category_path quantity base margin date origin_date")


class SalesIncentiveStatement(models.Model):
    """What one salesperson earned in one period, line by line with the calculation."""

    _name = "sales.incentive.statement"
    _description = "Incentive Statement"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.performance.integrity.mixin"]
    _order = "period_id desc, user_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one("res.users", string="Salesperson", required=True, index=True, ondelete="restrict")
    period_id = fields.Many2one(
        "sales.performance.period", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True, precompute=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    plan_id = fields.Many2one(
        "sales.incentive.plan",
        ondelete="restrict",
        check_company=True,
        help="The plan assigned to the salesperson during the period; its components make the lines.",
    )
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", help="The salesperson's team: its manager approves the statement."
    )
    state = fields.Selection(STATEMENT_STATES, default="draft", required=True, tracking=True, copy=False)
    line_ids = fields.One2many("sales.incentive.statement.line", "statement_id", string="Lines")
    amount_total = fields.Monetary(
        compute="_compute_amount_total",
        store=True,
        string="Total",
        tracking=True,
        help="Sum of the lines: computed components, clawbacks, draws and manual adjustments.",
    )
    move_id = fields.Many2one(
        "account.move",
        string="Journal Entry",
        readonly=True,
        copy=False,
        tracking=True,
        help="The posted journal entry (or vendor bill); a grouped entry is shared by the period's statements.",
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approved_date = fields.Datetime(readonly=True, copy=False, tracking=True)
    posted_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    posted_date = fields.Datetime(readonly=True, copy=False, tracking=True)
    payout_method = fields.Selection(PAYOUT_METHODS, default="entry", required=True, readonly=True)
    payee_partner_id = fields.Many2one(
        "res.partner",
        string="Payee",
        readonly=True,
        help="The partner the vendor bill of an external agent is made out to.",
    )

    def init(self):
        # One live statement per salesperson and period; a cancelled one may be made again.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS sales_incentive_statement_live_uniq ON %s (user_id, period_id) "
                "WHERE state != 'cancel'",
                SQL.identifier(self._table),
            )
        )

    @api.constrains("user_id", "period_id")
    def _check_user_company(self):
        check_user_in_company(self, "user_id", "company_id", self.env._("the period"))

    @api.depends("user_id.name", "period_id.name")
    def _compute_name(self):
        # Stored and computed by the statement job: names only, in no one's language; the
        # display name adds the word, in the reader's.
        for statement in self:
            statement.name = f"{statement.user_id.name or ''} - {statement.period_id.name or ''}"

    @api.depends("user_id.name", "period_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for statement in self:
            statement.display_name = self.env._(
                "Incentives %(user)s - %(period)s",
                user=statement.user_id.name or "",
                period=statement.period_id.name or "",
            )

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for statement in self:
            statement.amount_total = statement.currency_id.round(sum(statement.line_ids.mapped("amount")))

    def write(self, vals):
        workflow = self.env.su or self.env.context.get("incentive_workflow")
        if set(vals) & WORKFLOW_FIELDS and not workflow:
            raise UserError(self.env._("Status: use the statement's buttons (submit, approve, post, pay, cancel)."))
        locked = self.filtered(lambda s: s.state in ("approved", "posted", "paid"))
        if locked and set(vals) - WORKFLOW_FIELDS - {"message_main_attachment_id"}:
            raise UserError(self.env._("An approved statement is read-only."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        if any(statement.state not in ("draft", "to_approve", "cancel") for statement in self):
            raise UserError(
                self.env._("Only draft or cancelled statements can be deleted; cancel a posted one (reversal).")
            )

    # ------------------------------------------------------------------ generation
    @api.model
    def _generate(self, period, users=None):
        """Draft statements for every salesperson assigned to a plan during ``period``.

        One grouped query for the invoice lines of the period, one search for goals and one
        for reviews, whatever the number of salespeople. Existing live statements are kept.
        """
        assignments = self.env["sales.incentive.assignment"].search(
            [
                ("company_id", "=", period.company_id.id),
                ("plan_id.state", "=", "approved"),
                ("date_from", "<=", period.date_end),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", period.date_start),
            ]
        )
        if users is not None:
            assignments = assignments.filtered(lambda a: a.user_id in users)
        taken = set(self.search([("period_id", "=", period.id), ("state", "!=", "cancel")]).user_id.ids)
        assignments = assignments.filtered(lambda a: a.user_id.id not in taken)
        if not assignments:
            return self.browse()
        user_ids = assignments.user_id.ids
        components = assignments.plan_id.component_ids
        bases = set(components.filtered(lambda c: c.component_type in ("commission", "spiff")).mapped("base"))
        invoice_rows = self._invoice_rows(period, user_ids) if bases - {"paid"} else {}
        paid_rows = self._paid_rows(period, user_ids) if "paid" in bases else {}
        goals = self.env["sales.performance.goal"].search(
            [("period_id", "=", period.id), ("scope", "=", "user"), ("user_id", "in", user_ids)]
        )
        if period.state == "open":
            goals._refresh_actuals()  # once evaluated, the goals keep the figures of the reviews
        reviews = self.env["sales.performance.review"].search(
            [("period_id", "=", period.id), ("user_id", "in", user_ids)]
        )
        # Earlier statements: a credit note on an invoice they paid is clawed back.
        earlier = self.search(self._earlier_domain(period, user_ids))
        # Grouped by salesperson once: filtering per assignment would be quadratic.
        by_user = {
            name: self._group_by_user(records)
            for name, records in (("goals", goals), ("reviews", reviews), ("earlier", earlier))
        }
        vals_list = []
        for assignment in assignments:
            user = assignment.user_id
            earlier_of_user = by_user["earlier"].get(user.id, earlier.browse())
            lines = []
            plan_components = assignment.plan_id.component_ids
            for component in plan_components.filtered(lambda c: c.component_type != "draw"):
                rows = (
                    paid_rows if component.base == "paid" and component.component_type == "commission" else invoice_rows
                )
                lines += self._component_lines(
                    component,
                    rows.get(user.id, []),
                    by_user["goals"].get(user.id, goals.browse()),
                    by_user["reviews"].get(user.id, reviews.browse()),
                    earlier_of_user,
                )
            # A draw tops up or recovers against everything else the period earned.
            lines += self._all_draw_lines(plan_components, sum(line["amount"] for line in lines), earlier_of_user)
            vals_list.append(
                {
                    "user_id": user.id,
                    "period_id": period.id,
                    "plan_id": assignment.plan_id.id,
                    "team_id": user.sale_team_id.id,
                    "payout_method": assignment.payout_method,
                    "payee_partner_id": (assignment.payee_partner_id or user.partner_id).id,
                    "line_ids": [fields.Command.create(line) for line in lines],
                }
            )
        # In bulk, without a "created" message and follower per statement (the job's doing).
        bulk = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True)
        # sudo: the computed lines (anything but manual adjustments) may only be written here,
        # from figures computed above; the caller's rights were applied to every search above.
        return bulk.sudo().create(vals_list).sudo(False)

    @api.model
    def _cron_generate(self):
        """Statements of evaluated periods whose reviews are all done (idempotent: existing
        live statements are kept, so a rerun adds nothing)."""
        periods = self.env["sales.performance.period"].search([("state", "in", ("evaluating", "closed"))])
        Review = self.env["sales.performance.review"]
        pending = {
            period
            for (period,) in Review._read_group(
                [("state", "!=", "done"), ("period_id", "in", periods.ids)], ["period_id"]
            )
        }
        made = self.browse()
        for index, period in enumerate(periods):
            if period not in pending:
                made |= self._generate(period)
            # Run by the scheduler, each period is committed: a later failure keeps it.
            self.env["ir.cron"]._sales_performance_commit_chunk(done=index + 1, remaining=len(periods) - index - 1)
        return made

    def _payroll_rows(self):
        """Header and rows of the approved (and later) statements among these, re-read through
        search so that the record rules of the user exporting apply."""
        statements = self.search([("id", "in", self.ids), ("state", "in", EXPORTED_STATES)], order="period_id, user_id")
        states = dict(self._fields["state"]._description_selection(self.env))
        methods = dict(self._fields["payout_method"]._description_selection(self.env))
        header = [
            self.env._("Salesperson"),
            self.env._("Login"),
            self.env._("Period"),
            self.env._("Company"),
            self.env._("Amount"),
            self.env._("Currency"),
            self.env._("Status"),
            self.env._("Payout"),
            self.env._("Payee"),
            self.env._("Journal Entry"),
            self.env._("Approved by"),
            self.env._("Approved on"),
        ]
        rows = [
            [
                statement.user_id.name,
                statement.user_id.login,
                statement.period_id.name,
                statement.company_id.name,
                statement.amount_total,
                statement.currency_id.name,
                states[statement.state],
                methods[statement.payout_method],
                statement.payee_partner_id.name or "",
                statement.move_id.name or "",
                statement.approved_by_id.name or "",
                fields.Datetime.to_string(statement.approved_date) or "",
            ]
            for statement in statements
        ]
        return header, rows

    def _download(self, name, raw, mimetype):
        attachment = self.env["ir.attachment"].create({"name": name, "raw": raw, "mimetype": mimetype})
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    def action_export_csv(self):
        """Approved (and later) amounts for payroll, as a CSV file to download."""
        header, rows = self._payroll_rows()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows([[f"{value:.2f}" if index == 4 else value for index, value in enumerate(row)] for row in rows])
        return self._download("incentives.csv", buffer.getvalue().encode(), "text/csv")

    def action_export_xlsx(self):
        """The same as the CSV export, as an Excel workbook (amounts as numbers, with a total)."""
        header, rows = self._payroll_rows()
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Incentives"))
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        sheet.write_row(0, 0, header, bold)
        for index, row in enumerate(rows, start=1):
            sheet.write_row(index, 0, row)
            sheet.write_number(index, 4, row[4], money)
        if rows:
            sheet.write(len(rows) + 1, 3, self.env._("Total"), bold)
            sheet.write_formula(len(rows) + 1, 4, f"=SUM(E2:E{len(rows) + 1})", money, sum(row[4] for row in rows))
        sheet.set_column(0, len(header) - 1, 16)
        workbook.close()
        return self._download(
            "incentives.xlsx",
            buffer.getvalue(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )

    @api.model
    def _group_by_user(self, records):
        grouped = defaultdict(records.browse)
        for record in records:
            grouped[record.user_id.id] |= record
        return grouped

    @api.model
    def _invoice_rows(self, period, user_ids):
        """Posted customer invoice and credit note product lines of the period, in company
        currency, grouped by salesperson, product and invoice date: {user_id: [InvoiceRow]}.
        A credit note counts for the salesperson of the invoice it reverses, whoever issued it.
        The cost of the margin is the sale order line's (sale_margin), else the product's."""
        return self._fetch_rows(
            """
            SELECT %(credited_user)s, line.product_id, categ.parent_path,
                   SUM(sign.value * line.quantity),
                   SUM(-line.balance),
                   SUM(-line.balance - sign.value * line.quantity * COALESCE(
                       sale_cost.unit_cost, %(product_cost)s, 0)),
                   ARRAY_AGG(line.id), move.invoice_date, origin.invoice_date
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              CROSS JOIN LATERAL (SELECT CASE WHEN move.move_type = 'out_refund' THEN -1 ELSE 1 END AS value) sign
              %(product_joins)s
              LEFT JOIN LATERAL (
                    -- the order line's cost is per unit of the order line's unit of measure
                    SELECT sol.purchase_price / NULLIF(so.currency_rate, 0)
                           * COALESCE(sol_uom.factor::numeric / NULLIF(line_uom.factor::numeric, 0), 1) AS unit_cost
                      FROM sale_order_line_invoice_rel rel
                      JOIN sale_order_line sol ON sol.id = rel.order_line_id
                      JOIN sale_order so ON so.id = sol.order_id
                      LEFT JOIN uom_uom sol_uom ON sol_uom.id = sol.product_uom
                     WHERE rel.invoice_line_id = line.id
                  ORDER BY sol.id
                     LIMIT 1
              ) sale_cost ON TRUE
             WHERE move.state = 'posted'
               AND move.move_type IN ('out_invoice', 'out_refund')
               AND line.display_type = 'product'
               AND move.company_id = %(company_id)s
               AND move.invoice_date BETWEEN %(date_start)s AND %(date_end)s
               AND %(credited_user)s IN %(user_ids)s
          GROUP BY %(credited_user)s, line.product_id, categ.parent_path,
                   move.invoice_date, origin.invoice_date
            """,
            period,
            user_ids,
        )

    @api.model
    def _paid_rows(self, period, user_ids):
        """The paid part of customer invoices (and refunded part of credit notes) by payment
        date in the period, whatever the invoice's date: {user_id: [InvoiceRow]}.

        Only reconciliations with payments or bank entries count (a credit note matched with
        its invoice is not a payment). The paid share is taken in the invoice's currency, so
        the base is valued at the invoice's rate, as the invoiced basis is.
        """
        return self._fetch_rows(
            """
            WITH paid AS (
                SELECT term.move_id AS invoice_id,
                       SUM(CASE WHEN term.id = partial.debit_move_id
                                THEN partial.debit_amount_currency ELSE partial.credit_amount_currency END) AS amount,
                       MAX(partial.max_date) AS paid_date
                  FROM account_partial_reconcile partial
                  JOIN account_move_line term
                    ON term.id IN (partial.debit_move_id, partial.credit_move_id)
                   AND term.display_type = 'payment_term'
                  JOIN account_move_line counterpart
                    ON counterpart.id = CASE WHEN term.id = partial.debit_move_id
                                             THEN partial.credit_move_id ELSE partial.debit_move_id END
                  JOIN account_move payment ON payment.id = counterpart.move_id AND payment.move_type = 'entry'
                 WHERE partial.max_date BETWEEN %(date_start)s AND %(date_end)s
                   AND partial.company_id = %(company_id)s
              GROUP BY term.move_id
            )
            SELECT %(credited_user)s, line.product_id, categ.parent_path,
                   SUM(sign.value * line.quantity * share.value),
                   SUM(-line.balance * share.value),
                   SUM((-line.balance - sign.value * line.quantity * COALESCE(%(product_cost)s, 0)) * share.value),
                   ARRAY_AGG(line.id), MAX(paid.paid_date), NULL::date
              FROM paid
              JOIN account_move move ON move.id = paid.invoice_id
              CROSS JOIN LATERAL (SELECT CASE WHEN move.move_type = 'out_refund' THEN -1 ELSE 1 END AS value) sign
              CROSS JOIN LATERAL (SELECT paid.amount / NULLIF(move.amount_total, 0) AS value) share
              JOIN account_move_line line ON line.move_id = move.id AND line.display_type = 'product'
              %(product_joins)s
             WHERE move.state = 'posted'
               AND move.move_type IN ('out_invoice', 'out_refund')
               AND %(credited_user)s IN %(user_ids)s
          GROUP BY %(credited_user)s, line.product_id, categ.parent_path,
                   move.id
            """,
            period,
            user_ids,
        )

    @api.model
    def _fetch_rows(self, query, period, user_ids):
        """Run one of the two invoice-line queries above with the joins and parameters they
        share: {user_id: [InvoiceRow]}."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                query,
                # a credit note counts for the salesperson of the invoice it reverses
                credited_user=SQL("COALESCE(origin.invoice_user_id, move.invoice_user_id)"),
                product_joins=ORIGIN_AND_CATEGORY_JOINS,
                product_cost=PRODUCT_COST_PER_LINE_UNIT,
                company_id=period.company_id.id,
                date_start=period.date_start,
                date_end=period.date_end,
                user_ids=tuple(user_ids),
            )
        )
        return self._rows_by_user(self.env.cr.fetchall())

    @api.model
    def _rows_by_user(self, fetched):
        rows = defaultdict(list)
        for user_id, product_id, parent_path, quantity, base, margin, line_ids, row_date, origin_date in fetched:
            path = [int(c) for c in (parent_path or "").strip("/").split("/") if c][::-1]
            rows[user_id].append(
                InvoiceRow(
                    line_ids,
                    product_id,
                    path,
                    float(quantity or 0.0),
                    float(base or 0.0),
                    float(margin or 0.0),
                    row_date,
                    origin_date,
                )
            )
        return rows

    @api.model
    def _component_lines(self, component, invoice_rows, goals, reviews, earlier_statements=None):
        kind = component.component_type
        if kind == "commission":
            return self._commission_lines(component, invoice_rows, earlier_statements or self.browse())
        if kind == "attainment_bonus":
            goal = goals.filtered(lambda g: g.kpi_id == component.kpi_id)[:1]
            attainment = goal.attainment if goal else None
            amount, trace = calculators.attainment_bonus(
                component.target_bonus,
                attainment,
                component._curve(),
                component.curve_mode,
                component.threshold,
                component.cap or None,
            )
            return [
                self._line(
                    component, "attainment_bonus", component.target_bonus, trace[0]["payout"], amount, trace, goal=goal
                )
            ]
        if kind == "rating_bonus":
            review = reviews[:1]
            bands = {rate.band_id.id: (rate.fixed_amount, rate.target_percent) for rate in component.band_rate_ids}
            amount, trace = calculators.rating_bonus(review.rating_id.id, bands, component.target_bonus)
            return [self._line(component, "rating_bonus", component.target_bonus, None, amount, trace, review=review)]
        # SPIFF: qualifying products or categories, invoiced inside the window
        product_ids, categ_ids = set(component.spiff_product_ids.ids), set(component.spiff_category_ids.ids)
        qualifying = [
            row
            for row in invoice_rows
            if (row.product_id in product_ids or categ_ids.intersection(row.category_path))
            and (not component.spiff_date_from or row.date >= component.spiff_date_from)
            and (not component.spiff_date_to or row.date <= component.spiff_date_to)
        ]
        amount, trace = calculators.spiff(
            [(row.product_id, row.quantity, row.base) for row in qualifying],
            component.spiff_fixed,
            component.spiff_rate,
        )
        return [
            self._line(
                component,
                "spiff",
                sum(row.base for row in qualifying),
                component.spiff_rate,
                amount,
                trace,
                move_line_ids=[line_id for row in qualifying for line_id in row.line_ids],
            )
        ]

    @api.model
    def _commission_lines(self, component, invoice_rows, earlier_statements):
        """Commission on this period's invoices net of its credit notes (on revenue or on
        margin), or on what was paid in the period; a credit note on an invoice already paid
        out in an earlier statement becomes a clawback line of its own, linked to the
        commission line that paid it."""
        rates, product_rates = component._commission_rates()
        on_margin = component.base == "margin"

        def paying_line(origin_date):
            statement = earlier_statements.filtered(
                lambda st: st.period_id.date_start <= origin_date <= st.period_id.date_end
            )[:1]
            return statement.line_ids.filtered(lambda line: line.component_id == component)[:1]

        current, clawbacks = [], defaultdict(list)
        for row in invoice_rows:
            origin = row.origin_date and paying_line(row.origin_date)
            if origin:
                clawbacks[origin].append(row)
            else:
                current.append(row)
        lines = []
        for rows, origin in [(current, None), *((rows, origin) for origin, rows in clawbacks.items())]:
            if origin is None and not rows and clawbacks:
                continue
            bases = [(row.product_id, row.category_path, row.margin if on_margin else row.base) for row in rows]
            amount, trace = calculators.category_commission(bases, rates, component.default_rate, product_rates)
            base_total = sum(base for _p, _c, base in bases)
            effective_rate = 100.0 * amount / base_total if base_total else 0.0  # rates differ per category
            line = self._line(
                component,
                "commission",
                base_total,
                effective_rate,
                amount,
                trace,
                move_line_ids=[line_id for row in rows for line_id in row.line_ids],
            )
            if origin is not None:
                line.update(
                    {
                        "name": self.env._("Clawback: %(name)s", name=component.name),
                        "line_kind": "clawback",
                        "clawback_of_id": origin.id,
                    }
                )
            lines.append(line)
        return lines

    @api.model
    def _earlier_domain(self, period, user_ids):
        """The salespeople's live statements of the company's earlier periods."""
        return [
            ("user_id", "in", list(user_ids)),
            ("state", "!=", "cancel"),
            ("period_id.date_end", "<", period.date_start),
            ("company_id", "=", period.company_id.id),
        ]

    @api.model
    def _all_draw_lines(self, plan_components, earned, earlier_statements):
        """Line values of every draw component of the plan, each against ``earned`` plus the
        draw lines made before it."""
        draw_lines = []
        for component in plan_components.filtered(lambda c: c.component_type == "draw"):
            made = self._draw_lines(component, earned, earlier_statements)
            earned += sum(line["amount"] for line in made)
            draw_lines += made
        return draw_lines

    def _recompute_draws(self):
        """After a manual adjustment: a draw tops up or recovers against everything else the
        period earned, adjustments included, so the draw lines are made again (a salesperson
        below the draw gets a smaller advance, not the advance plus the adjustment)."""
        with_draw = self.filtered(
            lambda st: (
                st.state in ("draft", "to_approve") and "draw" in st.plan_id.component_ids.mapped("component_type")
            )
        )
        if not with_draw:
            return
        # sudo: the draw balance comes from all the salesperson's earlier statements, whoever
        # adjusts this one (a manager may not see those of the salesperson's former team); only
        # the amounts of their draw lines are read. One search for all, split per statement.
        latest_start = max(with_draw.period_id.mapped("date_start"))
        candidates = self.sudo().search(
            [
                ("user_id", "in", with_draw.user_id.ids),
                ("state", "!=", "cancel"),
                ("period_id.date_end", "<", latest_start),
            ]
        )
        for statement in with_draw:
            earlier = candidates.filtered_domain(self._earlier_domain(statement.period_id, statement.user_id.ids))
            old = statement.line_ids.filtered(lambda line: line.line_kind in ("draw_advance", "draw_recovery"))
            earned = sum((statement.line_ids - old).mapped("amount"))
            new = self._all_draw_lines(statement.plan_id.component_ids, earned, earlier)
            before = sum(old.mapped("amount"))
            if sorted(old.mapped("amount")) == sorted(line["amount"] for line in new):
                continue
            # sudo: draw lines are computed lines, written only by the system; here from the
            # statement's own lines and the salesperson's earlier statements.
            statement.sudo().write(
                {"line_ids": [fields.Command.unlink(line.id) for line in old] + [fields.Command.create(v) for v in new]}
            )
            statement.message_post(
                body=self.env._(
                    "Draw recomputed after the adjustment: %(before)s -> %(after)s.",
                    before=statement.currency_id.format(before),
                    after=statement.currency_id.format(sum(line["amount"] for line in new)),
                )
            )

    @api.model
    def _draw_lines(self, component, earned, earlier_statements):
        """The draw's advance (earnings below the draw) or recovery (above it) this period,
        against the balance the salesperson's earlier statements left outstanding."""
        outstanding = sum(
            earlier_statements.line_ids.filtered(
                lambda line: line.line_kind in ("draw_advance", "draw_recovery")
            ).mapped("amount")
        )
        advance, recovery, trace = calculators.draw(
            earned, component.draw_amount, outstanding, component.draw_allow_negative
        )
        if advance:
            return [self._line(component, "draw_advance", earned, None, advance, trace)]
        if recovery:
            line = self._line(component, "draw_recovery", earned, None, -recovery, trace)
            line["name"] = self.env._("Draw recovery: %(name)s", name=component.name)
            return [line]
        return []

    @api.model
    def _line(self, component, kind, base, rate, amount, trace, move_line_ids=(), goal=None, review=None):
        return {
            "component_id": component.id,
            "name": component.name,
            "line_kind": kind,
            "base": base,
            "rate": rate or 0.0,
            "amount": calculators.round_money(amount),
            "trace": json.dumps(trace, default=str),
            "move_line_ids": [fields.Command.set(list(move_line_ids))],
            "goal_id": goal.id if goal else False,
            "review_id": review.id if review else False,
        }

    # ------------------------------------------------------------------ workflow
    def _workflow_write(self, vals):
        return self.with_context(incentive_workflow=True).write(vals)

    def action_submit(self):
        self.filtered(lambda s: s.state == "draft")._workflow_write({"state": "to_approve"})

    def action_approve(self):
        for statement in self:
            if statement.state != "to_approve":
                raise UserError(self.env._("Only a statement to approve can be approved."))
            if statement.user_id == self.env.user:
                raise UserError(self.env._("Salesperson: you cannot approve your own statement."))
        self._workflow_write(
            {"state": "approved", "approved_by_id": self.env.uid, "approved_date": fields.Datetime.now()}
        )
        return True

    def action_post(self):
        """Post the approved statements: a journal entry (debit expense, credit payable with the
        salesperson's partner) per statement, or one per period and company when Settings group
        them; a vendor bill for external agents. All moves are created and posted in one batch;
        the rows are locked first, so two concurrent posts cannot both create a move."""
        if not self.env.user.has_group("sales_performance_incentive.group_incentive_accountant"):
            raise AccessError(self.env._("Only an incentive accountant can post statements."))
        self._lock_for_posting()
        for statement in self:
            if statement.state != "approved" or statement.move_id:
                raise UserError(self.env._("Only an approved statement, not posted yet, can be posted."))
        bills = self.filtered(lambda s: s.payout_method == "vendor_bill")
        groups, move_vals, lock_dates = [], [], {}  # lock dates read once per company and journal
        for bill in bills:
            groups.append(bill)
            move_vals.append(bill._bill_vals(lock_dates))
        for group in (self - bills)._entry_groups():
            groups.append(group)
            move_vals.append(group._entry_vals(lock_dates))
        moves = self.env["account.move"].create(move_vals)
        moves.action_post()
        for group, move in zip(groups, moves, strict=True):
            group._workflow_write({"move_id": move.id})
        # One tracked write for all: the state change is logged per statement in one pass.
        self._workflow_write({"state": "posted", "posted_by_id": self.env.uid, "posted_date": fields.Datetime.now()})
        return True

    def _entry_groups(self):
        """The statements that share one journal entry: each alone, or per period and company."""
        grouped = defaultdict(self.browse)
        for statement in self:
            key = statement.id
            if statement.company_id.incentive_posting_mode == "period":
                key = (statement.company_id.id, statement.period_id.id)
            grouped[key] |= statement
        return list(grouped.values())

    def _lock_for_posting(self):
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL("SELECT id FROM sales_incentive_statement WHERE id IN %s FOR UPDATE NOWAIT", tuple(self.ids))
                )
        except psycopg2.errors.LockNotAvailable:
            raise UserError(
                self.env._("%(statement)s is being posted by someone else right now.", statement=self[:1].display_name)
            ) from None
        self.invalidate_recordset(["state", "move_id"])

    def _posting_accounts(self, needs_payable=True):
        """(expense, payable, journal) of the statements' company, or a UserError naming what is
        missing in Settings."""
        company = self.company_id
        expense, payable, journal = (
            company.incentive_expense_account_id,
            company.incentive_payable_account_id,
            company.incentive_journal_id,
        )
        if not expense or (needs_payable and not (payable and journal)):
            raise UserError(
                self.env._(
                    "Incentive Expense Account, Incentive Payable Account, Incentive Journal: set them in the "
                    "Settings of %(company)s before posting.",
                    company=company.name,
                )
            )
        return expense, payable, journal

    def _check_lock_date(self, journal, date, lock_dates=None):
        lock_dates = {} if lock_dates is None else lock_dates
        key = (self.company_id.id, journal.id)
        if key not in lock_dates:
            lock_dates[key] = self.company_id._get_user_fiscal_lock_date(journal)
        lock = lock_dates[key]
        if date <= lock:
            raise UserError(
                self.env._(
                    "Date: %(date)s is in a locked period (lock date %(lock)s); unlock it or reopen it.",
                    date=date,
                    lock=lock,
                )
            )

    def _analytic_distribution(self):
        self.ensure_one()
        account = self.team_id.incentive_analytic_account_id
        if self.company_id.incentive_analytic_by_team and account:
            return {str(account.id): 100}
        return False

    def _entry_vals(self, lock_dates=None):
        """One balanced journal entry for these statements (one company and period): per
        statement an expense line and a payable line on the salesperson's partner."""
        expense, payable, journal = self._posting_accounts()
        company, period = self.company_id, self.period_id
        date = period.date_end
        self._check_lock_date(journal, date, lock_dates)
        lines = []
        for statement in self:
            amount = statement.amount_total
            debit, credit = (amount, 0.0) if amount > 0 else (0.0, -amount)
            common = {"name": statement.display_name, "incentive_statement_id": statement.id}
            lines += [
                fields.Command.create(
                    {
                        **common,
                        "account_id": expense.id,
                        "debit": debit,
                        "credit": credit,
                        "analytic_distribution": statement._analytic_distribution(),
                    }
                ),
                fields.Command.create(
                    {
                        **common,
                        "account_id": payable.id,
                        "partner_id": statement.user_id.partner_id.id,
                        "debit": credit,
                        "credit": debit,
                    }
                ),
            ]
        ref = self.display_name if len(self) == 1 else self.env._("Incentives %(period)s", period=period.name)
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "date": date,
            "ref": ref,
            "company_id": company.id,
            "line_ids": lines,
        }

    def _bill_vals(self, lock_dates=None):
        """A vendor bill (a refund when the statement is negative) made out to the external
        agent; the payable is the partner's own account payable."""
        self.ensure_one()
        expense, _payable, _journal = self._posting_accounts(needs_payable=False)
        company = self.company_id
        journal = company.incentive_bill_journal_id or self.env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "purchase")], limit=1
        )
        if not journal:
            raise UserError(
                self.env._("Vendor Bill Journal: %(company)s has no purchase journal.", company=company.name)
            )
        date = self.period_id.date_end
        self._check_lock_date(journal, date, lock_dates)
        return {
            "move_type": "in_invoice" if self.amount_total >= 0 else "in_refund",
            "journal_id": journal.id,
            "partner_id": self.payee_partner_id.id or self.user_id.partner_id.id,
            "invoice_date": date,
            "date": date,
            "ref": self.display_name,
            "company_id": company.id,
            "currency_id": company.currency_id.id,
            "invoice_line_ids": [
                fields.Command.create(
                    {
                        "name": self.display_name,
                        "account_id": expense.id,
                        "quantity": 1,
                        "price_unit": abs(self.amount_total),
                        "tax_ids": [fields.Command.clear()],
                        "analytic_distribution": self._analytic_distribution(),
                        "incentive_statement_id": self.id,
                    }
                )
            ],
        }

    def action_open_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }

    def action_mark_paid(self):
        for statement in self:
            if statement.state != "posted":
                raise UserError(self.env._("Only a posted statement can be marked paid."))
        if not self.env.user.has_group("sales_performance_incentive.group_incentive_accountant"):
            raise AccessError(self.env._("Only an incentive accountant can mark statements paid."))
        self._workflow_write({"state": "paid"})

    def action_cancel(self):
        """Cancel; a posted statement's move is reversed (never deleted). In a grouped entry
        only this statement's lines are reversed."""
        for statement in self:
            if statement.state == "paid":
                raise UserError(self.env._("A paid statement cannot be cancelled."))
            if statement.move_id:
                if not self.env.user.has_group("sales_performance_incentive.group_incentive_accountant"):
                    raise AccessError(self.env._("Only an incentive accountant can cancel a posted statement."))
                reversal = statement._reverse_move()
                statement.message_post(body=self.env._("Entry reversed by %(move)s.", move=reversal.name))
        self._workflow_write({"state": "cancel"})
        return True

    def _reverse_move(self):
        self.ensure_one()
        move = self.move_id
        date = move.date
        if date <= self.company_id._get_user_fiscal_lock_date(move.journal_id):
            date = fields.Date.context_today(self)  # the original period is closed: reverse today
        ref = self.env._("Reversal of %(name)s", name=self.display_name)
        if not (move.line_ids.incentive_statement_id - self):
            reversal = move._reverse_moves([{"ref": ref, "date": date, "invoice_date": date}])
        else:
            own = move.line_ids.filtered(lambda line: line.incentive_statement_id == self)
            reversal = self.env["account.move"].create(
                {
                    "move_type": "entry",
                    "journal_id": move.journal_id.id,
                    "date": date,
                    "ref": ref,
                    "company_id": move.company_id.id,
                    "line_ids": [
                        fields.Command.create(
                            {
                                "name": line.name,
                                "account_id": line.account_id.id,
                                "partner_id": line.partner_id.id,
                                "debit": line.credit,
                                "credit": line.debit,
                                "analytic_distribution": line.analytic_distribution,
                                "incentive_statement_id": self.id,
                            }
                        )
                        for line in own
                    ],
                }
            )
        reversal.action_post()
        return reversal

    def action_reset_draft(self):
        self.filtered(lambda s: s.state == "to_approve")._workflow_write({"state": "draft"})


class SalesIncentiveStatementLine(models.Model):
    _name = "sales.incentive.statement.line"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Incentive Statement Line"
    _order = "statement_id, id"

    statement_id = fields.Many2one("sales.incentive.statement", required=True, ondelete="cascade", index=True)
    currency_id = fields.Many2one(related="statement_id.currency_id")
    component_id = fields.Many2one("sales.incentive.component", ondelete="set null")
    line_kind = fields.Selection(LINE_KINDS, string="Kind", default="adjustment", required=True)
    name = fields.Char(required=True, default=lambda self: self.env._("Manual adjustment"))
    base = fields.Monetary(help="What the line is computed on: revenue, paid revenue, margin or target bonus.")
    rate = fields.Float(
        string="Rate or Payout (%)",
        help="Commission: the effective rate over all categories; attainment bonus: the payout of the curve.",
    )
    amount = fields.Monetary()
    trace = fields.Text(string="Calculation", help="What was used: bases, rates, curve points, per product.")
    move_line_ids = fields.Many2many("account.move.line", string="Invoice Lines")
    goal_id = fields.Many2one("sales.performance.goal", ondelete="set null")
    review_id = fields.Many2one("sales.performance.review", ondelete="set null")
    clawback_of_id = fields.Many2one(
        "sales.incentive.statement.line",
        ondelete="set null",
        help="The earlier line that paid commission on the invoice this credit note reverses.",
    )
    is_adjustment = fields.Boolean(compute="_compute_is_adjustment", store=True)
    reason = fields.Char(help="Why the amount was adjusted by hand; mandatory for a manual adjustment.")

    @api.depends("line_kind")
    def _compute_is_adjustment(self):
        for line in self:
            line.is_adjustment = line.line_kind == "adjustment"

    @api.constrains("is_adjustment", "reason")
    def _check_reason(self):
        for line in self:
            if line.is_adjustment and not (line.reason or "").strip():
                raise ValidationError(self.env._("Reason: a manual adjustment needs a reason."))

    def _check_statement_open(self):
        if not self.env.su and self.statement_id.filtered(lambda st: st.state not in ("draft", "to_approve")):
            raise UserError(self.env._("Lines: an approved statement's lines cannot change."))

    def _check_only_adjustments(self):
        """Computed lines are the calculation: only the generation writes them."""
        if not self.env.su and self.filtered(lambda line: not line.is_adjustment):
            raise UserError(self.env._("Lines: only manual adjustments can be added, changed or removed by hand."))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_statement_open()
        lines._check_only_adjustments()
        lines._log_adjustments(self.env._("Manual adjustment added"))
        lines.filtered("is_adjustment").statement_id._recompute_draws()
        return lines

    def write(self, vals):
        self.check_access("write")  # the record rules speak first: an AccessError, not a UserError
        self._check_statement_open()
        self._check_only_adjustments()
        if "line_kind" in vals and not self.env.su:
            raise UserError(self.env._("Kind: a line's kind cannot change."))
        before = {line: (line.amount, line.reason) for line in self}
        result = super().write(vals)
        if {"amount", "reason"} & set(vals):
            for line in self:
                old_amount, old_reason = before[line]
                line._log_adjustments(
                    self.env._(
                        "Manual adjustment changed from %(old_amount)s (%(old_reason)s)",
                        old_amount=line.currency_id.format(old_amount),
                        old_reason=old_reason or "",
                    )
                )
        if "amount" in vals:
            self.filtered("is_adjustment").statement_id._recompute_draws()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        self._check_statement_open()
        self._check_only_adjustments()
        self._log_adjustments(self.env._("Manual adjustment removed"))

    def unlink(self):
        statements = self.filtered("is_adjustment").statement_id
        result = super().unlink()
        statements._recompute_draws()
        return result

    def _log_adjustments(self, what):
        """Adjustments leave a trace in the statement's chatter: what, how much, why, who."""
        for line in self.filtered("is_adjustment"):
            line.statement_id.message_post(
                body=self.env._(
                    "%(what)s: %(name)s, %(amount)s. Reason: %(reason)s",
                    what=what,
                    name=line.name,
                    amount=line.currency_id.format(line.amount),
                    reason=line.reason or "",
                )
            )
