# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class SalesIncentiveCategoryRate(models.Model):
    """A commission rate for a product category or, overriding it, for one product."""

    _name = "sales.incentive.category.rate"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Commission Rate by Category or Product"

    # ------------------------------------------------------------------ fields
    component_id = fields.Many2one("sales.incentive.component", required=True, ondelete="cascade")
    categ_id = fields.Many2one("product.category", string="Product Category")
    product_id = fields.Many2one("product.product", help="A rate for this product only; it overrides its category's.")
    rate = fields.Float(string="Rate (%)", required=True)

    # ------------------------------------------------------------------ constraints
    _sql_constraints = [
        ("rate_positive", "CHECK (rate >= 0)", "Rate: a commission rate cannot be negative."),
        (
            "category_or_product",
            "CHECK ((categ_id IS NULL) != (product_id IS NULL))",
            "Product Category: give a category or a product (not both).",
        ),
        ("categ_unique", "UNIQUE (component_id, categ_id)", "Product Category: one rate per category."),
        ("product_unique", "UNIQUE (component_id, product_id)", "Product: one rate per product."),
    ]
