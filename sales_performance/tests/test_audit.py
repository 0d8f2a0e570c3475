# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import SalesPerformanceScenario


@tagged("post_install", "-at_install")
class TestAuditTrail(SalesPerformanceScenario):
    """Tracked changes (who, when, old -> new) read and exported from the audit trail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Exporting is Odoo's own right (new users have it by default): the auditor has it.
        cls.auditor = cls._create_user(
            "auditor", "Auditor", "sales_performance.group_sales_performance_admin,base.group_allow_export"
        )
        cls.goal = cls._create_goal(cls.march, cls.kpi["revenue"], 150, user=cls.rep_1, team=cls.team_a, weight=40)
        # Made by hand: its scorecard is the snapshot of rep_1's goal (target 150, actual 300, weight 40).
        cls.review = cls.env["sales.performance.review"].create(
            {"period_id": cls.march.id, "user_id": cls.rep_1.id, "manager_id": cls.manager_a.id}
        )
        cls.line = cls.review.line_ids
        cls.env.flush_all()
        cls.env.cr.precommit.run()  # tracking of the creations is done: only the changes below count

    def setUp(self):
        super().setUp()
        # The accounting test base disables tracking; the audit trail is made of it.
        self.env = self.env(context={})
        self.goal, self.review, self.line = (
            self.env[r._name].browse(r.ids) for r in (self.goal, self.review, self.line)
        )

    def _changes(self):
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written when the transaction ends
        return self.env["sales.performance.audit"].with_user(self.auditor)

    def test_changes_read_and_exported(self):
        self.goal.with_user(self.manager_a).target = 180
        self.line.with_user(self.manager_a).write(
            {"is_adjusted": True, "adjusted_attainment": 120, "adjustment_reason": "Big deal slipped to April"}
        )
        self.review.with_user(self.manager_a).action_share()
        Audit = self._changes()

        goal_rows = Audit.search([("model", "=", "sales.performance.goal"), ("res_id", "=", self.goal.id)])
        self.assertEqual(
            [(row.field_name, row.old_value, row.new_value, row.user_id) for row in goal_rows],
            [("target", "150", "180", self.manager_a)],
        )
        self.assertEqual(goal_rows.author_id, self.manager_a.partner_id)
        self.assertEqual(goal_rows.company_id, self.company)
        self.assertEqual(goal_rows.document, self.goal.display_name)
        self.assertTrue(goal_rows.date)

        review_rows = Audit.search(
            [("model", "=", "sales.performance.review"), ("res_id", "=", self.review.id)], order="field_name"
        )
        self.assertEqual(
            [(row.field_name, row.old_value, row.new_value) for row in review_rows],
            [
                ("adjusted_attainment", "0", "120"),
                ("adjustment_reason", False, "Big deal slipped to April"),
                ("is_adjusted", "False", "True"),
                ("score", "150", "120"),  # the adjustment replaces the capped 150 % of the only line
                ("state", "Manager Assessment", "Shared"),
            ],
        )
        self.assertEqual(set(review_rows.user_id), {self.manager_a})

        # As the list's Export does (labels, not import keys).
        exported = (
            (goal_rows | review_rows)
            .with_context(import_compat=False)
            .export_data(["date", "user_id", "model", "document", "field_label", "old_value", "new_value"])["datas"]
        )
        by_field = {row[4]: row for row in exported}
        self.assertEqual(len(exported), 6)
        self.assertEqual(by_field["Target"][1:3], ["Manager A", "sales.performance.goal"])
        self.assertEqual(by_field["Target"][5:], ["150", "180"])
        self.assertEqual(by_field["State"][5:], ["Manager Assessment", "Shared"])
        self.assertEqual(by_field["State"][3], self.review.display_name)

    def test_who_may_read_the_trail(self):
        self.goal.target = 200
        Audit = self._changes()
        self.assertTrue(Audit.search([("res_id", "=", self.goal.id), ("model", "=", "sales.performance.goal")]))
        for user in (self.manager_a, self.rep_1):
            with self.assertRaises(AccessError):
                self.env["sales.performance.audit"].with_user(user).search([])
        # An administrator of the other company only does not see this company's changes.
        outsider = self._create_user(
            "auditor_other", "Other Auditor", "sales_performance.group_sales_performance_admin", self.other_company
        )
        self.assertFalse(
            self.env["sales.performance.audit"].with_user(outsider).search([("res_id", "=", self.goal.id)])
        )

    def test_trail_is_read_only(self):
        self.goal.target = 210
        row = self._changes().search([("res_id", "=", self.goal.id)], limit=1)
        self.assertTrue(row)
        with self.assertRaises(AccessError):
            row.write({"new_value": "1"})
        with self.assertRaises(AccessError):
            row.unlink()

    def _view_comment(self):
        Audit = self.env["sales.performance.audit"]
        self.env.cr.execute(SQL("SELECT obj_description(to_regclass(%s), 'pg_class')", Audit._table))
        return self.env.cr.fetchone()[0]

    def test_view_rebuilt_when_the_audited_models_change(self):
        """An addon adds its documents through _audited_models; when the view was built over
        another list (the addon installed or removed since), the registry rebuilds it."""
        Audit = self.env["sales.performance.audit"]
        audited = Audit._audited_models()
        self.assertIn("sales.performance.goal", audited)
        self.assertEqual(self._view_comment(), "audited: " + ",".join(audited))
        self.assertEqual([name for name, _label in Audit._fields["model"]._description_selection(self.env)], audited)

        self.env.cr.execute(
            SQL("COMMENT ON VIEW %s IS 'audited: sales.performance.goal'", SQL.identifier(Audit._table))
        )
        Audit._register_hook()
        self.assertEqual(self._view_comment(), "audited: " + ",".join(audited))
        self.goal.target = 220
        self.assertTrue(
            self._changes().search([("model", "=", "sales.performance.goal"), ("res_id", "=", self.goal.id)])
        )
