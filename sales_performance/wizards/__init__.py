from . import sales_performance_period_generate
from . import sales_performance_goal_decompose
