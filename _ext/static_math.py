"""Sphinx extension: math typeset as MathML when the site is built, so that no page loads MathJax.

MathJax's browser script is 1.2 MB, and myst-nb loads it on every page, math or not; typeset
beforehand as CommonHTML, a page of exercises grows to 1.2 MB of markup. Every current browser
draws MathML itself (MathML Core: Chromium since 109, Firefox, Safari), and screen readers read
it as mathematics. So each page's formulas go through MathJax 3's own TeX reader in Node.js
(``render_math.js``, npm's ``mathjax-full`` from ``make vendor``) while the page is written, and
the page carries the MathML. What MathML Core leaves out is done here: letters set in a style
(``\\mathbf{x}``, ``\\mathbb{R}``) become Unicode's mathematical letters (𝐱, ℝ), the columns of
``aligned`` keep their alignment, and a prime sits beside its letter, not above it. A formula
MathJax cannot read fails the build, naming the page and the formula.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE.parent / "vendor" / "node_modules"
MATHML = "http://www.w3.org/1998/Math/MathML"
ET.register_namespace("", MATHML)

INLINE = re.compile(r'(<span class="math notranslate nohighlight">)\\\((.*?)\\\)(</span>)', re.S)
DISPLAY = re.compile(r'(<div class="math notranslate nohighlight"[^>]*>)(.*?)(</div>)', re.S)
DISPLAY_PART = re.compile(r"\\\[(.*?)\\\]", re.S)

# mathvariant -> the words Unicode names its mathematical letters by, then the older letterlike
# symbols that fill the gaps (ℝ is DOUBLE-STRUCK CAPITAL R, not MATHEMATICAL DOUBLE-STRUCK …).
VARIANTS = {
    "bold": ["MATHEMATICAL BOLD"],
    "italic": ["MATHEMATICAL ITALIC"],
    "bold-italic": ["MATHEMATICAL BOLD ITALIC"],
    "double-struck": ["MATHEMATICAL DOUBLE-STRUCK", "DOUBLE-STRUCK"],
    "script": ["MATHEMATICAL SCRIPT", "SCRIPT"],
    "bold-script": ["MATHEMATICAL BOLD SCRIPT"],
    "fraktur": ["MATHEMATICAL FRAKTUR", "BLACK-LETTER"],
    "bold-fraktur": ["MATHEMATICAL BOLD FRAKTUR"],
    "sans-serif": ["MATHEMATICAL SANS-SERIF"],
    "bold-sans-serif": ["MATHEMATICAL SANS-SERIF BOLD"],
    "sans-serif-italic": ["MATHEMATICAL SANS-SERIF ITALIC"],
    "sans-serif-bold-italic": ["MATHEMATICAL SANS-SERIF BOLD ITALIC"],
    "monospace": ["MATHEMATICAL MONOSPACE"],
}
SPECIAL = {("italic", "h"): "\u210e"}  # PLANCK CONSTANT stands for the italic h


def styled(char: str, variant: str) -> str | None:
    """``char`` as Unicode's mathematical letter of ``variant`` (x, bold -> 𝐱), or None if it has none."""
    if (variant, char) in SPECIAL:
        return SPECIAL[(variant, char)]
    try:
        name = unicodedata.name(char)
    except ValueError:
        return None
    for prefix in ("LATIN ", "GREEK "):
        name = name.removeprefix(prefix)
    name = name.replace(" LETTER ", " ")
    for words in VARIANTS[variant]:
        try:
            return unicodedata.lookup(f"{words} {name}")
        except KeyError:
            continue
    return None


def core_mathml(mathml: str) -> str:
    """MathJax's MathML made fit for MathML Core: styled letters, aligned columns, MathJax's own
    attributes dropped, no indentation."""
    root = ET.fromstring(mathml)
    for element in root.iter():
        for attribute in [a for a in element.attrib if a.startswith("data-mjx-") or a == "class"]:
            del element.attrib[attribute]
        variant = element.get("mathvariant")
        if variant in VARIANTS and element.text and len(element) == 0:
            letters = [styled(c, variant) for c in element.text]
            if all(letters):
                element.text = "".join(letters)
                del element.attrib["mathvariant"]
        if element.tag == f"{{{MATHML}}}msup" and len(element) == 2 and element[1].tag == f"{{{MATHML}}}mo" \
                and (element[1].text or "x").strip("\u2032\u2033\u2034") == "":
            # f': TeX sets the prime as a superscript; the prime glyph is raised already, so in MathML
            # Core a superscript prime flies above the letter. Beside it, it reads as in print.
            element.tag = f"{{{MATHML}}}mrow"
            element[1].attrib.update({"lspace": "0", "rspace": "0"})
        if element.tag == f"{{{MATHML}}}mtable" and element.get("columnalign"):
            aligns = element.get("columnalign").split()
            for row in element:
                for i, cell in enumerate(c for c in row if c.tag == f"{{{MATHML}}}mtd"):
                    align = aligns[min(i, len(aligns) - 1)]
                    if align != "center" and "style" not in cell.attrib:
                        cell.set("style", f"text-align: {align}")
        if element.text is not None and not element.text.strip() and len(element):
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
    return ET.tostring(root, encoding="unicode", short_empty_elements=False)


class MathRenderer:
    """One Node.js process for the whole build, fed a page's formulas at a time."""

    def __init__(self):
        node = shutil.which("node")
        if node is None or not (NODE_MODULES / "mathjax-full").is_dir():
            raise ExtensionError("static_math: the site typesets math with Node.js and npm's mathjax-full: "
                                 "install Node.js, then run `make vendor`")
        self.process = subprocess.Popen([node, str(HERE / "render_math.js")], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, encoding="utf-8",
                                        env={"NODE_PATH": str(NODE_MODULES)})

    def render(self, formulas: list[tuple[str, bool]]) -> dict:
        self.process.stdin.write(json.dumps({"formulas": formulas}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise ExtensionError("static_math: render_math.js stopped (its error is above)")
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def typeset(body: str, renderer, pagename: str) -> str:
    """``body`` with every math span and block of Sphinx's HTML (``\\(…\\)``, ``\\[…\\]``) as MathML."""
    formulas: dict[tuple[str, bool], int] = {}
    for match in INLINE.finditer(body):
        formulas.setdefault((html.unescape(match.group(2)), False), len(formulas))
    for match in DISPLAY.finditer(body):
        for part in DISPLAY_PART.finditer(match.group(2)):
            formulas.setdefault((html.unescape(part.group(1)), True), len(formulas))
    if not formulas:
        return body
    result = renderer.render(list(formulas))
    if result["errors"]:
        raise ExtensionError(f"static_math: MathJax cannot read formulas on {pagename}: {result['errors']}")
    out = [core_mathml(mathml) for mathml in result["mathml"]]

    def inline(match):
        return match.group(1) + out[formulas[(html.unescape(match.group(2)), False)]] + match.group(3)

    def display(match):
        inner = DISPLAY_PART.sub(lambda part: out[formulas[(html.unescape(part.group(1)), True)]], match.group(2))
        return match.group(1) + inner.strip() + match.group(3)

    return DISPLAY.sub(display, INLINE.sub(inline, body))


def is_mathjax(script) -> bool:
    filename = str(getattr(script, "filename", script) or "")
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return "mathjax" in filename.lower() or body.startswith("window.MathJax")


def typeset_page(app: Sphinx, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if scripts:
        scripts[:] = [s for s in scripts if not is_mathjax(s)]  # in place: the template reads this list
    if "body" in context:
        if not hasattr(app, "_static_math"):
            app._static_math = MathRenderer()
        context["body"] = typeset(context["body"], app._static_math, pagename)


def stop_renderer(app: Sphinx, exception) -> None:
    if hasattr(app, "_static_math"):
        app._static_math.close()
        del app._static_math


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", typeset_page, priority=900)
    app.connect("build-finished", stop_renderer)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
