# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    # ------------------------------------------------------------------ actions
    def _action_done(self, feedback=False, attachment_ids=None):
        """An activity following an agreed coaching action, marked done, marks the action done.

        sudo: whoever may mark the activity done (its assignee, or a user who can write the
        coaching) closes the action it stands for; the activity's own access rules decide.
        """
        coaching_activities = self.filtered(lambda activity: activity.res_model == "sales.performance.coaching")
        actions = self.env["sales.performance.coaching.action"]
        if coaching_activities:
            actions = actions.sudo().search([("activity_id", "in", coaching_activities.ids), ("state", "!=", "done")])
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if actions:
            actions._on_activities_done()
        return result
