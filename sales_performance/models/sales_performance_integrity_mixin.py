# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import math
from contextlib import contextmanager

import psycopg2
from psycopg2 import errorcodes

from odoo import api, fields, models
from odoo.exceptions import ValidationError

MAX_NUMBER = 1e15  # beyond any amount or count a sales team handles
INT32 = 2**31 - 1


class SalesPerformanceIntegrityMixin(models.AbstractModel):
    """Bad input ends in a ValidationError naming the field, with nothing written.

    Before the ORM sees them, values are checked against their field's type (a text for a
    number, an unknown selection key, a date that is no date...), which the ORM would turn into
    a bare ValueError. The database stays the last word on uniqueness and ranges (two workers
    can pass any Python check at once): create and write run in a savepoint, and constraint
    violations come back as messages naming the field.

    A model's own pre-checks (rules that must hold before any SQL runs) go in one hook,
    ``_validate_vals``; SQL constraints and ``@api.constrains`` are the only other owners of
    a rule. No model writes a create/write shell of its own to pre-validate.
    """

    _name = "sales.performance.integrity.mixin"
    _description = "Sales Performance: clear errors for bad input"

    def _integrity_messages(self):
        """{constraint or index name: message}; messages should name the field."""
        return {f"{self._table}_{name}": message for name, _definition, message in self._sql_constraints}

    @contextmanager
    def _integrity_guard(self):
        # Not a flushing savepoint: entering one runs the precommit hooks, and mail tracking
        # keeps the old values of the fields being written there until the commit. Run at
        # that moment (before the write), the tracking would see no change and drop it: no
        # old -> new value in the chatter nor in the audit trail. Flush by hand instead.
        self.env.flush_all()
        try:
            with self.env.cr.savepoint(flush=False):
                try:
                    yield
                except Exception:
                    self.env.transaction.clear()  # the cache holds what the database refused
                    raise
        except psycopg2.IntegrityError as error:
            constraint = error.diag.constraint_name
            message = self._integrity_messages().get(constraint)
            if not message and error.pgcode == errorcodes.FOREIGN_KEY_VIOLATION:
                message = self._foreign_key_message(constraint)
            if not message and error.pgcode == errorcodes.NOT_NULL_VIOLATION:
                field = self._fields.get(error.diag.column_name)
                label = field._description_string(self.env) if field else error.diag.column_name
                message = self.env._("%(field)s: a value is required.", field=label)
            if not message:
                raise
            raise ValidationError(message) from None

    def _foreign_key_message(self, constraint):
        for name, field in self._fields.items():
            if field.type == "many2one" and constraint == f"{self._table}_{name}_fkey":
                return self.env._(
                    "%(field)s: the record chosen does not exist.", field=field._description_string(self.env)
                )
        return None

    # ------------------------------------------------------------------ type checks
    def _check_value_types(self, vals):
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                raise ValidationError(
                    self.env._("%(field)s: %(model)s has no such field.", field=name, model=self._description)
                )
            if value is False or value is None:
                continue
            problem = self._value_problem(field, value)
            if problem:
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(value)r %(problem)s",
                        field=field._description_string(self.env),
                        value=value if not isinstance(value, str) else value[:80],
                        problem=problem,
                    )
                )

    def _value_problem(self, field, value):
        """Why ``value`` does not fit ``field``, or None."""
        checker = {
            "float": self._number_problem,
            "monetary": self._number_problem,
            "integer": self._number_problem,
            "date": self._date_problem,
            "datetime": self._date_problem,
            "many2one": self._id_problem,
            "selection": self._choice_problem,
            "char": self._text_problem,
            "text": self._text_problem,
            "html": self._text_problem,
            "boolean": self._flag_problem,
        }.get(field.type)
        return checker(field, value) if checker else None

    def _number_problem(self, field, value):
        if isinstance(value, bool):
            return self.env._("is not a number.")
        try:
            number = float(value)
        except (TypeError, ValueError):
            return self.env._("is not a number.")
        if not math.isfinite(number) or abs(number) > MAX_NUMBER:
            return self.env._("is too large.")
        if field.type == "integer" and (abs(number) > INT32 or number != int(number)):
            return self.env._("is not a whole number in range.")
        return None

    def _date_problem(self, field, value):
        converter = fields.Date.to_date if field.type == "date" else fields.Datetime.to_datetime
        try:
            converter(value)
        except (TypeError, ValueError):
            return self.env._("is not a valid date.")
        return None

    def _id_problem(self, field, value):
        if isinstance(value, bool) or not isinstance(value, (int, models.NewId)):
            return self.env._("is not the id of a record.")
        return None

    def _choice_problem(self, field, value):
        return None if value in field.get_values(self.env) else self.env._("is not one of the choices.")

    def _text_problem(self, field, value):
        if not isinstance(value, str):
            return self.env._("is not a text.")
        if field.required and not value.strip():
            return self.env._("is empty; a value is required.")
        return None

    def _check_records_exist(self, vals, names):
        """Refuse ids of records that do not exist among ``vals[names]``: for values read
        before the record is made (a compute would fail on them with no field named)."""
        for name in names:
            value = vals.get(name)
            if not isinstance(value, int) or isinstance(value, bool):
                continue
            # exists() reads no data, only whether the row is there
            if not self.env[self._fields[name].comodel_name].browse(value).exists():
                raise ValidationError(self._foreign_key_message(f"{self._table}_{name}_fkey"))

    def _flag_problem(self, field, value):
        return None if value in (True, False, 0, 1) else self.env._("is not true or false.")

    # ------------------------------------------------------------------ required values
    def _check_required_values(self, vals):
        """Refuse a required field left empty: missing on create (after its default) or
        written empty. Computed fields fill themselves and are left to the database."""
        required = [
            name
            for name, field in self._fields.items()
            if field.required and field.store and not field.compute and not field.related and name != "id"
        ]
        if self:
            names = [name for name in required if name in vals]
        else:
            missing = [name for name in required if name not in vals]
            defaults = self.default_get(missing) if missing else {}
            vals = {**defaults, **vals}
            names = required
        for name in names:
            value = vals.get(name)
            if value is False or value is None or (isinstance(value, str) and not value.strip()):
                self._raise_required(name)

    def _raise_required(self, fname):
        label = self._fields[fname]._description_string(self.env)
        raise ValidationError(self.env._("%(field)s: a value is required.", field=label))

    # ------------------------------------------------------------------ the validation hook
    def _validate_vals(self, vals):
        """Check ``vals`` before they reach the database; raise a ValidationError naming the
        field. Called on create once per values dict (``self`` empty) and on write once with
        the records written. Override (calling super) for rules that need no SQL."""
        return None

    def _value_of(self, vals, fname, record=None):
        """The value ``fname`` will have after this create/write: ``vals`` first, else the
        ``record``'s current value (an id for a many2one), else the field's default."""
        if fname in vals:
            return vals[fname]
        if record:
            value = record[fname]
            return value.id if self._fields[fname].type == "many2one" else value
        return self.default_get([fname]).get(fname)

    def _check_user_in_company(self, user_field, company_field, what):
        """Refuse records whose salesperson (``user_field``) cannot work in their company;
        ``what`` names the document in the message (e.g. "the coaching")."""
        for record in self:
            user, company = record[user_field], record[company_field]
            if user and company and company not in user.company_ids:
                raise ValidationError(
                    self.env._(
                        "Salesperson: %(user)s has no access to %(company)s, the company of %(what)s.",
                        user=user.name,
                        company=company.name,
                        what=what,
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        model = self.browse()
        for vals in vals_list:
            self._check_value_types(vals)
            model._check_required_values(vals)
            model._validate_vals(vals)
        with self._integrity_guard():
            records = super().create(vals_list)
            records.flush_recordset()
        return records

    def write(self, vals):
        self._check_value_types(vals)
        if self:
            self._check_required_values(vals)
            self._validate_vals(vals)
        with self._integrity_guard():
            result = super().write(vals)
            self.flush_recordset()
        return result
