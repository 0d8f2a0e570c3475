from . import sales_performance_goal_decompose, sales_performance_period_generate
from . import sales_performance_plan_answer
from . import sales_performance_review_answer
from . import sales_performance_improvement
from . import sales_performance_period_prepare
