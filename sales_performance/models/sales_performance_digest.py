# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from collections import defaultdict

from odoo import api, fields, models

from ..engine import sources

_logger = logging.getLogger(__name__)


class SalesPerformanceDigest(models.AbstractModel):
    """The managers' digest: one e-mail per team leader with their team's goals."""

    _name = "sales.performance.digest"
    _description = "Sales Performance Digest"

    # ------------------------------------------------------------------ business
    @api.model
    def _cron_send_digests(self, limit=20):
        """Queue today's digests, ``limit`` companies per call (the scheduler commits each call
        and calls again while some remain). A company is marked served in the same transaction
        as its e-mails, so a rerun after an interruption skips it: no digest is queued twice."""
        today = fields.Date.context_today(self)
        frequencies = ["daily", "weekly"] if today.weekday() == 0 else ["daily"]
        due_domain = [
            ("performance_digest", "in", frequencies),
            "|",
            ("performance_digest_last_sent", "=", False),
            ("performance_digest_last_sent", "<", today),
        ]
        companies = self.env["res.company"].search(due_domain, order="id", limit=limit)
        _logger.info("Performance digests: %d companies due (%s)", len(companies), ", ".join(frequencies))
        mails = self.env["mail.mail"]
        for company in companies:
            mails |= self._queue_company_digests(company)
            company.performance_digest_last_sent = today
        remaining = self.env["res.company"].search_count(due_domain) if len(companies) == limit else 0
        _logger.info(
            "Performance digests: %d e-mails queued for %d companies, %d companies left for the next call",
            len(mails),
            len(companies),
            remaining,
        )
        self.env["ir.cron"]._notify_progress(done=len(companies), remaining=remaining)
        return mails

    @api.model
    def _queue_company_digests(self, company):
        goals = self.env["sales.performance.goal"].search(
            [
                ("company_id", "=", company.id),
                ("period_id.state", "=", "open"),
                ("scope", "=", sources.SCOPE_USER),
                ("team_id.user_id", "!=", False),
            ],
            order="team_id, user_id, kpi_id",
        )
        by_leader = defaultdict(lambda: self.env["sales.performance.goal"])
        for goal in goals:
            by_leader[goal.team_id.user_id] |= goal
        values = []
        for leader, leader_goals in by_leader.items():
            if not leader.email:
                _logger.info(
                    "Performance digest of %s: team leader %s has no e-mail address", company.name, leader.login
                )
                continue
            body = self.env["ir.qweb"]._render(
                "sales_performance.digest_body", {"leader": leader, "goals": leader_goals, "company": company}
            )
            values.append(
                {
                    "subject": self.env._("Sales performance of your team - %(company)s", company=company.name),
                    "email_from": company.email_formatted or self.env.user.email_formatted,
                    "email_to": leader.email_formatted,
                    "body_html": body,
                    "auto_delete": True,
                }
            )
        # sudo: mail.mail is technical (no user may create it); the job writes one e-mail per
        # team leader, addressed to that leader only, with the goals of their own team.
        return self.env["mail.mail"].sudo().create(values)
