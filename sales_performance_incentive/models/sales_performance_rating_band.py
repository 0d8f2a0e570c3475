# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.exceptions import UserError


class SalesPerformanceRatingBand(models.Model):
    _inherit = "sales.performance.rating.band"

    # ------------------------------------------------------------------ CRUD
    @api.ondelete(at_uninstall=False)
    def _unlink_except_paid_by_a_plan(self):
        if self.env["sales.incentive.band.rate"].search_count([("band_id", "in", self.ids)], limit=1):
            raise UserError(self.env._("Rating: a band that an incentive plan pays a bonus for cannot be deleted."))
