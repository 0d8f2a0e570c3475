# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import scopes, scoring

REVIEW_STATES = [
    ("draft", "Manager Assessment"),
    ("shared", "Shared"),
    ("disputed", "Disputed"),
    ("done", "Done"),
]
FROZEN_FIELDS = {"line_ids", "score_override", "score_adjustment_reason", "scale_id", "user_id", "period_id"}
# What a review made by hand takes from the server, never from the client: the snapshot of the
# salesperson's goals, and the team, manager and plan that follow the salesperson.
SNAPSHOT_FIELDS = {"line_ids", "snapshot_date", "team_id", "manager_id", "plan_id"}


class SalesPerformanceReview(models.Model):
    """A salesperson's scorecard for a period: frozen actuals, weights, score, rating, feedback."""

    _name = "sales.performance.review"
    _description = "Performance Review"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "sales.performance.integrity.mixin",
        "sales.performance.answer.mixin",
    ]
    _order = "period_id desc, score desc, id"
    # What the salesperson writes through acknowledge / dispute.
    _answer_fields = frozenset({"state", "self_assessment", "dispute_reason", "acknowledged_date"})
    _check_company_auto = True

    # ------------------------------------------------------------------ fields
    name = fields.Char(compute="_compute_name", store=True)
    period_id = fields.Many2one(
        "sales.performance.period", required=True, index=True, ondelete="restrict", tracking=True, check_company=True
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True, precompute=True)
    user_id = fields.Many2one("res.users", string="Salesperson", required=True, index=True, ondelete="restrict")
    team_id = fields.Many2one("crm.team", string="Sales Team", index=True, check_company=True)
    manager_id = fields.Many2one("res.users", tracking=True)
    plan_id = fields.Many2one("sales.performance.plan", ondelete="set null")
    scale_id = fields.Many2one(
        "sales.performance.rating.scale",
        string="Rating Scale",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env.ref("sales_performance.rating_scale_default", raise_if_not_found=False),
    )
    state = fields.Selection(
        REVIEW_STATES,
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        help="Manager Assessment: the manager writes the feedback. Shared: waiting for the salesperson. Disputed: "
        "the salesperson contests it. Done: acknowledged or closed.",
    )
    is_manual = fields.Boolean(
        help="Created by hand for one salesperson (e.g. someone leaving), not by the evaluation."
    )
    snapshot_date = fields.Datetime(readonly=True, tracking=True, help="When the actuals were measured and frozen.")
    line_ids = fields.One2many("sales.performance.review.line", "review_id", string="Scorecard", copy=True)
    score_computed = fields.Float(
        compute="_compute_score",
        store=True,
        string="Computed Score",
        help="Sum of the weighted scores of the scorecard lines.",
    )
    score_override = fields.Float(
        string="Adjusted Score", tracking=True, help="Leave empty to keep the computed score."
    )
    is_score_adjusted = fields.Boolean(
        string="Adjust the Score",
        tracking=True,
        help="Replace the computed score by an adjusted one; a reason is required.",
    )
    score_adjustment_reason = fields.Text(tracking=True)
    score = fields.Float(
        compute="_compute_score",
        store=True,
        aggregator="avg",
        tracking=True,
        help="The computed score, or the adjusted score when the manager adjusted it.",
    )
    rating_id = fields.Many2one(
        "sales.performance.rating.band",
        compute="_compute_score",
        store=True,
        help="Band of the rating scale the score falls in.",
    )
    rank_in_team = fields.Integer(
        compute="_compute_rank_in_team", help="Rank by score among the reviews of the same period and sales team."
    )
    strengths = fields.Text(help="What went well: the manager's feedback.")
    improvements = fields.Text(string="Areas to Improve")
    manager_comment = fields.Text(string="Manager's Comments")
    self_assessment = fields.Text(help="The salesperson's own view, given when acknowledging.")
    dispute_reason = fields.Text(tracking=True, help="Why the salesperson disputes the review.")
    manager_answer = fields.Text(
        string="Answer to the Dispute", tracking=True, help="The manager's answer to the dispute."
    )
    reopen_reason = fields.Text(
        string="Back to Assessment Reason",
        tracking=True,
        copy=False,
        help="Why the manager took the shared or disputed review back to assessment.",
    )
    acknowledged_date = fields.Datetime(readonly=True, copy=False, tracking=True)
    is_mine = fields.Boolean(compute="_compute_is_mine")

    _sql_constraints = [
        (
            "user_period_unique",
            "UNIQUE (user_id, period_id)",
            "Salesperson: this salesperson already has a review for this period.",
        ),
    ]

    # ------------------------------------------------------------------ compute
    @api.depends("user_id.name", "period_id.name")
    def _compute_name(self):
        # Stored (searched, exported) and computed by the evaluation job: names only, in no one's
        # language; the display name adds the word, in the reader's.
        for review in self:
            review.name = f"{review.user_id.name or ''} - {review.period_id.name or ''}"

    @api.depends("user_id.name", "period_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for review in self:
            review.display_name = self.env._(
                "Review %(user)s - %(period)s", user=review.user_id.name or "", period=review.period_id.name or ""
            )

    @api.depends("line_ids.weighted_score", "score_override", "is_score_adjusted", "scale_id.band_ids.min_score")
    def _compute_score(self):
        for review in self:
            review.score_computed = sum(review.line_ids.mapped("weighted_score"))
            review.score = review.score_override if review.is_score_adjusted else review.score_computed
            review.rating_id = review.scale_id._rating(review.score) if review.scale_id else False

    @api.depends_context("uid")
    def _compute_rank_in_team(self):
        """Rank by score among the reviews of the same period and team (one query for all).

        sudo: only a rank comes out, never a colleague's figures.
        """
        groups = self.sudo()._read_group(
            [("period_id", "in", self.period_id.ids), ("team_id", "in", self.team_id.ids)],
            ["period_id", "team_id"],
            ["score:array_agg"],
        )
        scores = {(period.id, team.id): values for period, team, values in groups}
        for review in self:
            peers = scores.get((review.period_id.id, review.team_id.id), [])
            ranked = review.team_id and review.period_id._ranks_shown()
            review.rank_in_team = scoring.rank(review.score, peers) if ranked else 0

    @api.depends_context("uid")
    @api.depends("user_id")
    def _compute_is_mine(self):
        for review in self:
            review.is_mine = review.user_id == self.env.user

    # ------------------------------------------------------------------ constraints
    @api.constrains("user_id", "period_id")
    def _check_user_company(self):
        self._check_user_in_company("user_id", "company_id", self.env._("the period"))

    @api.constrains("is_score_adjusted", "score_adjustment_reason", "score_override")
    def _check_score_adjustment(self):
        for review in self:
            if review.is_score_adjusted and not (review.score_adjustment_reason or "").strip():
                raise ValidationError(self.env._("Score Adjustment Reason: say why the score is adjusted."))
            if review.is_score_adjusted and review.score_override < 0:
                raise ValidationError(self.env._("Adjusted Score: must not be negative."))

    # ------------------------------------------------------------------ CRUD
    def _protected_fields(self):
        answer = self.env._("the salesperson's answer (Acknowledge, Dispute)")
        return {
            **dict.fromkeys(self._answer_fields, answer),
            "state": self.env._("the review's buttons (Share, Back to Assessment, the salesperson's answer)"),
            **dict.fromkeys(
                ("score", "score_computed", "rating_id"),
                self.env._("the scorecard (adjust a line or the score, with a reason)"),
            ),
            "snapshot_date": self.env._("Recompute"),
            "reopen_reason": self.env._("Back to Assessment"),
            "manager_answer": self.env._("Answer the Dispute"),
            "name": self.env._("the salesperson and period"),
        }

    def _validate_vals(self, vals):
        """A done review, or one of a closed period, is final; a shared one keeps its figures
        (the system's own writes, under sudo, excepted). Team and manager follow the
        salesperson."""
        super()._validate_vals(vals)
        if self.env.su:
            return
        self._check_team_of_salesperson(vals, manager_field="manager_id")
        moved = self and {"user_id", "period_id", "plan_id"} & set(vals)
        if moved:
            field = self._fields[sorted(moved)[0]]._description_string(self.env)
            raise UserError(
                self.env._(
                    "%(field)s: a review stays with its salesperson and period (its plan follows them); "
                    "make a new review instead.",
                    field=field,
                )
            )
        done = self.filtered(lambda r: r.state == "done" or r.period_id.state == "closed")
        if done and set(vals) - {"message_main_attachment_id"}:
            raise UserError(self.env._("A done review, or a review of a closed period, cannot be changed."))
        frozen = self.filtered(lambda r: r.state != "draft")
        if frozen and set(vals) & FROZEN_FIELDS:
            raise UserError(self.env._("Scorecard: a shared review's figures are frozen."))

    @api.model_create_multi
    def create(self, vals_list):
        """A review made by hand (the form, an RPC call) gets its scorecard, team, manager and
        plan from the server -- the salesperson's goals of the period, as the evaluation makes
        them -- whatever the client sent for them; then the record rules of the caller decide
        whether he may create it (a manager, for the salespeople of his teams)."""
        if self.env.su:
            return super().create(vals_list)
        server_vals_list = []
        for client_vals in vals_list:
            self._check_value_types(client_vals)
            self._check_foreign_keys([client_vals])
            vals = {name: value for name, value in client_vals.items() if name not in SNAPSHOT_FIELDS}
            self.browse()._check_protected_fields(vals, creating=True)
            period = self.env["sales.performance.period"].browse(vals.get("period_id"))
            user = self.env["res.users"].browse(vals.get("user_id"))
            if period and user:
                # sudo: the snapshot is of all the salesperson's goals of the period, as the
                # evaluation takes it; the caller's right to review them is checked below.
                goals = (
                    self.env["sales.performance.goal"]
                    .sudo()
                    .search(
                        [("period_id", "=", period.id), ("user_id", "=", user.id), ("scope", "=", scopes.SCOPE_USER)]
                    )
                )
                vals = {**vals, **self.sudo()._vals_from_goals(period, user, goals, goals.plan_id[:1] or None)}
            server_vals_list.append(vals)
        # sudo: the server's own values, checked above (types, protected fields); the record
        # rules of the caller are applied to the reviews made, as create does.
        reviews = super(SalesPerformanceReview, self.sudo()).create(server_vals_list).with_env(self.env)
        reviews.check_access("create")
        return reviews

    @api.onchange("user_id", "period_id")
    def _onchange_snapshot_goals(self):
        """A review created by hand shows the salesperson's goals of the period at once."""
        for review in self.filtered(lambda r: not r._origin and r.user_id and r.period_id):
            goals = self.env["sales.performance.goal"].search(
                [
                    ("period_id", "=", review.period_id.id),
                    ("user_id", "=", review.user_id.id),
                    ("scope", "=", scopes.SCOPE_USER),
                ]
            )
            vals = review._vals_from_goals(review.period_id, review.user_id, goals, goals.plan_id[:1] or None)
            review.update({**vals, "line_ids": [fields.Command.clear(), *vals["line_ids"]]})

    # ------------------------------------------------------------------ building
    @api.model
    def _vals_from_goals(self, period, user, goals, plan=None):
        """A review's values with a snapshot line per goal (goals measured just before)."""
        team = (plan.team_id if plan else goals[:1].team_id) or user.sale_team_id
        return {
            "period_id": period.id,
            "user_id": user.id,
            "team_id": team.id,
            "manager_id": (plan.manager_id if plan else team.user_id).id,
            "plan_id": plan.id if plan else False,
            "snapshot_date": fields.Datetime.now(),
            "line_ids": [fields.Command.create(line) for line in self._snapshot_lines(goals)],
        }

    @api.model
    def _snapshot_lines(self, goals):
        return [
            {
                "goal_id": goal.id,
                "kpi_id": goal.kpi_id.id,
                "direction": goal.kpi_id.direction,
                "target": goal.target,
                "actual": goal.actual,
                "weight": goal.weight,
            }
            for goal in goals
        ]

    @api.model
    def _create_for_period(self, period):
        """One review per salesperson with a plan in ``period`` (goals refreshed first)."""
        existing = set(self.search([("period_id", "=", period.id)]).user_id.ids)
        plans = period.env["sales.performance.plan"].search([("period_id", "=", period.id)])
        plans = plans.filtered(lambda p: p.user_id.id not in existing and p.goal_ids)
        plans.goal_ids._refresh_actuals()
        # In bulk, without a "created" message and follower per review: the reviews are the
        # job's doing, and the query count must not grow with the number of salespeople.
        bulk = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True)
        scale = self.default_get(["scale_id"]).get("scale_id")  # once, not once per review
        return bulk.create(
            [{**self._vals_from_goals(period, plan.user_id, plan.goal_ids, plan), "scale_id": scale} for plan in plans]
        )

    @api.model
    def _create_manual(self, period, user):
        """A review for one salesperson, whatever the period's state (e.g. someone leaving)."""
        goals = self.env["sales.performance.goal"].search(
            [("period_id", "=", period.id), ("user_id", "=", user.id), ("scope", "=", scopes.SCOPE_USER)]
        )
        if not goals:
            raise UserError(
                self.env._("Salesperson: %(user)s has no goal in %(period)s.", user=user.name, period=period.name)
            )
        goals._refresh_actuals()
        plan = goals.plan_id[:1]
        return self.create({**self._vals_from_goals(period, user, goals, plan or None), "is_manual": True})

    # ------------------------------------------------------------------ manager actions
    def action_recompute(self):
        """Measure again (before sharing): the chatter shows each old -> new value."""
        self._check_may_act()
        for review in self:
            if review.state != "draft":
                raise UserError(self.env._("Only a review under assessment can be recomputed."))
            goals = review.line_ids.goal_id
            goals._refresh_actuals(evaluating=True)  # the period may be under evaluation
            changes = []
            for line in review.line_ids.filtered("goal_id"):
                goal = line.goal_id
                if (line.actual, line.target, line.weight) != (goal.actual, goal.target, goal.weight):
                    changes.append(
                        self.env._(
                            "%(kpi)s: actual %(old)s -> %(new)s, target %(old_target)s -> %(new_target)s",
                            kpi=line.kpi_id.name,
                            old=round(line.actual, 2),
                            new=round(goal.actual, 2),
                            old_target=round(line.target, 2),
                            new_target=round(goal.target, 2),
                        )
                    )
                    # sudo: the measured figures are Recompute's alone (checked above: the
                    # caller may write this review under assessment).
                    line.sudo().write({"actual": goal.actual, "target": goal.target, "weight": goal.weight})
            review.sudo().snapshot_date = fields.Datetime.now()
            review.message_post(
                body=self.env._("Recomputed. %(changes)s", changes="; ".join(changes) or self.env._("No change."))
            )
        return True

    def action_share(self):
        for review in self:
            if review.state not in ("draft", "disputed"):
                raise UserError(self.env._("Only a review under assessment or disputed can be shared."))
        self._check_may_act()
        # sudo: the state is the workflow's; who may share was checked just above.
        self.sudo().write({"state": "shared"})
        template = self.env.ref("sales_performance.mail_template_review_shared")
        for review in self:
            review.message_post_with_source(template, message_type="comment", subtype_xmlid="mail.mt_comment")
        return True

    def action_back_to_draft(self, reason=None):
        """Take a shared or disputed review back to assessment, e.g. to correct a figure."""
        reason = self._text_argument(reason, self.env._("Back to Assessment Reason"), required=False)
        if not reason:
            raise ValidationError(self.env._("Back to Assessment Reason: say why the review is reopened."))
        for review in self:
            if review.state not in ("shared", "disputed") or review.period_id.state == "closed":
                raise UserError(self.env._("Only a shared or disputed review of an unclosed period can be reopened."))
        self._check_may_act()
        # sudo: back to assessment only here, with the reason; who may was checked just above.
        self.sudo().write({"state": "draft", "reopen_reason": reason})
        return True

    def action_answer_dispute(self, answer=None):
        answer = self._text_argument(answer, self.env._("Answer to the Dispute"), required=False)
        if not answer:
            raise ValidationError(self.env._("Answer to the Dispute: write your answer."))
        for review in self:
            if review.state != "disputed":
                raise UserError(self.env._("Only a disputed review can be answered."))
        self._check_may_act()
        # sudo: the answer is written only here; who may answer was checked just above.
        self.sudo().write({"manager_answer": answer})
        self.action_share()
        return True

    # ------------------------------------------------------------------ salesperson actions
    def _write_as_salesperson(self, vals):
        """Only a shared review is answered (acknowledged or disputed)."""
        self._check_answered_by_owner()
        if any(review.state != "shared" for review in self):
            raise UserError(self.env._("Only a shared review can be acknowledged or disputed."))
        return super()._write_as_salesperson(vals)

    def action_acknowledge(self, self_assessment=None):
        self_assessment = self._text_argument(self_assessment, self._fields["self_assessment"].string, required=False)
        self._write_as_salesperson(
            {"state": "done", "self_assessment": self_assessment or False, "acknowledged_date": fields.Datetime.now()}
        )
        return True

    def action_dispute(self, reason=None):
        reason = self._text_argument(reason, self.env._("Dispute Reason"), required=False)
        if not reason:
            raise ValidationError(self.env._("Dispute Reason: say what you disagree with."))
        self._write_as_salesperson({"state": "disputed", "dispute_reason": reason.strip()})
        for review in self.sudo():
            # sudo: the salesperson may not post on the review; the message goes to their manager.
            review.message_post(
                body=self.env._("Disputed: %(reason)s", reason=reason.strip()),
                author_id=self.env.user.partner_id.id,
                partner_ids=review.manager_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True
