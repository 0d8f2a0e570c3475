from . import sales_incentive_component
