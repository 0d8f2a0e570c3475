# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError

ACTION_STATES = [
    ("open", "To Do"),
    ("done", "Done"),
]
# What an agreed action's activity follows: a change of these fields updates or closes it.
ACTION_SYNC_FIELDS = {"state", "description", "responsible_id", "date_deadline"}
ACTIVITY_TYPE_XMLID = "mail.mail_activity_data_todo"


class SalesPerformanceCoachingAction(models.Model):
    """An action agreed in a coaching session, followed through one To-Do activity."""

    _name = "sales.performance.coaching.action"
    _description = "Coaching Agreed Action"
    _inherit = ["sales.performance.integrity.mixin"]
    _order = "coaching_id, sequence, date_deadline, id"
    _rec_name = "description"

    # ------------------------------------------------------------------ fields
    coaching_id = fields.Many2one("sales.performance.coaching", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    description = fields.Char(required=True)
    responsible_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        domain="[('share', '=', False)]",
        help="Who carries the action out; the salesperson unless told otherwise.",
    )
    date_deadline = fields.Date(string="Due Date", required=True)
    state = fields.Selection(ACTION_STATES, string="Status", required=True, default="open")
    date_done = fields.Date(string="Done On", readonly=True, copy=False)
    activity_id = fields.Many2one(
        "mail.activity",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The To-Do activity that follows this action on the coaching.",
    )
    salesperson_id = fields.Many2one(related="coaching_id.salesperson_id", store=True, string="Coached Salesperson")
    coaching_state = fields.Selection(related="coaching_id.state", string="Coaching Status")
    company_id = fields.Many2one(related="coaching_id.company_id", store=True, index=True)

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # The salesperson coached carries the action unless told otherwise (an explicit
            # empty responsible is refused as any required value).
            if "responsible_id" not in vals and isinstance(vals.get("coaching_id"), int):
                coaching = self.env["sales.performance.coaching"].browse(vals["coaching_id"])
                vals["responsible_id"] = coaching.salesperson_id.id
        actions = super().create(vals_list)
        actions._sync_activities()
        return actions

    def write(self, vals):
        if vals.get("state") == "done" and "date_done" not in vals:
            vals = {**vals, "date_done": fields.Date.context_today(self)}
        elif vals.get("state") == "open":
            vals = {**vals, "date_done": False}
        result = super().write(vals)
        if ACTION_SYNC_FIELDS & set(vals):
            self._sync_activities()
        return result

    def unlink(self):
        self.activity_id.filtered("active").unlink()
        return super().unlink()

    # ------------------------------------------------------------------ actions
    def action_mark_done(self):
        """Mark the action done, which marks its activity done.

        The responsible may do it without write access to the coaching (a salesperson reads
        their coaching only): sudo after checking they can read the action and are its
        responsible; anyone else needs write access.
        """
        self.check_access("read")
        for action in self:
            if action.responsible_id != self.env.user and not action.has_access("write"):
                raise AccessError(
                    self.env._(
                        "Responsible: only %(user)s or a manager of the salesperson can mark %(action)s done.",
                        user=action.responsible_id.name,
                        action=action.description,
                    )
                )
        # sudo: the responsible may not write the coaching's actions; the check above allows
        # only them or a user who can write the action, and only the state is set.
        self.sudo().filtered(lambda a: a.state != "done").write({"state": "done"})
        return True

    def action_reopen(self):
        self.write({"state": "open"})
        return True

    # ------------------------------------------------------------------ business
    def _activity_values(self):
        self.ensure_one()
        return {
            "summary": self.description,
            "user_id": self.responsible_id.id,
            "date_deadline": self.date_deadline,
        }

    def _sync_activities(self):
        """Bring each action's activity in line with the action and its coaching.

        An open action of a held coaching has exactly one open activity (created if missing,
        updated if the action changed); a done action has its activity marked done; the
        actions of a planned or cancelled coaching have none. Running it twice changes nothing.
        """
        for action in self:
            activity = action.activity_id if action.activity_id.active else action.activity_id.browse()
            if action.state == "done":
                if activity:
                    activity.action_feedback(feedback=self.env._("Agreed action done."))
            elif action.coaching_id.state != "done":
                if activity:
                    activity.unlink()
            elif not activity:
                activity = action.coaching_id.activity_schedule(ACTIVITY_TYPE_XMLID, **action._activity_values())
                action.activity_id = activity
            else:
                values = action._activity_values()
                changed = {
                    fname: value
                    for fname, value in values.items()
                    if (activity[fname].id if fname == "user_id" else activity[fname]) != value
                }
                if changed:
                    activity.write(changed)

    def _on_activities_done(self):
        """Called when the activities of ``self`` were marked done from the chatter."""
        self.filtered(lambda a: a.state != "done").write({"state": "done"})
