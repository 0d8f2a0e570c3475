"""Checks of create/write values that must fail with a message naming the field.

A missing required value would otherwise reach PostgreSQL as a NOT NULL violation (logged as
an error, shown as a raw message) and an unknown selection key would raise a bare ValueError.
These checks run before any SQL, so a refused create or write leaves nothing behind.
"""

from odoo.exceptions import ValidationError


def check_values(model, vals, required=(), current=None):
    """Refuse ``vals`` if a selection key is unknown or a required field ends up empty.

    ``required`` lists the fields checked; on create (``current`` is None) a field absent
    from ``vals`` takes its default, on write (``current`` is the record) it keeps its value.
    """
    env = model.env
    for fname, value in vals.items():
        field = model._fields.get(fname)
        if field is None or field.type != "selection" or value in (False, None):
            continue
        allowed = field.get_values(env)
        if value not in allowed:
            raise ValidationError(
                env._(
                    "%(field)s: %(value)r is not a valid choice (%(allowed)s).",
                    field=field._description_string(env),
                    value=value,
                    allowed=", ".join(allowed),
                )
            )
    missing = [fname for fname in required if fname not in vals]
    defaults = model.default_get(missing) if current is None and missing else {}
    for fname in required:
        if fname in vals:
            value = vals[fname]
        elif current is not None:
            continue
        else:
            value = defaults.get(fname)
        if not value:
            raise ValidationError(
                env._("%(field)s: a value is required.", field=model._fields[fname]._description_string(env))
            )


def check_user_in_company(records, user_field, company_field, what):
    """Refuse records whose salesperson (``user_field``) cannot work in their company.

    ``what`` names the document in the message, e.g. "the coaching".
    """
    for record in records:
        user, company = record[user_field], record[company_field]
        if user and company and company not in user.company_ids:
            raise ValidationError(
                records.env._(
                    "Salesperson: %(user)s has no access to %(company)s, the company of %(what)s.",
                    user=user.name,
                    company=company.name,
                    what=what,
                )
            )
