# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Who may read, write, create and delete each model of our addons: the designed access matrix.

Pure data, no Odoo import, so that it renders without a database::

    python3 tests/access_matrix.py            # print the Markdown table
    python3 tests/access_matrix.py --write    # regenerate tests/ACCESS_MATRIX.md

``tests/test_access_matrix.py`` checks every cell with the ORM and over XML-RPC, that every
model of both addons has a row, and that ACCESS_MATRIX.md is the rendering of this table.

A cell lists the operations the role is allowed on the record the row names: R read,
W write, C create, U unlink (delete); an empty cell means none. MATRIX holds the access as
designed. Where the addons do not grant that today, KNOWN_GAPS holds what they grant instead
and why the design differs: the test asserts today's behaviour for those cells, so fixing the
addon makes it fail until the entry is removed (and the designed cell is enforced).
"""

import sys
from pathlib import Path

OPERATIONS = "RWCU"

ROLES = {
    "salesperson_a": "Salesperson A (rep_1, Team A)",
    "salesperson_b": "Salesperson B (same team)",
    "salesperson_c": "Salesperson C (other team)",
    "team_manager": "Team manager (leader of Team A)",
    "other_manager": "Manager of another team",
    "administrator": "Performance administrator",
    "accountant": "Incentive accountant",
    "other_company": "Salesperson of another company",
    "portal": "Portal user",
}

ROLE_DEFINITIONS = {
    "salesperson_a": "`sales_team.group_sale_salesman`, member of Team A; owns the records of the rows",
    "salesperson_b": "`sales_team.group_sale_salesman`, member of Team A",
    "salesperson_c": "`sales_team.group_sale_salesman`, member of Team B",
    "team_manager": "`group_sales_performance_manager`, leader of Team A (not a member)",
    "other_manager": "`group_sales_performance_manager`, leader of Team B",
    "administrator": "`group_sales_performance_admin`, in no team",
    "accountant": "`account.group_account_manager` + `sales_team.group_sale_salesman` + "
    "`sales_performance_incentive.group_incentive_accountant`, in no team",
    "other_company": "`sales_team.group_sale_salesman` whose only company is the other company",
    "portal": "`base.group_portal`",
}

# Column order: A, B (same team), C (other team), team manager, other manager, administrator,
# accountant, other company, portal.
MATRIX = {
    # sales_performance
    "sales.performance.period": ("R", "R", "R", "R", "R", "RWCU", "R", "", ""),
    "sales.performance.kpi.source": ("R", "R", "R", "R", "R", "RW", "R", "R", ""),
    "sales.performance.kpi": ("R", "R", "R", "R", "R", "RWCU", "R", "", ""),
    "sales.performance.goal": ("R", "", "", "RWCU", "", "RWCU", "", "", ""),
    "sales.performance.plan": ("R", "", "", "RWCU", "", "RWCU", "", "", ""),
    "sales.performance.rating.scale": ("R", "R", "R", "R", "R", "RWCU", "R", "", ""),
    "sales.performance.rating.band": ("R", "R", "R", "R", "R", "RWCU", "R", "", ""),
    "sales.performance.review": ("R", "", "", "RWC", "", "RWCU", "", "", ""),
    "sales.performance.review.line": ("R", "", "", "RW", "", "RW", "", "", ""),
    "sales.performance.coaching": ("R", "", "", "RWCU", "", "RWCU", "", "", ""),
    "sales.performance.coaching.action": ("R", "", "", "RWCU", "", "RWCU", "", "", ""),
    "sales.performance.feedback": ("RC", "C", "C", "RWCU", "C", "RWCU", "C", "", ""),
    "sales.performance.audit": ("", "", "", "", "", "R", "", "", ""),
    # sales_performance_incentive
    "sales.incentive.plan": ("R", "R", "R", "R", "R", "RWCU", "R", "", ""),
    "sales.incentive.assignment": ("R", "R", "R", "R", "R", "RWCU", "R", "", ""),
    "sales.incentive.component": ("R", "R", "R", "R", "R", "RWCU", "R", "", ""),
    "sales.incentive.curve.point": ("R", "R", "R", "R", "R", "RWCU", "R", "", ""),
    "sales.incentive.category.rate": ("R", "R", "R", "R", "R", "RWCU", "R", "", ""),
    "sales.incentive.band.rate": ("R", "R", "R", "R", "R", "RWCU", "R", "", ""),
    "sales.incentive.statement": ("R", "", "", "RWC", "", "RWCU", "R", "", ""),
    "sales.incentive.statement.line": ("R", "", "", "R", "", "R", "R", "", ""),
    "sales.incentive.award.rule": ("", "", "", "R", "R", "RWCU", "", "", ""),
    "sales.incentive.award": ("R", "R", "R", "RWCU", "R", "RWCU", "R", "", ""),
}

# The record each row is checked on (created by the test; "A" is Salesperson A, rep_1).
RECORDS = {
    "sales.performance.period": "an open month of the company, without goals",
    "sales.performance.kpi.source": "the Revenue source (shared by all companies)",
    "sales.performance.kpi": "a KPI of the company, used by no goal",
    "sales.performance.goal": "A's goal in Team A, in A's shared plan",
    "sales.performance.plan": "A's shared plan (delete: A's draft plan of another period)",
    "sales.performance.rating.scale": "a rating scale of the company, used by no review",
    "sales.performance.rating.band": "a band of that scale",
    "sales.performance.review": "A's shared review, manager: the team manager",
    "sales.performance.review.line": "a line of A's shared review (write, delete, create: of A's draft review; "
    "lines are made only by the review's snapshot of the goals)",
    "sales.performance.coaching": "a planned session of A, coached by the team manager",
    "sales.performance.coaching.action": "an open action of that session, for A",
    "sales.performance.feedback": "customer feedback about A, logged by someone else",
    "sales.performance.audit": "the audit row of A's plan acknowledgment (tracked by A): read-only for all; "
    "the incentive accountant reads the rows of statements only",
    "sales.incentive.plan": "a draft incentive plan of the company",
    "sales.incentive.assignment": "A's assignment to that plan",
    "sales.incentive.component": "a commission component of that plan",
    "sales.incentive.curve.point": "a payout-curve point of a bonus component",
    "sales.incentive.category.rate": "a commission rate by category",
    "sales.incentive.band.rate": "a bonus by rating",
    "sales.incentive.statement": "A's approved statement (write, delete: A's statement to approve)",
    "sales.incentive.statement.line": "a line of A's approved statement",
    "sales.incentive.award.rule": "an award rule of the company",
    "sales.incentive.award": "an award given to A",
}

_MULTI_COMPANY = (
    "no multi-company record rule: the salesperson of another company reads the records of this "
    "company (the README promises multi-company rules on every model)"
)
_STATEMENT_LINE_READ = (
    "statement lines have only a company rule: every salesperson reads the lines (the amounts) of "
    "every colleague's statement, while the statements themselves are restricted"
)
_STATEMENT_LINE_WRITE = (
    "any manager (of any team, even about their own statement) and the administrator write, add and "
    "delete lines of an approved statement, changing the total the accountant posts; the statement "
    "itself is read-only once approved"
)
_AWARD_TEAMS = (
    "awards have only a company rule: any manager grants, changes and withdraws the awards of "
    "salespeople of other teams, and their own (with the badge they carry)"
)

# {(model, role): (what the addons grant today, (why the design differs, ...))}
KNOWN_GAPS = {}


def designed(model, role):
    """The operations ``role`` should be allowed on ``model``'s record, e.g. 'RW'."""
    return MATRIX[model][list(ROLES).index(role)]


def granted_today(model, role):
    """The operations the addons grant today: the designed ones, unless a known gap says otherwise."""
    gap = KNOWN_GAPS.get((model, role))
    return gap[0] if gap else designed(model, role)


def _cell(letters):
    return " ".join(op if op in letters else "·" for op in OPERATIONS)


def render_markdown():
    roles = list(ROLES)
    notes = {}  # reason -> note number, in order of first appearance
    for model in MATRIX:
        for role in roles:
            for reason in KNOWN_GAPS.get((model, role), ("", ()))[1]:
                notes.setdefault(reason, len(notes) + 1)
    lines = [
        "# Access matrix",
        "",
        "<!-- Generated by tests/access_matrix.py from the table that tests/test_access_matrix.py checks "
        "(ORM and XML-RPC); do not edit by hand: python3 tests/access_matrix.py --write -->",
        "",
        "Operations allowed on one record of each model: **R** read, **W** write, **C** create, "
        "**U** unlink (delete); `·` denied. Salesperson A owns the records; the team manager leads A's "
        "team. A cell marked ⚠ is the designed access, which the addons do not implement yet: the note "
        "says what they grant today.",
        "",
        "| Model | Record checked | " + " | ".join(ROLES[role] for role in roles) + " |",
        "|---|---|" + "---|" * len(roles),
    ]
    for model in MATRIX:
        cells = []
        for role in roles:
            cell = f"`{_cell(designed(model, role))}`"
            gap = KNOWN_GAPS.get((model, role))
            if gap:
                cell += " ⚠" + ",".join(str(notes[reason]) for reason in gap[1])
            cells.append(cell)
        lines.append(f"| `{model}` | {RECORDS[model]} | " + " | ".join(cells) + " |")
    lines += ["", "Roles:", ""]
    lines += [f"- **{ROLES[role]}**: {ROLE_DEFINITIONS[role]}." for role in roles]
    if notes:
        lines += ["", "Known gaps (today's access in brackets):", ""]
        for reason, number in notes.items():
            cells = [
                f"{ROLES[role]} on `{model}` [`{_cell(today)}`]"
                for (model, role), (today, reasons) in KNOWN_GAPS.items()
                if reason in reasons
            ]
            lines.append(f"{number}. {reason[0].upper()}{reason[1:]}. " + "; ".join(cells) + ".")
    return "\n".join(lines) + "\n"


MARKDOWN_PATH = Path(__file__).with_name("ACCESS_MATRIX.md")

if __name__ == "__main__":
    text = render_markdown()
    if "--write" in sys.argv[1:]:
        MARKDOWN_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {MARKDOWN_PATH}")
    else:
        sys.stdout.write(text)
