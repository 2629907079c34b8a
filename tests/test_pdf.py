"""The printable editions (`make pdf`): three books that say what the website says, in one language or both.

The PDFs are checked as a reader gets them — through poppler (pdftotext,
pdfimages, pdffonts, pdftoppm) — and compared with the built website: the
English edition must hold every paragraph that the site's language view marks
English and none that it marks Korean, and the other way round.
"""

import base64
import gettext
import io
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import nbformat
import pytest
import sphinx.locale
import yaml
from bs4 import BeautifulSoup
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
import bilingual  # noqa: E402
import pdf_edition  # noqa: E402

import pdf as pdf_tool  # noqa: E402
from test_site import toc_files  # noqa: E402

pytestmark = pytest.mark.tex

HANGUL = re.compile("[\uac00-\ud7a3]+")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
EDITIONS = ("en", "ko", "both")


def run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=300).stdout


def page_count(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.MULTILINE).group(1))


def text_of(pdf: Path) -> str:
    """The text layer in the order it was typeset (-raw: the default layout mode reorders mixed-script lines)."""
    return run("pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-")


def squeeze(text: str) -> str:
    """Text with no whitespace and no hyphens (line breaks and hyphenation differ between site and PDF)."""
    text = unicodedata.normalize("NFKC", text).replace("⋯", "...")  # LaTeX sets … as ⋯
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


@pytest.fixture(scope="module")
def texts(pdfs) -> dict[str, str]:
    return {e: text_of(pdfs[e]) for e in EDITIONS}


def notebooks() -> list[Path]:
    return [ROOT / f"{name}.ipynb" for name in toc_files() if (ROOT / f"{name}.ipynb").is_file()]


def printed_cells(nb) -> list:
    """The code cells that reach the page: not those the book removes."""
    removed = {"remove-cell", "remove-output"}
    return [c for c in nb.cells if c.cell_type == "code" and not removed & set(c.metadata.get("tags", []))]


# -- what the build leaves behind ---------------------------------------------------


def test_each_edition_builds_with_no_missing_character_and_no_broken_reference(pdfs):
    for edition, pdf in pdfs.items():
        assert pdf.read_bytes()[:5] == b"%PDF-", edition
        log = (pdf_tool.latex_dir(edition) / f"d2l-notes-{edition}.log").read_text(encoding="utf-8", errors="replace")
        assert "Output written on" in log, f"{edition}: the log is not from a finished run"
        assert "Missing character" not in log, edition
        assert "There were undefined references" not in log, edition


def test_page_counts_are_in_a_sane_range(pdfs):
    """Every page of the table of contents takes at least two pages; `both` holds each language's text once
    and the code, outputs and figures once, so it is longer than either edition and shorter than the two."""
    pages = {e: page_count(pdf) for e, pdf in pdfs.items()}
    chapters = len(notebooks())
    for edition in ("en", "ko"):
        assert 2 * chapters <= pages[edition] <= 30 * chapters, pages
    assert max(pages["en"], pages["ko"]) < pages["both"] < pages["en"] + pages["ko"], pages


def test_the_fonts_of_both_scripts_and_of_the_equations_are_embedded(pdfs):
    for edition, pdf in pdfs.items():
        fonts = run("pdffonts", str(pdf))
        assert "NanumMyeongjo" in fonts and "NanumGothic" in fonts, edition  # Korean (headings in `en` too)
        assert "FreeSerif" in fonts and "DejaVuSansMono" in fonts, edition   # English text, code
        assert "LatinModernMath" in fonts, edition                            # the equations


# -- languages: the site's rule -------------------------------------------------------


def leading_text(element) -> tuple[str, str]:
    """A paragraph's text up to its first link or formula (where the PDF adds footnote marks or glyphs),
    split into the inline code it opens with and the rest."""
    parts, opening = [], []

    def walk(node, in_code: bool) -> bool:
        for child in node.children:
            if isinstance(child, str):
                (opening if in_code and not "".join(parts).strip() else parts).append(str(child))
                continue
            classes = child.get("class") or []
            if child.name in ("a", "sup", "script") or "math" in classes:
                return False
            if not walk(child, in_code or child.name == "code"):
                return False
        return True

    walk(element, False)
    return "".join(opening), "".join(parts)


def marked_paragraphs(site: Path) -> dict[str, list[tuple[str, str]]]:
    """For each language, (page, first 30 squeezed characters) of the paragraphs the site marks with it.

    Left out: the landing page, which differs on purpose (the site's sections about itself, print's
    preface), the glossary (a two-language table), and English openings that a Korean paragraph of the
    same page shares word for word (a term both start with) — they cannot tell the languages apart.
    """
    found = {"en": [], "ko": []}
    for name in toc_files()[1:]:
        if name in pdf_edition.ONLY_ENGLISH_LEAVES_OUT:
            continue
        soup = BeautifulSoup((site / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article") or soup
        page = {"en": [], "ko": []}
        for element in article.find_all(["p", "li"], class_=["lang-en", "lang-ko"]):
            language = "en" if "lang-en" in element["class"] else "ko"
            # from the first word after any opening code (the two languages' paragraphs often open alike)
            text = squeeze(leading_text(element)[1])
            if language == "ko":
                text = text[HANGUL.search(text).start():] if HANGUL.search(text) else ""
            page[language].append(text)
        korean = "\n".join(squeeze(e.get_text()) for e in article.find_all(class_="lang-ko"))
        found["en"] += [(name, t[:30]) for t in page["en"] if len(t) >= 12 and t[:30] not in korean]
        found["ko"] += [(name, t[:30]) for t in page["ko"] if len(t) >= 12]
    return found


REFERENCE_PART = {"en": "Reference", "ko": "참고", "both": "Reference · 참고"}  # _toc.yml's last caption, per edition


def before_the_glossary(text: str, edition: str) -> str:
    """The pages before the last part, the glossary (its title in the edition's language), where there is one."""
    pages = text.split("\f")
    title = REFERENCE_PART[edition]
    parts = [i for i, page in enumerate(pages) if title in (line.strip() for line in page.splitlines())]
    return "\f".join(pages[:parts[-1]] if parts else pages)  # the contents line carries a page number


def test_before_the_glossary_finds_the_part_in_each_editions_language():
    for edition, title in REFERENCE_PART.items():
        text = f"Contents\n{title} 9\fProse\fPart VI\n{title}\fA glossary row\n"
        assert before_the_glossary(text, edition) == "Contents\n" + title + " 9\fProse", edition


def printed_code_and_outputs() -> str:
    """Code and text outputs of every printed cell, squeezed: both editions keep them, in both languages."""
    found = []
    for path in notebooks():
        for cell in printed_cells(nbformat.read(path, as_version=4)):
            found.append(cell.source)
            found += ["".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
                      for o in cell.get("outputs", [])]
    return squeeze("\n".join(found))


def test_each_edition_keeps_exactly_the_paragraphs_of_its_languages_on_the_site(site, texts):
    """The language filter is the site's view: en ⊇ the site's English paragraphs and none of its Korean ones;
    ko the other way round; both has all. (The English edition leaves out the glossary, a two-language table.)"""
    marked = marked_paragraphs(site)
    assert len(marked["en"]) > 300 and len(marked["ko"]) > 300, {k: len(v) for k, v in marked.items()}
    # the glossary, a two-language table, is printed in `ko` and `both`: it is not prose of one language
    squeezed = {e: squeeze(before_the_glossary(t, e)) for e, t in texts.items()}
    for edition, keeps in (("en", {"en"}), ("ko", {"ko"}), ("both", {"en", "ko"})):
        for language, paragraphs in marked.items():
            for page, snippet in paragraphs:
                present = snippet in squeezed[edition]
                assert present == (language in keeps), (
                    f"{edition} edition: the {language} paragraph of {page} starting {snippet!r} is "
                    f"{'missing' if language in keeps else 'present'}")


def test_the_english_edition_has_korean_only_where_the_sites_english_view_keeps_it(site, texts):
    """Headings, two-language labels, code and outputs — never a Korean paragraph."""
    allowed = []
    for name in toc_files():
        if name in pdf_edition.ONLY_ENGLISH_LEAVES_OUT:
            continue
        soup = BeautifulSoup((site / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article") or soup
        for element in article.find_all(class_="lang-ko"):
            element.decompose()
        allowed.append(squeeze(article.get_text()))
    for source in [ROOT / "intro.md"]:  # print's own headings on the landing page
        allowed += [squeeze(line) for line in source.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    allowed_text = "\n".join(allowed)
    words = set(HANGUL.findall(texts["en"]))
    assert words, "code comments and outputs keep their Korean: some must be there"
    stray = sorted(w for w in words if w not in allowed_text)
    assert stray == [], f"Korean in the English edition's body: {stray[:20]}"
    korean = {e: len("".join(HANGUL.findall(t))) for e, t in texts.items()}
    assert korean["en"] < 0.25 * korean["both"] <= korean["ko"], korean


# -- figures, widgets, equations ------------------------------------------------------


def test_the_korean_edition_says_in_korean_what_latex_and_sphinx_add(pdfs, texts):
    """Parts are 제1부, 제2부, …; page-break notes, table names and the date are Sphinx's own Korean.

    The expected words come from Sphinx's Korean message catalogue and the parts from
    ``_toc.yml``; the two-language book keeps LaTeX's English ("Part I").
    """
    korean = gettext.translation("sphinx", localedir=Path(sphinx.locale.__file__).parent, languages=["ko"])
    text = texts["ko"]
    for english in ("continued from previous page", "continues on next page"):  # code broken across pages
        assert english not in text and korean.gettext(english) in text, english
    assert "Table 1" not in text and korean.gettext("Table %s") % 1 in text  # the glossary, a long table
    parts = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))["parts"]
    assert not re.search(r"\bPart [IVX]+\b", text)
    for number, _part in enumerate(parts, start=1):
        assert text.count(f"제{number}부") >= 2, number  # in the contents and on the part's own page
    title = run("pdftotext", "-f", "1", "-l", "1", "-enc", "UTF-8", str(pdfs["ko"]), "-")
    assert re.search(r"\d{4}년 \d{1,2}월 \d{1,2}일", title), title
    assert re.search(r"\bPart I\b", texts["both"]) and "제1부" not in texts["both"]


def test_every_figure_and_every_widgets_default_figure_is_printed(pdfs, texts):
    figures = widgets = 0
    for path in notebooks():
        for cell in printed_cells(nbformat.read(path, as_version=4)):
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                widgets += WIDGET_VIEW in data
                figures += "image/png" in data and WIDGET_VIEW not in data
    assert widgets == 3 and figures > 15, (widgets, figures)
    for edition, pdf in pdfs.items():
        images = [line.split() for line in run("pdfimages", "-list", str(pdf)).splitlines()[2:]]
        assert sum(1 for fields in images if fields[2] == "image") == figures + widgets, edition
        text = texts[edition]
        assert "Widget:" not in text, f"{edition}: a widget's text/plain fallback was printed"
        pointers = [pdf_edition.POINTER[lang].split(":")[0].strip("*") for lang in ("en", "ko")
                    if edition in (lang, "both")]
        for pointer in pointers:
            assert squeeze(text).count(squeeze(pointer)) == widgets, (edition, pointer)


def test_equations_are_typeset_not_left_as_source(texts):
    """No TeX source in the text layer, but for code that holds some (matplotlib labels)."""
    code = squeeze("\n".join(c.source for path in notebooks()
                              for c in printed_cells(nbformat.read(path, as_version=4))))
    tex = re.compile(r"\\(frac|partial|mathbf|sum|cdot)\b|\$\$|\\\(|\\\[")
    for edition, text in texts.items():
        leftovers = [line for line in text.splitlines() if tex.search(line) and squeeze(line) not in code]
        assert leftovers == [], (edition, leftovers[:5])
        assert len(re.findall("[∂𝜕]", text)) > 50, edition  # ∂ of 2.4, 5.3 and the exercises
        assert len(re.findall("[∇]", text)) > 5, edition


def saturated(image) -> int:
    """How many pixels are clearly coloured (the plots' lines, not black text or grey frames)."""
    return sum(1 for _h, s, v in image.convert("HSV").get_flattened_data() if s > 120 and v > 80)


def test_the_rendered_pages_show_figures_and_text(pdfs, texts, tmp_path):
    """pdftoppm renders every page; each widget's page shows at least half the colour of its figure."""
    pdf = pdfs["both"]
    pages = page_count(pdf)
    run("pdftoppm", "-r", "12", "-gray", str(pdf), str(tmp_path / "page"))
    rendered = sorted(tmp_path.glob("page-*.pgm"))
    assert len(rendered) == pages
    inked = [p for p in rendered if Image.open(p).getextrema()[0] < 250]
    assert len(inked) > 0.8 * pages  # blank pages only where a part or chapter must start on the right
    per_page = texts["both"].split("\f")
    widget_pages = [i + 1 for i, t in enumerate(per_page) if "In print this widget" in t]
    assert len(widget_pages) == 3, widget_pages
    placed = {}  # page → resolution (ppi) of the images on it
    for fields in (line.split() for line in run("pdfimages", "-list", str(pdf)).splitlines()[2:]):
        if fields[2] == "image":
            placed.setdefault(int(fields[0]), []).append(float(fields[12]))
    figures = []
    for path in notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for output in cell.get("outputs", []):
                if WIDGET_VIEW in output.get("data", {}):
                    state = nb["metadata"]["widgets"][pdf_edition.WIDGET_STATE]["state"]
                    figures += pdf_edition.default_images(state, output["data"][WIDGET_VIEW]["model_id"])
    dpi = 60
    for number, figure in zip(widget_pages, figures, strict=True):
        # the widget's page: its figure, below the pointer sentence or on the page before
        candidates = [n for n in (number - 1, number) if n in placed]
        assert candidates, f"no image on page {number} or the one before"
        source = Image.open(io.BytesIO(base64.b64decode(figure))).convert("RGB")
        scale = dpi / placed[candidates[-1]][-1]
        expected = saturated(source.resize((round(source.width * scale), round(source.height * scale))))
        run("pdftoppm", "-r", str(dpi), "-f", str(candidates[-1]), "-l", str(candidates[-1]), str(pdf),
            str(tmp_path / f"c{number}"))
        shown = saturated(Image.open(next(tmp_path.glob(f"c{number}-*.ppm"))))
        assert shown >= 0.5 * expected > 0, f"page {candidates[-1]}: {shown} coloured pixels, figure {expected}"


# -- the pieces, without a build ------------------------------------------------------


def image_model(data: bytes) -> dict:
    return {"model_name": "ImageModel", "state": {},
            "buffers": [{"path": ["value"], "encoding": "base64", "data": base64.b64encode(data).decode()}]}


def tiny(colour: str, format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), colour).save(buffer, format=format, lossless=True)
    return buffer.getvalue()


def test_a_widget_prints_the_figure_its_controls_select_first_as_a_png():
    state = {
        "panel": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_slider", "IPY_MODEL_stack"]}},
        "slider": {"model_name": "SelectionSliderModel", "state": {}},
        "stack": {"model_name": "StackModel", "state": {"children": ["IPY_MODEL_a", "IPY_MODEL_b"],
                                                          "selected_index": 1}},
        "a": image_model(tiny("red", "png")), "b": image_model(tiny("blue", "webp")),  # frames are WebP
    }
    [printed] = [base64.b64decode(x) for x in pdf_edition.default_images(state, "panel")]
    assert printed.startswith(b"\x89PNG")  # LaTeX reads PNG, not WebP
    assert Image.open(io.BytesIO(printed)).convert("RGB").getpixel((0, 0)) == (0, 0, 255)
    assert pdf_edition.default_images({"a": state["a"]}, "a") == [state["a"]["buffers"][0]["data"]]  # PNG as is
    nb = {"metadata": {"widgets": {pdf_edition.WIDGET_STATE: {"state": state}}},
          "cells": [{"cell_type": "code", "id": "w", "source": "w", "metadata": {}, "outputs": [
              {"output_type": "display_data", "metadata": {},
               "data": {WIDGET_VIEW: {"model_id": "panel"}, "text/plain": "Widget: …"}}]}]}
    assert pdf_edition.print_widgets(nb, "https://example.org/page.html")
    cell, *pointers = nb["cells"]
    assert cell["outputs"] == [{"output_type": "display_data", "metadata": {},
                                "data": {"image/png": base64.b64encode(printed).decode("ascii")}}]
    assert [p["cell_type"] for p in pointers] == ["markdown", "markdown"]
    assert all("https://example.org/page.html" in p["source"] for p in pointers)
    # the site's rule sorts them into the two languages, so each edition keeps one
    assert [bilingual.language(p["source"]) for p in pointers] == ["en", "ko"]


def test_a_widget_without_stored_state_is_an_error_naming_the_page():
    nb = {"metadata": {}, "cells": [{"cell_type": "code", "metadata": {}, "source": "", "outputs": [
        {"output_type": "display_data", "metadata": {}, "data": {WIDGET_VIEW: {"model_id": "gone"}}}]}]}
    with pytest.raises(ValueError, match="page.html.*make notebooks"):
        pdf_edition.print_widgets(nb, "https://example.org/page.html")


def test_a_wrong_edition_is_refused_by_name(monkeypatch):
    monkeypatch.setenv("D2LPLUS_PDF_EDITION", "fr")
    with pytest.raises(ValueError, match="D2LPLUS_PDF_EDITION must be one of en, ko, both; got 'fr'"):
        pdf_edition.edition()
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "pdf.py"), "en", "fr"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "EDITION must be one of en, ko, both; got fr" in done.stderr


def test_the_log_check_finds_missing_characters_across_xetex_line_wrapping():
    wrapped = ("Missing character: There is no 한 (U+D55C) in font [FreeSerifItalic.otf]/OT:scri\n"
               "pt=latn;language=dflt;!\nLaTeX Warning: There were undefined references.\n")
    assert len(wrapped.splitlines()[0]) == 79
    found = pdf_tool.problems(wrapped)
    assert found[0].startswith("Missing character: There is no 한") and found[0].endswith("language=dflt;!")
    assert found[1] == "LaTeX Warning: There were undefined references."
    assert pdf_tool.problems("Output written on book.pdf (3 pages).\n") == []


def test_the_site_links_each_edition_from_the_landing_page_and_every_page(site):
    names = [f"d2l-notes-{e}.pdf" for e in EDITIONS]
    for name in names:
        assert (site / "pdf" / name).read_bytes()[:5] == b"%PDF-", name
    landing = BeautifulSoup((site / "intro.html").read_text(encoding="utf-8"), "html.parser")
    article = landing.find("article")
    assert {a["href"] for a in article.find_all("a", class_="pdf-edition")} == {f"pdf/{n}" for n in names}
    for page in toc_files():
        soup = BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        links = soup.select("p.pdf-editions a.pdf-edition-link")
        assert [Path(a["href"]).name for a in links] == names, page
        for a in links:
            assert (site / page).parent.joinpath(a["href"]).resolve() == (site / "pdf" / Path(a["href"]).name)


def test_widget_outputs_all_live_in_notebooks_with_stored_state():
    """Every widget the PDF prints comes from a notebook that stores its widgets' state."""
    for path in notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        views = [o for c in nb["cells"] for o in c.get("outputs", []) if WIDGET_VIEW in o.get("data", {})]
        if views:
            state = nb["metadata"]["widgets"][pdf_edition.WIDGET_STATE]["state"]
            for view in views:
                assert len(pdf_edition.default_images(state, view["data"][WIDGET_VIEW]["model_id"])) == 1, path


def test_headings_are_in_the_editions_language(site, texts):
    """The site writes headings `English · 한국어` (its views hide one half); each edition prints its half only."""
    halves = {"en": set(), "ko": set()}
    for name in toc_files()[1:]:
        if name in pdf_edition.ONLY_ENGLISH_LEAVES_OUT:
            continue
        soup = BeautifulSoup((site / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article") or soup
        for heading in article.find_all(["h1", "h2", "h3"]):
            for language in ("en", "ko"):
                for half in heading.find_all("span", class_=f"lang-{language}"):
                    text = squeeze(half.get_text())
                    if len(text) >= (12 if language == "en" else 6):
                        halves[language].add(text)
    assert len(halves["en"]) > 50 and len(halves["ko"]) > 50, {k: len(v) for k, v in halves.items()}
    squeezed = {e: squeeze(before_the_glossary(t, e)) for e, t in texts.items()}
    code = printed_code_and_outputs()  # a heading's half may also be a code comment or a docstring
    for edition, keeps in (("en", {"en"}), ("ko", {"ko"}), ("both", {"en", "ko"})):
        for language, found in halves.items():
            wrong = sorted(h for h in found if h not in code and (h in squeezed[edition]) != (language in keeps))
            state = "missing" if language in keeps else "present"
            assert not wrong, f"{edition} edition, {language} halves of headings {state}: {wrong[:5]}"
