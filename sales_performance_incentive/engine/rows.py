# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Invoice rows of the incentive statements: ONE grouped query per basis and period.

The statement asks for the rows of a basis (:data:`INVOICED` or :data:`PAID`) of a company's
dates for a set of salespeople and gets ``{user_id: [InvoiceRow]}`` back: plain values, no ORM
records. The calculators (commission, SPIFF...) work on these rows; the what-if estimate adds
rows of its own to them.

A row is one product of one date of one salesperson, in company currency. A credit note counts
for the salesperson of the invoice it reverses, whoever issued it.
"""

from collections import defaultdict
from dataclasses import dataclass

from odoo.tools import SQL

INVOICED = "invoiced"  # posted invoices net of credit notes, by invoice date
PAID = "paid"  # the paid part of invoices, by payment date


@dataclass(frozen=True)
class RowWindow:
    """What a row query needs to know of a period: its company and dates (inclusive)."""

    company_id: int
    date_start: object  # date
    date_end: object  # date


@dataclass(frozen=True)
class InvoiceRow:
    """One product of one date of one salesperson, in company currency.

    ``base`` is the revenue, ``margin`` the revenue minus cost; ``category_path`` lists the
    product's category and its parents, nearest first; ``date`` is the invoice date (the
    payment date on the paid basis); ``origin_date`` is the date of the invoice a credit note
    reverses (None for invoices and on the paid basis); ``line_ids`` are the journal items;
    ``origin_move_id`` is the invoice a credit note reverses (None for invoices).
    """

    line_ids: tuple
    product_id: int
    category_path: tuple
    quantity: float
    base: float
    margin: float
    date: object
    origin_date: object = None
    origin_move_id: int = None


def category_path(parent_path):
    """A category's ``parent_path`` ("1/4/9/") as ids, nearest first: (9, 4, 1)."""
    return tuple(int(part) for part in (parent_path or "").strip("/").split("/") if part)[::-1]


# The invoice a credit note reverses (``origin``) and the product's category (``categ``), for
# the rows of invoice ``line`` of ``move``.
ORIGIN_AND_CATEGORY_JOINS = SQL(
    """LEFT JOIN account_move origin ON origin.id = move.reversed_entry_id
       LEFT JOIN product_product product ON product.id = line.product_id
       LEFT JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
       LEFT JOIN product_category categ ON categ.id = tmpl.categ_id
       LEFT JOIN uom_uom line_uom ON line_uom.id = line.product_uom_id
       LEFT JOIN uom_uom product_uom ON product_uom.id = tmpl.uom_id"""
)
# The product's cost for one unit of the journal item's unit of measure (the cost is per unit of
# the product's; a uom factor is how many of it make one reference unit).
PRODUCT_COST_PER_LINE_UNIT = SQL(
    """(product.standard_price ->> move.company_id::text)::numeric
       * COALESCE(product_uom.factor::numeric / NULLIF(line_uom.factor::numeric, 0), 1)"""
)
# A credit note counts for the salesperson of the invoice it reverses.
CREDITED_USER = SQL("COALESCE(origin.invoice_user_id, move.invoice_user_id)")

# Only journal items no live statement has paid yet (a document posted after the statement of
# its dates: paid once, later, as a prior-period adjustment).
NOT_PAID_YET = SQL(
    """AND NOT EXISTS (
        SELECT 1
          FROM account_move_line_sales_incentive_statement_line_rel paid
          JOIN sales_incentive_statement_line paid_line ON paid_line.id = paid.sales_incentive_statement_line_id
          JOIN sales_incentive_statement paid_statement ON paid_statement.id = paid_line.statement_id
         WHERE paid.account_move_line_id = line.id AND paid_statement.state != 'cancel')"""
)

# Posted customer invoice and credit note product lines of the period, grouped by salesperson,
# product and invoice date. The cost of the margin is the sale order line's (sale_margin), else
# the product's.
INVOICED_QUERY = """
    SELECT %(credited_user)s, line.product_id, categ.parent_path,
           SUM(sign.value * line.quantity),
           SUM(-line.balance),
           SUM(-line.balance - sign.value * line.quantity * COALESCE(
               sale_cost.unit_cost, %(product_cost)s, 0)),
           ARRAY_AGG(line.id), move.invoice_date, origin.invoice_date, origin.id
      FROM account_move_line line
      JOIN account_move move ON move.id = line.move_id
      CROSS JOIN LATERAL (SELECT CASE WHEN move.move_type = 'out_refund' THEN -1 ELSE 1 END AS value) sign
      %(product_joins)s
      LEFT JOIN LATERAL (
            -- the order line's cost is per unit of the order line's unit of measure
            SELECT sol.purchase_price / NULLIF(so.currency_rate, 0)
                   * COALESCE(sol_uom.factor::numeric / NULLIF(line_uom.factor::numeric, 0), 1) AS unit_cost
              FROM sale_order_line_invoice_rel rel
              JOIN sale_order_line sol ON sol.id = rel.order_line_id
              JOIN sale_order so ON so.id = sol.order_id
              LEFT JOIN uom_uom sol_uom ON sol_uom.id = sol.product_uom
             WHERE rel.invoice_line_id = line.id
          ORDER BY sol.id
             LIMIT 1
      ) sale_cost ON TRUE
     WHERE move.state = 'posted'
       AND move.move_type IN ('out_invoice', 'out_refund')
       AND line.display_type = 'product'
       AND move.company_id = %(company_id)s
       AND move.invoice_date BETWEEN %(date_start)s AND %(date_end)s
       AND %(credited_user)s IN %(user_ids)s
       %(not_paid_yet)s
  GROUP BY %(credited_user)s, line.product_id, categ.parent_path,
           move.invoice_date, origin.invoice_date, origin.id
"""

# The paid part of customer invoices (and refunded part of credit notes) by payment date in the
# period, whatever the invoice's date. Only reconciliations with payments or bank entries count
# (a credit note matched with its invoice is not a payment). The paid share is taken in the
# invoice's currency, so the base is valued at the invoice's rate, as the invoiced basis is.
PAID_QUERY = """
    WITH paid AS (
        SELECT term.move_id AS invoice_id,
               SUM(CASE WHEN term.id = partial.debit_move_id
                        THEN partial.debit_amount_currency ELSE partial.credit_amount_currency END) AS amount,
               MAX(partial.max_date) AS paid_date
          FROM account_partial_reconcile partial
          JOIN account_move_line term
            ON term.id IN (partial.debit_move_id, partial.credit_move_id)
           AND term.display_type = 'payment_term'
          JOIN account_move_line counterpart
            ON counterpart.id = CASE WHEN term.id = partial.debit_move_id
                                     THEN partial.credit_move_id ELSE partial.debit_move_id END
          JOIN account_move payment ON payment.id = counterpart.move_id AND payment.move_type = 'entry'
         WHERE partial.max_date BETWEEN %(date_start)s AND %(date_end)s
           AND partial.company_id = %(company_id)s
      GROUP BY term.move_id
    )
    SELECT %(credited_user)s, line.product_id, categ.parent_path,
           SUM(sign.value * line.quantity * share.value),
           SUM(-line.balance * share.value),
           SUM((-line.balance - sign.value * line.quantity * COALESCE(%(product_cost)s, 0)) * share.value),
           ARRAY_AGG(line.id), MAX(paid.paid_date), NULL::date, MAX(origin.id)
      FROM paid
      JOIN account_move move ON move.id = paid.invoice_id
      CROSS JOIN LATERAL (SELECT CASE WHEN move.move_type = 'out_refund' THEN -1 ELSE 1 END AS value) sign
      CROSS JOIN LATERAL (SELECT paid.amount / NULLIF(move.amount_total, 0) AS value) share
      JOIN account_move_line line ON line.move_id = move.id AND line.display_type = 'product'
      %(product_joins)s
     WHERE move.state = 'posted'
       AND move.move_type IN ('out_invoice', 'out_refund')
       AND %(credited_user)s IN %(user_ids)s
  GROUP BY %(credited_user)s, line.product_id, categ.parent_path,
           move.id
"""

QUERIES = {INVOICED: INVOICED_QUERY, PAID: PAID_QUERY}


def rows_sql(basis, window, user_ids, unpaid_only=False):
    """The SQL of the rows of ``basis`` for ``user_ids`` over ``window`` (``unpaid_only``: the
    invoiced basis without the journal items a live statement already paid)."""
    return SQL(
        QUERIES[basis],
        credited_user=CREDITED_USER,
        product_joins=ORIGIN_AND_CATEGORY_JOINS,
        product_cost=PRODUCT_COST_PER_LINE_UNIT,
        company_id=window.company_id,
        date_start=window.date_start,
        date_end=window.date_end,
        user_ids=tuple(user_ids),
        not_paid_yet=NOT_PAID_YET if unpaid_only else SQL(),
    )


def rows_by_user(fetched):
    """``{user_id: [InvoiceRow]}`` from the fetched tuples of :func:`rows_sql`."""
    rows = defaultdict(list)
    for user_id, product_id, parent_path, quantity, base, margin, line_ids, row_date, origin_date, origin_id in fetched:
        rows[user_id].append(
            InvoiceRow(
                tuple(line_ids),
                product_id,
                category_path(parent_path),
                float(quantity or 0.0),
                float(base or 0.0),
                float(margin or 0.0),
                row_date,
                origin_date,
                origin_id,
            )
        )
    return rows


def fetch_rows(cr, basis, window, user_ids, unpaid_only=False):
    """Run the query of ``basis``: ``{user_id: [InvoiceRow]}`` (the caller flushes the ORM)."""
    if not user_ids:
        return {}
    cr.execute(rows_sql(basis, window, user_ids, unpaid_only))
    return rows_by_user(cr.fetchall())
