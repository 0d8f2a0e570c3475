# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The rules of sales performance, apart from the ORM.

``periods``, ``scoring``, ``scopes``, ``decomposition``, ``health`` and ``measuring`` are plain
Python (numbers and dates in, numbers out) and are tested without a database. ``sources``
turns a KPI definition (a plain :class:`~.sources.KpiSpec`) into ONE grouped SQL query per
period (a :class:`~.sources.PeriodWindow`); ``measuring`` maps its values onto many goals at
once.
"""
