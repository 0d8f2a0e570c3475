"""Attainment and pace: numbers in, numbers out."""

HIGHER_IS_BETTER = "higher"
LOWER_IS_BETTER = "lower"

PACE_AHEAD = "ahead"
PACE_ON_TRACK = "on_track"
PACE_AT_RISK = "at_risk"
PACE_BEHIND = "behind"
PACE_NO_TARGET = "no_target"


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


def pace_ratio(actual, expected, direction=HIGHER_IS_BETTER):
    """How the actual compares with what was expected by now, in percent."""
    return attainment(actual, expected, direction)


def pace_status(actual, target, expected, thresholds, direction=HIGHER_IS_BETTER):
    """Classify progress against the linear expectation.

    ``thresholds`` = (ahead, on_track, at_risk) in percent of the expected-to-date, e.g.
    (110, 95, 75): >= 110 ahead, >= 95 on track, >= 75 at risk, below behind.
    Lower-is-better goals compare the full target (a ceiling is not spread over time).
    """
    if not target:
        return PACE_NO_TARGET
    if direction == LOWER_IS_BETTER:
        ratio = attainment(actual, target, direction)
    elif not expected:
        return PACE_ON_TRACK  # nothing expected yet: the period has not started
    else:
        ratio = attainment(actual, expected, direction)
    if ratio is None:
        return PACE_NO_TARGET
    for status, threshold in zip((PACE_AHEAD, PACE_ON_TRACK, PACE_AT_RISK), thresholds, strict=True):
        if ratio >= threshold:
            return status
    return PACE_BEHIND


def validate_thresholds(ahead, on_track, at_risk):
    """Thresholds must be positive and strictly decreasing."""
    return 0 < at_risk < on_track < ahead
