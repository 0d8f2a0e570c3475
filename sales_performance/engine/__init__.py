"""The rules of sales performance, apart from the ORM.

``periods``, ``scoring`` and ``decomposition`` are plain Python (numbers and dates in,
numbers out) and are tested without a database. ``sources`` turns a KPI definition into
ONE grouped SQL query per period, and ``refresh`` maps its rows onto many goals at once.
"""
