from . import test_decomposition, test_engine_rules, test_goal, test_kpi, test_kpi_sources, test_period, test_security
from . import test_coaching
from . import test_feedback
