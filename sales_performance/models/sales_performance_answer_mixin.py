# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.exceptions import AccessError


class SalesPerformanceAnswerMixin(models.AbstractModel):
    """Documents a salesperson may only read but answers (acknowledge, discuss, dispute).

    The answer is written by ``_write_as_salesperson`` after checking the document is theirs,
    and only into ``_answer_fields``.
    """

    _name = "sales.performance.answer.mixin"
    _description = "Sales Performance: answered by its salesperson"
    _answer_fields = frozenset()

    # ------------------------------------------------------------------ business
    def _check_answered_by_owner(self):
        for record in self:
            if record.user_id != self.env.user and not self.env.su:
                raise AccessError(
                    self.env._(
                        "Salesperson: only %(user)s can answer %(record)s.",
                        user=record.user_id.name,
                        record=record.display_name,
                    )
                )

    def _write_as_salesperson(self, vals):
        assert set(vals) <= self._answer_fields, "only the salesperson's answer fields"
        self._check_answered_by_owner()
        # sudo: the salesperson has read-only access; ownership is checked just above and only
        # the answer fields of the model (_answer_fields) are written.
        self.sudo().write(vals)
