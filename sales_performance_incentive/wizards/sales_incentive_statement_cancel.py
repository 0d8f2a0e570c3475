# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.sales_performance.models.sales_performance_integrity_mixin import ensure_one_record

from ..models.sales_incentive_statement import CANCEL_MODES, CANCEL_RECALCULATE, CANCEL_VOID


class SalesIncentiveStatementCancel(models.TransientModel):
    """Cancelling statements asks what happens next: void (never made again) or recalculate
    (made again now from the current figures), and why; both stay in the chatter."""

    _name = "sales.incentive.statement.cancel"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Cancel Incentive Statements"

    # ------------------------------------------------------------------ fields
    statement_ids = fields.Many2many("sales.incentive.statement", string="Statements", required=True)
    mode = fields.Selection(CANCEL_MODES, string="Then", required=True, default=CANCEL_VOID)
    reason = fields.Text(required=True)

    # ------------------------------------------------------------------ CRUD
    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if "statement_ids" in fields_list and context.get("active_model") == "sales.incentive.statement":
            values["statement_ids"] = [fields.Command.set(context.get("active_ids") or [])]
        return values

    # ------------------------------------------------------------------ actions
    def action_confirm(self):
        ensure_one_record(self)
        reason = (self.reason or "").strip()
        if not reason:
            raise ValidationError(self.env._("Reason: say why the statement is cancelled."))
        remade = self.statement_ids._cancel(mode=self.mode, reason=reason)
        if self.mode != CANCEL_RECALCULATE or not remade:
            return {"type": "ir.actions.act_window_close"}
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_performance_incentive.sales_incentive_statement_action"
        )
        action["domain"] = [("id", "in", remade.ids)]
        return action
