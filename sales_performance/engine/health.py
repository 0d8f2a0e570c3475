# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""KPI health: which KPIs tell salespeople apart, which repeat each other, which predict.

Plain Python on a matrix of actuals: ``values[kpi][(period, salesperson)] = actual``.
"""

import math
from statistics import fmean, pstdev

NEAR_ZERO_VARIATION = 0.05  # coefficient of variation below which a KPI hardly varies
REDUNDANT_CORRELATION = 0.9


def pearson(xs, ys):
    """Pearson's r of two equally long sequences; None when either does not vary."""
    if len(xs) != len(ys) or len(xs) < 2:
        return None
    mean_x, mean_y = fmean(xs), fmean(ys)
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    var_x = sum((x - mean_x) ** 2 for x in xs)
    var_y = sum((y - mean_y) ** 2 for y in ys)
    if var_x == 0 or var_y == 0:
        return None
    return cov / math.sqrt(var_x * var_y)


def variation(values):
    """(mean, standard deviation, coefficient of variation) of a KPI across salespeople."""
    values = list(values)
    if not values:
        return 0.0, 0.0, 0.0
    mean, deviation = fmean(values), pstdev(values)
    return mean, deviation, (deviation / abs(mean) if mean else (0.0 if deviation == 0 else math.inf))


def correlations(values):
    """{(kpi_a, kpi_b): r} over the (period, salesperson) cells both KPIs have."""
    kpis = sorted(values)
    result = {}
    for index, kpi_a in enumerate(kpis):
        for kpi_b in kpis[index + 1 :]:
            cells = sorted(set(values[kpi_a]) & set(values[kpi_b]))
            result[(kpi_a, kpi_b)] = pearson([values[kpi_a][c] for c in cells], [values[kpi_b][c] for c in cells])
    return result


def predictive_value(leading, outcome, next_period):
    """r between a leading KPI in period N and the outcome KPI in period N+1, per salesperson.

    ``leading`` / ``outcome``: {(period, salesperson): actual}; ``next_period``: {period: next}.
    """
    xs, ys = [], []
    for (period, person), value in leading.items():
        following = next_period.get(period)
        if following is not None and (following, person) in outcome:
            xs.append(value)
            ys.append(outcome[(following, person)])
    return pearson(xs, ys), len(xs)
