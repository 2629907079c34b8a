"""Every reference resolves: a section or chapter these notes lack is a link to d2l.ai.

The notes hold sections 2.1-2.5, 3.1, 3.2, 3.4, 4.1-4.4 and 5.1-5.3. The
Markdown cells of every chapter and exercise page are scanned for
references of the forms "section 3.3", "Section 3.3.1", "sections 3.5",
"chapter 9", "§3.7", "3.3절", "9장". A reference passes when

- it names a section of the notes (or one of its subsections, 5.1.2.1) or a
  chapter the notes cover (2-5), or
- it sits inside the text of a Markdown link to d2l.ai
  (``[section 3.3](https://d2l.ai/chapter_.../....html)``), and the paragraph
  says that the section is not in these notes, or
- it sits inside a link to one of our own pages: a relative link to its
  ``.md``/``.ipynb``, or an absolute one to the site (``html.baseurl`` of
  ``_config.yml``), to Colab or to GitHub that ends in one of our pages.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([*ROOT.glob("chapters/*/*.md"), *ROOT.glob("exercises/*.md")])
SECTIONS = {"2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.4",
            "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3"}
CHAPTERS = {"2", "3", "4", "5"}
NOT_IN_NOTES = ("not in these notes", "이 노트에는 없")

NUMBER = r"(?P<num>\d+(?:\.\d+)*)"
REFERENCE = re.compile(
    rf"(?i:\b(?:sections?|chapters?)\s+{NUMBER}|§\s*{NUMBER.replace('num', 'num2')})"
    rf"|(?<![\d,.])(?<!\d )(?P<num3>\d{{1,2}}(?:\.\d+)*)\s*(?:절|장(?!씩))"
)
COUNTED = re.compile(r"(이미지|그림|사진|종이)[^.。]{0,6}$")  # "이미지 10장": sheets, not chapters
LINK = re.compile(r"\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<target><[^>]*>|[^)\s]*)(?:\s+\"[^\"]*\")?\)")


def our_pages() -> set[str]:
    return {p.stem for p in PAGES}


def site_host() -> str | None:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8")) or {}
    base = (config.get("html") or {}).get("baseurl")
    return urlparse(base).netloc if base else None


def is_d2l(target: str) -> bool:
    url = urlparse(target)
    return url.scheme == "https" and url.netloc in ("d2l.ai", "www.d2l.ai")


def is_ours(target: str, page: Path) -> bool:
    """A link to one of our pages: relative and existing, or absolute and ending in a page of ours."""
    target = target.strip("<>")
    url = urlparse(target)
    path = url.path
    stem = Path(path.rstrip("/")).name
    stem = re.sub(r"\.(md|ipynb|html)$", "", stem)
    if not url.scheme:
        if not path:                  # "#anchor": the same page
            return True
        resolved = (page.parent / path).resolve()
        return resolved.exists() and resolved.stem in our_pages()
    hosts = {"colab.research.google.com", "github.com", "mybinder.org"} | {site_host()}
    return url.scheme == "https" and url.netloc in hosts and stem in our_pages()


def in_notes(number: str, korean_suffix: str | None) -> bool:
    parts = number.split(".")
    if len(parts) == 1:               # "chapter 3", "3장"; "3절" is not a form we use
        return parts[0] in CHAPTERS
    return ".".join(parts[:2]) in SECTIONS


def markdown_lines(path: Path):
    """(line number, text) of the Markdown cells of a MyST notebook (code cells and front matter skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    in_front = bool(lines) and lines[0].strip() == "---"
    fence = None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if in_front:
            if number > 1 and stripped == "---":
                in_front = False
            continue
        if fence:
            if stripped.startswith(fence) and stripped.strip("`~") == "":
                fence = None
            continue
        opening = re.match(r"^(`{3,}|~{3,})\s*(\{[^}]*\})?", stripped)
        if opening:
            directive = opening.group(2) or ""
            if directive in ("", "{code-cell}") or directive.startswith("{code"):
                fence = opening.group(1)
            continue
        yield number, line


def problems(path: Path) -> list[str]:
    found = []
    for number, line in markdown_lines(path):
        links = [(m.start("text"), m.end("text"), m.group("target")) for m in LINK.finditer(line)]
        for match in REFERENCE.finditer(line):
            num = match.group("num") or match.group("num2") or match.group("num3")
            if match.group("num3") and COUNTED.search(line[:match.start()]):
                continue
            if in_notes(num, match.group(0)):
                continue
            around = [target for start, end, target in links if start <= match.start() and match.end() <= end]
            name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
            where = f"{name}:{number}: {match.group(0)!r}"
            if not around:
                found.append(f"{where} is not in these notes and not a link to d2l.ai")
            elif is_d2l(around[0]):
                if not any(phrase in line for phrase in NOT_IN_NOTES):
                    found.append(f"{where} links to d2l.ai but the paragraph does not say "
                                 f"{' / '.join(NOT_IN_NOTES)!r}")
            elif not is_ours(around[0], path):
                found.append(f"{where} links to {around[0]!r}, neither d2l.ai nor a page of these notes")
    return found


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_references_resolve(path):
    found = problems(path)
    assert not found, "unresolved references:\n" + "\n".join(found)


def test_pages_hold_no_control_characters():
    """A TAB, backspace or form feed in a page is a LaTeX command eaten by a string escape (\\times → TAB + "imes")."""
    bad = [f"{path.relative_to(ROOT)}:{number}: {line.strip()[:60]!r}"
           for path in PAGES for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
           if re.search(r"[\x00-\x09\x0b-\x1f]", line)]
    assert not bad, "control characters in pages:\n" + "\n".join(bad)


def test_d2l_links_point_at_real_chapter_pages():
    """Links to d2l.ai name a chapter file (https://d2l.ai/chapter_<name>/<page>.html)."""
    bad = []
    for path in PAGES:
        for number, line in markdown_lines(path):
            for m in LINK.finditer(line):
                target = m.group("target").strip("<>")
                if is_d2l(target) and not re.fullmatch(r"https://d2l\.ai/chapter_[a-z0-9-]+/[a-z0-9-]+\.html(#[\w-]+)?",
                                                       target):
                    bad.append(f"{path.relative_to(ROOT)}:{number}: {target}")
    assert not bad, "\n".join(bad)


def test_the_scanner(tmp_path):
    page = tmp_path / "chapters" / "ch03" / "page.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\njupytext: {}\n---\n"
        "As in section 3.4 and chapter 5, and §5.1.2.1; 2.4절.\n"                              # 4: fine
        "Section 3.3 adds a loader.\n"                                                          # 5: bad
        "See [section 3.3](https://d2l.ai/chapter_linear-regression/synthetic-regression-data.html) "
        "(not in these notes).\n"                                                               # 6: fine
        "[3.3절](https://d2l.ai/chapter_linear-regression/synthetic-regression-data.html)을 보세요.\n"  # 7: bad
        "가중치 감쇠(9장에서)\n"                                                                 # 8: bad
        "```{code-cell} ipython3\n# chapter 9\n```\n"                                            # code: skipped
        "[chapter 7](https://example.org/x.html), 이미지 10장, 6000장, 10 000장\n",  # 12: bad
        encoding="utf-8")
    found = problems(page)
    lines = sorted({int(f.split(":")[1]) for f in found})
    assert lines == [5, 7, 8, 12], found
