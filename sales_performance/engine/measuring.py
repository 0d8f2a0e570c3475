# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Measuring goals: the measured values in, the goals' figures and what changed out.

No verdict too early: before a share of the period (and a number of days) has elapsed, or for
a rate or an average nobody has data for yet, the pace is neutral (too early, no data), not
*behind*: a win rate of 0 against 55 before any opportunity closed says nothing.

One calculation of a goal's figures (attainment, expected-to-date, pace) from its actual,
used both by the refresh (many goals, one bulk write) and by the goal's stored compute (a
new target, new thresholds): :func:`goal_figures`. :func:`measure_goals` applies it to the
goals' stored rows and says which rows to write and whose pace status changed.
"""

from dataclasses import dataclass

from . import periods, scoring
from .scopes import owner_key


@dataclass(frozen=True)
class Figures:
    """What measuring writes on a goal."""

    actual: float
    attainment: float
    expected_to_date: float
    pace_status: str
    has_data: bool = True  # the owner had documents to measure (a rate or an average needs them)


@dataclass(frozen=True)
class KpiRule:
    """What a goal's figures take from its KPI."""

    direction: str
    cumulative: bool


@dataclass(frozen=True)
class PaceDay:
    """What a goal's pace takes from its company at the moment of measuring: the local day,
    the (ahead, on track, at risk) thresholds, and how much of a period must have elapsed
    before a verdict: ``min_share`` (0..1) of its days and at least ``min_days`` days."""

    as_of: object  # date
    thresholds: tuple
    min_share: float = 0.10
    min_days: int = 2


@dataclass(frozen=True)
class GoalRow:
    """A goal as stored before measuring; ``figures`` is None for a goal never measured."""

    goal_id: int
    kpi_id: int
    period_id: int
    company_id: int
    scope: str
    team_id: int
    user_id: int
    target: float
    figures: Figures = None

    @property
    def key(self):
        """The key of the goal's value in the engine's results."""
        return owner_key(self.scope, self.company_id, self.team_id, self.user_id)


@dataclass(frozen=True)
class Measurement:
    """The outcome of measuring: the rows to write ``[(goal id, Figures)]`` and the goals
    whose pace status changed (a goal never measured counts as changed)."""

    to_write: list
    status_changed: list


def expected_and_pace(actual, target, rule, date_start, date_end, day, has_data=True):
    """(expected-to-date, pace status) of a goal as of ``day.as_of``: no verdict (too early)
    before ``day``'s share of the period has elapsed, none (no data) for a rate or an average
    without data."""
    if day.as_of < date_start:
        expected = 0.0  # nothing is expected before the period starts
    elif rule.cumulative:
        expected = periods.expected_to_date(target, date_start, date_end, day.as_of)
    else:
        expected = target  # a rate or an average is expected in full all along
    if not target:
        return expected, scoring.PACE_NO_TARGET
    if scoring.too_early(date_start, date_end, day.as_of, day.min_share, day.min_days):
        return expected, scoring.PACE_TOO_EARLY
    if not rule.cumulative and not has_data:
        return expected, scoring.PACE_NO_DATA
    return expected, scoring.pace_status(actual, target, expected, day.thresholds, rule.direction)


def goal_figures(actual, target, rule, date_start, date_end, day, has_data=True):
    """A goal's figures for a measured ``actual`` (``has_data``: the owner had documents to
    measure); a goal without period dates has no pace."""
    attainment = scoring.attainment(actual, target, rule.direction) or 0.0
    if not (date_start and date_end):
        return Figures(actual, attainment, 0.0, scoring.PACE_NO_TARGET, has_data)
    expected, status = expected_and_pace(actual, target, rule, date_start, date_end, day, has_data)
    return Figures(actual, attainment, expected, status, has_data)


def wanted_measures(rows):
    """What to ask the engine for the goals ``rows``: ``{kpi id: (period ids, scopes)}``."""
    wanted = {}
    for row in rows:
        period_ids, scopes = wanted.setdefault(row.kpi_id, (set(), set()))
        period_ids.add(row.period_id)
        scopes.add(row.scope)
    return wanted


def measure_goals(rows, values, rules, period_dates, days, only_changed=False):
    """Figures of the goals ``rows`` from the engine's ``values``.

    ``values``: ``{kpi id: {period id: {(scope, owner id): value}}}`` (an owner without data
    is absent: its actual is 0, and a rate or an average has no pace yet);
    ``rules``: ``{kpi id: KpiRule}``; ``period_dates``: ``{period id: (start, end)}``;
    ``days``: ``{company id: PaceDay}``.

    Every goal is written unless ``only_changed``: then only the goals whose figures moved
    (or never measured). Same query, same arithmetic: unchanged figures come back as the same
    floats, so an equality says "nothing moved".
    """
    to_write, status_changed = [], []
    for row in rows:
        measured = values[row.kpi_id][row.period_id]
        figures = goal_figures(
            measured.get(row.key, 0.0),
            row.target,
            rules[row.kpi_id],
            *period_dates[row.period_id],
            days[row.company_id],
            has_data=row.key in measured,
        )
        if not only_changed or figures != row.figures:
            to_write.append((row.goal_id, figures))
        old_status = row.figures.pace_status if row.figures else None
        if figures.pace_status != old_status:
            status_changed.append(row.goal_id)
    return Measurement(to_write, status_changed)
