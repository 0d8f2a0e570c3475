from odoo import fields, models
from odoo.exceptions import ValidationError


class SalesIncentiveStatementCancel(models.TransientModel):
    """Cancel a statement with a reason, kept in its chatter (a posted one is reversed)."""

    _name = "sales.incentive.statement.cancel"
    _description = "Cancel an Incentive Statement"

    # ------------------------------------------------------------------ fields
    statement_id = fields.Many2one("sales.incentive.statement", required=True, ondelete="cascade")
    state = fields.Selection(related="statement_id.state")
    reason = fields.Text(required=True)

    # ------------------------------------------------------------------ actions
    def action_confirm(self):
        self.ensure_one()
        reason = (self.reason or "").strip()
        if not reason:
            raise ValidationError(self.env._("Reason: say why the statement is cancelled."))
        self.statement_id.action_cancel()
        self.statement_id.message_post(body=self.env._("Cancelled: %(reason)s", reason=reason))
        return {"type": "ir.actions.act_window_close"}
