"""The website: it builds with warnings as errors, is self-contained, and its buttons point right."""

import re
from pathlib import Path

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup

import bookconfig

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.site

PAGE_21 = "chapters/ch02/2_1_data_manipulation"


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [entry["file"] for entry in part["chapters"]]
    return files


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


def test_vendored_assets_are_referenced_and_present(site):
    html = (site / f"{PAGE_21}.html").read_text(encoding="utf-8")
    mathjax = re.search(r'src="([^"?]*tex-mml-chtml\.js)(\?[^"]*)?"', html)
    assert mathjax, "the 2.1 page loads no MathJax"
    assert (site / PAGE_21).parent.joinpath(mathjax.group(1)).resolve().is_file()
    for asset in ["assets/require.js", "assets/html-manager/embed-amd.js", "assets/mathjax/tex-mml-chtml.js"]:
        assert (site / asset).is_file(), asset


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
