# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import test_calculators
from . import test_statement
from . import test_tour
from . import test_concurrency
from . import test_award
from . import test_whatif
from . import test_bases_and_draws
from . import test_posting
from . import test_cron_interruption
from . import test_money_lifecycle
from . import test_journey_statement
from . import test_journey_clickbot
from . import test_integrity_paths
from . import test_year_in_the_life
from . import test_corrections
from . import test_member_change
from . import test_journey_new_form
