"""Sphinx extension: English / Korean / both views of the bilingual notes.

The notebooks stay plain Markdown (each paragraph in one language), so Colab
shows them as they are. At build time this marks every paragraph and list
item by its script — ``lang-ko`` when Hangul dominates, ``lang-en`` when Latin
letters do, nothing when it deliberately holds both (``English · 한국어``) —
and ``bilingual.js`` adds a control to every page that hides one language,
remembered across pages. Headings, equations, code and outputs are never
marked, so they stay visible in every view.

Korean is typeset as Korean: after the HTML build every page says what language
each piece of text is in — ``lang="ko"``/``lang="en"`` on the marked paragraphs and
list items, and a ``<span lang="ko">`` around the Korean words of everything else
(headings, the sidebar, tables, code comments) — so that screen readers switch
voice and ``bilingual.css`` keeps Korean words whole (``word-break: keep-all``).
``bilingual.js`` sets the page's own ``lang`` to the view the reader chose.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
HANGUL_WORD = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]+")
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


TOKEN = re.compile(r"[^\s<>]+")
NOT_TEXT = {"script", "style", "head", "title", "textarea", "svg", "math"}


def korean_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of words that hold Hangul, joined across the spaces between them."""
    runs: list[tuple[int, int]] = []
    for token in TOKEN.finditer(text):
        if not HANGUL.search(token.group(0)):
            continue
        gap = text[runs[-1][1]:token.start()] if runs else "\n"
        if gap.strip(" \u00a0") == "" and "\n" not in gap:
            runs[-1] = (runs[-1][0], token.end())
        else:
            runs.append((token.start(), token.end()))
    return runs


def needs_nowrap(run: str) -> bool:
    return any(HANGUL.search(word) and not HANGUL_WORD.fullmatch(word) for word in run.split())


def korean_words(soup, run: str) -> list:
    """The run's text, with each word that mixes Hangul with other characters (형식(10개, 2.5.1–2.5.8입니다.)
    in a ``ko-word`` span that does not break: keep-all keeps Hangul together, but a browser still breaks
    a Korean word before a bracket, after a dash or at a middle dot."""
    pieces, last = [], 0
    for token in TOKEN.finditer(run):
        word = token.group(0)
        if HANGUL.search(word) and not HANGUL_WORD.fullmatch(word) and len(word) <= 40:
            pieces.append(run[last:token.start()])
            span = soup.new_tag("span", attrs={"class": "ko-word"})
            span.string = word
            pieces.append(span)
            last = token.end()
    pieces.append(run[last:])
    return [p for p in pieces if p != ""]


def mark_html_languages(html: str) -> str:
    """The page with ``lang`` on its language blocks and on every Korean run outside them."""
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(html, "html.parser")
    split_bilingual_labels(soup)
    for tag in soup.find_all(class_=["lang-ko", "lang-en"]):
        tag["lang"] = "ko" if "lang-ko" in tag["class"] else "en"
    for text in list(soup.find_all(string=lambda t: HANGUL.search(t) is not None)):
        if type(text) is not NavigableString:  # comments, CDATA, doctype
            continue
        parents = list(text.parents)
        if any(p.name in NOT_TEXT or "math" in (p.get("class") or []) for p in parents):
            continue  # TeX (\text{정답}) stays one string for MathJax to find its delimiters
        korean_already = next((p.get("lang") for p in parents if p.get("lang")), None) == "ko"
        whole = str(text)
        runs = korean_runs(whole)
        if korean_already and not any(needs_nowrap(whole[a:b]) for a, b in runs):
            continue
        pieces, last = [], 0
        for start, end in runs:
            pieces.append(whole[last:start])
            words = korean_words(soup, whole[start:end])
            if korean_already:
                pieces.extend(words)
            else:
                span = soup.new_tag("span", attrs={"lang": "ko"})
                span.extend(words)
                pieces.append(span)
            last = end
        pieces.append(whole[last:])
        text.replace_with(*[p for p in pieces if p != ""])
    return str(soup)


def bilingual_label(text: str) -> tuple[str, str] | None:
    """(English, Korean) of a short label written ``English · 한국어``, else None."""
    if len(text) > 300 or " · " not in text:
        return None
    english, korean = text.split(" · ", 1)
    if HANGUL.search(english) or not re.search("[A-Za-z]", english) or not HANGUL.search(korean):
        return None
    return english, korean


LABEL_PLACES = ["h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption", "summary", "a"]


def split_bilingual_labels(soup) -> None:
    """Headings, captions and menu entries written ``English · 한국어``: each half in its own language block.

    In the both-languages view nothing changes; the English or Korean view hides the other half
    (bilingual.css), so each heading shows one language.
    """
    from bs4 import NavigableString

    for text in list(soup.find_all(string=lambda t: bilingual_label(str(t)) is not None)):
        if type(text) is not NavigableString or text.parent is None or text.parent.name in NOT_TEXT:
            continue
        if not any(p.name in LABEL_PLACES for p in text.parents):
            continue
        english, korean = bilingual_label(str(text))
        en = soup.new_tag("span", attrs={"class": "lang-en"})
        en.string = english
        sep = soup.new_tag("span", attrs={"class": "lang-sep"})
        sep.string = " · "
        ko = soup.new_tag("span", attrs={"class": "lang-ko"})
        ko.string = korean
        text.replace_with(en, sep, ko)


def mark_built_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).glob("**/*.html"):
        if "_static" in page.parts:
            continue
        html = page.read_text(encoding="utf-8")
        if HANGUL.search(html):
            page.write_text(mark_html_languages(html), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    static = str(Path(__file__).parent / "static")
    app.connect("builder-inited", lambda app: static in app.config.html_static_path
                or app.config.html_static_path.append(static))
    app.add_css_file("bilingual.css")
    app.add_js_file("bilingual.js")
    app.connect("doctree-read", mark_languages)
    app.connect("build-finished", mark_built_pages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
