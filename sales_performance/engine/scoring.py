# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Attainment and pace: numbers in, numbers out."""

HIGHER_IS_BETTER = "higher"
LOWER_IS_BETTER = "lower"

PACE_AHEAD = "ahead"
PACE_ON_TRACK = "on_track"
PACE_AT_RISK = "at_risk"
PACE_BEHIND = "behind"
PACE_NO_TARGET = "no_target"
# Neutral paces: no verdict yet, early in the period or for a rate/average without data.
PACE_TOO_EARLY = "too_early"
PACE_NO_DATA = "no_data"
# Paces that alert the manager (and offer to plan coaching).
BAD_PACES = (PACE_AT_RISK, PACE_BEHIND)
# Paces that close an open alert (the goal is back on track, or has nothing to judge any more).
RECOVERED_PACES = (PACE_AHEAD, PACE_ON_TRACK, PACE_NO_TARGET)

ALERT_NONE = "none"  # never alerted
ALERT_OPEN = "open"
ALERT_CLOSED = "closed"  # alerted, then recovered


def attainment(actual, target, direction=HIGHER_IS_BETTER):
    """Attainment in percent.

    Higher-is-better: actual / target. Lower-is-better (costs, cycle time): target / actual,
    so beating a ceiling scores above 100. A zero target has no meaningful attainment
    (returns None) except for lower-is-better where an actual of 0 meets a 0 ceiling.
    """
    actual, target = actual or 0.0, target or 0.0
    if direction == LOWER_IS_BETTER:
        if actual <= 0:
            return 100.0 if target >= 0 else None
        return 100.0 * target / actual
    if target <= 0:
        return None
    return 100.0 * actual / target


def pace_ratio(actual, target, expected, direction=HIGHER_IS_BETTER):
    """The actual in percent of what is expected by now (the full target for lower-is-better
    goals: a ceiling is not spread over time); None without a target or an expectation."""
    if not target:
        return None
    if direction == LOWER_IS_BETTER:
        return attainment(actual, target, direction)
    if not expected:
        return None
    return attainment(actual, expected, direction)


def pace_status(actual, target, expected, thresholds, direction=HIGHER_IS_BETTER):
    """Classify progress against the linear expectation.

    ``thresholds`` = (ahead, on_track, at_risk) in percent of the expected-to-date, e.g.
    (110, 95, 75): >= 110 ahead, >= 95 on track, >= 75 at risk, below behind.
    Lower-is-better goals compare the full target (a ceiling is not spread over time).
    """
    if not target:
        return PACE_NO_TARGET
    if direction != LOWER_IS_BETTER and not expected:
        return PACE_ON_TRACK  # nothing expected yet: the period has not started
    ratio = pace_ratio(actual, target, expected, direction)
    if ratio is None:
        return PACE_NO_TARGET
    for status, threshold in zip((PACE_AHEAD, PACE_ON_TRACK, PACE_AT_RISK), thresholds, strict=True):
        if ratio >= threshold:
            return status
    return PACE_BEHIND


def too_early(date_start, date_end, as_of, min_share, min_days):
    """Whether it is too early for a pace verdict on ``as_of``: less than ``min_share`` (0..1)
    of the period's days, or fewer than ``min_days`` days, counted to the end of ``as_of``
    (as the expected-to-date counts them). Before the start it is always too early."""
    if as_of < date_start:
        return True
    if as_of >= date_end:
        return False
    days = (as_of - date_start).days + 1
    return days < min_days or days < min_share * ((date_end - date_start).days + 1)


def next_alert_state(state, status, ratio, on_track, margin):
    """The pace alert of a goal after a new pace ``status`` (with hysteresis).

    ``state``: ALERT_NONE (never alerted), ALERT_OPEN or ALERT_CLOSED (alerted, then recovered).
    An alert opens when the goal falls at risk or behind, and closes only when it is back on
    track or ahead (or has no target any more); an at-risk <-> behind move, a neutral pace
    (too early, no data) keep it as it is. Once closed, it re-opens only on a real fall: below
    the on-track threshold by ``margin`` points or more (``ratio`` is the pace in percent of
    the expected-to-date), not on every dip around the threshold.
    """
    if state == ALERT_OPEN:
        return ALERT_CLOSED if status in RECOVERED_PACES else ALERT_OPEN
    if status not in BAD_PACES:
        return state
    if state == ALERT_CLOSED and ratio is not None and ratio >= on_track - margin:
        return ALERT_CLOSED
    return ALERT_OPEN


def rank(value, peers):
    """Rank of ``value`` among ``peers`` (which may include it): 1 + the number of peers
    strictly above it, so equal values share a rank and the next one skips (1, 1, 3)."""
    return 1 + sum(1 for peer in peers if peer > value)


def score_lines(lines, cap=None):
    """Scorecard arithmetic.

    ``lines``: iterable of dicts with ``actual``, ``target``, ``weight`` and ``direction``
    (an ``attainment`` key, when present, overrides the computed one: a manual adjustment).
    Returns (per-line dicts with attainment / capped / weighted, total score).

    A line without attainment (zero target) does not count: the other lines' weights are
    rescaled so the total stays a percentage. Without any weight, lines count equally.
    """
    scored = []
    for line in lines:
        value = line.get("attainment")
        if value is None:
            value = attainment(line["actual"], line["target"], line.get("direction", HIGHER_IS_BETTER))
        capped = None if value is None else (min(value, cap) if cap else value)
        scored.append({**line, "attainment": value, "capped": capped})
    counted = [line for line in scored if line["capped"] is not None]
    weights = [max(line.get("weight") or 0.0, 0.0) for line in counted]
    if not any(weights):
        weights = [1.0] * len(counted)
    weight_sum = sum(weights)
    total = 0.0
    for line, weight in zip(counted, weights, strict=True):
        line["weighted"] = line["capped"] * weight / weight_sum
        total += line["weighted"]
    for line in scored:
        line.setdefault("weighted", 0.0)
    return scored, total


def rating_for(score, bands):
    """The band whose lower bound is the highest not above ``score``.

    ``bands``: [(min_score, value)] in any order; None when the score is below them all.
    """
    eligible = [(low, value) for low, value in bands if score >= low]
    return max(eligible, key=lambda band: band[0])[1] if eligible else None


def check_bands(lower_bounds):
    """Bands given by their lower bounds: no two alike (overlap) and the lowest at 0 (no gap)."""
    if not lower_bounds:
        return "no band"
    if len(set(lower_bounds)) != len(lower_bounds):
        return "overlap"
    if min(lower_bounds) != 0:
        return "gap"
    return None


def validate_thresholds(ahead, on_track, at_risk):
    """Thresholds must be positive and strictly decreasing."""
    return 0 < at_risk < on_track < ahead
