# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Splitting a parent target over children: equal, historical share, manual weights.

Each function returns one target per child, in the children's order, rounded to
``precision`` digits; the rounding remainder goes to the largest share so the children
add up exactly to the parent.
"""

EQUAL = "equal"
HISTORICAL = "historical"
MANUAL = "manual"


def _allocate(total, shares, precision):
    raw = [total * share for share in shares]
    rounded = [round(value, precision) for value in raw]
    if rounded:
        remainder = round(total - sum(rounded), precision)
        largest = max(range(len(shares)), key=lambda i: shares[i])
        rounded[largest] = round(rounded[largest] + remainder, precision)
    return rounded


def equal_split(total, count, precision=2):
    if count <= 0:
        return []
    return _allocate(total, [1.0 / count] * count, precision)


def weighted_split(total, weights, precision=2):
    """Split by non-negative weights (any scale); all-zero weights fall back to equal."""
    if any(weight < 0 for weight in weights):
        raise ValueError("weights must not be negative")
    weight_sum = sum(weights)
    if not weights:
        return []
    if weight_sum <= 0:
        return equal_split(total, len(weights), precision)
    return _allocate(total, [weight / weight_sum for weight in weights], precision)


def historical_shares(history):
    """Shares (summing to 1) from each child's past actuals; None when nothing was sold."""
    cleaned = [max(value or 0.0, 0.0) for value in history]
    total = sum(cleaned)
    if total <= 0:
        return None
    return [value / total for value in cleaned]
