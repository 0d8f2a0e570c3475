# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Cross-module checks: both addons installed together, and every window action of ours opens
(its views load and validate) for each role that has a menu to it."""

from odoo.tests import new_test_user

from .common import CrossModuleCase

ADDONS = ("sales_performance", "sales_performance_incentive")


class TestSuiteViews(CrossModuleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "salesperson": new_test_user(cls.env, login="suite_rep", groups="sales_team.group_sale_salesman"),
            "manager": new_test_user(
                cls.env,
                login="suite_manager",
                groups="sales_team.group_sale_salesman,sales_performance.group_sales_performance_manager",
            ),
            "administrator": new_test_user(cls.env, login="suite_admin", groups="sales_team.group_sale_manager"),
        }

    def test_both_addons_installed(self):
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        incentive = modules.filtered(lambda m: m.name == "sales_performance_incentive")
        self.assertIn("sales_performance", incentive.dependencies_id.mapped("name"))

    def _our_actions(self):
        data = self.env["ir.model.data"].search([("module", "in", ADDONS), ("model", "=", "ir.actions.act_window")])
        return self.env["ir.actions.act_window"].browse(data.mapped("res_id"))

    def test_every_action_opens_for_its_roles(self):
        actions = self._our_actions()
        self.assertGreaterEqual(len(actions), 5)
        menus = self.env["ir.ui.menu"].search([("action", "!=", False)])
        for role, user in self.users.items():
            visible_menus = menus.with_user(user)._filter_visible_menus()
            reachable = {int(menu.action.id) for menu in visible_menus if menu.action._name == "ir.actions.act_window"}
            for action in actions.filtered(lambda a, reachable=reachable: a.id in reachable):
                with self.subTest(role=role, action=action.name):
                    model = self.env[action.res_model].with_user(user)
                    views = [(view.view_id.id, view.view_mode) for view in action.view_ids] or [
                        (action.view_id.id if mode == action.view_mode.split(",")[0] else False, mode)
                        for mode in action.view_mode.split(",")
                    ]
                    result = model.get_views([*views, (False, "search")])
                    self.assertTrue(result["views"])

    def test_salesperson_menus(self):
        """A salesperson finds Goals, not the configuration."""
        menus = self.env["ir.ui.menu"].with_user(self.users["salesperson"])._visible_menu_ids()
        self.assertIn(self.env.ref("sales_performance.sales_performance_goal_menu").id, menus)
        self.assertNotIn(self.env.ref("sales_performance.sales_performance_kpi_menu").id, menus)
        self.assertNotIn(self.env.ref("sales_performance.sales_performance_goal_worksheet_menu").id, menus)
        admin_menus = self.env["ir.ui.menu"].with_user(self.users["administrator"])._visible_menu_ids()
        self.assertIn(self.env.ref("sales_performance.sales_performance_kpi_menu").id, admin_menus)

    def test_every_message_is_extractable_for_translation(self):
        """Babel must read every translatable string of the code (an f-string inside _() breaks it)."""
        from odoo.tools.translate import TranslationModuleReader

        with self.assertNoLogs("odoo.tools.translate", "ERROR"):
            terms = {row[4] for row in TranslationModuleReader(self.env.cr, list(ADDONS))}
        self.assertIn("Only a shared plan can be acknowledged.", terms)
        self.assertIn("Goal-setting Worksheet", terms)
