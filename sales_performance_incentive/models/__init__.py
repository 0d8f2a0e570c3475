from . import res_company
from . import res_config_settings
from . import crm_team
from . import sales_incentive_plan
from . import sales_incentive_statement
from . import account_move_line
from . import sales_performance_period
from . import sales_incentive_award
