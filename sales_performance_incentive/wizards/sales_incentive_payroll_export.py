# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import csv
import io

import xlsxwriter

from odoo import api, fields, models

from odoo.addons.sales_performance.models.sales_performance_integrity_mixin import ensure_one_record

EXPORT_FORMATS = [("csv", "CSV"), ("xlsx", "Excel")]
EXPORTED_STATES = ("approved", "posted", "paid")
AMOUNT_COLUMN = 4
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SalesIncentivePayrollExport(models.TransientModel):
    """The approved (and later) statements among those selected, one row each for payroll, as a
    CSV file or an Excel workbook. The statements are read again through search, so the record
    rules of the user exporting apply."""

    _name = "sales.incentive.payroll.export"
    _inherit = ["sales.performance.integrity.mixin"]
    _description = "Export Incentives for Payroll"

    # ------------------------------------------------------------------ fields
    statement_ids = fields.Many2many("sales.incentive.statement", default=lambda self: self._default_statement_ids())
    file_format = fields.Selection(EXPORT_FORMATS, string="Format", required=True, default="csv")

    @api.model
    def _default_statement_ids(self):
        if self.env.context.get("active_model") != "sales.incentive.statement":
            return []
        return [fields.Command.set(self.env.context.get("active_ids") or [])]

    # ------------------------------------------------------------------ actions
    def action_export(self):
        """Download the file of the chosen format."""
        ensure_one_record(self)
        name, raw, mimetype = getattr(self, f"_export_{self.file_format}")()
        attachment = self.env["ir.attachment"].create({"name": name, "raw": raw, "mimetype": mimetype})
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    # ------------------------------------------------------------------ business
    def _payroll_rows(self):
        """Header and rows of the approved (and later) statements, as the user may read them."""
        Statement = self.env["sales.incentive.statement"]
        statements = Statement.search(
            [("id", "in", self.statement_ids.ids), ("state", "in", EXPORTED_STATES)], order="period_id, user_id"
        )
        states = dict(Statement._fields["state"]._description_selection(self.env))
        methods = dict(Statement._fields["payout_method"]._description_selection(self.env))
        header = [
            self.env._("Salesperson"),
            self.env._("Login"),
            self.env._("Period"),
            self.env._("Company"),
            self.env._("Amount"),
            self.env._("Currency"),
            self.env._("Status"),
            self.env._("Payout"),
            self.env._("Payee"),
            self.env._("Journal Entry"),
            self.env._("Approved by"),
            self.env._("Approved on"),
        ]
        rows = [
            [
                statement.user_id.name,
                statement.user_id.login,
                statement.period_id.name,
                statement.company_id.name,
                statement.amount_total,
                statement.currency_id.name,
                states[statement.state],
                methods[statement.payout_method],
                statement.payee_partner_id.name or "",
                statement.move_id.name or "",
                statement.approved_by_id.name or "",
                fields.Datetime.to_string(statement.approved_date) or "",
            ]
            for statement in statements
        ]
        return header, rows

    def _export_csv(self):
        header, rows = self._payroll_rows()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(
            [[f"{value:.2f}" if index == AMOUNT_COLUMN else value for index, value in enumerate(row)] for row in rows]
        )
        return "incentives.csv", buffer.getvalue().encode(), "text/csv"

    def _export_xlsx(self):
        """The same as the CSV export, as an Excel workbook (amounts as numbers, with a total)."""
        header, rows = self._payroll_rows()
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Incentives"))
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        sheet.write_row(0, 0, header, bold)
        for index, row in enumerate(rows, start=1):
            sheet.write_row(index, 0, row)
            sheet.write_number(index, AMOUNT_COLUMN, row[AMOUNT_COLUMN], money)
        if rows:
            sheet.write(len(rows) + 1, AMOUNT_COLUMN - 1, self.env._("Total"), bold)
            sheet.write_formula(
                len(rows) + 1,
                AMOUNT_COLUMN,
                f"=SUM(E2:E{len(rows) + 1})",
                money,
                sum(row[AMOUNT_COLUMN] for row in rows),
            )
        sheet.set_column(0, len(header) - 1, 16)
        workbook.close()
        return "incentives.xlsx", buffer.getvalue(), XLSX_MIMETYPE
