"""Commission, payout curves, rating bonus, SPIFF, draw recovery.

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


def check_curve(points, threshold=0.0, cap=None):
    """Problems of a payout curve, as messages; empty when it is usable.

    ``points``: [(attainment %, payout %)].
    """
    problems = []
    attainments = [a for a, _p in points]
    if attainments != sorted(attainments) or len(set(attainments)) != len(attainments):
        problems.append("attainment points must be strictly increasing")
    payouts = [p for _a, p in points]
    if payouts != sorted(payouts):
        problems.append("payouts must not decrease as attainment grows")
    if any(a < 0 or p < 0 for a, p in points):
        problems.append("points cannot be negative")
    if cap is not None and cap < threshold:
        problems.append("the cap cannot be below the threshold")
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


def recover_draws(earned, outstanding_draw, allow_negative=False):
    """How much of an outstanding draw to take back from this period's earnings.

    Returns (recovery, draw left). Without ``allow_negative`` the statement never goes below 0.
    """
    if outstanding_draw <= 0:
        return 0.0, 0.0
    recovery = outstanding_draw if allow_negative else min(outstanding_draw, max(earned, 0.0))
    return recovery, outstanding_draw - recovery
