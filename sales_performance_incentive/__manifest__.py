{
    "name": "Sales Performance Incentives",
    "summary": "Commission, bonus curves, SPIFFs, statements and journal entries from sales performance",
    "version": "18.0.0.1.0",
    "category": "Sales/Sales",
    "website": "https://github.com/sales-performance/odoo-sales-performance",
    "author": "Sales Performance contributors",
    "license": "AGPL-3",
    "depends": ["sales_performance", "account"],
    "data": [],
    "installable": True,
    "application": False,
}
