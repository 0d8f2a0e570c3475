# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import sales_performance_period_generate
from . import sales_performance_period_prepare
from . import sales_performance_goal_decompose
from . import sales_performance_goal_decompose_line
from . import sales_performance_plan_answer
from . import sales_performance_review_answer
from . import sales_performance_kpi_health
from . import sales_performance_kpi_health_line
from . import sales_performance_promotion
