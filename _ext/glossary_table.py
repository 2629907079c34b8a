"""Sphinx extension: the glossary page, generated from one data file.

``glossary.yml`` lists each term once (English, Korean, a one-line
definition in each language, and the page and section that introduce it).
The directive ``{glossary-table} glossary.yml`` turns it into a table whose
last column links to that section; a term without a valid page fails the
build (warnings are errors), so the glossary cannot point nowhere.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
FIELDS = ("en", "ko", "def_en", "def_ko", "page")


class glossary_link(nodes.Inline, nodes.TextElement):
    """Placeholder for a link to ``page#section``, resolved once every page is read."""


def load(path: Path) -> list[dict]:
    """The glossary entries, checked for the required fields."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a list of terms")
    for i, entry in enumerate(entries):
        missing = [f for f in FIELDS if not str(entry.get(f, "")).strip()]
        if missing:
            raise ValueError(f"{path}: term {i} ({entry.get('en')!r}) lacks {', '.join(missing)}")
    return entries


class GlossaryTable(Directive):
    required_arguments = 1

    def run(self):
        env = self.state.document.settings.env
        path = Path(env.srcdir) / self.arguments[0]
        env.note_dependency(str(path))
        entries = sorted(load(path), key=lambda e: e["en"].lower())
        headers = ["English", "한국어", "Definition", "정의", "Introduced in · 처음 나온 곳"]
        table = nodes.table(classes=["glossary-table"])
        group = nodes.tgroup(cols=len(headers))
        table += group
        for width in (14, 12, 30, 30, 14):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += self._row([nodes.Text(h) for h in headers])
        group += head
        body = nodes.tbody()
        for entry in entries:
            link = glossary_link("", "", page=entry["page"], section=entry.get("section", ""))
            row = self._row([nodes.strong(text=entry["en"]), nodes.Text(entry["ko"]),
                             nodes.Text(entry["def_en"]), nodes.Text(entry["def_ko"]), link])
            row["ids"].append(nodes.make_id("term-" + entry["en"]))
            body += row
        group += body
        return [table]

    @staticmethod
    def _row(cells):
        row = nodes.row()
        for content in cells:
            entry = nodes.entry()
            entry += nodes.paragraph("", "", content)
            row += entry
        return row


def resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    env = app.env
    for node in list(doctree.findall(glossary_link)):
        page, section = node["page"], node["section"]
        if page not in env.all_docs:
            logger.warning(f"glossary: page {page!r} is not part of the book", location=node)
            node.replace_self(nodes.Text(page))
            continue
        anchor, label = "", env.titles[page].astext()
        if section:
            wanted = section.replace("`", "")  # the title's text has no Markdown code marks
            found = [s for s in env.get_doctree(page).findall(nodes.section)
                     if s.next_node(nodes.title).astext() == wanted]
            if not found:
                logger.warning(f"glossary: no section {section!r} in {page}", location=node)
            else:
                anchor, label = "#" + found[0]["ids"][0], section
        uri = app.builder.get_relative_uri(docname, page) + anchor
        node.replace_self(nodes.reference("", label, refuri=uri, internal=True))


def setup(app: Sphinx) -> dict:
    app.add_node(glossary_link)
    app.add_directive("glossary-table", GlossaryTable)
    app.connect("doctree-resolved", resolve_links)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
