# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""KPI sources: each turns one KPI definition into ONE grouped query per period.

One module per domain (``sale``, ``invoice``, ``crm``, ``activity``, ``feedback``,
``generic``) on top of ``base`` (the :class:`KpiSource` class, the registry and the query).
Adding a source is one class (decorated with :func:`register`) plus one
``sales.performance.kpi.source`` data record with the same code.
"""

from ..scopes import ALL_SCOPES, SCOPE_COMPANY, SCOPE_TEAM, SCOPE_USER
from .base import (
    SOURCES,
    KpiSource,
    KpiSpec,
    PeriodWindow,
    company_amount,
    compute,
    compute_period,
    get_source,
    path_to_sql,
    register,
)
from .sale import (
    AverageOrderValueSource,
    CustomerCountSource,
    MarginSource,
    NewCustomerRateSource,
    NewCustomerSource,
    OrderCountSource,
    OrderMarginSource,
    OrderRevenueSource,
    RevenueSource,
)
from .invoice import InvoicedRevenueSource, InvoiceTotalSource
from .crm import LeadsQualifiedSource, OpportunitiesWonSource, PipelineCreatedSource, WinRateSource
from .activity import ActivitiesDoneSource
from .feedback import FEEDBACK_NEGATIVE, FEEDBACK_NEUTRAL, FEEDBACK_POSITIVE, PositiveFeedbackShareSource
from .generic import GENERIC_COUNT, GENERIC_RATIO, GENERIC_SUM, GenericSource, GenericSpec

__all__ = [
    "ALL_SCOPES",
    "FEEDBACK_NEGATIVE",
    "FEEDBACK_NEUTRAL",
    "FEEDBACK_POSITIVE",
    "GENERIC_COUNT",
    "GENERIC_RATIO",
    "GENERIC_SUM",
    "SCOPE_COMPANY",
    "SCOPE_TEAM",
    "SCOPE_USER",
    "SOURCES",
    "ActivitiesDoneSource",
    "AverageOrderValueSource",
    "CustomerCountSource",
    "GenericSource",
    "GenericSpec",
    "InvoiceTotalSource",
    "InvoicedRevenueSource",
    "KpiSource",
    "KpiSpec",
    "LeadsQualifiedSource",
    "MarginSource",
    "NewCustomerRateSource",
    "NewCustomerSource",
    "OpportunitiesWonSource",
    "OrderCountSource",
    "OrderMarginSource",
    "OrderRevenueSource",
    "PeriodWindow",
    "PipelineCreatedSource",
    "PositiveFeedbackShareSource",
    "RevenueSource",
    "WinRateSource",
    "company_amount",
    "compute",
    "compute_period",
    "get_source",
    "path_to_sql",
    "register",
]
