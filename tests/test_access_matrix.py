# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Every model of both addons x every role x read / write / create / unlink, with the ORM and
over XML-RPC, against the table of ``access_matrix.py`` (rendered into ACCESS_MATRIX.md).

Each operation runs for real, as the role's user, inside a savepoint that is rolled back: an
allowed operation must succeed, a denied one must fail with an AccessError (XML-RPC fault code
4). Any other outcome (a business error, a crash) is reported as a broken fixture, since it
proves neither. The record of each model belongs to Salesperson A (rep_1) and Team A.
"""

import xmlrpc.client
from dataclasses import dataclass, field
from datetime import date

from odoo import Command, api
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user
from odoo.tools import mute_logger

from odoo.addons.sales_performance.tests.common import SalesPerformanceScenario

from . import access_matrix
from .access_matrix import KNOWN_GAPS, MATRIX, OPERATIONS, ROLES
from .common import CrossModuleCase, rpc_password

ADDONS = ("sales_performance", "sales_performance_incentive")
RPC_ACCESS_ERROR = 4  # odoo.addons.base.controllers.rpc.RPC_FAULT_CODE_ACCESS_ERROR
METHODS = {"R": "read", "W": "write", "C": "create", "U": "unlink"}


class _Undo(Exception):
    """Raised after a successful operation to roll its savepoint back."""


@dataclass
class Check:
    """How to exercise one model: its record, and the values written and created."""

    record: object
    write: dict
    create: dict
    write_record: object = None  # when the record cannot be written for a business reason
    unlink_record: object = None  # when it cannot be deleted for a business reason
    read_fields: list = field(default_factory=list)

    def target(self, operation):
        if operation == "W":
            return self.write_record or self.record
        if operation == "U":
            return self.unlink_record or self.record
        return self.record

    def fields(self):
        return self.read_fields or [*self.write, "display_name"]


class TestAccessMatrix(CrossModuleCase, SalesPerformanceScenario, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.april = cls._create_period(date(2026, 4, 1), date(2026, 4, 30), "month", name="2026-04")
        cls.users = {
            "salesperson_a": cls.rep_1,
            "salesperson_b": cls.rep_2,
            "salesperson_c": cls.rep_3,
            "team_manager": cls.manager_a,
            "other_manager": cls.manager_b,
            "administrator": cls._create_user(
                "matrix_admin", "Performance Admin", "sales_performance.group_sales_performance_admin"
            ),
            "accountant": cls._create_user(
                "matrix_accountant",
                "Incentive Accountant",
                "account.group_account_manager,sales_performance_incentive.group_incentive_accountant",
            ),
            "other_company": cls._create_user("matrix_outsider", "Other Company Rep", company=cls.other_company),
            "portal": new_test_user(cls.env, login="matrix_portal", groups="base.group_portal"),
        }
        cls.checks = {**cls._performance_checks(), **cls._incentive_checks()}

    @classmethod
    def _performance_checks(cls):
        company, rep, team = cls.company, cls.rep_1, cls.team_a
        revenue, margin = cls.kpi["revenue"], cls.kpi["margin"]
        goal = cls._create_goal(cls.march, revenue, 300, user=rep, team=team, weight=100)
        plan = cls.env["sales.performance.plan"].create({"period_id": cls.march.id, "user_id": rep.id})
        plan.action_share()
        draft_plan = cls.env["sales.performance.plan"].create({"period_id": cls.february.id, "user_id": rep.id})
        line = {"goal_id": goal.id, "kpi_id": revenue.id, "target": 300, "actual": 330, "weight": 100}
        # sudo: the reviews are made as the evaluation makes them (server code), with these
        # snapshot lines; a client's create takes its lines from the goals.
        Review = cls.env["sales.performance.review"].sudo()
        review = Review.create(
            {
                "period_id": cls.march.id,
                "user_id": rep.id,
                "team_id": team.id,
                "manager_id": cls.manager_a.id,
                "plan_id": plan.id,
                "line_ids": [Command.create(line)],
            }
        ).sudo(False)
        review.action_share()
        draft_review = Review.create(
            {
                "period_id": cls.february.id,
                "user_id": rep.id,
                "team_id": team.id,
                "manager_id": cls.manager_a.id,
                "line_ids": [Command.create({"kpi_id": revenue.id, "target": 100, "actual": 90, "weight": 100})],
            }
        ).sudo(False)
        kpi = cls.env["sales.performance.kpi"].create(
            {"code": "MATRIX", "name": "Matrix KPI", "source_id": revenue.source_id.id, "company_id": company.id}
        )
        cls.scale = cls.env["sales.performance.rating.scale"].create(
            {
                "name": "Matrix scale",
                "company_id": company.id,
                "band_ids": [
                    Command.create({"name": "Good", "min_score": 100}),
                    Command.create({"name": "Fair", "min_score": 0}),
                ],
            }
        )
        cls.band = cls.scale.band_ids.filtered(lambda band: band.name == "Good")
        coaching = cls.env["sales.performance.coaching"].create(
            {
                "salesperson_id": rep.id,
                "coach_id": cls.manager_a.id,
                "company_id": company.id,
                "goal_ids": [Command.set(goal.ids)],
                "topics": "Closing",
            }
        )
        action = cls.env["sales.performance.coaching.action"].create(
            {"coaching_id": coaching.id, "description": "Call back", "date_deadline": date(2026, 3, 31)}
        )
        feedback = cls.env["sales.performance.feedback"].create(
            {
                "rating": "positive",
                "partner_id": cls.customer_1.id,
                "salesperson_id": rep.id,
                "company_id": company.id,
                "note": "Quick answers",
            }
        )
        return {
            "sales.performance.period": Check(
                cls.april,
                write={"name": "2026-04 (renamed)"},
                create={
                    "name": "2026-06",
                    "period_type": "month",
                    "date_start": "2026-06-01",
                    "date_end": "2026-06-30",
                    "company_id": company.id,
                },
            ),
            "sales.performance.kpi.source": Check(
                revenue.source_id,
                write={"description": "Confirmed orders"},
                # refused by the unique code if it were ever allowed: nobody may create sources
                create={"name": "Copy of revenue", "code": revenue.source_id.code},
            ),
            "sales.performance.kpi": Check(
                kpi,
                write={"description": "What we watch"},
                create={
                    "code": "MATRIX2",
                    "name": "Matrix KPI 2",
                    "source_id": revenue.source_id.id,
                    "company_id": company.id,
                },
            ),
            "sales.performance.goal": Check(
                goal,
                write={"swot_strengths": "Strong network"},
                create={
                    "period_id": cls.february.id,
                    "kpi_id": margin.id,
                    "scope": "user",
                    "user_id": rep.id,
                    "team_id": team.id,
                    "target": 100,
                },
            ),
            "sales.performance.plan": Check(
                plan,
                write={"notes": "<p>Focus on margin</p>"},
                create={"period_id": cls.april.id, "user_id": rep.id},
                unlink_record=draft_plan,  # only draft plans may be deleted
            ),
            "sales.performance.rating.scale": Check(
                cls.scale,
                write={"name": "Matrix scale (renamed)"},
                create={
                    "name": "Another scale",
                    "company_id": company.id,
                    "band_ids": [(0, 0, {"name": "Any", "min_score": 0})],  # XML-RPC cannot send a Command
                },
            ),
            "sales.performance.rating.band": Check(
                cls.band,
                write={"description": "Met the targets"},
                create={"scale_id": cls.scale.id, "name": "Great", "min_score": 120},
            ),
            "sales.performance.review": Check(
                review,
                write={"manager_comment": "Well done"},
                create={
                    "period_id": cls.april.id,
                    "user_id": rep.id,
                    "team_id": team.id,
                    "manager_id": cls.manager_a.id,
                },
            ),
            "sales.performance.review.line": Check(
                review.line_ids,
                # the lines of a shared review are frozen: change those of a draft review
                write={"is_adjusted": True, "adjusted_attainment": 95, "adjustment_reason": "Late invoice"},
                create={"review_id": draft_review.id, "kpi_id": margin.id, "target": 10, "actual": 10, "weight": 0},
                write_record=draft_review.line_ids,
                unlink_record=draft_review.line_ids,
            ),
            "sales.performance.coaching": Check(
                coaching,
                write={"topics": "Closing and follow-up"},
                create={
                    "salesperson_id": rep.id,
                    "company_id": company.id,
                    "type": "training",
                    "date": "2026-03-20 09:00:00",
                },
            ),
            "sales.performance.coaching.action": Check(
                action,
                write={"description": "Call back twice"},
                create={"coaching_id": coaching.id, "description": "Send the offer", "date_deadline": "2026-04-15"},
            ),
            "sales.performance.feedback": Check(
                feedback,
                write={"note": "Quick and precise answers"},
                create={
                    "rating": "neutral",
                    "partner_id": cls.customer_2.id,
                    "salesperson_id": rep.id,
                    "company_id": company.id,
                },
            ),
            "sales.performance.audit": Check(
                cls._audit_row_of(plan),
                write={"new_value": "Draft"},
                create={"model": "sales.performance.plan", "res_id": plan.id, "new_value": "Draft"},
                read_fields=["date", "user_id", "model", "document", "field_label", "old_value", "new_value"],
            ),
        }

    @classmethod
    def _audit_row_of(cls, plan):
        """A's acknowledgment of the plan as its chatter tracks it (shared -> acknowledged, by A),
        logged without changing the plan the other rows check."""
        state = plan.fields_get(["state"])["state"]
        tracking = cls.env["mail.tracking.value"]._create_tracking_values("shared", "active", "state", state, plan)
        # sudo: as mail does for tracking messages; the author stays A (the uid is kept).
        plan.with_user(cls.rep_1).sudo()._message_log(tracking_value_ids=[Command.create(tracking)])
        cls.env.flush_all()
        return cls.env["sales.performance.audit"].search([("model", "=", plan._name), ("res_id", "=", plan.id)])

    @classmethod
    def _incentive_checks(cls):
        company, rep, team = cls.company, cls.rep_1, cls.team_a
        # bands of the default scale: the matrix's own scale and band stay free to be deleted
        default_bands = cls.env.ref("sales_performance.rating_scale_default").band_ids
        band_s = default_bands.filtered(lambda band: band.name == "S")
        band_a = default_bands.filtered(lambda band: band.name == "A")
        plan = cls.env["sales.incentive.plan"].create(
            {
                "name": "Matrix incentives",
                "company_id": company.id,
                "component_ids": [
                    Command.create(
                        {
                            "name": "Commission",
                            "component_type": "commission",
                            "default_rate": 2,
                            "category_rate_ids": [Command.create({"categ_id": cls.categ_hard.id, "rate": 10})],
                        }
                    ),
                    Command.create(
                        {
                            "name": "Revenue bonus",
                            "component_type": "attainment_bonus",
                            "target_bonus": 1000,
                            "kpi_id": cls.kpi["revenue"].id,
                            "point_ids": [Command.create({"sequence": 1, "attainment": 100, "payout": 100})],
                        }
                    ),
                    Command.create(
                        {
                            "name": "Rating bonus",
                            "component_type": "rating_bonus",
                            "target_bonus": 500,
                            "band_rate_ids": [Command.create({"band_id": band_s.id, "fixed_amount": 100})],
                        }
                    ),
                ],
            }
        )
        commission, bonus, rating = plan.component_ids.sorted("id")
        assignment = cls.env["sales.incentive.assignment"].create(
            {"plan_id": plan.id, "user_id": rep.id, "date_from": date(2026, 1, 1)}
        )
        Statement = cls.env["sales.incentive.statement"]
        # sudo: computed lines are the generation's doing, not a user's
        statement = (
            Statement.sudo()
            .create(
                {
                    "user_id": rep.id,
                    "period_id": cls.march.id,
                    "team_id": team.id,
                    "line_ids": [
                        Command.create({"name": "Commission", "line_kind": "commission", "base": 200, "amount": 20})
                    ],
                }
            )
            .sudo(False)
        )
        statement.sudo().state = "approved"  # the workflow's doing, not a user's write
        to_approve = Statement.create({"user_id": rep.id, "period_id": cls.february.id, "team_id": team.id})
        to_approve.action_submit()
        award_rule = cls.env["sales.incentive.award.rule"].create(
            {"name": "Top performer", "company_id": company.id, "mode": "top", "top_count": 1}
        )
        award = cls.env["sales.incentive.award"].create(
            {"name": "Top performer", "user_id": rep.id, "period_id": cls.march.id, "rule_id": award_rule.id}
        )
        return {
            "sales.incentive.plan": Check(
                plan,
                write={"name": "Matrix incentives (renamed)"},
                create={"name": "Another plan", "company_id": company.id},
            ),
            "sales.incentive.assignment": Check(
                assignment,
                write={"date_to": "2026-12-31"},
                create={"plan_id": plan.id, "user_id": cls.rep_2.id, "date_from": "2026-01-01"},
            ),
            "sales.incentive.component": Check(
                commission,
                write={"default_rate": 3},
                create={"plan_id": plan.id, "name": "SPIFF", "component_type": "spiff", "spiff_fixed": 5},
            ),
            "sales.incentive.curve.point": Check(
                bonus.point_ids,
                write={"payout": 110},
                create={"component_id": bonus.id, "sequence": 2, "attainment": 150, "payout": 200},
            ),
            "sales.incentive.category.rate": Check(
                commission.category_rate_ids,
                write={"rate": 12},
                create={"component_id": commission.id, "categ_id": cls.categ_easy.id, "rate": 2},
            ),
            "sales.incentive.band.rate": Check(
                rating.band_rate_ids,
                write={"fixed_amount": 150},
                create={"component_id": rating.id, "band_id": band_a.id, "fixed_amount": 10},
            ),
            "sales.incentive.statement": Check(
                statement,
                # an approved statement is read-only: write and delete the one to approve
                write={"team_id": team.id},
                create={"user_id": rep.id, "period_id": cls.april.id, "team_id": team.id},
                write_record=to_approve,
                unlink_record=to_approve,
            ),
            "sales.incentive.statement.line": Check(
                statement.line_ids,
                write={"reason": "Checked"},
                create={
                    "statement_id": statement.id,
                    "name": "Adjustment",
                    "amount": 10,
                    "is_adjustment": True,
                    "reason": "Forgotten deal",
                },
            ),
            "sales.incentive.award.rule": Check(
                award_rule,
                write={"top_count": 2},
                create={"name": "Best newcomer", "company_id": company.id, "mode": "top", "top_count": 1},
            ),
            "sales.incentive.award": Check(
                award,
                write={"note": "Best month of the year"},
                create={"name": "Star of April", "user_id": rep.id, "period_id": cls.april.id},
            ),
        }

    # ------------------------------------------------------------------ helpers
    def _our_models(self):
        """Stored models defined (not just extended) by our addons, found through their xml ids."""
        data = self.env["ir.model.data"].search([("module", "in", ADDONS), ("model", "=", "ir.model")])
        names = set(self.env["ir.model"].browse(data.mapped("res_id")).mapped("model"))
        return {
            name
            for name in names
            if name in self.env
            and self.env[name]._original_module in ADDONS
            and not self.env[name]._transient
            and not self.env[name]._abstract
        }

    def _attempt(self, operation):
        """True if ``operation()`` succeeds, False on an access error, else the error's text."""
        try:
            with self.env.cr.savepoint():
                operation()
                self.env.flush_all()
                raise _Undo
        except _Undo:
            return True
        except AccessError:
            return False
        except xmlrpc.client.Fault as fault:
            if fault.faultCode == RPC_ACCESS_ERROR:
                return False
            return f"XML-RPC fault {fault.faultCode}: {fault.faultString.strip().splitlines()[-1]}"
        except Exception as error:  # reported as a broken fixture, with its text
            return f"{type(error).__name__}: {error}"

    def _orm_call(self, user, model, check, operation):
        env = api.Environment(self.env.cr, user.id, {})  # no test context, like an RPC
        record = check.target(operation).with_env(env)
        if operation == "R":
            return lambda: record.read(check.fields())
        if operation == "W":
            return lambda: record.write(check.write)
        if operation == "C":
            return lambda: env[model].create(check.create)
        return record.unlink

    def _rpc_call(self, user, model, check, operation):
        record = check.target(operation)
        password = rpc_password(user)
        args, kwargs = {
            "R": ([record.ids], {"fields": check.fields()}),
            "W": ([record.ids, check.write], {}),
            "C": ([check.create], {}),
            "U": ([record.ids], {}),
        }[operation]
        db = self.env.cr.dbname
        return lambda: self.xmlrpc_object.execute_kw(db, user.id, password, model, METHODS[operation], args, kwargs)

    def _check_matrix(self, channel, call):
        """Compare every cell with what ``call`` finds; one failure lists every wrong cell."""
        problems = []
        for model, check in self.checks.items():
            if model not in MATRIX:
                continue  # reported by test_matrix_covers_every_model
            for role, user in self.users.items():
                expected = access_matrix.granted_today(model, role)
                for operation in OPERATIONS:
                    outcome = self._attempt(call(user, model, check, operation))
                    if outcome is (operation in expected):
                        continue
                    if isinstance(outcome, str):
                        problem = f"neither allowed nor denied: {outcome}"
                    else:
                        problem = "allowed, expected denied" if outcome else "denied, expected allowed"
                    gap = KNOWN_GAPS.get((model, role))
                    if gap:
                        problem += (
                            f" (a known gap: today's access {gap[0] or 'none'!r} was expected; if the addon "
                            f"now follows the design {access_matrix.designed(model, role) or 'none'!r}, "
                            "remove the entry from KNOWN_GAPS)"
                        )
                    problems.append(f"{model} / {ROLES[role]} / {METHODS[operation]}: {problem}")
        if problems:
            self.fail(f"{channel}: {len(problems)} cell(s) of tests/access_matrix.py differ:\n" + "\n".join(problems))

    # ------------------------------------------------------------------ tests
    def test_matrix_covers_every_model(self):
        found = self._our_models()
        missing = sorted(found - set(MATRIX))
        if missing:
            self.fail(
                f"The access matrix lacks these models of our addons: {', '.join(missing)}. Add a row per model "
                "to MATRIX and RECORDS in tests/access_matrix.py and a Check in tests/test_access_matrix.py, "
                "then regenerate tests/ACCESS_MATRIX.md (python3 tests/access_matrix.py --write)."
            )
        stale = sorted(set(MATRIX) - found)
        if stale:
            self.fail(f"The access matrix names models that our addons no longer define: {', '.join(stale)}")
        self.assertEqual(set(self.checks), set(MATRIX), "every row of the matrix needs a Check (and only those)")
        for model, row in MATRIX.items():
            self.assertEqual(len(row), len(ROLES), f"{model}: one cell per role")
            self.assertTrue(set("".join(row)) <= set(OPERATIONS), model)
            self.assertIn(model, access_matrix.RECORDS, model)
        for model, role in KNOWN_GAPS:
            self.assertIn(model, MATRIX)
            self.assertIn(role, ROLES)

    def test_records_belong_to_salesperson_a(self):
        """The checks run on the records they claim: in the company, of rep_1 where it applies."""
        for model, check in self.checks.items():
            for operation in OPERATIONS.replace("C", ""):
                record = check.target(operation)
                self.assertEqual(len(record), 1, f"{model}: one record per operation")
                if "company_id" in record._fields and record.company_id:
                    self.assertEqual(record.company_id, self.company, model)
                for fname in ("user_id", "salesperson_id"):
                    if fname in record._fields and record._fields[fname].comodel_name == "res.users":
                        self.assertEqual(record[fname], self.rep_1, f"{model}.{fname}")

    def test_orm_access(self):
        self._check_matrix("ORM", self._orm_call)

    def test_xmlrpc_access(self):
        # a refused call logs a warning in the server thread; the fault code is what we check
        with mute_logger("odoo.http"):
            self._check_matrix("XML-RPC", self._rpc_call)

    def test_markdown_is_up_to_date(self):
        self.assertEqual(
            access_matrix.MARKDOWN_PATH.read_text(encoding="utf-8"),
            access_matrix.render_markdown(),
            "tests/ACCESS_MATRIX.md is stale: run python3 tests/access_matrix.py --write",
        )
