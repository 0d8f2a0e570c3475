from . import test_engine_rules
from . import test_kpi_sources
