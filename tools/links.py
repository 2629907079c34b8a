"""Links between the pages of the notes that work on the website and in Colab alike.

A notebook opened in Colab has no site around it: a relative link such as
``../../exercises/ch02_exercises.ipynb`` leads nowhere there. So the
notebooks link to other pages by their published URL (``html.baseurl`` in
``_config.yml``) and to the student notebooks by their Colab URL; the site's
build turns links to its own pages back into relative ones (``_ext/site_fixes.py``),
so the website stays self-contained.

Authors may write either form; ``absolute`` rewrites relative links and
regenerates absolute ones from the current ``_config.yml``.
"""

from __future__ import annotations

import re
from pathlib import Path

from bookconfig import ROOT, Book

LINK = re.compile(r"(?<=\]\()([^)\s]+)(?=\))")  # the target of a Markdown link [text](target)
COLAB = re.compile(r"^https://colab\.research\.google\.com/github/[^/]+/[^/]+/blob/[^/]+/(?P<path>[^#?]+)$")
SITE_PAGE = re.compile(r"^https?://(?P<host>[^/]+)/(?:[^#?]*/)?(?P<page>(?:chapters|exercises)/[^#?]+?|intro|glossary)"
                       r"\.html(?:#(?P<anchor>[^\s]*))?$")
STUDENT = "exercises/student/"


def is_page(page: str) -> bool:
    """Whether ``page`` (a path without suffix) is a page of the book."""
    return any((ROOT / f"{page}{suffix}").is_file() for suffix in (".md", ".ipynb"))


def target(href: str, source: Path, book: Book) -> str:
    """The link ``href`` written in ``source`` as the notes publish it (unchanged if not ours)."""
    if href.startswith(("#", "mailto:")):
        return href
    colab = COLAB.match(href)
    if colab:
        return book.colab_url(colab.group("path"))
    site = SITE_PAGE.match(href)
    if site:
        if site.group("host") != "d2l.ai" and is_page(site.group("page")):
            return book.page_url(site.group("page"), site.group("anchor") or "")
        return href
    if re.match(r"^[a-z][a-z0-9+.-]*:", href):
        return href  # another site
    path, _, anchor = href.partition("#")
    try:
        relative = (Path(source).parent / path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return href
    if relative.startswith(STUDENT) and relative.endswith(".ipynb"):
        return book.colab_url(relative)
    page = re.sub(r"\.(md|ipynb|html)$", "", relative)
    return book.page_url(page, anchor) if is_page(page) else href


def absolute(markdown: str, source: Path, book: Book) -> str:
    """``markdown`` with every link to a page of the notes made absolute (see the module's docstring)."""
    return LINK.sub(lambda m: target(m.group(1), source, book), markdown)


def notebook_links(markdown: str) -> list[str]:
    """The targets of the Markdown links in ``markdown``."""
    return LINK.findall(markdown)
