# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from collections import defaultdict

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.sales_performance.models.sales_performance_integrity_mixin import ensure_one_record

from .sales_incentive_assignment import PAYOUT_METHODS
from .sales_incentive_component import DRAW_LINE_KINDS, StatementFacts
from .sales_incentive_statement_line import OPEN_STATES

_logger = logging.getLogger(__name__)

STATEMENT_STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("posted", "Posted"),
    ("paid", "Paid"),
    ("cancel", "Cancelled"),
]
CANCEL_VOID = "void"
CANCEL_RECALCULATE = "recalculate"
CANCEL_MODES = [
    (CANCEL_VOID, "Void (never made again)"),
    (CANCEL_RECALCULATE, "Recalculate (made again now)"),
]
# Changed only by the workflow methods (under sudo, after their own checks).
WORKFLOW_FIELDS = {
    "state",
    "move_id",
    "posted_by_id",
    "posted_date",
    "approved_by_id",
    "approved_date",
    "cancel_mode",
    "cancel_reason",
}
LOCKED_STATES = ("approved", "posted", "paid")
ACCOUNTANT_GROUP = "sales_performance_incentive.group_incentive_accountant"
NO_OVERLAP_CONSTRAINT = "sales_incentive_statement_no_overlap"


class SalesIncentiveStatement(models.Model):
    """What one salesperson earned in one period, line by line with the calculation; approved
    by the manager, posted to accounting by the incentive accountant."""

    _name = "sales.incentive.statement"
    _description = "Incentive Statement"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.performance.integrity.mixin"]
    _order = "period_id desc, user_id"
    _check_company_auto = True

    # ------------------------------------------------------------------ fields
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
        "crm.team",
        string="Sales Team",
        readonly=True,
        help="The salesperson's team: its manager approves the statement. Follows the salesperson.",
    )
    date_from = fields.Date(
        string="From",
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
        help="First day the statement pays for: the period's, or the salesperson's first day on a plan in it.",
    )
    date_to = fields.Date(
        string="To",
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
        help="Last day the statement pays for: the period's, or the salesperson's last day on a plan in it.",
    )
    state = fields.Selection(STATEMENT_STATES, default="draft", required=True, tracking=True, copy=False)
    cancel_mode = fields.Selection(
        CANCEL_MODES,
        readonly=True,
        copy=False,
        tracking=True,
        help="Void: the statement job never makes this salesperson's statement of the period again. "
        "Recalculate: it was made again at once from the current figures.",
    )
    cancel_reason = fields.Char(readonly=True, copy=False, tracking=True)
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
        cr = self.env.cr
        # One live statement per salesperson and period; a cancelled one may be made again.
        cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS sales_incentive_statement_live_uniq ON %s (user_id, period_id) "
                "WHERE state != 'cancel'",
                SQL.identifier(self._table),
            )
        )
        self._init_no_overlap_constraint()

    def _init_no_overlap_constraint(self):
        """No day paid twice: a salesperson's live statements of a company never cover the same
        day (a month and its quarter, two plans), whoever writes them."""
        cr = self.env.cr
        cr.execute(SQL("SELECT 1 FROM pg_constraint WHERE conname = %s", NO_OVERLAP_CONSTRAINT))
        if cr.fetchone():
            return
        cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS btree_gist"))
        try:
            with cr.savepoint(flush=False):
                cr.execute(
                    SQL(
                        "ALTER TABLE %s ADD CONSTRAINT %s EXCLUDE USING gist "
                        "(company_id WITH =, user_id WITH =, daterange(date_from, date_to, '[]') WITH &&) "
                        "WHERE (state != 'cancel')",
                        SQL.identifier(self._table),
                        SQL.identifier(NO_OVERLAP_CONSTRAINT),
                    )
                )
        except psycopg2.errors.ExclusionViolation:
            # Statements made before pay frequencies existed pay some days twice: cancel the
            # extra ones (void), then upgrade again to add the guarantee.
            _logger.error(
                "Incentive statements: live statements of one salesperson overlap; %s not added. "
                "Cancel the duplicates and upgrade the module again.",
                NO_OVERLAP_CONSTRAINT,
            )

    def _integrity_messages(self):
        return {
            **super()._integrity_messages(),
            NO_OVERLAP_CONSTRAINT: self.env._(
                "Dates: this salesperson already has a live statement covering some of these days "
                "(a statement of another period or plan); cancel it first."
            ),
            "sales_incentive_statement_live_uniq": self.env._(
                "Period: this salesperson already has a live statement for this period."
            ),
        }

    # ------------------------------------------------------------------ compute
    @api.depends("period_id")
    def _compute_dates(self):
        for statement in self:
            statement.date_from = statement.period_id.date_start
            statement.date_to = statement.period_id.date_end

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

    # ------------------------------------------------------------------ constraints
    @api.constrains("user_id", "period_id")
    def _check_user_company(self):
        self._check_user_in_company("user_id", "company_id", self.env._("the period"))

    # ------------------------------------------------------------------ CRUD
    def _protected_fields(self):
        buttons = self.env._("the statement's buttons (submit, approve, post, pay, cancel)")
        job = self.env._("the statement job (Generate Statements)")
        return {
            **dict.fromkeys(WORKFLOW_FIELDS, buttons),
            "amount_total": self.env._("its lines (add a manual adjustment with a reason)"),
            **dict.fromkeys(
                ("name", "date_from", "date_to", "plan_id", "payout_method", "payee_partner_id", "company_id"), job
            ),
        }

    def _validate_vals(self, vals):
        result = super()._validate_vals(vals)
        self._check_team_of_salesperson(vals)
        if not self:
            return result  # the workflow and the lock are about existing statements
        if not self.env.su and {"user_id", "period_id"} & set(vals):
            raise UserError(self.env._("Salesperson, Period: a statement's salesperson and period never change."))
        locked = self.filtered(lambda s: s.state in LOCKED_STATES)
        if locked and set(vals) - WORKFLOW_FIELDS - {"message_main_attachment_id"}:
            raise UserError(self.env._("An approved statement is read-only."))
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        if any(statement.state not in (*OPEN_STATES, "cancel") for statement in self):
            raise UserError(
                self.env._("Only draft or cancelled statements can be deleted; cancel a posted one (reversal).")
            )

    # ------------------------------------------------------------------ actions
    def action_submit(self):
        self._check_may_act()
        self._check_acts_for_salesperson()
        self.filtered(lambda s: s.state == "draft")._workflow_write({"state": "to_approve"})
        return True

    def action_approve(self):
        """The manager of the salesperson's team approves (the record rules say whose
        statements he may write; nobody approves his own)."""
        for statement in self:
            if statement.state != "to_approve":
                raise UserError(self.env._("Only a statement to approve can be approved."))
            if statement.user_id == self.env.user:
                raise UserError(self.env._("Salesperson: you cannot approve your own statement."))
        self._check_may_act()
        self._check_acts_for_salesperson()
        self._workflow_write(
            {"state": "approved", "approved_by_id": self.env.uid, "approved_date": fields.Datetime.now()}
        )
        return True

    def action_post(self):
        """Post the approved statements: a journal entry (debit expense, credit payable with the
        salesperson's partner) per group of :meth:`_get_entry_grouping_key` (one per statement,
        or one per period and company when Settings group them); a vendor bill for external
        agents. All moves are created and posted in one batch; the rows are locked first, so two
        concurrent posts cannot both create a move."""
        self._check_accountant(self.env._("Only an incentive accountant can post statements."))
        self._check_may_act()
        self._lock_for_posting()
        for statement in self:
            if statement.state != "approved" or statement.move_id:
                raise UserError(self.env._("Only an approved statement, not posted yet, can be posted."))
        _logger.info("Incentive posting: %d statement(s) by user %d", len(self), self.env.uid)
        bills = self.filtered(lambda s: s.payout_method == "vendor_bill")
        groups, move_vals, lock_dates = [], [], {}  # lock dates read once per company and journal
        for bill in bills:
            groups.append(bill)
            move_vals.append(bill._prepare_bill_vals(lock_dates))
        for group in (self - bills)._entry_groups():
            groups.append(group)
            move_vals.append(group._prepare_move_vals(lock_dates))
        moves = self.env["account.move"].create(move_vals)
        moves.action_post()
        for group, move in zip(groups, moves, strict=True):
            group._workflow_write({"move_id": move.id})
        # One tracked write for all: the state change is logged per statement in one pass.
        self._workflow_write({"state": "posted", "posted_by_id": self.env.uid, "posted_date": fields.Datetime.now()})
        _logger.info(
            "Incentive posting: done, %d statement(s) in %d move(s) (%d vendor bill(s))",
            len(self),
            len(moves),
            len(bills),
        )
        return True

    def action_mark_paid(self):
        for statement in self:
            if statement.state != "posted":
                raise UserError(self.env._("Only a posted statement can be marked paid."))
        self._check_accountant(self.env._("Only an incentive accountant can mark statements paid."))
        self._check_may_act()
        self._workflow_write({"state": "paid"})
        return True

    def action_open_cancel(self):
        """The cancel dialog: void or recalculate, with a reason."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_performance_incentive.sales_incentive_statement_cancel_action"
        )
        action["context"] = {"active_model": self._name, "active_ids": self.ids}
        return action

    def action_cancel(self, mode=CANCEL_VOID, reason=None):
        """Cancel (see :meth:`_cancel`); returns True, or with ``mode`` recalculate the list of
        the statements made again."""
        remade = self._cancel(mode=mode, reason=reason)
        if not remade:
            return True
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_performance_incentive.sales_incentive_statement_action"
        )
        action["domain"] = [("id", "in", remade.ids)]
        return action

    def _cancel(self, mode=CANCEL_VOID, reason=None):
        """Cancel; a posted statement's move is reversed (never deleted). In a grouped entry
        only this statement's lines are reversed.

        ``mode`` CANCEL_VOID: the statement is never made again (neither by the job nor by
        Generate Statements); CANCEL_RECALCULATE: it is made again at once from the current
        figures (returned). ``reason`` is kept on the statement and in its chatter."""
        if not isinstance(mode, str) or mode not in dict(CANCEL_MODES):
            raise UserError(self.env._("Cancel: choose void or recalculate."))
        if reason is not None and reason is not False and not isinstance(reason, str):
            raise UserError(self.env._("Reason: %(value)r is not a text.", value=reason))
        self._check_may_act()
        for statement in self:
            if statement.state == "paid":
                raise UserError(self.env._("A paid statement cannot be cancelled."))
            if statement.move_id:
                self._check_accountant(self.env._("Only an incentive accountant can cancel a posted statement."))
                reversal = statement._reverse_move()
                statement.message_post(body=self.env._("Entry reversed by %(move)s.", move=reversal.name))
        reason = (reason or "").strip()
        self._workflow_write({"state": "cancel", "cancel_mode": mode, "cancel_reason": reason or False})
        if mode == CANCEL_VOID:
            note = self.env._("Cancelled and voided: never made again. Reason: %(reason)s", reason=reason)
        else:
            note = self.env._("Cancelled to be made again now. Reason: %(reason)s", reason=reason)
        for statement in self:
            statement.message_post(body=note)
        if mode != CANCEL_RECALCULATE:
            return self.browse()
        remade = self.browse()
        for period in self.period_id:
            # sudo: made as the statement job makes it, on all the salesperson's figures (goals,
            # reviews, earlier statements), whoever cancels; the caller's rights to cancel were
            # checked above. The new drafts come back in the caller's environment.
            users = self.filtered(lambda s, p=period: s.period_id == p).user_id
            remade |= self.sudo()._generate(period, users=users).sudo(False)
        self._hand_over_corrections(remade)
        for statement in remade:
            # sudo: the note of the job's new draft, whoever cancelled (an accountant may not
            # write a draft); the author stays the current user.
            statement.sudo().message_post(
                body=self.env._("Made again after a cancellation: %(reason)s", reason=reason),
                author_id=self.env.user.partner_id.id,
            )
        return remade

    def _hand_over_corrections(self, remade):
        """The bonus corrections made for these cancelled statements (prior-period lines in live
        statements) now stand against the statements made again for the same salesperson and
        period: those pay the current bonus in full, so the next correction takes back what the
        earlier ones paid (never paid twice), and a draft correction made again drops them."""
        for statement in self:
            successor = remade.filtered(
                lambda s, st=statement: (s.user_id, s.period_id, s.plan_id) == (st.user_id, st.period_id, st.plan_id)
            )[:1]
            if not successor:
                continue
            # sudo: the origin of a computed line is written only by the statement job's logic,
            # here on the lines that pointed at the statement just cancelled.
            self.env["sales.incentive.statement.line"].sudo().search(
                [
                    ("line_kind", "=", "prior_period"),
                    ("origin_statement_id", "=", statement.id),
                    ("review_id", "!=", False),
                    ("statement_id.state", "!=", "cancel"),
                ]
            ).write({"origin_statement_id": successor.id})

    def action_reset_draft(self):
        self._check_may_act()
        self.filtered(lambda s: s.state == "to_approve")._workflow_write({"state": "draft"})
        return True

    def action_open_move(self):
        ensure_one_record(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }

    def _workflow_write(self, vals):
        """The workflow's own write (state, approver, poster, entry): the calling action
        checked who may act; sudo writes the fields nobody writes directly. The chatter's
        tracking keeps the caller as author."""
        return self.sudo().write(vals)

    def _check_accountant(self, message):
        """Posting, paying and reversing are the incentive accountant's: AccessError(message)
        for anyone else."""
        if not self.env.user.has_group(ACCOUNTANT_GROUP):
            raise AccessError(message)

    # ------------------------------------------------------------------ generation
    @api.model
    def _generate(self, period, users=None):
        """Draft statements for every salesperson assigned during ``period`` to a plan paying
        on periods of its type (see :meth:`_running_in`).

        One statement per salesperson, with lines per assignment (segment) when a plan changes
        inside the period; each segment earns on the documents dated inside it. One grouped
        query per basis for the invoice lines of the period, one search for goals and one for
        reviews, whatever the number of salespeople. Existing live statements are kept; a
        voided one is never made again.
        """
        assignments = self.env["sales.incentive.assignment"]._running_in(period)
        if users is not None:
            assignments = assignments.filtered(lambda a: a.user_id in users)
        taken = set(
            self.search(
                [
                    ("period_id", "=", period.id),
                    "|",
                    ("state", "!=", "cancel"),
                    ("cancel_mode", "=", CANCEL_VOID),
                ]
            ).user_id.ids
        )
        assignments = assignments.filtered(lambda a: a.user_id.id not in taken)
        if not assignments:
            return self.browse()
        goals = self._period_goals(period, assignments.user_id)
        if period.state == "open":
            goals._refresh_actuals()  # once evaluated, the goals keep the figures of the reviews
        facts = self._statement_facts(period, assignments.user_id, goals, unpaid_only=True)
        vals_list = []
        for user_assignments in assignments.grouped("user_id").values():
            segments = self._segments(period, user_assignments, facts[user_assignments.user_id.id])
            lines = [
                {**line, "assignment_id": assignment.id, "date_from": start, "date_to": end}
                for assignment, start, end, segment_facts in segments
                for line in assignment.plan_id.component_ids._calculate(segment_facts)
            ]
            first_assignment, first_day, first_end, _facts = segments[0]
            lines += [
                {**line, "assignment_id": first_assignment.id, "date_from": first_day, "date_to": first_end}
                for line in self._review_correction_lines(facts[user_assignments.user_id.id])
            ]
            vals_list.append(self._prepare_statement_vals(segments[-1][0], period, lines, segments=segments))
        # In bulk, without a "created" message and follower per statement (the job's doing).
        bulk = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True)
        # sudo: the computed lines (anything but manual adjustments) may only be written here,
        # from figures computed above; the caller's rights were applied to every search above.
        statements = bulk.sudo().create(vals_list).sudo(False)
        _logger.info("Incentive statements: %d made for period %s", len(statements), period.display_name)
        return statements

    @api.model
    def _review_correction_lines(self, facts):
        """A review changed after its rating bonus was approved (an adjusted score): that
        statement is never changed; a *prior-period adjustment* line here pays the difference
        between the bonus of the review's current rating and what was paid for it (its line and
        the adjustments already made), traced to that statement and review."""
        Line = self.env["sales.incentive.statement.line"]
        bonus_lines = facts.earlier_statements.filtered(lambda st: st.state in LOCKED_STATES).line_ids.filtered(
            lambda line: line.line_kind == "rating_bonus" and line.review_id
        )
        if not bonus_lines:
            return []
        # sudo: the adjustments already made, whoever generates; only amounts are read.
        made = Line.sudo().search(
            [
                ("line_kind", "=", "prior_period"),
                ("origin_statement_id", "in", bonus_lines.statement_id.ids),
                ("component_id", "in", bonus_lines.component_id.ids),
                ("statement_id.state", "!=", "cancel"),
            ]
        )
        vals = []
        for line in bonus_lines:
            component = line.component_id
            factor = line.base / component.target_bonus if component.target_bonus else 1.0
            again = StatementFacts(
                facts.user_id,
                goals=self.env["sales.performance.goal"],
                reviews=line.review_id,
                earlier_statements=self.browse(),
                segment_factor=factor,
            )
            now = component._statement_lines_rating_bonus(again)[0]
            paid = line.amount + sum(
                made.filtered(
                    lambda m, line=line: (
                        m.origin_statement_id == line.statement_id and m.component_id == line.component_id
                    )
                ).mapped("amount")
            )
            delta = now["amount"] - paid
            if abs(delta) < 0.005:
                continue
            vals.append(
                {
                    **now,
                    "name": self.env._(
                        "Prior-period adjustment: %(name)s (%(period)s)",
                        name=component.name,
                        period=line.statement_id.period_id.name,
                    ),
                    "line_kind": "prior_period",
                    "amount": round(delta, 2),
                    "origin_statement_id": line.statement_id.id,
                }
            )
        return vals

    @api.model
    def _segments(self, period, assignments, facts):
        """[(assignment, first day, last day, facts)] of one salesperson's ``assignments`` in
        ``period``, in date order: each assignment's days inside the period and the facts
        restricted to them, prorated when its plan prorates (an assignment covering the whole
        period keeps the period's facts as they are)."""
        period_days = (period.date_end - period.date_start).days + 1
        spans = [(assignment, *assignment._segment_in(period)) for assignment in assignments.sorted("date_from")]
        covered = sum((end - start).days + 1 for _assignment, start, end in spans)
        if len(spans) == 1 and covered == period_days:
            assignment, start, end = spans[0]
            return [(assignment, start, end, facts)]
        segments = []
        for index, (assignment, start, end) in enumerate(spans):
            prorate = assignment.plan_id.prorate
            segments.append(
                (
                    assignment,
                    start,
                    end,
                    facts.segment(
                        start,
                        end,
                        segment_factor=((end - start).days + 1) / period_days if prorate else 1.0,
                        target_factor=covered / period_days if prorate else 1.0,
                        first=index == 0,
                    ),
                )
            )
        return segments

    @api.model
    def _prepare_statement_vals(self, assignment, period, lines, segments=None):
        """Values of the statement of ``assignment``'s salesperson for ``period``, with the line
        values the plan's components computed; ``segments`` (see :meth:`_segments`) give the
        days it pays for (the period's without them)."""
        user = assignment.user_id
        date_from, date_to = (segments[0][1], segments[-1][2]) if segments else (period.date_start, period.date_end)
        return {
            "user_id": user.id,
            "period_id": period.id,
            "date_from": date_from,
            "date_to": date_to,
            "plan_id": assignment.plan_id.id,
            "team_id": user.sale_team_id.id,
            "payout_method": assignment.payout_method,
            "payee_partner_id": (assignment.payee_partner_id or user.partner_id).id,
            "line_ids": [fields.Command.create(line) for line in lines],
        }

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
        _logger.info(
            "Incentive statements: start, %d evaluated period(s), %d waiting for reviews", len(periods), len(pending)
        )
        made = self.browse()
        for index, period in enumerate(periods):
            if period not in pending:
                made |= self._generate(period)
            # Run by the scheduler, each period is committed: a later failure keeps it.
            self.env["ir.cron"]._sales_performance_commit_chunk(done=index + 1, remaining=len(periods) - index - 1)
        _logger.info("Incentive statements: done, %d statement(s) made", len(made))
        return made

    @api.model
    def _period_goals(self, period, users):
        """The salespeople's own goals of the period (their attainment makes the bonuses)."""
        return self.env["sales.performance.goal"].search(
            [("period_id", "=", period.id), ("scope", "=", "user"), ("user_id", "in", users.ids)]
        )

    @api.model
    def _statement_facts(self, period, users, goals=None, unpaid_only=False):
        """``{user_id: StatementFacts}``: what the components compute each salesperson's period
        on, read in one search each for goals, reviews and earlier statements (and one query
        per basis of invoice rows, when a component asks) whatever the number of salespeople.
        ``unpaid_only``: for a new statement, the invoiced journal items a live statement
        already paid (as a prior-period adjustment) are not paid again."""
        if goals is None:
            goals = self._period_goals(period, users)
        reviews = self.env["sales.performance.review"].search(
            [("period_id", "=", period.id), ("user_id", "in", users.ids)]
        )
        # Earlier statements: a credit note on an invoice they paid is clawed back; a draw
        # recovers what they advanced.
        earlier = self.search(self._earlier_domain(period, users.ids))
        # Grouped by salesperson once: filtering per salesperson would be quadratic.
        # sudo: which plan paid which day (the rates of a credit note's invoice, of a late
        # document), whoever generates; only dates and plans are read.
        assignments = (
            self.env["sales.incentive.assignment"]
            .sudo()
            .search([("user_id", "in", users.ids), ("company_id", "=", period.company_id.id)])
        )
        goals_of, reviews_of, earlier_of, assignments_of = (
            self._group_by_user(records) for records in (goals, reviews, earlier, assignments)
        )
        load_rows = StatementFacts.row_loader(self.env.cr, period, users.ids, unpaid_only=unpaid_only)
        # Late documents of the days of earlier statements (prior-period adjustments).
        load_prior_rows = (
            StatementFacts.prior_row_loader(self.env.cr, period, users.ids, min(earlier.mapped("date_from")))
            if earlier
            else None
        )
        return {
            user.id: StatementFacts(
                user.id,
                goals=goals_of.get(user.id, goals.browse()),
                reviews=reviews_of.get(user.id, reviews.browse()),
                earlier_statements=earlier_of.get(user.id, earlier.browse()),
                load_rows=load_rows,
                load_prior_rows=load_prior_rows,
                assignments=assignments_of.get(user.id, assignments.browse()),
            )
            for user in users
        }

    @api.model
    def _group_by_user(self, records):
        grouped = defaultdict(records.browse)
        for record in records:
            grouped[record.user_id.id] |= record
        return grouped

    @api.model
    def _earlier_domain(self, period, user_ids):
        """The salespeople's live statements of the company's earlier periods."""
        return [
            ("user_id", "in", list(user_ids)),
            ("state", "!=", "cancel"),
            ("period_id.date_end", "<", period.date_start),
            ("company_id", "=", period.company_id.id),
        ]

    def _recompute_draws(self):
        """After a manual adjustment: a draw tops up or recovers against everything else the
        period earned, adjustments included, so the draw lines are made again (a salesperson
        below the draw gets a smaller advance, not the advance plus the adjustment)."""
        with_draw = self.filtered(
            lambda st: st.state in OPEN_STATES and any(c._settles_on_earnings() for c in st.plan_id.component_ids)
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
            old = statement.line_ids.filtered(lambda line: line.line_kind in DRAW_LINE_KINDS)
            facts = StatementFacts(
                statement.user_id.id,
                goals=self.env["sales.performance.goal"],
                reviews=self.env["sales.performance.review"],
                earlier_statements=candidates.filtered_domain(
                    self._earlier_domain(statement.period_id, statement.user_id.ids)
                ),
            )
            new = statement._draw_lines(facts, statement.line_ids - old)
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

    def _draw_lines(self, facts, earned_lines):
        """The draw lines of this statement, made again on ``earned_lines`` (all its lines but
        the draws): per assignment segment, each on what its segment earned (the manual
        adjustments count in the last one)."""
        self.ensure_one()
        period = self.period_id
        assignments = (
            self.env["sales.incentive.assignment"]
            .sudo()
            ._running_in(period)
            .filtered(lambda a: a.user_id == self.user_id)
            .sudo(False)
        )
        segments = self._segments(period, assignments, facts) if assignments else []
        if not segments:  # no assignment any more: the statement's plan over the whole period
            facts.earned = sum(earned_lines.mapped("amount"))
            return self.plan_id.component_ids.filtered(lambda c: c._settles_on_earnings())._calculate(facts)
        adjustments = sum(earned_lines.filtered("is_adjustment").mapped("amount"))
        new = []
        for index, (assignment, start, end, segment_facts) in enumerate(segments):
            if len(segments) == 1:
                segment_facts.earned = sum(earned_lines.mapped("amount"))
            else:
                segment_facts.earned = sum(
                    earned_lines.filtered(lambda line, a=assignment: line.assignment_id == a).mapped("amount")
                ) + (adjustments if index == len(segments) - 1 else 0.0)
            draws = assignment.plan_id.component_ids.filtered(lambda c: c._settles_on_earnings())
            new += [
                {**line, "assignment_id": assignment.id, "date_from": start, "date_to": end}
                for line in draws._calculate(segment_facts)
            ]
        return new

    # ------------------------------------------------------------------ posting
    def _get_entry_grouping_key(self):
        """Statements with the same key share one journal entry: each its own, or one per
        period and company when Settings group them."""
        self.ensure_one()
        if self.company_id.incentive_posting_mode == "period":
            return (self.company_id.id, self.period_id.id)
        return self.id

    def _entry_groups(self):
        grouped = defaultdict(self.browse)
        for statement in self:
            grouped[statement._get_entry_grouping_key()] |= statement
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

    def _prepare_move_vals(self, lock_dates=None):
        """One balanced journal entry for these statements (one group of
        :meth:`_get_entry_grouping_key`): the lines of :meth:`_prepare_move_line_vals` of each."""
        expense, payable, journal = self._posting_accounts()
        company, period = self.company_id, self.period_id
        date = period.date_end
        self._check_lock_date(journal, date, lock_dates)
        ref = self.display_name if len(self) == 1 else self.env._("Incentives %(period)s", period=period.name)
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "date": date,
            "ref": ref,
            "company_id": company.id,
            "line_ids": [
                fields.Command.create(line)
                for statement in self
                for line in statement._prepare_move_line_vals(expense, payable)
            ],
        }

    def _prepare_move_line_vals(self, expense, payable):
        """The journal items of this statement: an expense line and a payable line on the
        salesperson's partner."""
        self.ensure_one()
        amount = self.amount_total
        debit, credit = (amount, 0.0) if amount > 0 else (0.0, -amount)
        common = {"name": self.display_name, "incentive_statement_id": self.id}
        return [
            {
                **common,
                "account_id": expense.id,
                "debit": debit,
                "credit": credit,
                "analytic_distribution": self._analytic_distribution(),
            },
            {
                **common,
                "account_id": payable.id,
                "partner_id": self.user_id.partner_id.id,
                "debit": credit,
                "credit": debit,
            },
        ]

    def _prepare_bill_vals(self, lock_dates=None):
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
            "invoice_line_ids": [fields.Command.create(self._prepare_bill_line_vals(expense))],
        }

    def _prepare_bill_line_vals(self, expense):
        """The vendor bill's one line: the statement's total on the expense account, untaxed."""
        self.ensure_one()
        return {
            "name": self.display_name,
            "account_id": expense.id,
            "quantity": 1,
            "price_unit": abs(self.amount_total),
            "tax_ids": [fields.Command.clear()],
            "analytic_distribution": self._analytic_distribution(),
            "incentive_statement_id": self.id,
        }

    def _reverse_move(self):
        self.ensure_one()
        move = self.move_id
        date = move.date
        if date <= self.company_id._get_user_fiscal_lock_date(move.journal_id):
            date = fields.Date.context_today(self)  # the original period is closed: reverse today
        ref = self.env._("Reversal of %(name)s", name=self.display_name)
        if not (move.line_ids.incentive_statement_id - self):
            reversal = move._reverse_moves([{"ref": ref, "date": date, "invoice_date": date}])
            # The link is not copied (copy=False): the reversal is traced to the statement too,
            # so its entries net of reversals are found from the statement.
            linked_accounts = move.line_ids.filtered("incentive_statement_id").account_id
            reversal.line_ids.filtered(lambda line: line.account_id in linked_accounts).incentive_statement_id = self
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
