# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Chinese (zh_CN) users see no English left in our screens.

The test activates zh_CN, loads the .po files of both addons, then renders what a user sees
in Chinese: every view of every window action of ours (form, list, kanban, pivot, graph,
calendar, search) through ``get_views``, the labels, help texts and selection values of our
fields, menus, action names and empty-state help, mail templates and the scorecard report
(``_render_qweb_html``). Any visible text still holding an English word fails, unless the
word is a proper name or code of the allow-list below.

Findings are split by addon: a text whose source string belongs only to
``sales_performance_incentive`` (or that shows on one of its screens) is checked by
``test_incentive_in_chinese``, everything else by ``test_sales_performance_in_chinese``.
"""

import re
from datetime import date
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from odoo import Command
from odoo.tests import new_test_user
from odoo.tools.translate import PoFileReader, TranslationModuleReader

from .common import CrossModuleCase

CORE, INCENTIVE = "sales_performance", "sales_performance_incentive"
ADDONS = (CORE, INCENTIVE)
LANG = "zh_CN"
ROOT = Path(__file__).resolve().parent.parent

# Proper names, codes and units that stay as they are in Chinese.
ALLOWED_WORDS = {
    "KPI",
    "KPIs",
    "SPIFF",
    "CSV",
    "Excel",
    "XLSX",
    "PDF",
    "SWOT",
    "CRM",
    "Odoo",
    "ID",
    "XML",
    "RPC",
    "SQL",
    "URL",
}
# Attributes of view nodes a user reads.
VISIBLE_ATTRIBUTES = ("string", "help", "placeholder", "sum", "avg", "confirm", "title", "aria-label", "data-tooltip")
# Elements whose text is code, not words.
CODE_ELEMENTS = {"script", "style", "field"}
WORD = re.compile(r"[A-Za-z][A-Za-z']+")
# Format placeholders, icon class names (fa-tasks) and the icon font's name are not words.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{\{.*?\}\}|\{[\w.]*\}|\bfa-[\w-]+|Font Awesome")


def english_words(text):
    """Latin words of ``text`` that are not allowed names or codes (placeholders skipped)."""
    return [word for word in WORD.findall(PLACEHOLDER.sub(" ", text or "")) if word not in ALLOWED_WORDS]


def arch_texts(arch):
    """(what, text) pairs of an architecture: visible attributes and text nodes."""
    root = etree.fromstring(arch) if isinstance(arch, str) else arch
    for node in root.iter(etree.Element):
        for attribute in VISIBLE_ATTRIBUTES:
            if node.tag == "search" and attribute == "string":
                continue  # the web client never shows a search view's title
            if node.get(attribute):
                yield f"<{node.tag} {attribute}>", node.get(attribute)
        if node.tag not in CODE_ELEMENTS and not any(key.startswith("t-") for key in node.attrib) and node.text:
            yield f"<{node.tag}> text", node.text
        if node.tail and node.getparent() is not None:
            yield f"<{node.getparent().tag}> text", node.tail


def html_texts(html):
    if not html:
        return []
    tree = lxml_html.fromstring(html)
    return [("text", text) for text in tree.itertext()]


class TestTranslations(CrossModuleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang(LANG)
        cls.env["ir.module.module"]._load_module_terms(list(ADDONS), [LANG], overwrite=True)
        cls.zh = cls.env(context={**cls.env.context, "lang": LANG})
        # The English source strings of each addon, read from its code and data as the export does.
        cls.sources = {addon: {row[4] for row in TranslationModuleReader(cls.env.cr, [addon])} for addon in ADDONS}
        cls.texts = cls._collect()
        cls.findings = [
            (addon, where, text.strip(), words) for addon, where, text in cls.texts if (words := english_words(text))
        ]

    # ------------------------------------------------------------------ what a user sees
    @classmethod
    def _records_of(cls, model, addons=ADDONS):
        data = cls.env["ir.model.data"].search([("module", "in", list(addons)), ("model", "=", model)])
        return {row.res_id: row.module for row in data}

    @classmethod
    def _collect(cls):
        """[(addon of the screen, where, text)] over everything below."""
        return (
            cls._action_texts() + cls._menu_texts() + cls._field_texts() + cls._template_texts() + cls._report_texts()
        )

    @classmethod
    def _action_texts(cls):
        texts = []
        actions = cls._records_of("ir.actions.act_window")
        for action in cls.zh["ir.actions.act_window"].browse(list(actions)):
            addon = actions[action.id]
            where = f"action {action.xml_id}"
            texts.append((addon, f"{where} name", action.name))
            texts += [(addon, f"{where} help", text) for _what, text in html_texts(action.help)]
            views = [(view.view_id.id, view.view_mode) for view in action.view_ids]
            for mode in action.view_mode.split(","):
                if mode not in {m for _id, m in views}:
                    first = mode == action.view_mode.split(",")[0]
                    views.append((action.view_id.id if first else False, mode))
            views.append((action.search_view_id.id, "search"))
            result = cls.zh[action.res_model].get_views(views, {"action_id": action.id})
            for mode, view in result["views"].items():
                texts += [(addon, f"{where} {mode} {what}", text) for what, text in arch_texts(view["arch"])]
        # Every view of ours as stored: wizards, extensions of native views, report templates.
        views = cls._records_of("ir.ui.view")
        for view in cls.zh["ir.ui.view"].browse(list(views)):
            texts += [(views[view.id], f"view {view.xml_id} {what}", text) for what, text in arch_texts(view.arch_db)]
        return texts

    @classmethod
    def _menu_texts(cls):
        menus = cls._records_of("ir.ui.menu")
        return [
            (menus[menu.id], f"menu {menu.complete_name}", menu.name)
            for menu in cls.zh["ir.ui.menu"].browse(list(menus))
        ]

    @classmethod
    def _field_texts(cls):
        """Labels, help texts and selection values of the fields our addons define."""
        texts = []
        fields = cls._records_of("ir.model.fields")
        for field in cls.env["ir.model.fields"].browse(list(fields)):
            if field.model not in cls.env:
                continue
            addon = fields[field.id]
            info = cls.zh[field.model].fields_get([field.name], ["string", "help"]).get(field.name)
            if not info:
                continue
            where = f"field {field.model}.{field.name}"
            texts.append((addon, f"{where} string", info["string"]))
            texts.append((addon, f"{where} help", info.get("help", "")))
        # Selection values carry the XML id of the module that declares them: ours here. The
        # activity fields' values (Overdue, Today, Planned) on our models belong to mail, whose
        # .po lists only Odoo's own models, so they stay English for every third-party addon.
        selections = cls._records_of("ir.model.fields.selection")
        for value in cls.zh["ir.model.fields.selection"].browse(list(selections)):
            where = f"field {value.field_id.model}.{value.field_id.name} selection {value.value}"
            texts.append((selections[value.id], where, value.name))
        return texts

    @classmethod
    def _template_texts(cls):
        texts = []
        templates = cls._records_of("mail.template")
        for template in cls.zh["mail.template"].browse(list(templates)):
            addon = templates[template.id]
            texts.append((addon, f"mail template {template.name} subject", template.subject))
            texts += [(addon, f"mail template {template.name} body", t) for _w, t in html_texts(template.body_html)]
        return texts

    @classmethod
    def _report_texts(cls):
        """The scorecard of a salesperson reviewed by a manager, both working in Chinese."""
        env = cls.zh
        company = env.company
        manager = new_test_user(
            env, login="zh_manager", name="张经理", groups="sales_performance.group_sales_performance_manager"
        )
        rep = new_test_user(env, login="zh_rep", name="王芳", groups="sales_team.group_sale_salesman")
        (manager | rep).lang = LANG
        team = env["crm.team"].create(
            {"name": "华东直销", "user_id": manager.id, "crm_team_member_ids": [Command.create({"user_id": rep.id})]}
        )
        period = env["sales.performance.period"].create(
            {
                "name": "2026-03",
                "period_type": "month",
                "date_start": date(2026, 3, 1),
                "date_end": date(2026, 3, 31),
                "company_id": company.id,
            }
        )
        for kpi, target, weight in (("kpi_revenue", 1000, 60), ("kpi_order_count", 4, 40)):
            env["sales.performance.goal"].create(
                {
                    "period_id": period.id,
                    "kpi_id": env.ref(f"{CORE}.{kpi}").id,
                    "scope": "user",
                    "user_id": rep.id,
                    "team_id": team.id,
                    "target": target,
                    "weight": weight,
                }
            )
        review = env["sales.performance.review"]._create_manual(period, rep)
        cls.review = review
        report = env["ir.actions.report"]
        html = report._render_qweb_html(f"{CORE}.action_report_review", review.ids)[0].decode()
        page = lxml_html.fromstring(html).find_class("page")[0]
        # Record data, not the template: the review's stored name and the default scale's band
        # texts have test methods of their own below.
        data = {review.name, review.rating_id.description, f"({review.rating_id.description})"}
        return [(CORE, "scorecard report", text) for text in page.itertext() if text.strip() not in data]

    # ------------------------------------------------------------------ attribution
    def _owner(self, addon, text):
        """The addon that must translate ``text`` (shown on a screen of ``addon``)."""
        text = text.strip()
        in_core = any(text == source.strip() for source in self.sources[CORE])
        in_incentive = any(text == source.strip() for source in self.sources[INCENTIVE])
        if in_incentive and not in_core:
            return INCENTIVE
        if in_core:
            return CORE
        return addon

    def _assert_translated(self, addon):
        findings = [f for f in self.findings if self._owner(f[0], f[2]) == addon]
        report = "\n".join(f"  {where}: {text!r} ({', '.join(words)})" for _a, where, text, words in findings)
        self.assertFalse(findings, f"{len(findings)} English text(s) left in zh_CN screens of {addon}:\n{report}")

    # ------------------------------------------------------------------ tests
    def test_checks_see_the_screens(self):
        """The collection is not empty and really runs in Chinese (a test that could not fail is no test)."""
        menu = self.zh.ref(f"{CORE}.sales_performance_my_goal_menu")
        self.assertEqual(menu.name, "我的绩效")
        self.assertTrue(english_words("Goals of the team"))
        self.assertFalse(english_words("目标 KPI %(name)s"))
        self.assertGreater(len(self.texts), 1000)
        self.assertTrue(any("目标" in text for _a, _w, text in self.texts))
        report = [text for _a, where, text in self.texts if where == "scorecard report"]
        self.assertTrue(any(text.startswith("销售员") for text in report))  # the labels, in Chinese

    def _assert_pot_current(self, addon):
        """Every source string of the code is in the addon's .pot (regenerate it with the export)."""
        pot = ROOT / addon / "i18n" / f"{addon}.pot"
        in_pot = {entry["src"] for entry in PoFileReader(str(pot))}
        missing = sorted(self.sources[addon] - in_pot)
        self.assertFalse(missing, f"{addon}.pot lacks {len(missing)} string(s): {missing[:20]}")

    def _assert_po_complete(self, addon):
        """Every string of the .pot has its Chinese translation (messages and mail texts too,
        which no screen shows until something happens)."""
        i18n = ROOT / addon / "i18n"
        translated = {entry["src"] for entry in PoFileReader(str(i18n / f"{LANG}.po")) if entry["value"]}
        missing = sorted({entry["src"] for entry in PoFileReader(str(i18n / f"{addon}.pot"))} - translated)
        self.assertFalse(missing, f"{addon}/i18n/{LANG}.po lacks {len(missing)} translation(s): {missing[:20]}")

    def test_pot_is_current(self):
        self._assert_pot_current(CORE)

    def test_po_is_complete(self):
        self._assert_po_complete(CORE)

    def test_incentive_po_is_complete(self):
        self._assert_po_complete(INCENTIVE)

    def test_incentive_pot_is_current(self):
        self._assert_pot_current(INCENTIVE)

    def test_sales_performance_in_chinese(self):
        self._assert_translated(CORE)

    def test_review_name_in_the_readers_language(self):
        """A review's stored name is computed once, in the language of whoever computed it (the
        evaluation cron: English): it holds names only; its display name, in the reader's
        language, adds the word."""
        review = self.review.with_env(self.env)  # computed as the cron does, in English
        review.invalidate_recordset(["name"])
        review._compute_name()
        self.assertFalse(english_words(review.with_env(self.zh).name))
        self.assertFalse(english_words(review.with_env(self.zh).display_name))
        self.assertEqual(review.with_context(lang="en_US").display_name, f"Review {review.name}")
        self.assertEqual(review.with_env(self.zh).display_name, f"绩效评估 {review.name}")

    def test_default_rating_bands_translatable(self):
        """The default scale's bands are created inline (a scale is checked for its bands when
        created); the data file then gives them XML ids, so their descriptions are exported and
        translated."""
        bands = self.zh.ref(f"{CORE}.rating_scale_default").band_ids
        self.assertFalse([band.description for band in bands if english_words(band.description)])

    def test_incentive_in_chinese(self):
        """Separate on purpose: the incentive addon's translation follows its own changes."""
        self._assert_translated(INCENTIVE)
