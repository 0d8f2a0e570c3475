import csv
import io
import json
from collections import defaultdict

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..engine import calculators

# Changed only by the workflow methods (context key incentive_workflow).
WORKFLOW_FIELDS = {"state", "move_id", "posted_by_id", "approved_by_id", "approved_date"}
STATEMENT_STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("posted", "Posted"),
    ("paid", "Paid"),
    ("cancel", "Cancelled"),
]


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
    plan_id = fields.Many2one("sales.incentive.plan", ondelete="restrict", check_company=True)
    team_id = fields.Many2one("crm.team", string="Sales Team")
    state = fields.Selection(STATEMENT_STATES, default="draft", required=True, tracking=True, copy=False)
    line_ids = fields.One2many("sales.incentive.statement.line", "statement_id", string="Lines")
    amount_total = fields.Monetary(compute="_compute_amount_total", store=True, string="Total", tracking=True)
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approved_date = fields.Datetime(readonly=True, copy=False)
    posted_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)

    def init(self):
        # One live statement per salesperson and period; a cancelled one may be made again.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS sales_incentive_statement_live_uniq ON %s (user_id, period_id) "
                "WHERE state != 'cancel'",
                SQL.identifier(self._table),
            )
        )

    @api.depends("user_id.name", "period_id.name")
    def _compute_name(self):
        for statement in self:
            statement.name = self.env._(
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
        invoice_rows = self._invoice_rows(period, user_ids)
        goals = self.env["sales.performance.goal"].search(
            [("period_id", "=", period.id), ("scope", "=", "user"), ("user_id", "in", user_ids)]
        )
        if period.state == "open":
            goals._refresh_actuals()  # once evaluated, the goals keep the figures of the reviews
        reviews = self.env["sales.performance.review"].search(
            [("period_id", "=", period.id), ("user_id", "in", user_ids)]
        )
        # Earlier statements: a credit note on an invoice they paid is clawed back.
        earlier = self.search(
            [
                ("user_id", "in", user_ids),
                ("state", "!=", "cancel"),
                ("period_id.date_end", "<", period.date_start),
                ("company_id", "=", period.company_id.id),
            ]
        )
        # Grouped by salesperson once: filtering per assignment would be quadratic.
        by_user = {
            name: self._group_by_user(records)
            for name, records in (("goals", goals), ("reviews", reviews), ("earlier", earlier))
        }
        vals_list = []
        for assignment in assignments:
            user = assignment.user_id
            lines = []
            for component in assignment.plan_id.component_ids:
                lines += self._component_lines(
                    component,
                    invoice_rows.get(user.id, []),
                    by_user["goals"].get(user.id, goals.browse()),
                    by_user["reviews"].get(user.id, reviews.browse()),
                    by_user["earlier"].get(user.id, earlier.browse()),
                )
            vals_list.append(
                {
                    "user_id": user.id,
                    "period_id": period.id,
                    "plan_id": assignment.plan_id.id,
                    "team_id": user.sale_team_id.id,
                    "line_ids": [fields.Command.create(line) for line in lines],
                }
            )
        # In bulk, without a "created" message and follower per statement (the job's doing).
        bulk = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True)
        return bulk.create(vals_list)

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

    def action_export_csv(self):
        """Approved (and later) amounts for payroll, as a CSV attachment to download."""
        rows = [["Salesperson", "Login", "Period", "Company", "Amount", "Currency", "Status", "Journal Entry"]]
        for statement in self.filtered(lambda s: s.state in ("approved", "posted", "paid")).sorted("user_id"):
            rows.append(
                [
                    statement.user_id.name,
                    statement.user_id.login,
                    statement.period_id.name,
                    statement.company_id.name,
                    f"{statement.amount_total:.2f}",
                    statement.currency_id.name,
                    statement.state,
                    statement.move_id.name or "",
                ]
            )
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        attachment = self.env["ir.attachment"].create(
            {
                "name": "incentives.csv",
                "raw": buffer.getvalue().encode(),
                "mimetype": "text/csv",
            }
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    @api.model
    def _group_by_user(self, records):
        grouped = defaultdict(records.browse)
        for record in records:
            grouped[record.user_id.id] |= record
        return grouped

    @api.model
    def _invoice_rows(self, period, user_ids):
        """Posted customer invoice and credit note product lines of the period, in company
        currency: {user_id: [(line ids, product, category path, quantity, base, date,
        date of the invoice a credit note reverses)]}. A credit note counts for the salesperson
        of the invoice it reverses, whoever issued it."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
            SELECT COALESCE(origin.invoice_user_id, move.invoice_user_id), line.product_id, categ.parent_path,
                   SUM(CASE WHEN move.move_type = 'out_refund' THEN -line.quantity ELSE line.quantity END),
                   SUM(-line.balance), ARRAY_AGG(line.id), move.invoice_date, origin.invoice_date
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              LEFT JOIN account_move origin ON origin.id = move.reversed_entry_id
              LEFT JOIN product_product product ON product.id = line.product_id
              LEFT JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
              LEFT JOIN product_category categ ON categ.id = tmpl.categ_id
             WHERE move.state = 'posted'
               AND move.move_type IN ('out_invoice', 'out_refund')
               AND line.display_type = 'product'
               AND move.company_id = %s
               AND move.invoice_date BETWEEN %s AND %s
               AND COALESCE(origin.invoice_user_id, move.invoice_user_id) IN %s
          GROUP BY COALESCE(origin.invoice_user_id, move.invoice_user_id), line.product_id, categ.parent_path,
                   move.invoice_date, origin.invoice_date
            """,
                period.company_id.id,
                period.date_start,
                period.date_end,
                tuple(user_ids),
            )
        )
        rows = defaultdict(list)
        for (
            user_id,
            product_id,
            parent_path,
            quantity,
            base,
            line_ids,
            invoice_date,
            origin_date,
        ) in self.env.cr.fetchall():
            path = [int(c) for c in (parent_path or "").strip("/").split("/") if c][::-1]
            rows[user_id].append((line_ids, product_id, path, quantity or 0.0, base or 0.0, invoice_date, origin_date))
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
            return [self._line(component, component.target_bonus, trace[0]["payout"], amount, trace, goal=goal)]
        if kind == "rating_bonus":
            review = reviews[:1]
            bands = {rate.band_id.id: (rate.fixed_amount, rate.target_percent) for rate in component.band_rate_ids}
            amount, trace = calculators.rating_bonus(review.rating_id.id, bands, component.target_bonus)
            return [self._line(component, component.target_bonus, None, amount, trace, review=review)]
        # SPIFF: qualifying products or categories, invoiced inside the window
        product_ids, categ_ids = set(component.spiff_product_ids.ids), set(component.spiff_category_ids.ids)
        qualifying = [
            row
            for row in invoice_rows
            if (row[1] in product_ids or categ_ids.intersection(row[2]))
            and (not component.spiff_date_from or row[5] >= component.spiff_date_from)
            and (not component.spiff_date_to or row[5] <= component.spiff_date_to)
        ]
        amount, trace = calculators.spiff(
            [(row[1], row[3], row[4]) for row in qualifying], component.spiff_fixed, component.spiff_rate
        )
        line_ids = [line_id for row in qualifying for line_id in row[0]]
        return [
            self._line(
                component,
                sum(row[4] for row in qualifying),
                component.spiff_rate,
                amount,
                trace,
                move_line_ids=line_ids,
            )
        ]

    @api.model
    def _commission_lines(self, component, invoice_rows, earlier_statements):
        """Commission on this period's invoices net of its credit notes; a credit note on an
        invoice already paid out in an earlier statement becomes a clawback line of its own,
        linked to the commission line that paid it."""
        rates = {rate.categ_id.id: rate.rate for rate in component.category_rate_ids}

        def paying_line(origin_date):
            statement = earlier_statements.filtered(
                lambda st: st.period_id.date_start <= origin_date <= st.period_id.date_end
            )[:1]
            return statement.line_ids.filtered(lambda line: line.component_id == component)[:1]

        current, clawbacks = [], defaultdict(list)
        for row in invoice_rows:
            origin = row[6] and paying_line(row[6])
            if origin:
                clawbacks[origin].append(row)
            else:
                current.append(row)
        lines = []
        for rows, origin in [(current, None), *((rows, origin) for origin, rows in clawbacks.items())]:
            if origin is None and not rows and clawbacks:
                continue
            amount, trace = calculators.category_commission(
                [(row[1], row[2], row[4]) for row in rows], rates, component.default_rate
            )
            line = self._line(
                component,
                sum(row[4] for row in rows),
                None,
                amount,
                trace,
                move_line_ids=[line_id for row in rows for line_id in row[0]],
            )
            if origin is not None:
                line.update(
                    {
                        "name": self.env._("Clawback: %(name)s", name=component.name),
                        "clawback_of_id": origin.id,
                    }
                )
            lines.append(line)
        return lines

    @api.model
    def _line(self, component, base, rate, amount, trace, move_line_ids=(), goal=None, review=None):
        return {
            "component_id": component.id,
            "name": component.name,
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
        """One balanced journal entry per statement: debit expense, credit payable (the
        salesperson's partner). All entries are created and posted in one batch. The rows are
        locked first: two concurrent posts cannot both create an entry."""
        if not self.env.user.has_group("sales_performance_incentive.group_incentive_accountant"):
            raise AccessError(self.env._("Only an incentive accountant can post statements."))
        self._lock_for_posting()
        for statement in self:
            if statement.state != "approved" or statement.move_id:
                raise UserError(self.env._("Only an approved statement, not posted yet, can be posted."))
        moves = self.env["account.move"].create([statement._entry_vals() for statement in self])
        moves.action_post()
        for statement, move in zip(self, moves, strict=True):
            statement._workflow_write({"state": "posted", "move_id": move.id, "posted_by_id": self.env.uid})
        return True

    def _lock_for_posting(self):
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL("SELECT id FROM sales_incentive_statement WHERE id IN %s FOR UPDATE NOWAIT", tuple(self.ids))
                )
        except psycopg2.errors.LockNotAvailable:
            raise UserError(
                self.env._("%(statement)s is being posted by someone else right now.", statement=self[:1].name)
            ) from None
        self.invalidate_recordset(["state", "move_id"])

    def _entry_vals(self):
        """The journal entry of one statement, after checking the settings and the lock date."""
        self.ensure_one()
        company = self.company_id
        expense, payable, journal = (
            company.incentive_expense_account_id,
            company.incentive_payable_account_id,
            company.incentive_journal_id,
        )
        if not (expense and payable and journal):
            raise UserError(
                self.env._(
                    "Incentive Expense Account, Incentive Payable Account, Incentive Journal: set them in the "
                    "Settings of %(company)s before posting.",
                    company=company.name,
                )
            )
        amount = self.amount_total
        date = self.period_id.date_end
        lock = company._get_user_fiscal_lock_date(journal)
        if date <= lock:
            raise UserError(
                self.env._(
                    "Date: %(date)s is in a locked period (lock date %(lock)s); unlock it or reopen it.",
                    date=date,
                    lock=lock,
                )
            )
        debit, credit = (amount, 0.0) if amount > 0 else (0.0, -amount)
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "date": date,
            "ref": self.name,
            "company_id": company.id,
            "line_ids": [
                fields.Command.create({"name": self.name, "account_id": expense.id, "debit": debit, "credit": credit}),
                fields.Command.create(
                    {
                        "name": self.name,
                        "account_id": payable.id,
                        "partner_id": self.user_id.partner_id.id,
                        "debit": credit,
                        "credit": debit,
                    }
                ),
            ],
        }

    def action_mark_paid(self):
        for statement in self:
            if statement.state != "posted":
                raise UserError(self.env._("Only a posted statement can be marked paid."))
        if not self.env.user.has_group("sales_performance_incentive.group_incentive_accountant"):
            raise AccessError(self.env._("Only an incentive accountant can mark statements paid."))
        self._workflow_write({"state": "paid"})

    def action_cancel(self):
        """Cancel; a posted statement's entry is reversed (never deleted)."""
        for statement in self:
            if statement.state == "paid":
                raise UserError(self.env._("A paid statement cannot be cancelled."))
            if statement.move_id:
                if not self.env.user.has_group("sales_performance_incentive.group_incentive_accountant"):
                    raise AccessError(self.env._("Only an incentive accountant can cancel a posted statement."))
                reversal = statement.move_id._reverse_moves(
                    [{"ref": self.env._("Reversal of %(name)s", name=statement.name), "date": statement.move_id.date}]
                )
                reversal.action_post()
                statement.message_post(body=self.env._("Entry reversed by %(move)s.", move=reversal.name))
        self._workflow_write({"state": "cancel"})
        return True

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
    name = fields.Char(required=True)
    base = fields.Monetary()
    rate = fields.Float(string="Rate or Payout (%)")
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
    is_adjustment = fields.Boolean()
    reason = fields.Char()

    def _check_statement_open(self):
        if not self.env.su and self.statement_id.filtered(lambda st: st.state not in ("draft", "to_approve")):
            raise UserError(self.env._("Lines: an approved statement's lines cannot change."))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_statement_open()
        return lines

    def write(self, vals):
        self.check_access("write")  # the record rules speak first: an AccessError, not a UserError
        self._check_statement_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        self._check_statement_open()

    @api.constrains("is_adjustment", "reason")
    def _check_reason(self):
        for line in self:
            if line.is_adjustment and not (line.reason or "").strip():
                raise ValidationError(self.env._("Reason: a manual adjustment needs a reason."))
