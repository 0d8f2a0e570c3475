# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class SalesIncentiveWhatIfLine(models.TransientModel):
    """Extra sales of an estimate: an amount of a product category, or of one product (its
    own commission rate and SPIFF apply), with the units sold for SPIFFs paid per unit."""

    _name = "sales.incentive.whatif.line"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Incentive Estimate: extra revenue"

    # ------------------------------------------------------------------ fields
    whatif_id = fields.Many2one("sales.incentive.whatif", required=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", help="Optional: a product's own rate and SPIFF apply.")
    categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        required=True,
        compute="_compute_categ_id",
        store=True,
        readonly=False,
    )
    quantity = fields.Float(string="Units", help="Units sold, for the SPIFFs paid per unit.")
    amount = fields.Float(string="Extra Revenue")

    # ------------------------------------------------------------------ compute
    @api.depends("product_id")
    def _compute_categ_id(self):
        for line in self.filtered("product_id"):
            line.categ_id = line.product_id.categ_id
