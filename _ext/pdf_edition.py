"""Sphinx extension: the printable editions of the book (English, 한국어, both).

``make pdf`` (``tools/pdf.py``) runs Jupyter Book's LaTeX builder (XeLaTeX)
once per edition, with ``D2LPLUS_PDF_EDITION`` set to ``en``, ``ko`` or
``both``. For a LaTeX build this extension

* drops the paragraphs and list items that ``bilingual`` marks as the other
  language — the rule of the website's language view; headings, equations,
  code and outputs stay in every edition (the English edition also leaves out
  the English–Korean glossary);
* leaves out the landing page's sections about the website (labelled
  ``site-only-…``) and shows those written for print (``print-only-…``, which
  the website leaves out);
* prints the cells that the website folds away (the exercises' solution
  code) in full;
* turns every widget into the figure it shows by default, followed by a
  sentence (one in each language, filtered like the prose) that points to
  the page on the website, where the controls work;
* typesets Korean with the Nanum fonts through xetexko, so no glyph is
  missing, and lets each chapter carry the book's own number in its title
  (2.1 … 5.3) instead of LaTeX's chapter counter.

An HTML build only loses the landing page's ``print-only-…`` section.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes, locale
from sphinx.application import Sphinx
from sphinx.config import Config

EDITIONS = {  # file name, title, author line (short enough for the title page), name of the contents
    "en": ("d2l-notes-en", "Dive into Deep Learning 2.1–5.3: Course Notes", "after Zhang, Lipton, Li and Smola",
           "Contents"),
    "ko": ("d2l-notes-ko", "딥러닝 강의 노트: Dive into Deep Learning 2.1–5.3", "원저: Zhang, Lipton, Li, Smola",
           "차례"),
    "both": ("d2l-notes-both", "Dive into Deep Learning 2.1–5.3 · 딥러닝 강의 노트",
             "after Zhang, Lipton, Li and Smola", "Contents · 차례"),
}
ENV = "D2LPLUS_PDF_EDITION"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
ONLY_ENGLISH_LEAVES_OUT = ("glossary",)  # a table of English and Korean terms

PREAMBLE = r"""
% Korean: xetexko (Korean word spacing and line breaking) with Nanum Myeongjo for the
% text, Nanum Gothic for headings and Nanum Gothic Coding for code.
\usepackage{xetexko}
\setmainhangulfont{NanumMyeongjo}[AutoFakeSlant=0.15]
\setsanshangulfont{NanumGothic}[AutoFakeSlant=0.15]
\setmonohangulfont{NanumGothicCoding}[AutoFakeSlant=0.15]
% xetexko sets ⊙ in the Korean font, which has no ⊙ in its monospaced cut: keep it in the Latin fonts.
\XeTeXcharclass "2299=0
% Chapter titles carry the book's numbers (2.1 … 5.3): no LaTeX numbers on top.
\setcounter{secnumdepth}{-1}
"""

# Sphinx's FreeFont for text; DejaVu Sans Mono for code, which also has the ᵀ, ✗ and ⊙ of the outputs.
FONTS = r"""
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic, BoldFont=*Bold,
                         BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique, BoldFont=*Bold,
                        BoldItalicFont=*BoldOblique]
\setmonofont{DejaVu Sans Mono}[Scale=MatchLowercase]
"""

NO_UCHARCLASSES = r"""
\makeatletter\@namedef{ver@ucharclasses.sty}{}\@namedef{opt@ucharclasses.sty}{Latin,Greek}\makeatother
"""

# The Korean book's own words for what LaTeX and Sphinx print: parts numbered 제1부, 제2부, …
# (no "Part I"); Sphinx's Korean messages ("continued from previous page", "Table") and date.
KOREAN_PARTS = r"""
\addto\captionsenglish{\renewcommand{\partname}{}}
\renewcommand{\thepart}{제\arabic{part}부}
"""
KOREAN_DATE = "%Y년 %-m월 %-d일"

POINTER = {
    "en": "*In print this widget shows its default setting. Its controls work on the website: {url}*",
    "ko": "*인쇄본에는 이 위젯의 기본 설정 그림만 실립니다. 컨트롤은 웹사이트에서 움직여 볼 수 있습니다: {url}*",
}


def pdf_name(edition: str) -> str:
    """The file name of an edition's book, e.g. ``d2l-notes-en.pdf``."""
    return f"{EDITIONS[edition][0]}.pdf"


def edition() -> str:
    """The edition being built: ``en``, ``ko`` or ``both`` (from ``D2LPLUS_PDF_EDITION``)."""
    value = os.environ.get(ENV, "both")
    if value not in EDITIONS:
        raise ValueError(f"{ENV} must be one of {', '.join(EDITIONS)}; got {value!r}")
    return value


def _is_latex(app: Sphinx) -> bool:
    return getattr(app.builder, "format", "") == "latex"


def configure(app: Sphinx, config: Config) -> None:
    """Fonts, paper and links for print (only the LaTeX builder reads these settings)."""
    elements = dict(config.latex_elements or {})
    elements["papersize"] = "a4paper"
    elements["fontpkg"] = FONTS
    contents = EDITIONS[edition()][3]  # after sphinx-jupyterbook-latex's preamble, which names it "Contents"
    elements["preamble"] = (elements.get("preamble", "") + PREAMBLE
                            + f"\\addto\\captionsenglish{{\\renewcommand{{\\contentsname}}{{{contents}}}}}\n"
                            + (KOREAN_PARTS if edition() == "ko" else ""))
    if edition() == "ko":
        config.today_fmt = KOREAN_DATE
    elements["printindex"] = ""  # the book has no index entries
    # sphinx-jupyterbook-latex loads ucharclasses, which takes over XeTeX's character classes and
    # so breaks xetexko's switch to the Korean font after ")" or "ŷ": keep it from loading.
    elements["extrapackages"] = NO_UCHARCLASSES + elements.get("extrapackages", "")
    config.latex_elements = elements
    substitutions = dict(getattr(config, "myst_substitutions", None) or {})
    substitutions.setdefault("site", config.html_baseurl or "")
    config.myst_substitutions = substitutions
    config.latex_show_urls = "footnote"
    config.latex_domain_indices = False
    config.jblatex_show_tocs = False  # the table of contents is enough; no list of pages on the first page


def name_the_document(app: Sphinx, env, docnames) -> None:
    """The edition's file name and title (after Jupyter Book has applied ``_config.yml``'s)."""
    if not _is_latex(app):
        return
    target, title, author, _contents = EDITIONS[edition()]
    documents = []
    for start, _target, _title, _author, theme, *rest in app.config.latex_documents:
        documents.append((start, f"{target}.tex", title, author, theme, *rest))
    app.config.latex_documents = documents


def speak_korean(app: Sphinx) -> None:
    """In the Korean book, what Sphinx itself writes into the LaTeX is in Sphinx's own Korean.

    The site is built in English (``language`` stays ``en``), so Sphinx's messages are
    switched for this LaTeX build alone, once the builder is known.
    """
    if _is_latex(app) and edition() == "ko":
        locale.translators.pop(("general", "sphinx"), None)
        locale.init([str(Path(locale.__file__).parent)], "ko")
        # "Table 1" and the like were named when the configuration was read, still in English
        app.config.numfig_format = {key: locale._(english) for key, english in (
            ("section", "Section %s"), ("figure", "Fig. %s"), ("table", "Table %s"), ("code-block", "Listing %s"))}


# -- widgets -------------------------------------------------------------------


def as_png(data: str) -> str:
    """A base64 image as a base64 PNG: widget frames are WebP (``d2lplus.widgets.frame``), which LaTeX
    cannot read."""
    raw = base64.b64decode(data)
    if raw.startswith(b"\x89PNG"):
        return data
    from PIL import Image

    buffer = io.BytesIO()
    with Image.open(io.BytesIO(raw)) as picture:
        picture.save(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def default_images(state: dict, model_id: str) -> list[str]:
    """The base64 images (PNG) a widget shows before anyone touches it.

    Boxes show all their children; a ``Stack`` or ``Tab`` only its selected one.
    """
    model = state.get(model_id)
    if model is None:
        return []
    name, fields = model.get("model_name", ""), model.get("state", {})
    if name == "ImageModel":
        return [as_png(b["data"]) for b in model.get("buffers", []) if b.get("path") == ["value"]]
    children = [c.removeprefix("IPY_MODEL_") for c in fields.get("children", [])]
    if name in ("StackModel", "TabModel"):
        index = fields.get("selected_index")
        children = children[index:index + 1] if isinstance(index, int) else []
    return [png for child in children for png in default_images(state, child)]


def print_widgets(nb: dict, page_url: str) -> bool:
    """Replace each widget output by its default figure, then a cell pointing to ``page_url``."""
    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    cells, changed = [], False
    for cell in nb.get("cells", []):
        cells.append(cell)
        views = [o for o in cell.get("outputs", []) if WIDGET_VIEW in o.get("data", {})]
        if not views:
            continue
        outputs = []
        for output in cell["outputs"]:
            if output not in views:
                outputs.append(output)
                continue
            images = default_images(state, output["data"][WIDGET_VIEW]["model_id"])
            if not images:
                raise ValueError(f"widget {output['data'][WIDGET_VIEW]['model_id']} on {page_url} shows no "
                                 "figure: its notebook holds no widget state (re-execute it with make notebooks)")
            outputs += [{"output_type": "display_data", "metadata": {}, "data": {"image/png": png}}
                        for png in images]
        cell["outputs"] = outputs
        for language in ("en", "ko"):
            cells.append({"cell_type": "markdown", "metadata": {}, "id": f"{cell.get('id', 'widget')}-{language}",
                          "source": POINTER[language].format(url=page_url)})
        changed = True
    nb["cells"] = cells
    return changed


def widgets_to_figures(app: Sphinx, docname: str, source: list[str]) -> None:
    if not _is_latex(app) or not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return
    nb = json.loads(source[0])
    page_url = f"{(app.config.html_baseurl or '').rstrip('/')}/{docname}.html"
    if print_widgets(nb, page_url):
        source[0] = json.dumps(nb)


# -- what only one medium needs ----------------------------------------------


def keep_this_medium(app: Sphinx, doctree: nodes.document) -> None:
    """Print folded cells in full; drop sections labelled ``site-only-…`` from print, ``print-only-…`` from the site.

    (MyST lifts headings out of an ``{only}`` block, so the landing page labels its sections instead.)
    """
    if _is_latex(app):  # folded on the website (the exercises' solution code), printed in full on paper
        hidden = {"tag_hide-cell", "tag_hide-input", "tag_hide-output"}
        for cell in doctree.findall(nodes.container):
            if hidden & set(cell["classes"]):
                cell["classes"] = [c for c in cell["classes"] if c not in hidden]
    drop = "site-only-" if _is_latex(app) else "print-only-"
    for section in list(doctree.findall(nodes.section)):
        if any(name.startswith(drop) for name in section.get("names", [])) and section.parent is not None:
            # the book's table of contents (a toctree) stays: it is what brings in the chapters
            toctrees = [n for n in section.findall(nodes.compound) if "toctree-wrapper" in n["classes"]]
            for toctree in toctrees:
                toctree.parent.remove(toctree)
            index = section.parent.index(section)
            section.parent[index:index + 1] = toctrees


# -- languages -----------------------------------------------------------------


def keep_one_language(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In the English or the Korean edition, drop what ``bilingual`` marked as the other language."""
    if not _is_latex(app) or edition() == "both":
        return
    other = "lang-ko" if edition() == "en" else "lang-en"
    for node in list(doctree.findall(nodes.Element)):
        if other in node.get("classes", []) and node.parent is not None:
            node.parent.remove(node)
    for listing in list(doctree.findall(lambda n: isinstance(n, (nodes.bullet_list, nodes.enumerated_list)))):
        if not listing.children and listing.parent is not None:  # every item was the other language
            listing.parent.remove(listing)
    if edition() == "en":
        for node in list(doctree.findall(addnodes.start_of_file)):
            if node.get("docname") in ONLY_ENGLISH_LEAVES_OUT and node.parent is not None:
                node.parent.remove(node)
        # a part (sphinx-jupyterbook-latex makes one per toctree caption) left with no page goes too
        for part in list(doctree.findall(addnodes.start_of_file)):
            empty = next(part.findall(addnodes.start_of_file, include_self=False), None) is None
            if part.get("docname") not in app.env.found_docs and empty and part.parent is not None:
                part.parent.remove(part)


SEPARATOR = " · "
HANGUL = re.compile("[\uac00-\ud7a3]")


def one_language_label(node: nodes.Element, keep: str) -> None:
    """Cut a label written ``English · 한국어`` (a title, a caption) down to one half, inline markup kept."""
    for index, child in enumerate(node.children):
        if isinstance(child, nodes.Text) and SEPARATOR in child:
            english, korean = str(child).split(SEPARATOR, 1)
            if keep == "en":
                colon = ":" if korean.rstrip().endswith(":") else ""  # **Exercises · 연습 문제:** → Exercises:
                node[index:] = [nodes.Text(english.rstrip() + colon)] if english.strip() else []
            else:
                node[:index + 1] = [nodes.Text(korean.lstrip())] if korean.strip() else []
            return


def headings_in_one_language(app: Sphinx, doctree: nodes.document) -> None:
    """In the English or the Korean edition, headings, captions, and labels in links and bold lead-ins
    (``Exercises · 연습 문제:``) are in that language only.

    The site keeps them bilingual (its English and Korean views hide one half); paper cannot.
    Runs before Sphinx collects the titles, so the contents, running heads and bookmarks follow.
    """
    if not _is_latex(app) or edition() == "both":
        return
    labels = (nodes.title, nodes.caption, nodes.rubric, nodes.reference, nodes.strong)  # links and lead-ins too
    for node in list(doctree.findall(lambda n: isinstance(n, labels))):
        text = node.astext()
        if SEPARATOR in text and not HANGUL.search(text.split(SEPARATOR)[0]) and HANGUL.search(text):
            one_language_label(node, edition())
    for toctree in doctree.findall(addnodes.toctree):
        caption = toctree.get("caption")
        if caption and SEPARATOR in caption:
            english, korean = caption.split(SEPARATOR, 1)
            toctree["caption"] = english.strip() if edition() == "en" else korean.strip()


def parts_in_one_language(app: Sphinx) -> None:
    """The parts' names (``_toc.yml`` captions, which become LaTeX parts and contents lines) in the edition's
    language. They live in the external table of contents, not in any page's doctree."""
    site_map = getattr(app.config, "external_site_map", None)
    if not _is_latex(app) or edition() == "both" or site_map is None:
        return
    for docname in site_map:
        for subtree in site_map[docname].subtrees:
            if subtree.caption and SEPARATOR in subtree.caption:
                english, korean = subtree.caption.split(SEPARATOR, 1)
                subtree.caption = english.strip() if edition() == "en" else korean.strip()


def fit_the_glossary(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The glossary's five columns get the widths it gives them; LaTeX would otherwise run them off the page."""
    if _is_latex(app):
        for table in doctree.findall(nodes.table):
            if "glossary-table" in table["classes"] and "colwidths-given" not in table["classes"]:
                table["classes"].append("colwidths-given")


def setup(app: Sphinx) -> dict:
    edition()  # a wrong D2LPLUS_PDF_EDITION fails at once, naming the variable
    app.connect("config-inited", configure, priority=900)
    app.connect("builder-inited", speak_korean)
    app.connect("builder-inited", parts_in_one_language)
    app.connect("env-before-read-docs", name_the_document)
    app.connect("source-read", widgets_to_figures)
    app.connect("doctree-read", keep_this_medium, priority=100)  # before Sphinx collects the page's contents
    app.connect("doctree-read", headings_in_one_language, priority=100)
    app.connect("doctree-resolved", keep_one_language)
    app.connect("doctree-resolved", fit_the_glossary)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
