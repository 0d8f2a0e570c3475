# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The native Odoo UX checklist of sales_performance, checked on the installed views.

Business documents carry a chatter with activities; kanbans show a progress bar; goals and
reviews can be pivoted and charted; coaching sessions and plan check-ins have a calendar;
every list-like action explains itself when empty; a salesperson's menu holds only the
screens of their own work.
"""

from lxml import etree

from odoo.tests import new_test_user

from .common import CrossModuleCase

CORE = "sales_performance"
# Documents people work on (the chatter is their history and their to-do list).
BUSINESS_DOCUMENTS = (
    "sales.performance.goal",
    "sales.performance.plan",
    "sales.performance.review",
    "sales.performance.coaching",
)


class TestNativeUx(CrossModuleCase):
    def _arch(self, model, view_type):
        return etree.fromstring(self.env[model].get_view(view_type=view_type)["arch"])

    def _action(self, xmlid):
        return self.env.ref(f"{CORE}.{xmlid}")

    def test_business_documents_have_chatter_and_activities(self):
        for model in BUSINESS_DOCUMENTS:
            with self.subTest(model=model):
                fields = self.env[model]._fields
                self.assertIn("message_ids", fields, f"{model}: not a mail.thread")
                self.assertIn("activity_ids", fields, f"{model}: no activities")
                form = self._arch(model, "form")
                self.assertTrue(form.xpath("//chatter"), f"{model}: no chatter on the form")

    def test_kanbans_have_progress_bars(self):
        for model in BUSINESS_DOCUMENTS:
            with self.subTest(model=model):
                kanban = self._arch(model, "kanban")
                self.assertTrue(kanban.xpath("//progressbar"), f"{model}: kanban without progress bar")

    def test_goals_and_reviews_pivot_and_graph(self):
        for xmlid in ("sales_performance_goal_action", "sales_performance_review_action"):
            with self.subTest(action=xmlid):
                modes = set(self._action(xmlid).view_mode.split(","))
                self.assertLessEqual({"pivot", "graph", "kanban", "list", "form"}, modes)

    def test_calendars_of_coaching_and_check_ins(self):
        for xmlid, date_field in (
            ("sales_performance_coaching_action", "date"),
            ("sales_performance_plan_action", "next_checkin_date"),
        ):
            with self.subTest(action=xmlid):
                action = self._action(xmlid)
                self.assertIn("calendar", action.view_mode.split(","))
                calendar = self._arch(action.res_model, "calendar")
                self.assertEqual(calendar.get("date_start"), date_field)

    def test_every_list_action_has_empty_state_help(self):
        data = self.env["ir.model.data"].search([("module", "=", CORE), ("model", "=", "ir.actions.act_window")])
        actions = self.env["ir.actions.act_window"].browse(data.mapped("res_id"))
        listed = actions.filtered(lambda action: action.view_mode.split(",")[0] != "form")
        self.assertGreaterEqual(len(listed), 10)
        for action in listed:
            with self.subTest(action=action.name):
                self.assertIn("o_view_nocontent", action.help or "", f"{action.name}: no empty-state help")

    def test_salesperson_menus_show_only_their_work(self):
        """Under Sales > Performance a salesperson finds their own screens and nothing of the
        managers' (team performance, worksheet, analysis) or the administrators' (configuration)."""
        rep = new_test_user(self.env, login="ux_rep", groups="sales_team.group_sale_salesman")
        root = self.env.ref(f"{CORE}.sales_performance_menu")
        visible = self.env["ir.ui.menu"].browse(self.env["ir.ui.menu"].with_user(rep)._visible_menu_ids())

        # Reachable: the menu and every parent up to Performance are visible.
        def reachable_menu(menu):
            while menu and menu in visible:
                if menu == root:
                    return True
                menu = menu.parent_id
            return False

        reachable = visible.filtered(reachable_menu)
        data = self.env["ir.model.data"].search(
            [("module", "=", CORE), ("model", "=", "ir.ui.menu"), ("res_id", "in", reachable.ids)]
        )
        names = set(data.mapped("complete_name"))
        # Incentive menus (statements, awards) are the incentive addon's to decide.
        self.assertEqual(
            names,
            {
                f"{CORE}.sales_performance_menu",
                f"{CORE}.sales_performance_my_goal_menu",
                f"{CORE}.sales_performance_goal_menu",
                f"{CORE}.sales_performance_plan_menu",
                f"{CORE}.sales_performance_review_menu",
                f"{CORE}.sales_performance_coaching_menu",
                f"{CORE}.sales_performance_feedback_menu",
            },
        )
        # My Performance comes first.
        first = reachable.filtered(lambda menu: menu.parent_id == root).sorted("sequence")[:1]
        self.assertEqual(first, self.env.ref(f"{CORE}.sales_performance_my_goal_menu"))
