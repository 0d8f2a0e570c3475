# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, tagged

from .common import IncentiveScenario

APPS = ("sale.sale_menu_root", "crm.crm_menu_root")
CLICKBOT = "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader').startClickEverywhere('%s');"


@tagged("post_install", "-at_install")
class TestClickEverywhere(HttpCase, IncentiveScenario):
    """Odoo's clickbot over the Sales and CRM apps, as manager, salesperson and accountant, on
    data with goals, plans, reviews and statements: every menu, view and filter opens without
    an error."""

    allow_end_on_form = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["sales.performance.plan"]._create_missing_for_period(cls.march)
        cls.by_user["rep_1"].action_submit()
        cls.by_user["rep_3"].action_submit()
        cls.by_user["rep_3"].action_approve()
        # As in the demo, the accountant also sees the sales documents.
        cls.accountant.groups_id |= cls.env.ref("sales_team.group_sale_salesman_all_leads")
        for user in (cls.manager_a, cls.rep_1, cls.accountant):
            user.company_ids |= cls.company  # the web client opens in the user's company
            user.tour_enabled = False
        # The web client's bundles, built once for the class: each test rolls back what it
        # wrote, bundles included, and building them again on a loaded machine can outlast the
        # 60 seconds the browser gives the first page to be ready.
        for bundle in ("web.assets_web", "web.assets_tests"):
            assets = cls.env["ir.qweb"]._get_asset_bundle(bundle)
            assets.js()
            assets.css()

    def _click_everywhere(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        apps = [menus[app_id]["xmlid"] for app_id in menus["root"]["children"] if menus[app_id]["xmlid"] in APPS]
        self.assertTrue(apps, f"{user.login} sees neither Sales nor CRM")
        for xmlid in apps:
            with self.subTest(user=user.login, app=xmlid):
                self.browser_js(
                    "/odoo",
                    CLICKBOT % xmlid,
                    "odoo.isReady === true",
                    login=user.login,
                    timeout=1200,
                    success_signal="clickbot test succeeded",
                )

    def test_manager(self):
        self._click_everywhere(self.manager_a)

    def test_salesperson(self):
        self._click_everywhere(self.rep_1)

    def test_accountant(self):
        self._click_everywhere(self.accountant)
