# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import scoring

DEFAULT_BAND_NAMES = ("S", "A", "B", "C", "D")  # the default scale of data/


class SalesPerformanceRatingScale(models.Model):
    """Bands that turn a score into a rating, e.g. S >= 120, A >= 100, B >= 80, C >= 60, D below."""

    _name = "sales.performance.rating.scale"
    _description = "Rating Scale"
    _inherit = ["mail.thread", "sales.performance.integrity.mixin"]
    _order = "name"

    # ------------------------------------------------------------------ fields
    name = fields.Char(required=True, translate=True, tracking=True)
    company_id = fields.Many2one("res.company", index=True, help="Leave empty to share the scale between companies.")
    band_ids = fields.One2many("sales.performance.rating.band", "scale_id", string="Bands", copy=True)
    score_cap = fields.Float(
        string="Attainment Cap (%)",
        default=150.0,
        tracking=True,
        help="A line's attainment counts up to this value in the score (0: no cap), so one "
        "exceptional KPI cannot hide the others.",
    )
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------------ constraints
    @api.constrains("band_ids")
    def _check_bands(self):
        for scale in self:
            problem = scoring.check_bands(scale.band_ids.mapped("min_score"))
            messages = {
                "no band": self.env._("Bands: the scale %(scale)s needs at least one band.", scale=scale.name),
                "overlap": self.env._("Bands: two bands of %(scale)s start at the same score.", scale=scale.name),
                "gap": self.env._(
                    "Bands: the lowest band of %(scale)s must start at 0, or low scores get no rating.",
                    scale=scale.name,
                ),
            }
            if problem:
                raise ValidationError(messages[problem])

    @api.constrains("score_cap")
    def _check_cap(self):
        for scale in self:
            if scale.score_cap < 0 or (scale.score_cap and scale.score_cap < 100):
                raise ValidationError(self.env._("Attainment Cap: 0 (no cap) or at least 100."))

    # ------------------------------------------------------------------ CRUD
    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.env["sales.performance.review"].search_count([("scale_id", "in", self.ids)], limit=1):
            raise UserError(self.env._("A rating scale used by reviews cannot be deleted; archive it instead."))

    # ------------------------------------------------------------------ business
    @api.model
    def _register_default_band_xmlids(self):
        """Give the default scale's bands (created inline by the data file) the XML ids
        ``rating_band_default_<name>``: without one, a record's texts are neither exported for
        translation nor given the translations of the module. Idempotent; bands added or renamed
        by users keep no XML id."""
        scale = self.env.ref("sales_performance.rating_scale_default", raise_if_not_found=False)
        if not scale:
            return
        bands = scale.with_context(lang="en_US").band_ids.filtered(lambda band: band.name in DEFAULT_BAND_NAMES)
        xml_id = "sales_performance.rating_band_default_{}".format
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": xml_id(band.name.lower()), "record": band, "noupdate": True} for band in bands], update=True
        )

    def _rating(self, score):
        self.ensure_one()
        return scoring.rating_for(score, [(band.min_score, band) for band in self.band_ids]) or self.band_ids.browse()
