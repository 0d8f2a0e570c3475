from . import test_engine_rules
from . import test_kpi_sources
from . import test_goal
from . import test_period
