# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import test_decomposition, test_engine_rules, test_goal, test_kpi, test_kpi_sources, test_period, test_security
from . import test_plan
from . import test_monitoring
from . import test_concurrency
from . import test_tour
from . import test_review
from . import test_improvement
from . import test_coaching
from . import test_feedback
from . import test_cron_interruption
from . import test_audit
from . import test_journey_goal
from . import test_journey_review
from . import test_journey_team
from . import test_integrity_paths
from . import test_journey_admin
from . import test_journey_plan
