{
    "name": "Sales Performance Incentives",
    "summary": "Commission, bonus curves, SPIFFs, statements and journal entries from sales performance",
    "version": "18.0.0.2.0",
    "category": "Sales/Sales",
    "website": "https://github.com/sales-performance/odoo-sales-performance",
    "author": "Sales Performance contributors",
    "license": "AGPL-3",
    "depends": ["sales_performance", "account", "gamification"],
    "data": [
        "security/sales_performance_incentive_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/sales_incentive_plan_views.xml",
        "views/sales_incentive_award_views.xml",
    ],
    "assets": {
        "web.assets_tests": ["sales_performance_incentive/static/tests/tours/*.js"],
    },
    "installable": True,
    "application": False,
}
