from . import test_accelerator
from . import test_discount_rate
