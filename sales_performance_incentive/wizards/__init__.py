# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import sales_incentive_whatif
from . import sales_incentive_whatif_line
from . import sales_incentive_plan_reset
from . import sales_incentive_payroll_export
from . import sales_incentive_statement_cancel
from . import sales_incentive_member_change
