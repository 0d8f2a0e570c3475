from . import res_company
from . import res_config_settings
from . import sales_incentive_plan
from . import sales_incentive_statement
from . import sales_incentive_award
