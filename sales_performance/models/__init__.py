# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import ir_cron
from . import sales_performance_integrity_mixin
from . import sales_performance_answer_mixin
from . import res_company
from . import res_config_settings
from . import sales_performance_period
from . import sales_performance_kpi_source
from . import sales_performance_kpi
from . import sales_performance_goal
from . import sales_performance_pace_alert
from . import sales_performance_plan
from . import sales_performance_digest
from . import sales_performance_rating_scale
from . import sales_performance_rating_band
from . import sales_performance_review
from . import sales_performance_review_line
from . import sales_performance_coaching
from . import sales_performance_coaching_action
from . import sales_performance_feedback
from . import mail_activity
from . import res_users
from . import sales_performance_feedback_mixin
from . import sale_order
from . import crm_lead
from . import sales_performance_board
