"""One Korean term per concept, everywhere a student reads Korean: the terms of glossary.yml.

Each entry of ``glossary.yml`` may name the variants the notes must not use:
``avoid`` (literal words) and ``avoid_regex`` (patterns, for a variant that is
only wrong in some contexts, such as 정규화 for a regularizer or 배치 for a
layout, while 정규화 for a normalization and 배치 for a batch stay right).
``aliases`` are accepted alternatives and are never flagged.

Every line containing Hangul is scanned where a student reads it: the
paragraphs, list items and headings of every page (display math skipped), the
comments and strings of its code cells (printed labels, plot titles), the text
its stored outputs show, and the strings of the helper package, the tools and
the Sphinx extensions (self-check hints, widget labels, the install cell, the
site's controls). The glossary's own Korean definitions are held to the same rules.
Numbers are written one way: 10,000, never 10 000.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from test_references import markdown_lines

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([*ROOT.glob("chapters/*/*.md"), *ROOT.glob("exercises/*.md")])
NOTEBOOKS = sorted([*ROOT.glob("chapters/*/*.ipynb"), *ROOT.glob("exercises/*.ipynb")])
SOURCES = sorted([*ROOT.glob("src/d2lplus/**/*.py"), *ROOT.glob("tools/*.py"), *ROOT.glob("_ext/*.py"),
                  *ROOT.glob("_ext/static/*.js")])
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# a digit group split by a space (10 000, 60 000): the notes write 10,000
SPACED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d])")
# five digits or more with no comma (60000) in prose: also 60,000
BARE_THOUSANDS = re.compile(r"(?<![\w.,/#=-])\d{5,}(?![\w.,])")


def glossary() -> list[dict]:
    return yaml.safe_load((ROOT / "glossary.yml").read_text(encoding="utf-8"))


def forbidden() -> list[tuple[str, re.Pattern]]:
    """(term, pattern) for every variant the glossary forbids."""
    rules = []
    for entry in glossary():
        for word in entry.get("avoid", []) or []:
            rules.append((entry["en"], re.compile(re.escape(str(word)))))
        for pattern in entry.get("avoid_regex", []) or []:
            rules.append((entry["en"], re.compile(pattern)))
    return rules


def korean_lines(path: Path):
    """(line number, text) of the Hangul lines in the Markdown cells of a MyST notebook, display math skipped."""
    in_math = False
    for number, line in markdown_lines(path):
        stripped = line.strip()
        if in_math:
            in_math = not stripped.endswith("$$")
            continue
        if stripped.startswith("$$"):
            in_math = len(stripped) == 2 or not stripped.endswith("$$")
            continue
        if HANGUL.search(line):
            yield number, line


def code_lines(path: Path):
    """(line number, text) of the Hangul lines inside the code cells of a MyST notebook."""
    prose = {number for number, _ in markdown_lines(path)}
    lines = path.read_text(encoding="utf-8").splitlines()
    in_code = False
    for number, line in enumerate(lines, start=1):
        if line.startswith("```{code-cell}"):
            in_code = True
        elif in_code and line.startswith("```"):
            in_code = False
        elif in_code and number not in prose and HANGUL.search(line):
            yield number, line


def output_lines(path: Path):
    """(cell number, text) of the Hangul lines of a stored notebook's textual outputs."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(nb["cells"]):
        for output in cell.get("outputs", []):
            texts = [output.get("text", "")] + [output.get("data", {}).get("text/plain", "")]
            for text in texts:
                for line in ("".join(text) if isinstance(text, list) else text).splitlines():
                    if HANGUL.search(line):
                        yield f"cell {index}", line


def source_lines(path: Path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if HANGUL.search(line):
            yield number, line


def violations(path: Path, rules, lines=None) -> list[str]:
    found = []
    for number, line in (korean_lines(path) if lines is None else lines):
        for term, pattern in rules:
            for match in pattern.finditer(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)!r} "
                             f"(glossary term {term!r}) in: {line.strip()[:100]}")
    return found


def test_glossary_rules_are_valid():
    entries = glossary()
    rules = forbidden()
    for entry in entries:
        for key in ("avoid", "avoid_regex", "aliases"):
            assert isinstance(entry.get(key, []) or [], list), f"{entry['en']}: {key} must be a list"
        for pattern in entry.get("avoid_regex", []) or []:
            re.compile(pattern)
        # a term may not forbid its own Korean form or one of its aliases
        for term, pattern in rules:
            if term == entry["en"]:
                for allowed in [entry["ko"], *(entry.get("aliases") or [])]:
                    assert not pattern.search(str(allowed)), f"{term}: {pattern.pattern!r} forbids {allowed!r}"
    assert sum(bool(e.get("avoid") or e.get("avoid_regex")) for e in entries) >= 10


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_korean_paragraphs_use_glossary_terms(path):
    found = violations(path, forbidden())
    assert not found, "forbidden Korean variants:\n" + "\n".join(found)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_code_comments_and_printed_labels_use_glossary_terms(path):
    found = violations(path, forbidden(), code_lines(path))
    assert not found, "forbidden Korean variants in code cells:\n" + "\n".join(found)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_stored_outputs_use_glossary_terms(path):
    found = violations(path, forbidden(), output_lines(path))
    assert not found, "forbidden Korean variants in stored outputs:\n" + "\n".join(found)


def test_helpers_hints_labels_and_site_text_use_glossary_terms():
    """Self-check hints, widget and plot labels, the install cell and the site's own words."""
    assert any(p.name == "ch03.py" for p in SOURCES) and any(p.name == "widgets.py" for p in SOURCES)
    rules = forbidden()
    found = [v for path in SOURCES for v in violations(path, rules, source_lines(path))]
    assert not found, "forbidden Korean variants in the package, tools or extensions:\n" + "\n".join(found)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_numbers_are_written_with_commas(path):
    found = []
    for number, line in markdown_lines(path):
        prose = re.sub(r"\$[^$]*\$|`[^`]*`|\]\([^)]*\)|https?://\S+", "", line)  # math, code, links
        found += [f"{path.relative_to(ROOT)}:{number}: {m.group(0)!r} (write 10,000)"
                  for pattern in (SPACED_THOUSANDS, BARE_THOUSANDS) for m in pattern.finditer(prose)]
    assert not found, "\n".join(found)


def test_glossary_definitions_use_glossary_terms():
    rules = forbidden()
    found = []
    for entry in glossary():
        for key in ("ko", "def_ko"):
            for term, pattern in rules:
                match = pattern.search(str(entry.get(key, "")))
                if match:
                    found.append(f"glossary.yml {entry['en']!r} {key}: {match.group(0)!r} (term {term!r})")
    assert not found, "\n".join(found)


def test_scanner_sees_prose_not_code(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("---\njupytext: {}\n---\n\n# T · 제목\n\n한국어 문단 훈련\n\n"
                    "```{code-cell} ipython3\nx = 1  # 훈련\n```\n\n$$\n\\text{훈련}\n$$\n\n"
                    "```{note}\n참고 훈련\n```\n", encoding="utf-8")
    numbers = [n for n, _ in korean_lines(page)]
    assert numbers == [5, 7, 18]
    rules = forbidden()
    samples = {  # text → must it be flagged?
        "정규화 항을 더합니다": True, "길이 1로 정규화하면": False, "정규화 상수": False,
        "미니배치 크기": False, "배치 방식에 주의": True, "샘플링": False, "샘플 하나": True,
        "대체(대치, imputation)": False, "대치합니다": True, "접선의 기울기": True, "손실의 기울기": False,
        "`reshape`는": False, "`reshape`은": True, "`shape`과": True, "`shape`와": False,
        "학습률": False, "학습 속도": True, "x에서의 도함수": True, "x에서의 미분계수": False,
    }
    samples.update({"리프 텐서": True, "잎 텐서": False, "벡터-야코비안 곱": True, "헤시안": True, "헤세 행렬": False,
                    "편미분": True, "편도함수": False, "중심 차분": True, "중앙 차분": False, "이상치": True,
                    "이상값": False, "매개화된": True, "코드 예제": True, "예제 하나": False,
                    "# Calculus · 미분": True, "# Calculus · 미적분": False,
                    "최적화 알고리즘(optimizer)": True, "최적화 알고리즘을 정의": False})
    for text, flagged in samples.items():
        assert any(p.search(text) for _, p in rules) == flagged, text
    assert [m.group(0) for m in SPACED_THOUSANDS.finditer("10 000 and 60\u202f000, not (2, 3, 4) or 1.5 000")] == \
        ["10 000", "60\u202f000"]
    assert [m.group(0) for m in BARE_THOUSANDS.finditer("60000 images, 60,000 rows, 2026, 0.00001, #12345")] == \
        ["60000"]
