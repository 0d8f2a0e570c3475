# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Whose figure a goal measures: the company, a sales team or a salesperson."""

SCOPE_COMPANY = "company"
SCOPE_TEAM = "team"
SCOPE_USER = "user"
ALL_SCOPES = frozenset((SCOPE_COMPANY, SCOPE_TEAM, SCOPE_USER))


def owner_of(scope, company, team, user):
    """The owner of a goal of ``scope``, among its company, team and salesperson (ids or records).

    A salesperson's goal is theirs whatever team it is measured in: the team does not make
    another owner (their goals form one scorecard). None for an unknown scope.
    """
    return {SCOPE_COMPANY: company, SCOPE_TEAM: team, SCOPE_USER: user}.get(scope)


def owner_key(scope, company, team, user):
    """``(scope, owner)``: the key under which the engine reports a goal's figure."""
    return (scope, owner_of(scope, company, team, user))
