"""Stored notebooks have deterministic cell and widget ids, so a small change to a page is a small diff."""

from __future__ import annotations

import difflib
import json
import re
import uuid
from pathlib import Path

import nbformat
import pytest

import stable_ids

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted([*ROOT.glob("chapters/*/*.ipynb"), *ROOT.glob("exercises/*.ipynb")])
WIDGET_PAGES = [p for p in NOTEBOOKS if stable_ids.WIDGET_STATE in p.read_text(encoding="utf-8")]


def name(path: Path) -> str:
    return path.relative_to(ROOT).with_suffix("").as_posix()


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def text(nb: dict) -> list[str]:
    return (nbformat.writes(nbformat.from_dict(nb)) + "\n").splitlines()


def randomized(nb: dict) -> dict:
    """The same notebook with fresh random ids, as an execution by jupytext and ipywidgets leaves it."""
    raw = json.dumps(nb, ensure_ascii=False)
    state = nb.get("metadata", {}).get("widgets", {}).get(stable_ids.WIDGET_STATE, {}).get("state", {})
    fresh = {old: uuid.uuid4().hex for old in state}
    if fresh:
        raw = re.sub("|".join(fresh), lambda m: fresh[m.group(0)], raw)
    nb = json.loads(raw)
    for cell in nb["cells"]:
        cell["id"] = uuid.uuid4().hex[:8]
    return nb


@pytest.mark.parametrize("path", NOTEBOOKS, ids=name)
def test_stored_ids_are_the_stable_ones(path):
    nb = load(path)
    assert stable_ids.stabilize(nb, name(path)) == nb, f"run: python tools/notebooks.py ids {path.relative_to(ROOT)}"


def test_the_widget_pages_are_checked():
    assert len(WIDGET_PAGES) >= 3  # 3.4, 5.1, 5.2


@pytest.mark.parametrize("path", WIDGET_PAGES, ids=name)
def test_ids_do_not_depend_on_the_random_ones_an_execution_leaves(path):
    nb = load(path)
    assert stable_ids.stabilize(randomized(nb), name(path)) == stable_ids.stabilize(nb, name(path))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=name)
def test_one_changed_sentence_is_a_diff_of_a_few_lines(path):
    """Editing one Markdown cell changes its source line and its id: a handful of lines, not hundreds."""
    before = load(path)
    after = json.loads(json.dumps(before))
    cell = next(c for c in after["cells"][1:] if c["cell_type"] == "markdown" and "".join(c["source"]).strip())
    cell["source"][0] = cell["source"][0].replace(" ", "  ", 1)
    diff = [line for line in difflib.unified_diff(text(before), text(stable_ids.stabilize(randomized(after),
                                                                                          name(path))),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert 2 <= len(diff) <= 10, diff[:12]  # the id and the source line (difflib shows the lines between too)


def test_identical_cells_get_different_ids():
    cells = [{"cell_type": "code", "source": "x = 1"}] * 3 + [{"cell_type": "markdown", "source": "x = 1"}]
    ids = stable_ids.cell_ids(cells)
    assert len(set(ids)) == 4 and all(re.fullmatch(r"[a-zA-Z0-9-_]{1,64}", i) for i in ids)
