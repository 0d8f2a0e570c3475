# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The README's external API example runs as written, over XML-RPC, against the test server.

Only the connection lines change: the test database, its users (passwords = logins, as in the
demo) and "today" inside the scenario's March 2026.
"""

import re
from pathlib import Path

from odoo.tests import HttpCase, tagged

from odoo.addons.sales_performance_incentive.tests.common import IncentiveScenario

README = Path(__file__).resolve().parent.parent / "README.md"


def api_example():
    text = README.read_text()
    section = text[text.index("## External API") :]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@tagged("post_install", "-at_install")
class TestReadmeApi(HttpCase, IncentiveScenario):
    def test_readme_example_runs(self):
        for user in (self.manager_a, self.accountant, self.rep_2):
            user.password = user.login
        self._approve(self.by_user["rep_1"])
        code = api_example()
        replacements = {
            r"^url, db = .*$": f'url, db = "{self.base_url()}", "{self.env.cr.dbname}"',
            r"^manager, accountant, salesperson = .*$": (
                'manager, accountant, salesperson = "manager_a", "accountant", "rep_2"'
            ),
            r"^today = .*$": 'today = "2026-03-15"',
        }
        for pattern, line in replacements.items():
            code, count = re.subn(pattern, line, code, flags=re.M)
            self.assertEqual(count, 1, f"the README example lost its line {pattern}")
        namespace = {}
        exec(compile(code, str(README), "exec"), namespace)  # our own README, not user input
        self.env.invalidate_all()  # the server wrote through its own environment

        goal = self.env["sales.performance.goal"].search(
            [
                ("period_id", "=", self.march.id),
                ("user_id", "=", self.rep_2.id),
                ("kpi_id", "=", self.kpi["revenue"].id),
            ]
        )
        self.assertEqual(goal.target, 50000, "the manager's write went through, on the existing goal")
        self.assertIn(goal.id, [row["id"] for row in namespace["goals"]])
        self.assertNotIn(
            self.rep_3.id, {row["user_id"][0] for row in namespace["goals"] if row["user_id"]}, "other team: not seen"
        )
        statements = namespace["statements"]
        self.assertEqual([(row["user_id"][0], row["amount_total"]) for row in statements], [(self.rep_1.id, 1614)])
        self.assertEqual(round(sum(line["amount"] for line in namespace["lines"]), 2), 1614)
