"""The website: it builds with warnings as errors, is self-contained, and its buttons point right."""

import re
from pathlib import Path

import nbformat
import yaml
from bs4 import BeautifulSoup

from d2lplus.colab import repository

ROOT = Path(__file__).resolve().parents[1]
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
    url, branch = repository(ROOT / "_config.yml")
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    owner_repo = url.removeprefix("https://github.com/").rstrip("/")
    prefix = (config["repository"].get("path_to_book") or "").strip("/")
    path = f"{prefix}/{PAGE_21}.ipynb".lstrip("/")
    html = (site / f"{PAGE_21}.html").read_text(encoding="utf-8")
    colab = f"https://colab.research.google.com/github/{owner_repo}/blob/{branch}/{path}"
    assert f'href="{colab}"' in html
    assert f"https://mybinder.org/v2/gh/{owner_repo}/{branch}?urlpath=tree/{path}" in html
    assert f'href="../../_sources/{PAGE_21}.ipynb"' in html
    stored = nbformat.read(ROOT / path, as_version=4)
    assert all(c.outputs for c in stored.cells if c.cell_type == "code" and c.execution_count > 2)
