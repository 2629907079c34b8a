"""Math typeset as MathML at build time (_ext/static_math.py): MathML Core fixes, and the page rewrite."""

import shutil
import unicodedata

import pytest
import static_math
from sphinx.errors import ExtensionError
from static_math import core_mathml, styled, typeset

NS = 'xmlns="http://www.w3.org/1998/Math/MathML"'


@pytest.mark.parametrize("char, variant, name", [
    ("x", "bold", "MATHEMATICAL BOLD SMALL X"),
    ("W", "bold", "MATHEMATICAL BOLD CAPITAL W"),
    ("1", "bold", "MATHEMATICAL BOLD DIGIT ONE"),
    ("\u03b8", "bold-italic", "MATHEMATICAL BOLD ITALIC SMALL THETA"),
    ("R", "double-struck", "DOUBLE-STRUCK CAPITAL R"),  # ℝ is an older letterlike symbol
    ("L", "script", "SCRIPT CAPITAL L"),
    ("h", "italic", "PLANCK CONSTANT"),
])
def test_a_styled_letter_becomes_unicodes_mathematical_letter(char, variant, name):
    assert unicodedata.name(styled(char, variant)) == name


def test_a_character_with_no_styled_form_is_left_alone():
    assert styled("+", "bold") is None
    assert core_mathml(f'<math {NS}><mo mathvariant="bold">+</mo></math>') == \
        f'<math {NS}><mo mathvariant="bold">+</mo></math>'


def test_mathjax_mathml_is_made_fit_for_mathml_core():
    mathjax = f"""<math {NS} display="block">
  <msup>
    <mi>f</mi>
    <mo data-mjx-alternate="1">\u2032</mo>
  </msup>
  <mrow data-mjx-texclass="ORD">
    <mi mathvariant="bold">x</mi>
  </mrow>
  <mi mathvariant="normal">\u22a4</mi>
  <mtext>정답 </mtext>
</math>"""
    out = core_mathml(mathjax)
    assert out == (f'<math {NS} display="block">'
                   '<mrow><mi>f</mi><mo lspace="0" rspace="0">\u2032</mo></mrow>'  # the prime beside f
                   '<mrow><mi>\U0001d431</mi></mrow>'  # a bold x, MathJax's own attribute gone
                   '<mi mathvariant="normal">\u22a4</mi>'  # MathML Core knows "normal"
                   '<mtext>정답 </mtext></math>')


def test_the_columns_of_aligned_keep_their_alignment():
    mathjax = (f'<math {NS}><mtable columnalign="right left"><mtr><mtd><mi>a</mi></mtd><mtd><mo>=</mo></mtd>'
               f'</mtr></mtable></math>')
    out = core_mathml(mathjax)
    assert '<mtd style="text-align: right"><mi>a</mi></mtd><mtd style="text-align: left"><mo>=</mo></mtd>' in out


class FakeRenderer:
    def __init__(self, errors=()):
        self.asked, self.errors = [], list(errors)

    def render(self, formulas):
        self.asked.append(formulas)
        return {"mathml": [f'<math {NS}><mi>{i}</mi></math>' for i in range(len(formulas))], "errors": self.errors}


def test_every_formula_of_a_page_is_replaced_once_per_distinct_tex():
    body = ('<p><span class="math notranslate nohighlight">\\(a &lt; b\\)</span> and '
            '<span class="math notranslate nohighlight">\\(a &lt; b\\)</span></p>\n'
            '<div class="math notranslate nohighlight">\n\\[x^2\\]</div>')
    renderer = FakeRenderer()
    out = typeset(body, renderer, "page")
    assert renderer.asked == [[("a < b", False), ("x^2", True)]]  # HTML escapes undone, duplicates asked once
    assert out.count(f'<math {NS}><mi>0</mi></math>') == 2 and f'<math {NS}><mi>1</mi></math></div>' in out
    assert "\\(" not in out and "\\[" not in out


def test_a_page_without_math_is_not_sent_and_a_bad_formula_fails_the_build():
    renderer = FakeRenderer()
    assert typeset("<p>no math</p>", renderer, "page") == "<p>no math</p>" and renderer.asked == []
    with pytest.raises(ExtensionError, match=r"on chapters/x: \['\\\\frac\{: Missing"):
        typeset('<span class="math notranslate nohighlight">\\(\\frac{\\)</span>', FakeRenderer(["\\frac{: Missing"]),
                "chapters/x")


@pytest.mark.site
def test_mathjax_in_node_reads_the_tex_of_these_notes():
    """The real renderer (Node.js and npm's mathjax-full, from `make vendor`)."""
    if shutil.which("node") is None or not (static_math.NODE_MODULES / "mathjax-full").is_dir():
        pytest.skip("no Node.js or mathjax-full here: `make vendor`")  # under CI, conftest.py fails a skip
    renderer = static_math.MathRenderer()
    try:
        result = renderer.render([("\\frac{\\partial y}{\\partial x}", True), ("\\mathbf{x}^\\top", False),
                                  ("\\frac{", False)])
    finally:
        renderer.close()
    assert result["mathml"][0].count("<mfrac>") == 1 and 'display="block"' in result["mathml"][0]
    assert "\U0001d431" in core_mathml(result["mathml"][1])
    assert result["mathml"][2] is None and len(result["errors"]) == 1
