# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Period arithmetic: boundaries, elapsed share, expected-to-date, fiscal-year layout."""

import calendar
from datetime import date, datetime, time, timedelta

import pytz

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def add_months(day, months):
    """Return ``day`` moved by ``months``, clamped to the end of the target month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_length_days(date_start, date_end):
    """Number of days in an inclusive date range."""
    return (date_end - date_start).days + 1


def elapsed_share(date_start, date_end, as_of):
    """Share (0..1) of the inclusive period elapsed at the end of day ``as_of``."""
    if as_of < date_start:
        return 0.0
    if as_of >= date_end:
        return 1.0
    return ((as_of - date_start).days + 1) / period_length_days(date_start, date_end)


def expected_to_date(target, date_start, date_end, as_of):
    """Linear expectation: the target spread evenly over the days of the period."""
    return target * elapsed_share(date_start, date_end, as_of)


def local_date(moment, tz_name):
    """The calendar day at ``moment`` (a naive UTC datetime) in the timezone ``tz_name``."""
    return pytz.utc.localize(moment).astimezone(pytz.timezone(tz_name or "UTC")).date()


def utc_bounds(date_start, date_end, tz_name):
    """Half-open UTC datetime bounds [start, end) of an inclusive local date range.

    Datetime columns (order date, close date) are stored in UTC; a period is a range of
    local days of the company, so an order at 23:30 local on the last day belongs to it.
    """
    tz = pytz.timezone(tz_name or "UTC")
    start = tz.localize(datetime.combine(date_start, time.min)).astimezone(pytz.utc)
    end = tz.localize(datetime.combine(date_end + timedelta(days=1), time.min)).astimezone(pytz.utc)
    return start.replace(tzinfo=None), end.replace(tzinfo=None)


def fiscal_year_start(day, last_month, last_day):
    """First day of the fiscal year containing ``day`` (fiscal year ends on last_month/last_day)."""
    end_this_year = date(day.year, last_month, min(last_day, calendar.monthrange(day.year, last_month)[1]))
    end = end_this_year if day <= end_this_year else add_months(end_this_year, 12)
    return add_months(end, -12) + timedelta(days=1)


def fiscal_year_layout(fy_start, period_types=("month", "quarter", "year")):
    """Ranges of a fiscal year starting on ``fy_start``: [(type, index, start, end)]."""
    layout = []
    for period_type in period_types:
        months = PERIOD_MONTHS[period_type]
        for index in range(12 // months):
            start = add_months(fy_start, index * months)
            end = add_months(fy_start, (index + 1) * months) - timedelta(days=1)
            layout.append((period_type, index + 1, start, end))
    return layout
