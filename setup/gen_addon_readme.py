# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Build each addon's README.rst and static/description/index.html from its readme/ fragments.

Run inside the venv (docutils comes with Odoo's requirements): python setup/gen_addon_readme.py
"""

import ast
import sys
from pathlib import Path

from docutils.core import publish_string

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ("sales_performance", "sales_performance_incentive")
SECTIONS = (("DESCRIPTION", None), ("CONFIGURE", "Configuration"), ("USAGE", "Usage"), ("CONTRIBUTORS", "Contributors"))


def markdown_to_rst(text):
    """The fragments keep to the subset where Markdown and reStructuredText agree: bullets,
    numbered lists, **bold** and *italic* with aligned continuation lines."""
    return text.strip() + "\n"


def build(addon):
    folder = ROOT / addon
    manifest = ast.literal_eval((folder / "__manifest__.py").read_text())
    title = manifest["name"]
    parts = ["=" * len(title), title, "=" * len(title), "", manifest["summary"], ""]
    for fragment, heading in SECTIONS:
        path = folder / "readme" / f"{fragment}.md"
        if not path.exists():
            continue
        if heading:
            parts += [heading, "=" * len(heading), ""]
        parts.append(markdown_to_rst(path.read_text()))
    rst = "\n".join(parts)
    (folder / "README.rst").write_text(rst)
    html = publish_string(rst, writer_name="html5", settings_overrides={"report_level": 5}).decode()
    description = folder / "static" / "description"
    description.mkdir(parents=True, exist_ok=True)
    (description / "index.html").write_text(html)


if __name__ == "__main__":
    for addon in sys.argv[1:] or ADDONS:
        build(addon)
