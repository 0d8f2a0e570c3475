# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import res_company
from . import res_config_settings
from . import crm_team
from . import sales_incentive_plan
from . import sales_incentive_assignment
from . import sales_incentive_component
from . import sales_incentive_curve_point
from . import sales_incentive_category_rate
from . import sales_incentive_band_rate
from . import sales_performance_rating_band
from . import sales_incentive_statement
from . import sales_incentive_statement_line
from . import account_move_line
from . import sales_performance_period
from . import sales_incentive_award_rule
from . import sales_incentive_award
