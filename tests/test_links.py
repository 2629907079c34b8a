"""Every internal link and anchor of the built site points at something that exists."""

from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.site


def ids_of(page: Path, cache: dict) -> set[str]:
    if page not in cache:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        names = {e["name"] for e in soup.find_all(attrs={"name": True})}
        cache[page] = {e["id"] for e in soup.find_all(id=True)} | names
    return cache[page]


def test_no_broken_internal_links_or_anchors(site):
    broken, checked, cache = [], 0, {}
    for page in sorted(site.glob("**/*.html")):
        if page.relative_to(site).parts[0] in ("_static", "assets", "_sources"):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.find_all("a", href=True):
            href = a["href"]
            if urlparse(href).scheme or href.startswith(("mailto:", "javascript:", "//")):
                continue
            path, fragment = urldefrag(href)
            target = (page.parent / unquote(path)).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.exists():
                broken.append(f"{page.relative_to(site)} → {href} (no such file)")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in ids_of(target, cache):
                broken.append(f"{page.relative_to(site)} → {href} (no such anchor)")
    assert checked > 100
    assert broken == [], "\n".join(broken[:30])
