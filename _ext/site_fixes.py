"""Sphinx extension: small fixes so that every page loads with no console error.

* sphinx-thebe comes with Jupyter Book but is unused here (the static site
  has no live kernel; Colab and Binder buttons launch notebooks instead), and
  its settings are added twice to every page, so the second copy fails on
  load ("THEBE_JS_URL has already been declared"): drop its scripts.
* Figures get alternative text: the notebooks store a one-line description
  of each matplotlib figure as its plain-text output (see
  ``d2lplus.plotting.describe_figure``); it becomes the image's ``alt``.
* ``site.css``: figures keep a white background in dark mode; folded
  solutions on the exercise pages look like one block.
* ``site-fixes.js`` points the ipywidgets HTML manager at its vendored fonts
  and lets it typeset widget labels with MathJax 3 (it speaks MathJax 2).
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx

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


def setup(app: Sphinx) -> dict:
    app.connect("source-read", figure_alt_text)
    static = str(Path(__file__).parent / "static")
    app.connect("builder-inited", lambda app: static in app.config.html_static_path
                or app.config.html_static_path.append(static))
    app.add_js_file("site-fixes.js")
    app.add_css_file("site.css")
    app.connect("html-page-context", drop_unused_scripts, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
