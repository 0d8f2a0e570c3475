from . import test_calculators
from . import test_statement
from . import test_tour
from . import test_concurrency
from . import test_award
from . import test_whatif
from . import test_cron_interruption
