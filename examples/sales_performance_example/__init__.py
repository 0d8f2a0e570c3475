from . import kpi_sources
from . import models
