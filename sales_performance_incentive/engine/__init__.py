# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The incentive engine, no ORM records in it.

``calculators``: pure functions of numbers in, ``(amount, trace)`` out, where ``trace`` is a
list of dicts saying what was used (base, rate or curve point, amount), so a statement line can
show its calculation. ``rows``: the invoice rows of a period (one grouped SQL query per basis),
as plain ``InvoiceRow`` values the calculators work on.
"""
