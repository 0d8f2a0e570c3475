# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import math
from contextlib import contextmanager

import psycopg2
from psycopg2 import errorcodes

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

MAX_NUMBER = 1e15  # beyond any amount or count a sales team handles
INT32 = 2**31 - 1
MIN_YEAR, MAX_YEAR = 1900, 2999  # dates a sales plan can mean


def ensure_one_record(records):
    """``ensure_one`` for a public method: a UserError, not a ValueError, when a client sends
    anything but the id of one record (ids as text, several ids)."""
    ids = records._ids
    if len(ids) != 1 or isinstance(ids[0], (bool, str)):
        raise UserError(records.env._("%(model)s: this action takes one record.", model=records._description))
    return records


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
            "one2many": self._commands_problem,
            "many2many": self._commands_problem,
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
            converted = converter(value)
        except (TypeError, ValueError, OverflowError):
            return self.env._("is not a valid date.")
        if converted and not MIN_YEAR <= converted.year <= MAX_YEAR:
            # periods and paces add days and months to dates: year 9999 would overflow there
            return self.env._("is out of range (years %(min)s to %(max)s).", min=MIN_YEAR, max=MAX_YEAR)
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

    def _commands_problem(self, field, value):
        """A list of commands (or of ids): what Odoo's x2many write takes."""
        if not isinstance(value, (list, tuple)):
            return self.env._("is not a list of commands.")
        for command in value:
            if isinstance(command, (list, tuple)):
                if not command or isinstance(command[0], bool) or command[0] not in range(7):
                    return self.env._("is not a list of commands.")
            elif isinstance(command, bool) or not isinstance(command, (int, models.NewId)):
                return self.env._("is not a list of commands.")
        return None

    def _check_foreign_keys(self, vals_list):
        """Refuse ids of records that do not exist, before the database does (its refusal is
        logged as an error): one query per model pointed at. Server code (sudo) gives ids it
        read itself and is not checked."""
        if self.env.su:
            return
        wanted = {}
        for vals in vals_list:
            for name, value in vals.items():
                field = self._fields.get(name)
                if field and field.type == "many2one" and isinstance(value, int) and not isinstance(value, bool):
                    wanted.setdefault(name, set()).add(value)
        for name, ids in wanted.items():
            # sudo: only whether the rows exist is read (the record rules speak at the write).
            existing = set(self.env[self._fields[name].comodel_name].sudo().browse(ids).exists().ids)
            if ids - existing:
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

    # ------------------------------------------------------------------ protected fields
    def _protected_fields(self):
        """``{field name: the action that changes it}``: the money, measured, workflow and
        answer fields of the model. Only its actions and jobs write them: server code that
        checked who may act, then writes under ``sudo()``. Any other create or write giving
        them a value is refused, whoever calls (administrators use the actions too); a new
        record may only keep their defaults."""
        return {}

    def _check_protected_fields(self, vals, creating=False):
        if self.env.su:
            return
        protected = self._protected_fields()
        names = [name for name in vals if name in protected]
        if names and creating:
            defaults = self.default_get(names)
            names = [name for name in names if (vals[name] or False) != (defaults.get(name) or False)]
        if names:
            # An AccessError: nobody may write the field directly (as the record rules say of
            # the records one may not write).
            field = self._fields[names[0]]
            raise AccessError(
                self.env._(
                    "%(field)s: changed only by %(action)s, never written directly.",
                    field=field._description_string(self.env),
                    action=protected[names[0]],
                )
            )

    # ------------------------------------------------------------------ method arguments
    @api.model
    def _text_argument(self, value, label, required=True):
        """A text given to a public method (a reason, an answer), stripped; a ValidationError
        naming ``label`` for anything else (a number, a list) or, when ``required``, nothing."""
        if value is None or value is False:
            value = ""
        if not isinstance(value, str):
            raise ValidationError(self.env._("%(field)s: %(value)r is not a text.", field=label, value=value))
        if required and not value.strip():
            raise ValidationError(self.env._("%(field)s: a text is required.", field=label))
        return value.strip()

    # ------------------------------------------------------------------ who may act
    @api.model
    def _salesperson_teams(self, user):
        """The sales teams ``user`` works in: those they are an active member of, or lead."""
        Team = self.env["crm.team"].sudo()
        return Team.search(["|", ("user_id", "=", user.id), ("member_ids", "in", user.ids)])

    def _check_team_of_salesperson(self, vals, user_field="user_id", team_field="team_id", manager_field=None):
        """Team and manager follow the salesperson: a record's team is one of its
        salesperson's teams, its manager the leader of that team; never what a caller puts
        there to reach a record outside his teams. Server code (sudo) moves records between
        teams with ``_move_to_team``."""
        if self.env.su or not {user_field, team_field, manager_field} & set(vals):
            return
        for record in self or [None]:
            user_id = self._value_of(vals, user_field, record)
            team_id = self._value_of(vals, team_field, record)
            if not user_id or not isinstance(user_id, int):
                continue
            user = self.env["res.users"].sudo().browse(user_id)
            teams = self._salesperson_teams(user)
            if team_id and team_id not in teams.ids:
                raise ValidationError(
                    self.env._(
                        "Sales Team: %(user)s does not work in this team; the team follows the salesperson.",
                        user=user.name,
                    )
                )
            if manager_field and manager_field in vals and vals[manager_field]:
                team = self.env["crm.team"].sudo().browse(team_id) if team_id else teams
                if vals[manager_field] not in team.user_id.ids:
                    raise ValidationError(
                        self.env._(
                            "Manager: the manager is the leader of %(user)s's team; it follows the salesperson.",
                            user=user.name,
                        )
                    )

    def _move_to_team(self, team):
        """Move the records to ``team`` (and its leader): for a transfer, by server code that
        checked the move is allowed (under sudo: team and manager are derived fields)."""
        vals = {"team_id": team.id}
        if "manager_id" in self._fields:
            vals["manager_id"] = team.user_id.id
        self.sudo().write(vals)
        return True

    def _check_may_act(self, operation="write"):
        """Who may act follows the salesperson: the record rules of ``operation`` (a manager's
        are the salespeople of the teams he leads or belongs to). AccessError otherwise."""
        if self.env.su:
            return
        self.check_access(operation)

    def _check_acts_for_salesperson(self):
        """A manager's decision (submit, approve) is for a salesperson of his team: the record
        rules read the record's team, so a record whose team is no longer (or never was) its
        salesperson's reaches nobody that way; a transfer moves what is pending first."""
        if self.env.su:
            return
        for record in self:
            if record.team_id and record.user_id and record.team_id not in self._salesperson_teams(record.user_id):
                raise AccessError(
                    self.env._(
                        "Sales Team: %(user)s does not work in %(team)s; move the record to the "
                        "salesperson's team first.",
                        user=record.user_id.name,
                        team=record.team_id.name,
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        model = self.browse()
        for vals in vals_list:
            model._check_protected_fields(vals, creating=True)
            self._check_value_types(vals)
        self._check_foreign_keys(vals_list)
        for vals in vals_list:
            model._check_required_values(vals)
            model._validate_vals(vals)
        with self._integrity_guard():
            records = super().create(vals_list)
            records.flush_recordset()
        return records

    def write(self, vals):
        self._check_protected_fields(vals)
        self._check_value_types(vals)
        self._check_foreign_keys([vals])
        if self:
            self._check_required_values(vals)
            self._validate_vals(vals)
        with self._integrity_guard():
            result = super().write(vals)
            self.flush_recordset()
        return result
