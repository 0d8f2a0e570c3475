# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Two real cursors: a statement is never posted twice. Data is committed (the other cursor
must see it) and removed afterwards."""

from datetime import date

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestConcurrentPosting(TransactionCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            admin = env.ref("base.user_admin")
            group = env.ref("sales_performance_incentive.group_incentive_accountant")
            self.had_group = group in admin.groups_id
            admin.groups_id = [(4, group.id)]
            period = env["sales.performance.period"].create(
                {
                    "name": "Posting race",
                    "period_type": "custom",
                    "date_start": date(2031, 6, 1),
                    "date_end": date(2031, 6, 30),
                    "company_id": admin.company_id.id,
                }
            )
            statement = env["sales.incentive.statement"].create(
                {
                    "user_id": admin.id,
                    "period_id": period.id,
                    "line_ids": [(0, 0, {"name": "Commission", "line_kind": "commission", "amount": 10.0})],
                }
            )
            statement.state = "approved"
            self.period_id, self.statement_id, self.admin_id = period.id, statement.id, admin.id
        self.addCleanup(self._remove_committed_data)

    def _remove_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            statement = env["sales.incentive.statement"].browse(self.statement_id)
            statement.state = "cancel"  # only draft or cancelled statements may be deleted
            statement.unlink()
            env["sales.performance.period"].browse(self.period_id).unlink()
            if not self.had_group:
                group = env.ref("sales_performance_incentive.group_incentive_accountant")
                env.ref("base.user_admin").groups_id = [(3, group.id)]

    @mute_logger("odoo.sql_db")  # the refused query is the point
    def test_second_post_while_the_first_runs(self):
        with self.registry.cursor() as cr_first, self.registry.cursor() as cr_second:
            cr_first.execute("SELECT id FROM sales_incentive_statement WHERE id = %s FOR UPDATE", [self.statement_id])
            env = api.Environment(cr_second, self.admin_id, {})
            with self.assertRaises(UserError) as caught:
                env["sales.incentive.statement"].browse(self.statement_id).action_post()
            self.assertIn("being posted by someone else", str(caught.exception))
            cr_second.rollback()
            cr_first.rollback()
