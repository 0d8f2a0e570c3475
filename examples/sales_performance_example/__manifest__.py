# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

{
    "name": "Sales Performance: extension example",
    "summary": "How to add an incentive component type and a KPI source (a commission accelerator, the discount rate)",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/sales-performance/odoo-sales-performance",
    "author": "Sales Performance contributors",
    "license": "AGPL-3",
    "depends": ["sales_performance_incentive"],
    "data": [
        "data/sales_performance_kpi_source_data.xml",
        "views/sales_incentive_component_views.xml",
    ],
    "installable": True,
    "application": False,
}
