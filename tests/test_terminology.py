"""One Korean term per concept: the Korean paragraphs of every page use the terms of glossary.yml.

Each entry of ``glossary.yml`` may name the variants the notes must not use:
``avoid`` (literal words) and ``avoid_regex`` (patterns, for a variant that is
only wrong in some contexts, such as 정규화 for a regularizer or 배치 for a
layout, while 정규화 for a normalization and 배치 for a batch stay right).
``aliases`` are accepted alternatives and are never flagged.

Only Korean paragraphs, list items and headings (lines containing Hangul) of
the Markdown cells are scanned: code cells and display math are not prose.
The glossary's own Korean definitions are held to the same rules.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from test_references import markdown_lines

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([*ROOT.glob("chapters/*/*.md"), *ROOT.glob("exercises/*.md")])
HANGUL = re.compile(r"[\uac00-\ud7a3]")


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


def violations(path: Path, rules) -> list[str]:
    found = []
    for number, line in korean_lines(path):
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
    for text, flagged in samples.items():
        assert any(p.search(text) for _, p in rules) == flagged, text
