# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Commission, payout curves, rating bonus, SPIFF, draws.

No ORM here: the models hand in plain numbers and get ``(amount, trace)`` back.
"""

import itertools

STEP = "step"
LINEAR = "linear"


def round_money(amount, digits=2):
    return round(amount + 0.0, digits)


def category_commission(bases, rates, default_rate, product_rates=None):
    """Commission on bases by product category.

    ``bases``: [(product_id, category_path, base)] where category_path lists the category
    and its parents, nearest first; ``rates``: {category_id: percent};
    ``product_rates``: {product_id: percent} override the category. A category without a rate
    takes its nearest parent's, else ``default_rate``.
    """
    product_rates = product_rates or {}
    total, trace = 0.0, []
    for product_id, category_path, base in bases:
        if product_id in product_rates:
            rate, source = product_rates[product_id], "product"
        else:
            rate, source = default_rate, "default"
            for category_id in category_path:
                if category_id in rates:
                    rate, source = rates[category_id], "category"
                    break
        amount = base * rate / 100.0
        total += amount
        trace.append({"product_id": product_id, "base": base, "rate": rate, "rate_source": source, "amount": amount})
    return total, trace


# Problems of a payout curve, as codes: the models turn them into translated messages.
CURVE_NOT_INCREASING = "not_increasing"
CURVE_PAYOUT_DECREASES = "payout_decreases"
CURVE_NEGATIVE = "negative"
CURVE_CAP_BELOW_THRESHOLD = "cap_below_threshold"


def check_curve(points, threshold=0.0, cap=None):
    """Problems of a payout curve, as codes (``CURVE_*``); empty when it is usable.

    ``points``: [(attainment %, payout %)].
    """
    problems = []
    attainments = [a for a, _p in points]
    if attainments != sorted(attainments) or len(set(attainments)) != len(attainments):
        problems.append(CURVE_NOT_INCREASING)
    payouts = [p for _a, p in points]
    if payouts != sorted(payouts):
        problems.append(CURVE_PAYOUT_DECREASES)
    if any(a < 0 or p < 0 for a, p in points):
        problems.append(CURVE_NEGATIVE)
    if cap is not None and cap < threshold:
        problems.append(CURVE_CAP_BELOW_THRESHOLD)
    return problems


def curve_payout(attainment, points, mode=LINEAR, threshold=0.0, cap=None):
    """Payout % for an attainment %, from curve points.

    Below ``threshold`` nothing is paid. ``linear`` interpolates between points and extends
    the last segment's slope beyond the last point (accelerator); ``step`` pays the payout of
    the highest point reached. ``cap`` limits the payout %.
    """
    if attainment is None or attainment < threshold or not points:
        return 0.0, {"attainment": attainment, "payout": 0.0, "reason": "below threshold"}
    points = sorted(points)
    if mode == STEP:
        reached = [p for a, p in points if attainment >= a]
        payout = reached[-1] if reached else 0.0
        reason = "step"
    elif attainment <= points[0][0]:
        first_a, first_p = points[0]
        payout = first_p * attainment / first_a if first_a else first_p
        reason = "up to the first point"
    else:
        payout, reason = None, "interpolated"
        for (a1, p1), (a2, p2) in itertools.pairwise(points):
            if a1 <= attainment <= a2:
                payout = p1 + (p2 - p1) * (attainment - a1) / (a2 - a1)
                break
        if payout is None:  # beyond the last point: the last slope goes on (accelerator)
            if len(points) >= 2:
                (a1, p1), (a2, p2) = points[-2], points[-1]
                payout = p2 + (p2 - p1) * (attainment - a2) / (a2 - a1)
            else:
                payout = points[-1][1]
            reason = "beyond the last point"
    if cap is not None and payout > cap:
        payout, reason = cap, "capped"
    return payout, {"attainment": attainment, "payout": payout, "reason": reason}


def attainment_bonus(target_bonus, attainment, points, mode=LINEAR, threshold=0.0, cap=None):
    payout, trace = curve_payout(attainment, points, mode, threshold, cap)
    amount = target_bonus * payout / 100.0
    return amount, [{**trace, "base": target_bonus, "amount": amount}]


def rating_bonus(rating_band_id, band_amounts, target_bonus=0.0):
    """``band_amounts``: {band_id: (fixed amount, percent of target bonus)}."""
    fixed, percent = band_amounts.get(rating_band_id, (0.0, 0.0))
    amount = fixed + target_bonus * percent / 100.0
    return amount, [
        {"rating_band_id": rating_band_id, "fixed": fixed, "percent": percent, "base": target_bonus, "amount": amount}
    ]


def spiff(lines, fixed_per_unit=0.0, rate=0.0):
    """SPIFF on qualifying lines: ``lines`` = [(line_id, quantity, base)]."""
    total, trace = 0.0, []
    for line_id, quantity, base in lines:
        amount = quantity * fixed_per_unit + base * rate / 100.0
        total += amount
        trace.append({"line_id": line_id, "quantity": quantity, "base": base, "amount": amount})
    return total, trace


def draw(earned, draw_amount, outstanding, allow_negative=False):
    """A recoverable draw: the salesperson is paid at least ``draw_amount`` a period; what the
    draw adds above the earnings is an advance, recovered from later periods' earnings.

    Returns (advance, recovery, trace). A period below the draw adds an advance and recovers
    nothing. A period above it recovers the outstanding balance from the earnings above the
    draw, so the statement never falls below the draw (hence never below 0); with
    ``allow_negative`` the whole balance is taken back at once, even if the statement goes
    negative.
    """
    outstanding = max(outstanding, 0.0)
    if earned < draw_amount:
        advance, recovery = draw_amount - earned, 0.0
    else:
        advance = 0.0
        recovery = outstanding if allow_negative else min(outstanding, earned - draw_amount)
    trace = {
        "earned": earned,
        "draw": draw_amount,
        "outstanding_before": outstanding,
        "advance": advance,
        "recovery": recovery,
        "outstanding_after": outstanding + advance - recovery,
    }
    return advance, recovery, trace
