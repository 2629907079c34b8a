"""Sphinx extension: pages load only what they use (the page-weight budget of ``tools/page_weight.py``).

* The theme loads Font Awesome twice: as a web font from its stylesheet, and as ``fontawesome.js``
  (1.5 MB), which swaps every icon for an SVG. The font alone draws every icon here; the script
  goes.
* The theme loads the search index (0.4 MB) on every page for a search-as-you-type box this site
  does not turn on (``search_as_you_type`` is off): the search page still loads it.
* Font Awesome's fonts hold 2,000 icons (0.27 MB); the site shows about twenty. Each WOFF2 font is
  cut to the icons that a page or a script of the site names (``fa-bars``) and those the theme's
  stylesheet draws itself (admonitions), from the theme's own copy, so every build starts afresh;
  the TrueType fallbacks, which no current browser fetches, stay whole. The stylesheet keeps the
  rules of those icons only (1,800 rules, 85 kB, go).
* The notebooks' figures (``_images``) are saved as 8-bit palette PNGs when that is smaller (about a
  third of the bytes): a plot has few colours, and 256 keep it as it is (a mean difference of
  under 0.1 of 255 per channel; white stays white). A figure with transparency is left as it is.

The two scripts are in the theme's templates, not in Sphinx's script list, so they are taken out of
each written page when the build finishes; a page that does not have them any more means the theme
changed, and the build says so. The fonts, the stylesheet and the figures are redone from their
sources on every build.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pydata_sphinx_theme
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

FONTAWESOME = re.compile(r'\s*<script[^>]* src="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*></script>')
SEARCH = re.compile(r'\s*<script[^>]* src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|'
                    r'searchindex\.js)"[^>]*></script>')
UNUSED = {"fontawesome.js": FONTAWESOME, "the search index": SEARCH}


THEME_FONTS = Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static/vendor/fontawesome/webfonts"
THEME_CSS = THEME_FONTS.parents[2] / "styles/pydata-sphinx-theme.css"
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
ICON_RULE = re.compile(r'([^{}]+)\{content:"\\[0-9a-f]+ ?"\}')
ICON_SELECTOR = re.compile(r"\.(fa-[a-z0-9-]+):(?:before|after)")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
ESCAPED = re.compile(r"\\([ef][0-9a-f]{3})\b")
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")


def icon_codepoints(css: str) -> tuple[dict[str, int], set[int]]:
    """Font Awesome's icon classes with their codepoints, and the codepoints the stylesheet draws
    through rules of its own (``--pst-icon-…``), from the theme's stylesheet."""
    classes, own = {}, set()
    for selectors, body in RULE.findall(css):
        points = {int(h, 16) for h in ESCAPED.findall(body)} | {ord(c) for c in PRIVATE_USE.findall(body)}
        if not points:
            continue
        names = [s.strip() for s in selectors.split(",")]
        matches = [ICON_SELECTOR.fullmatch(n) for n in names]
        if all(matches):
            classes.update({m.group(1): min(points) for m in matches})
        else:
            own |= points
    return classes, own


def used_codepoints(outdir: Path) -> set[int]:
    """Every icon the built site can show: named in a page or a script, or drawn by the stylesheet."""
    classes, own = icon_codepoints(THEME_CSS.read_text(encoding="utf-8"))
    return own | {classes[name] for name in used_icon_classes(outdir) if name in classes}


def used_icon_classes(outdir: Path) -> set[str]:
    named = set()
    for path in [*outdir.rglob("*.html"), *(outdir / "_static").rglob("*.js")]:
        named |= set(ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return named


def prune_icon_rules(css: str, keep: set[str]) -> str:
    """``css`` without the rules of icons no page or script names (a rule naming several keeps all)."""
    def rule(match):
        names = [ICON_SELECTOR.fullmatch(n.strip()) for n in match.group(1).split(",")]
        if all(names) and not {n.group(1) for n in names} & keep:
            return ""
        return match.group(0)

    return ICON_RULE.sub(rule, css)


def subset_icon_fonts(outdir: Path) -> dict[str, tuple[int, int]]:
    """Cut each of the theme's WOFF2 icon fonts to the icons the site uses: {font: (bytes before, after)}."""
    from fontTools import subset

    keep = used_codepoints(outdir)
    sizes = {}
    for source in sorted(THEME_FONTS.glob("*.woff2")):
        options = subset.Options(flavor="woff2", layout_features=["*"], notdef_outline=True)
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=keep & set(font.getBestCmap()))
        subsetter.subset(font)
        target = outdir / "_static/vendor/fontawesome/webfonts" / source.name
        subset.save_font(font, str(target), options)
        sizes[source.name] = (source.stat().st_size, target.stat().st_size)
    return sizes


def remember_page(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if app.builder.format == "html":
        app.env._lean_pages = getattr(app.env, "_lean_pages", set()) | {pagename}


def lighten(text: str, pagename: str) -> tuple[str, list[str]]:
    """``text`` without the scripts it does not use, and what was expected and not found."""
    missing = []
    for what, pattern in UNUSED.items():
        if what == "the search index" and pagename == "search":
            continue
        text, found = pattern.subn("", text)
        if not found:
            missing.append(what)
    return text, missing


def lighten_pages(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for pagename in sorted(getattr(app.env, "_lean_pages", ())):
        path = Path(app.builder.get_outfilename(pagename))
        if not path.is_file():
            continue
        text, missing = lighten(path.read_text(encoding="utf-8"), pagename)
        if missing:
            logger.warning(f"lean_pages: {pagename} does not load {' or '.join(missing)}: has the theme changed?")
        path.write_text(text, encoding="utf-8")
    app.env._lean_pages = set()
    outdir = Path(app.outdir)
    subset_icon_fonts(outdir)
    css = THEME_CSS.read_text(encoding="utf-8")  # the theme's own copy: every build starts afresh
    (outdir / "_static/styles/pydata-sphinx-theme.css").write_text(
        prune_icon_rules(css, used_icon_classes(outdir)), encoding="utf-8")
    for image in sorted((outdir / "_images").glob("*.png")):
        smaller_png(image)


def smaller_png(path: Path) -> bool:
    """Save the opaque PNG at ``path`` with a palette of 256 colours if that is smaller; True if it was."""
    from PIL import Image

    with Image.open(path) as picture:
        if picture.mode == "P":
            return False
        rgba = picture.convert("RGBA")
    if rgba.getextrema()[3][0] < 255:
        return False
    palette = rgba.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="png", optimize=True)
    if buffer.tell() >= path.stat().st_size:
        return False
    path.write_bytes(buffer.getvalue())
    return True


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", remember_page)
    app.connect("build-finished", lighten_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
