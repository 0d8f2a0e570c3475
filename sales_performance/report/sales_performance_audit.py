# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, MissingError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def value_as_text(side):
    """A tracked value as text; mail.tracking.value keeps one column per type of field."""

    def column(kind):
        return SQL.identifier("tv", f"{side}_value_{kind}")

    return SQL(
        """CASE f.ttype
               WHEN 'float' THEN %(float)s::text
               WHEN 'monetary' THEN %(float)s::text
               WHEN 'integer' THEN %(integer)s::text
               WHEN 'boolean' THEN CASE WHEN %(integer)s = 1 THEN 'True' ELSE 'False' END
               WHEN 'date' THEN %(datetime)s::date::text
               WHEN 'datetime' THEN to_char(%(datetime)s, 'YYYY-MM-DD HH24:MI:SS')
               WHEN 'text' THEN %(text)s
               WHEN 'html' THEN %(text)s
               ELSE %(char)s
           END""",
        float=column("float"),
        integer=column("integer"),
        datetime=column("datetime"),
        text=column("text"),
        char=column("char"),
    )


class SalesPerformanceAudit(models.Model):
    """One row per tracked change of an audited document (``_audited_models``: the performance
    documents here, those of other addons such as incentive statements where they add them):
    who changed which field of which document, when, from what to what. Read-only (a view over
    the chatter's tracking), exportable like any list."""

    _name = "sales.performance.audit"
    _description = "Sales Performance Audit Trail"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "field_label"

    # ------------------------------------------------------------------ fields
    date = fields.Datetime(readonly=True)
    user_id = fields.Many2one("res.users", string="Changed By", readonly=True)
    author_id = fields.Many2one("res.partner", readonly=True)
    # A selection and a label rather than many2ones to ir.model / ir.model.fields: they read,
    # group and export as words, translated, and need no access to Odoo's model registry.
    model = fields.Selection(selection="_selection_model", string="Document Type", readonly=True)
    res_id = fields.Integer(string="Document ID", readonly=True)
    document = fields.Char(compute="_compute_document")
    field_name = fields.Char(string="Technical Field", readonly=True)
    field_label = fields.Char(compute="_compute_field_label", string="Field")
    old_value = fields.Char(readonly=True)
    new_value = fields.Char(readonly=True)
    message_id = fields.Many2one("mail.message", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    @api.model
    def _selection_model(self):
        return [(name, self.env[name]._description) for name in self._audited_models()]

    # ------------------------------------------------------------------ compute
    @api.depends("model", "field_name")
    def _compute_field_label(self):
        for row in self:
            field = self.env[row.model]._fields.get(row.field_name) if row.model in self.env else None
            row.field_label = field._description_string(self.env) if field else row.field_name

    @api.depends("model", "res_id")
    def _compute_document(self):
        for row in self:
            document = self.env[row.model].browse(row.res_id) if row.model in self.env else None
            try:
                row.document = document.display_name if document else False
            except (AccessError, MissingError):  # deleted, or out of the reader's reach
                row.document = f"{row.model},{row.res_id}"

    # ------------------------------------------------------------------ the view
    @api.model
    def _audited_models(self):
        """Names of the models whose tracked changes make the trail. An addon with documents
        to audit extends the list with its own models (calling super); the view is rebuilt
        when the list changes (see ``_register_hook``)."""
        return [
            "sales.performance.period",
            "sales.performance.kpi",
            "sales.performance.goal",
            "sales.performance.plan",
            "sales.performance.rating.scale",
            "sales.performance.review",
            "sales.performance.coaching",
            "sales.performance.feedback",
        ]

    def _audited_tables(self):
        """(model name, table, has a company column) of each audited model."""
        tables = []
        for name in self._audited_models():
            model = self.env[name]
            field = model._fields.get("company_id")
            tables.append((name, model._table, bool(field and field.store)))
        return tables

    def _view_query(self, tables):
        company_cases = [
            SQL("WHEN %s THEN (SELECT t.company_id FROM %s t WHERE t.id = m.res_id)", name, SQL.identifier(table))
            for name, table, has_company in tables
            if has_company
        ]
        company = SQL("CASE m.model %s END", SQL(" ").join(company_cases)) if company_cases else SQL("NULL::integer")
        return SQL(
            """
            SELECT tv.id AS id,
                   m.date AS date,
                   m.create_uid AS user_id,
                   m.author_id AS author_id,
                   m.model AS model,
                   m.res_id AS res_id,
                   f.name AS field_name,
                   %(old)s AS old_value,
                   %(new)s AS new_value,
                   m.id AS message_id,
                   %(company)s AS company_id
              FROM mail_tracking_value tv
              JOIN mail_message m ON m.id = tv.mail_message_id
              JOIN ir_model_fields f ON f.id = tv.field_id
             WHERE m.model IN %(models)s
            """,
            old=value_as_text("old"),
            new=value_as_text("new"),
            company=company,
            models=tuple(name for name, _table, _company in tables) or ("",),
        )

    def _view_comment(self, tables):
        return "audited: " + ",".join(name for name, _table, _company in tables)

    def init(self):
        self._create_view()

    def _create_view(self):
        tables = self._audited_tables()
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE VIEW %s AS (%s)", SQL.identifier(self._table), self._view_query(tables)))
        self.env.cr.execute(SQL("COMMENT ON VIEW %s IS %s", SQL.identifier(self._table), self._view_comment(tables)))
        _logger.info("Audit trail view %s built over %d models", self._table, len(tables))

    def _register_hook(self):
        """Installing or removing the incentive addon changes the audited tables: the view
        is rebuilt when its list of audited models is not the current one."""
        super()._register_hook()
        self.env.cr.execute(SQL("SELECT obj_description(to_regclass(%s), 'pg_class')", self._table))
        row = self.env.cr.fetchone()
        if not row or row[0] != self._view_comment(self._audited_tables()):
            self._create_view()
