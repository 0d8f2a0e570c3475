# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

{
    "name": "Sales Performance Incentives",
    "summary": "Commission, bonus curves, SPIFFs, statements and journal entries from sales performance",
    "version": "18.0.0.3.0",
    "category": "Sales/Sales",
    "website": "https://github.com/sales-performance/odoo-sales-performance",
    "author": "Sales Performance contributors",
    "license": "AGPL-3",
    "depends": ["sales_performance", "account", "gamification"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/sales_performance_incentive_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "report/sales_incentive_statement_reports.xml",
        "wizards/sales_incentive_whatif_views.xml",
        "wizards/sales_incentive_plan_reset_views.xml",
        "wizards/sales_incentive_statement_cancel_views.xml",
        "wizards/sales_incentive_payroll_export_views.xml",
        "wizards/sales_incentive_member_change_views.xml",
        "views/sales_incentive_plan_views.xml",
        "views/sales_incentive_statement_views.xml",
        "views/res_config_settings_views.xml",
        "views/sales_incentive_award_views.xml",
    ],
    "demo": ["demo/sales_incentive_demo.xml"],
    "assets": {
        "web.assets_tests": ["sales_performance_incentive/static/tests/tours/*.js"],
    },
    "installable": True,
    "application": False,
}
