from contextlib import contextmanager

import psycopg2

from odoo import api, models
from odoo.exceptions import ValidationError


class SalesPerformanceIntegrityMixin(models.AbstractModel):
    """Turn database constraint violations into a ValidationError naming the field.

    The database is the last word on uniqueness and ranges (two workers can pass any Python
    check at the same time), but a raw IntegrityError is no message for a user. Create and
    write run in a savepoint, so a refused write leaves nothing half-written.
    """

    _name = "sales.performance.integrity.mixin"
    _description = "Sales Performance: database constraints as clear errors"

    def _integrity_messages(self):
        """{constraint or index name: message}; messages should name the field."""
        return {f"{self._table}_{name}": message for name, _definition, message in self._sql_constraints}

    @contextmanager
    def _integrity_guard(self):
        try:
            with self.env.cr.savepoint():
                yield
        except psycopg2.IntegrityError as error:
            constraint = error.diag.constraint_name
            message = self._integrity_messages().get(constraint)
            if not message:
                raise
            raise ValidationError(message) from None

    @api.model_create_multi
    def create(self, vals_list):
        with self._integrity_guard():
            records = super().create(vals_list)
            records.flush_recordset()
        return records

    def write(self, vals):
        with self._integrity_guard():
            result = super().write(vals)
            self.flush_recordset()
        return result
