"""Incentive calculators: pure functions of numbers in, amount and trace out.

Each returns ``(amount, trace)`` where ``trace`` is a list of dicts saying what was used
(base, rate or curve point, amount), so a statement line can show its calculation.
"""
