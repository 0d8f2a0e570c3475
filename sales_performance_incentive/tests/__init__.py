from . import test_calculators
from . import test_statement
