"""Sphinx extension: English / Korean / both views of the bilingual notes.

The notebooks stay plain Markdown (each paragraph in one language), so Colab
shows them as they are. At build time this marks every paragraph and list
item by its script — ``lang-ko`` when Hangul dominates, ``lang-en`` when Latin
letters do, nothing when it deliberately holds both (``English · 한국어``) —
and ``bilingual.js`` adds a control to every page that hides one language,
remembered across pages. Headings, equations, code and outputs are never
marked, so they stay visible in every view.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
LATIN = re.compile("[A-Za-z]")
SKIP = (nodes.literal, nodes.math, nodes.raw, nodes.literal_block)


def prose(node: nodes.Node) -> str:
    """The node's text without inline code, math and raw HTML."""
    parts = []
    for child in node.children:
        if isinstance(child, SKIP):
            continue
        parts.append(child.astext() if isinstance(child, nodes.Text) else prose(child))
    return "".join(parts)


def language(text: str) -> str | None:
    """'ko', 'en' or None (both, or neither) for a paragraph's prose."""
    if " · " in text:
        return None
    ko, en = len(HANGUL.findall(text)), len(LATIN.findall(text))
    if ko and ko >= 0.2 * en:
        return "ko"
    if en:
        return "en"
    return None


def _in_output(node: nodes.Node) -> bool:
    while node is not None:
        if "cell_output" in node.get("classes", []) or isinstance(node, (nodes.table, nodes.title)):
            return True
        node = node.parent
    return False


def mark_languages(app: Sphinx, doctree: nodes.document) -> None:
    for item in list(doctree.findall(nodes.list_item)):
        if not _in_output(item):
            lang = language(prose(item))
            if lang:
                item["classes"].append(f"lang-{lang}")
    for para in list(doctree.findall(nodes.paragraph)):
        if _in_output(para) or isinstance(para.parent, nodes.list_item):
            continue
        lang = language(prose(para))
        if lang:
            para["classes"].append(f"lang-{lang}")


def setup(app: Sphinx) -> dict:
    static = str(Path(__file__).parent / "static")
    app.connect("builder-inited", lambda app: static in app.config.html_static_path
                or app.config.html_static_path.append(static))
    app.add_css_file("bilingual.css")
    app.add_js_file("bilingual.js")
    app.connect("doctree-read", mark_languages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
