from . import sales_performance_integrity_mixin
from . import res_company
from . import res_config_settings
from . import sales_performance_period
from . import sales_performance_kpi_source
from . import sales_performance_kpi
from . import sales_performance_goal
from . import sales_performance_plan
