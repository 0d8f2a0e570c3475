from . import sales_incentive_whatif
