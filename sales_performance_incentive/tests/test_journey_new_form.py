# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json
from collections import Counter

from lxml import etree

from odoo.tests import HttpCase, tagged

from .common import IncentiveScenario

OUR_MODULES = ("sales_performance", "sales_performance_incentive")
PLAN_KEY = "sales_performance.new_form_plan"
TOUR = "sales_performance_new_form_check"
FEEDBACK = "sales_performance.sales_performance_feedback_action"

# Window actions of our menus in which a role may create by its access rights, but where New is
# not offered (to that role), by design.
NOT_CREATABLE = {
    FEEDBACK: "salespeople (and the accountant) log feedback from the order or opportunity (Log Feedback, "
    "in a dialog): they may create feedback but not change it, and a page form without write access has no "
    "Save; New is for managers",
    "sales_performance.sales_performance_my_goal_action": "My Performance: the salesperson's own goals "
    "(create=0); goals are set in Goals",
    "sales_performance.sales_performance_review_line_action": "Scorecard Trends: an analysis (graph, pivot) of "
    "the lines the reviews make",
    "sales_performance.sales_performance_kpi_health_action": "KPI Health: a report computed on opening",
    "sales_performance.sales_performance_promotion_action": "Promotion Candidates: a wizard, opened in a dialog",
    "sales_performance.sales_performance_period_generate_action": "Generate Periods: a wizard, opened in a dialog",
    "sales_performance_incentive.sales_incentive_statement_action": "statements are made from the period "
    "(Make Incentive Statements) and by the monthly job, never by hand (create=0)",
    "sales_performance_incentive.sales_incentive_statement_to_approve_action": "statements are made from "
    "the period and by the job (create=0)",
}

# Values a valid record needs beyond "the first record of each required many-to-one" and
# "some text in each required text field": [field, kind, value], per action and role. Each
# role makes its own record, so unique keys (salesperson and period) differ between roles. A
# manager's goal needs the team (they create goals of the teams they lead): the form does not
# take it from the salesperson.
VALUES = {
    "sales_performance.sales_performance_goal_action": {
        "manager": [
            ["period_id", "many2one", "2026-03"],
            ["kpi_id", "many2one", "Win Rate"],
            ["team_id", "many2one", "Team A"],
            ["user_id", "many2one", "Rep One"],
            ["target", "text", "10"],
        ],
        "admin": [["period_id", "many2one", "2026-03"], ["kpi_id", "many2one", "Leads"], ["target", "text", "10"]],
    },
    "sales_performance.sales_performance_goal_worksheet_action": {
        "manager": [
            ["period_id", "many2one", "2026-03"],
            ["kpi_id", "many2one", "Opportunities"],
            ["team_id", "many2one", "Team A"],
            ["user_id", "many2one", "Rep Two"],
            ["target", "text", "5"],
        ],
        "admin": [["period_id", "many2one", "2026-03"], ["kpi_id", "many2one", "Activities"], ["target", "text", "5"]],
    },
    "sales_performance.sales_performance_plan_action": {
        "manager": [["user_id", "many2one", "Rep Two"], ["period_id", "many2one", "2026-03"]],
        "admin": [["user_id", "many2one", "Rep Three"], ["period_id", "many2one", "2026-03"]],
    },
    "sales_performance.sales_performance_review_action": {
        "manager": [["user_id", "many2one", "Rep Two"], ["period_id", "many2one", "2026-03"]],
        "admin": [["user_id", "many2one", "Rep Three"], ["period_id", "many2one", "2026-03"]],
    },
    FEEDBACK: {role: [["rating", "radio", "positive"]] for role in ("manager", "admin")},
    "sales_performance.sales_performance_coaching_action": {"manager": [["salesperson_id", "many2one", "Rep Two"]]},
    "sales_performance_incentive.sales_incentive_award_action": {"manager": [["user_id", "many2one", "Rep Two"]]},
    "sales_performance.sales_performance_rating_scale_action": {
        "admin": [["band_ids", "line", [["name", "C"], ["min_score", "0"]]]],
    },
    "sales_performance.sales_performance_period_action": {
        "admin": [
            ["name", "text", "2031-01"],
            ["date_start", "text", "01/01/2031"],
            ["date_end", "text", "01/31/2031"],
        ],
    },
}


MANAGER_CHECKED = [
    FEEDBACK,
    "sales_performance.sales_performance_coaching_action",
    "sales_performance.sales_performance_goal_action",
    "sales_performance.sales_performance_goal_worksheet_action",
    "sales_performance.sales_performance_plan_action",
    "sales_performance.sales_performance_review_action",
    "sales_performance_incentive.sales_incentive_award_action",
]
CHECKED = {
    "manager": sorted(MANAGER_CHECKED),
    "salesperson": [],
    "accountant": [],
    "admin": sorted(
        [
            *MANAGER_CHECKED,
            "sales_performance.sales_performance_kpi_action",
            "sales_performance.sales_performance_period_action",
            "sales_performance.sales_performance_rating_scale_action",
            "sales_performance_incentive.sales_incentive_award_rule_action",
            "sales_performance_incentive.sales_incentive_plan_action",
        ]
    ),
}


@tagged("post_install", "-at_install")
class TestNewFormCheck(HttpCase, IncentiveScenario):
    """H proof 3: for every window action of our menus and every role that may create in its
    model, New from the menu offers records in each required many-to-one (where the role can
    read some) and saves a minimal valid record; the actions without New are listed above with
    the reason. One browser session per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls._create_admin()
        cls.roles = {
            "manager": cls.manager_a,
            "salesperson": cls.rep_1,
            "accountant": cls.accountant,
            "admin": cls.admin,
        }
        for user in cls.roles.values():
            user.company_ids |= cls.company  # the web client opens in the user's company
            user.tour_enabled = False

    def _menu_path(self, menu):
        """[app, top menu, ..., menu] as xml ids: what a person clicks from the home menu."""
        chain = []
        while menu:
            chain.insert(0, menu)
            menu = menu.parent_id
        xmlids = chain[0].browse([m.id for m in chain]).get_external_id()
        # The app, its top menu, then the item in the top menu's dropdown (sections are not clicked).
        return [xmlids[chain[0].id], xmlids[chain[1].id], xmlids[chain[-1].id]]

    def _actions(self, user):
        """{action xml id: (action, menu path)} of our menus the user sees."""
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        data = self.env["ir.model.data"].search([("model", "=", "ir.ui.menu"), ("module", "in", OUR_MODULES)])
        # Reachable: the menu and all its parents are visible (the app's too).
        menus = (
            self.env["ir.ui.menu"]
            .browse(data.mapped("res_id"))
            .filtered(lambda m: {int(menu_id) for menu_id in m.parent_path.split("/") if menu_id} <= visible)
        )
        actions = {}
        for menu in menus.sorted(lambda m: (m.parent_path, m.sequence)):
            action = menu.action
            if action and action._name == "ir.actions.act_window":
                actions.setdefault(action.get_external_id()[action.id], (action, self._menu_path(menu)))
        return actions

    def _offers_new(self, action, user):
        """Whether the action's first view shows New (and opens a record, not a wizard)."""
        Model = self.env[action.res_model].with_user(user)
        if action.target == "new" or Model._transient:
            return False
        view_id, view_type = action.views[0]
        if view_type not in ("list", "kanban", "form"):
            return False
        arch = Model.get_views([(view_id, view_type)])["views"][view_type]["arch"]
        return etree.fromstring(arch).get("create") not in ("0", "false", "False")

    def _first_view_is_editable_list(self, action, user):
        view_id, view_type = action.views[0]
        arch = self.env[action.res_model].with_user(user).get_views([(view_id, view_type)])["views"][view_type]["arch"]
        return view_type == "list" and bool(etree.fromstring(arch).get("editable"))

    def _plan(self, role, user):
        plan, not_creatable = [], set()
        for index, (xmlid, (action, path)) in enumerate(self._actions(user).items()):
            Model = self.env[action.res_model].with_user(user)
            if not Model.has_access("create"):
                continue
            if not self._offers_new(action, user):
                not_creatable.add(xmlid)
                continue
            many2one = {
                name: self.env[field.comodel_name].with_user(user).has_access("read")
                and bool(self.env[field.comodel_name].with_user(user).search_count([], limit=1))
                for name, field in Model._fields.items()
                if field.type == "many2one"
            }
            plan.append(
                {
                    "xmlid": xmlid,
                    "model": action.res_model,
                    "label": f"{role}: {action.name}",
                    "path": path,
                    "inline": self._first_view_is_editable_list(action, user),
                    "many2one": many2one,
                    "values": VALUES.get(xmlid, {}).get(role, []),
                    "text": f"NF {role} {index}",
                }
            )
        return plan, not_creatable

    def test_new_form_of_every_creatable_action(self):
        not_creatable_seen = set()
        checked = {}
        for role, user in self.roles.items():
            plan, not_creatable = self._plan(role, user)
            not_creatable_seen |= not_creatable
            checked[role] = [entry["xmlid"] for entry in plan]
            if not plan:
                continue
            before = {
                entry["model"]: self.env[entry["model"]].search([], order="id desc", limit=1).id or 0 for entry in plan
            }
            code = (
                f"localStorage.setItem({PLAN_KEY!r}, {json.dumps(json.dumps(plan))}); "
                f"odoo.startTour({TOUR!r}, {json.dumps({'stepDelay': 0, 'startUrl': '/odoo'})})"
            )
            with self.subTest(role=role):
                self.start_tour("/odoo", TOUR, login=user.login, code=code, timeout=240)
                # One record saved per action (two actions may share a model); nothing else creates
                # records meanwhile (some models create as superuser, so create_uid is not the user).
                expected = Counter(entry["model"] for entry in plan)
                saved = {model: self.env[model].search_count([("id", ">", before[model])]) for model in expected}
                self.assertEqual(saved, dict(expected))
        # Every action without New is listed with its reason, and the list holds no stale entry.
        self.assertEqual(not_creatable_seen, set(NOT_CREATABLE))
        # What the roles create from the menus (a new menu of ours joins the check by itself).
        self.assertEqual({role: sorted(xmlids) for role, xmlids in checked.items()}, CHECKED)
