from . import test_engine_rules
from . import test_kpi_sources
from . import test_kpi
from . import test_goal
from . import test_period
from . import test_decomposition
from . import test_security
