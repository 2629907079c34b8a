"""The website: it builds with warnings as errors, is self-contained, and its buttons point right."""

import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

import bookconfig

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.site

PAGE_21 = "chapters/ch02/2_1_data_manipulation"


def toc_files() -> list[str]:
    return bookconfig.toc_pages()


def pages(site: Path) -> list[Path]:
    return [site / f"{name}.html" for name in toc_files()]


def test_every_toc_entry_has_a_page(site):
    for page in pages(site):
        assert page.is_file(), page


def test_nothing_is_loaded_from_another_host(site):
    """Scripts, stylesheets, fonts and images come from the site itself (works offline)."""
    external = re.compile(r"^(https?:)?//", re.IGNORECASE)
    for page in sorted(site.glob("**/*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in [("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                          ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src")]:
            for element in soup.find_all(tag):
                url = element.get(attr) or ""
                loaded = {"stylesheet", "preload", "icon", "modulepreload"}
                if tag == "link" and not loaded & set(element.get("rel", [])):
                    continue
                assert not external.match(url), f"{page.relative_to(site)} loads {url}"
    for css in site.glob("_static/**/*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//|url\(['\"]?(https?:)?//", text), css


def test_math_is_mathml_and_no_page_loads_mathjax_or_the_icon_script(site):
    """Math is typeset when the site is built (_ext/static_math.py); pages load neither MathJax nor the
    theme's fontawesome.js, and only the search page loads the search index (_ext/lean_pages.py)."""
    for page in pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        scripts = " ".join(s.get("src", "") + s.get_text() for s in soup.find_all("script"))
        name = page.relative_to(site).as_posix()
        assert "mathjax" not in scripts.lower() and "fontawesome.js" not in scripts, name
        assert "searchindex.js" not in scripts, name
        for math in soup.select(".math"):
            assert math.find("math") is not None and "\\(" not in math.get_text(), f"{name}: {math}"[:200]
    assert "searchindex.js" in (site / "search.html").read_text(encoding="utf-8")
    calculus = BeautifulSoup((site / "chapters/ch02/2_4_calculus.html").read_text(encoding="utf-8"), "html.parser")
    assert len(calculus.select("main div.math math[display=block]")) >= 5
    assert len(calculus.select("main span.math math:not([display])")) >= 50
    widget_page = (site / "chapters/ch05/5_2_mlp_implementation.html").read_text(encoding="utf-8")
    assert re.search(r'src="[^"]*assets/html-manager/embed\.js', widget_page)
    assert (site / "assets/html-manager/embed.js").is_file()


MODIFIERS = {"fa-solid", "fa-regular", "fa-brands", "fa-lg", "fa-fw", "fa-xs", "fa-sm", "fa-xl", "fa-2x", "fa-spin"}


def test_the_icon_fonts_hold_every_icon_a_page_shows(site):
    """The theme's Font Awesome fonts are cut to the icons the site uses (_ext/lean_pages.py): every
    `fa-…` icon on a page has its glyph in the served font, read from the font itself."""
    from fontTools.ttLib import TTFont

    css = (site / "_static/styles/pydata-sphinx-theme.css").read_text(encoding="utf-8")
    codepoint = {name: int(hexa, 16) for selectors, hexa in re.findall(r'([^{}]+)\{content:"\\([0-9a-f]+)"\}', css)
                 for name in re.findall(r"\.(fa-[a-z0-9-]+):before", selectors)}
    fonts = {style: set(TTFont(site / f"_static/vendor/fontawesome/webfonts/{file}").getBestCmap())
             for style, file in [("fa-solid", "fa-solid-900.woff2"), ("fa-brands", "fa-brands-400.woff2")]}
    shown = 0
    for page in pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for icon in soup.select("i.fa-solid, i.fa-brands"):
            classes = icon.get("class")
            style = "fa-brands" if "fa-brands" in classes else "fa-solid"
            for name in set(classes) - MODIFIERS:
                if name.startswith("fa-"):
                    shown += 1
                    assert name in codepoint, f"{page.relative_to(site)}: the stylesheet lost the rule of {name}"
                    assert codepoint[name] in fonts[style], f"{page.relative_to(site)}: {name} is not in {style}"
    assert shown > 100
    assert (site / "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2").stat().st_size < 20_000


def test_launch_and_download_buttons_point_at_the_stored_notebook(site):
    book = bookconfig.load()
    path = f"{PAGE_21}.ipynb"
    html = (site / f"{PAGE_21}.html").read_text(encoding="utf-8")
    assert f'href="{book.colab_url(path)}"' in html
    assert f'href="../../_sources/{PAGE_21}.ipynb"' in html
    stored = nbformat.read(ROOT / path, as_version=4)
    assert all(c.outputs for c in stored.cells if c.cell_type == "code" and c.execution_count > 2)


def test_no_launch_button_that_cannot_work(site):
    """Binder's builder cannot install requirements.txt (d2l's pins, gigabytes of CUDA wheels): no Binder button."""
    for page in pages(site):
        assert "mybinder.org" not in page.read_text(encoding="utf-8").lower(), page


def test_exercise_pages_link_their_student_editions(site):
    book = bookconfig.load()
    for name in ("ch02", "ch03", "ch04", "ch05"):
        html = (site / "exercises" / f"{name}_exercises.html").read_text(encoding="utf-8")
        assert f'href="{book.colab_url(f"exercises/student/{name}_exercises.ipynb")}"' in html, name


def test_links_between_pages_are_relative_on_the_site(site):
    """The notebooks name the published site; the built pages link each other relatively (works offline)."""
    book = bookconfig.load()
    html = (site / f"{PAGE_21}.html").read_text(encoding="utf-8")
    assert book.site not in html.split("<body")[1]
    assert 'href="../../exercises/ch02_exercises.html' in html


def test_every_page_links_a_filled_in_issue_on_the_configured_repository(site):
    """"Report a problem": one plain link per page to GitHub's new-issue form of repository.url (from
    _config.yml), its title and body holding the page's title and path, URL-encoded."""
    from urllib.parse import parse_qs, quote, urlsplit

    book = bookconfig.load()
    new_issue = f"{book.url}/issues/new?"
    for name in toc_files():
        soup = BeautifulSoup((site / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
        links = [a for a in soup.find_all("a", href=True) if "/issues/new" in a["href"]]
        assert len(links) == 1, f"{name}: {len(links)} new-issue links"
        link = links[0]
        assert link.get_text(" ", strip=True) == "Report a problem · 문제 신고", name
        href = link["href"]
        assert href.startswith(new_issue), href
        query = urlsplit(href).query
        assert re.fullmatch(r"title=[A-Za-z0-9%._~-]+&body=[A-Za-z0-9%._~-]+", query), f"{name}: not URL-encoded"
        fields = {key: values[0] for key, values in parse_qs(query, strict_parsing=True).items()}
        heading = soup.find("h1")
        for anchor in heading.find_all("a", class_="headerlink"):
            anchor.decompose()
        title, path = heading.get_text().strip(), f"{name}.html"
        for key in ("title", "body"):
            assert title in fields[key] and path in fields[key], (name, key, fields[key])
        assert quote(title, safe="") in query and quote(path, safe="") in query
        assert not link.find_parents("script") and not soup.find("link", href=re.compile(r"github\.com"))
