from . import sales_incentive_whatif
from . import sales_incentive_plan_reset
