"""Sphinx extension: small fixes so that every page loads with no console error.

* sphinx-thebe comes with Jupyter Book but is unused here (the static site
  has no live kernel; Colab and Binder buttons launch notebooks instead), and
  its settings are added twice to every page, so the second copy fails on
  load ("THEBE_JS_URL has already been declared"): drop its scripts.
* Figures get alternative text: the notebooks store a one-line description
  of each matplotlib figure as its plain-text output (see
  ``d2lplus.plotting.describe_figure``); it becomes the image's ``alt``.
* Links from one page to another are written in the notebooks as the
  published site's URLs (``html.baseurl``), so that they work in Colab too
  (``tools/links.py``); on the site they become relative again, so the site
  works offline and its link check sees them.
* ``site.css``: figures keep a white background in dark mode; folded
  solutions on the exercise pages look like one block.
* Every page ends with a "Report a problem" link that opens a new issue on
  the repository ``_config.yml`` names (``repository.url``), with the page's
  title and path filled in. It is a plain link: nothing is requested from
  GitHub until the reader clicks it.
* Every page also links the three printable editions (English, Korean,
  both), which ``make pdf`` builds into ``_build/pdf`` and the site serves
  under ``pdf/``; a build without them warns (an error under ``make book``).
* ``site-fixes.js`` names for screen readers what the theme and the widget
  manager leave unnamed (a widget's figure, a slider's handle, the search button).
"""

from __future__ import annotations

import html
import json
import posixpath
import shutil
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from pdf_edition import pdf_name  # the books' file names (_ext is on the path of local extensions)
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

UNUSED_FILES = ("sphinx-thebe.js",)
UNUSED_BODIES = ("THEBE_JS_URL",)


def unused(script) -> bool:
    filename = str(getattr(script, "filename", script) or "")
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return filename.endswith(UNUSED_FILES) or any(marker in body for marker in UNUSED_BODIES)


def drop_unused_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if scripts:
        scripts[:] = [s for s in scripts if not unused(s)]  # in place: the template reads this list


def figure_alt_text(app: Sphinx, docname: str, source: list[str]) -> None:
    """Before myst-nb reads a notebook, give each figure cell its figures' descriptions as alt text."""
    if not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return
    nb = json.loads(source[0])
    changed = False
    for cell in nb.get("cells", []):
        alts = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            text = data.get("text/plain", "")
            text = "".join(text) if isinstance(text, list) else text
            if "image/png" in data and text.startswith("Figure"):
                alts.append(text)
        if alts:
            image = cell.setdefault("metadata", {}).setdefault("mystnb", {}).setdefault("image", {})
            image.setdefault("alt", " / ".join(alts))
            changed = True
    if changed:
        source[0] = json.dumps(nb)


def relative_site_links(app: Sphinx, doctree, docname: str) -> None:
    """Turn links to the published site's own pages into links relative to this page."""
    base = (app.config.html_baseurl or "").rstrip("/") + "/"
    if base == "/":
        return
    here = posixpath.dirname(docname)
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        if uri.startswith(base):
            path, _, anchor = uri[len(base):].partition("#")
            if path.endswith(".html") and path[:-5] in app.env.found_docs:
                ref["refuri"] = posixpath.relpath(path, here or ".") + (f"#{anchor}" if anchor else "")
                ref["classes"] = [c for c in ref.get("classes", []) if c != "external"] + ["internal"]


REPORT_LABEL = "Report a problem · 문제 신고"


def report_url(repository: str, title: str, path: str, source: str) -> str:
    """GitHub's new-issue URL with the page's title and path filled in (URL-encoded)."""
    issue_title = f"Problem on “{title}” ({path})"
    body = (f"Page: {title}\nPath: {path}\nSource: {source}\n\n"
            "What is wrong, and what should it say? · 무엇이 잘못되었고, 어떻게 고쳐야 하나요?\n")
    return (f"{repository.rstrip('/')}/issues/new"
            f"?title={quote(issue_title, safe='')}&body={quote(body, safe='')}")


def source_of(app: Sphinx, pagename: str) -> str:
    """The file to edit: the MyST ``.md`` when a notebook is paired with one."""
    source = Path(app.env.doc2path(pagename, False))
    paired = source.with_suffix(".md")
    if source.suffix == ".ipynb" and (Path(app.srcdir) / paired).is_file():
        source = paired
    return source.as_posix()


def add_report_link(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """End every page of the book with a link that opens a filled-in issue on the configured repository."""
    repository = str((app.config.html_theme_options or {}).get("repository_url") or "")
    if doctree is None or "body" not in context or not repository.startswith("https://github.com/"):
        return
    title = app.env.titles[pagename].astext() if pagename in app.env.titles else pagename
    url = report_url(repository, title, f"{pagename}.html", source_of(app, pagename))
    context["body"] += (f'<p class="report-problem"><a class="report-problem-link" href="{html.escape(url)}" '
                        f'rel="noopener" target="_blank">{REPORT_LABEL}</a></p>')


PDF_EDITIONS = (("en", "English"), ("ko", "한국어"), ("both", "English + 한국어"))  # as pdf_edition.EDITIONS
PDF_SOURCE = Path("_build") / "pdf"  # where `make pdf` (tools/pdf.py) leaves the books
PDF_FOLDER = "pdf"                   # where the site serves them


def add_pdf_links(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """End every page with links to the three printable editions (see ``copy_pdfs``)."""
    if doctree is None or "body" not in context or app.builder.format != "html":
        return
    links = " · ".join(f'<a class="pdf-edition-link" href="{context["pathto"](f"{PDF_FOLDER}/{pdf_name(e)}", 1)}">'
                       f"{label}</a>" for e, label in PDF_EDITIONS)
    context["body"] += f'<p class="pdf-editions">PDF: {links}</p>'


def copy_pdfs(app: Sphinx, exception) -> None:
    """Put the printable editions into the site, under ``pdf/``; without them every page's links would break."""
    if exception is not None or app.builder.format != "html":
        return
    source = Path(app.srcdir) / PDF_SOURCE
    missing = [pdf_name(e) for e, _ in PDF_EDITIONS if not (source / pdf_name(e)).is_file()]
    if missing:
        logger.warning("the printable editions %s are missing from %s: run `make pdf` (`make book` builds them "
                       "first), or the site's PDF links are broken", ", ".join(missing), PDF_SOURCE)
        return
    target = Path(app.outdir) / PDF_FOLDER
    target.mkdir(exist_ok=True)
    for edition, _ in PDF_EDITIONS:
        shutil.copyfile(source / pdf_name(edition), target / pdf_name(edition))


def setup(app: Sphinx) -> dict:
    app.connect("source-read", figure_alt_text)
    app.connect("doctree-resolved", relative_site_links)
    static = str(Path(__file__).parent / "static")
    app.connect("builder-inited", lambda app: static in app.config.html_static_path
                or app.config.html_static_path.append(static))
    app.add_js_file("site-fixes.js")
    app.add_css_file("site.css")
    app.connect("html-page-context", drop_unused_scripts, priority=900)
    app.connect("html-page-context", add_pdf_links)
    app.connect("html-page-context", add_report_link)
    app.connect("build-finished", copy_pdfs)
    # Raised when what this extension writes into pages changes, so that a kept _build is redone.
    return {"version": "1.0", "env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}
