# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from odoo import models

_logger = logging.getLogger(__name__)


class IrCron(models.Model):
    _inherit = "ir.cron"

    # ------------------------------------------------------------------ business
    def _sales_performance_commit_chunk(self, done, remaining):
        """Report a finished chunk of a job and, when the scheduler runs it, commit the chunk.

        A job interrupted later (killed worker, lock timeout, crash) keeps the chunks already
        committed, and its rerun skips them because they are done. Outside the scheduler (a
        button, a test) nothing is committed: the caller's transaction decides.
        """
        _logger.debug("Sales performance job: chunk done (%d done, %d remaining)", done, remaining)
        self._notify_progress(done=done, remaining=remaining)
        if self.env.context.get("cron_id"):
            self.env.cr.commit()  # pylint: disable=invalid-commit
