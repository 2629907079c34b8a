"""The notebooks as files: paired, executed, tagged sparingly, clean of local traces."""

import re
import subprocess
from pathlib import Path

import nbformat
import pytest

# the build tools, by name: tools/ is on pytest's pythonpath (pyproject.toml)
import nbval_cells
import notebooks as tool
import student

ROOT = Path(__file__).resolve().parents[1]

SOURCES = tool.sources()
IDS = [str(p.relative_to(ROOT)) for p in SOURCES]
ALLOWED_TAGS = {"raises-exception", "nbval-ignore-output", "hide-input", "hide-output", "hide-cell",
                "remove-input", "remove-output", "remove-cell"}
HANGUL = re.compile("[\uac00-\ud7a3]")


def load(md: Path):
    return nbformat.read(md.with_suffix(".ipynb"), as_version=4)


def test_there_are_notebooks():
    assert any("chapters" in i for i in IDS) and any("exercises" in i for i in IDS)


@pytest.mark.parametrize("md", SOURCES, ids=IDS)
def test_pair_is_in_step(md):
    """A stale .ipynb (edited .md, not re-executed) must never land: run `make notebooks`."""
    assert tool.differences(md) == []


@pytest.mark.parametrize("md", SOURCES, ids=IDS)
def test_stored_notebook_was_executed_top_to_bottom(md):
    counts = [c.execution_count for c in load(md).cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))


@pytest.mark.parametrize("md", SOURCES, ids=IDS)
def test_first_code_cell_is_the_generated_install_cell(md):
    assert tool.first_code_cell(load(md)) == tool.expected_install_cell()


def _git(*args):
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True).stdout.strip()


def test_install_cell_pins_the_helpers_the_notebooks_ran_with():
    """Colab installs the helpers at one commit: the last that changed them, and nothing changed since."""
    pin = _git("log", "-1", "--format=%H", "--", "src", "pyproject.toml")
    assert re.fullmatch("[0-9a-f]{40}", pin)
    cells = {tool.first_code_cell(load(md)) for md in SOURCES}
    assert len(cells) == 1 and f'@{pin}")' in cells.pop(), "run `make notebooks` after committing the helpers"
    changed = _git("diff", "--name-only", pin, "--", "src", "pyproject.toml")
    assert not changed, f"the helpers changed since the pinned commit (commit them, then `make notebooks`): {changed}"


@pytest.mark.parametrize("md", SOURCES, ids=IDS)
def test_tags_are_known_and_errors_are_deliberate(md):
    for cell in load(md).cells:
        tags = set(cell.metadata.get("tags", []))
        assert tags <= ALLOWED_TAGS, f"unknown tags {tags - ALLOWED_TAGS}"
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        assert bool(errors) == ("raises-exception" in tags), cell.source[:80]


@pytest.mark.parametrize("md", SOURCES, ids=IDS)
def test_outputs_hold_no_local_paths_or_warnings(md):
    for cell in load(md).cells:
        for out in cell.get("outputs", []):
            text = str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", ""))
            text += "".join(out.get("traceback", []))
            assert not re.search(r"/root/|/home/\w|/tmp/|site-packages|\.venv", text), text[:200]
            assert not (out.output_type == "stream" and out.name == "stderr"), text[:200]


@pytest.mark.parametrize("md", SOURCES, ids=IDS)
def test_title_and_summary_are_bilingual(md):
    cells = [c for c in load(md).cells if c.cell_type == "markdown"]
    title = cells[0].source.splitlines()[0]
    assert title.startswith("# ") and "·" in title and HANGUL.search(title)
    text = "\n".join(c.source for c in cells)
    assert "What you will learn" in text or "What you will practise" in text
    assert "배울 내용" in text or "연습할 내용" in text
    if "chapters" in md.parts:
        assert "## Summary · 요약" in text and "exercises/" in text


def test_at_least_90_percent_of_cells_with_output_are_compared():
    """Of the code cells that have stored output, nbval compares the text of at least 90 %."""
    counts = nbval_cells.nbval_counts(c for md in SOURCES for c in load(md).cells if c.cell_type == "code")
    with_output = counts["text"] + counts["image"] + counts["ignored"]
    assert counts["text"] / with_output >= 0.9, counts


def test_output_kinds_are_told_apart():
    new = nbformat.v4
    text = new.new_code_cell("1", outputs=[new.new_output("execute_result", data={"text/plain": "1"})])
    figure = new.new_code_cell("plot()", outputs=[new.new_output("display_data", data={"image/png": "iVBO"})])
    described = new.new_code_cell("plot()", outputs=[new.new_output(
        "display_data", data={"image/png": "iVBO", "text/plain": "Figure: x: epoch"})])
    ignored = new.new_code_cell("# a timing\nt", metadata={"tags": ["nbval-ignore-output"]})
    empty = new.new_code_cell("x = 1")
    kinds = [nbval_cells.output_kind(c) for c in (text, figure, described, ignored, empty)]
    assert kinds == ["text", "image", "text", "ignored", "none"]
    assert nbval_cells.ignore_reason(ignored) == "a timing"
    widget = new.new_code_cell("learning_rate_widget(lr=0.03)", metadata={"tags": ["nbval-ignore-output"]})
    assert nbval_cells.ignore_reason(widget).startswith("a live widget")


EXERCISES = [md for md in SOURCES if md.parent.name == "exercises"]


@pytest.mark.parametrize("md", EXERCISES, ids=[str(p.relative_to(ROOT)) for p in EXERCISES])
def test_student_edition_is_in_step(md):
    """Regenerated from the page's source, the stored student edition is unchanged: run `make notebooks`."""
    stored = student.path_for(md)
    assert stored.is_file(), f"{stored.relative_to(ROOT)} is missing"
    assert stored.read_text(encoding="utf-8") == nbformat.writes(student.edition(md)) + "\n"


@pytest.mark.parametrize("md", EXERCISES, ids=[str(p.relative_to(ROOT)) for p in EXERCISES])
def test_student_edition_has_no_solutions_and_keeps_every_self_check(md):
    page = load(md)
    edition = nbformat.read(student.path_for(md), as_version=4)
    text = "\n".join(c.source for c in edition.cells)
    assert '<details class="solution">' not in text
    solutions = [c.source for c in page.cells if "hide-cell" in c.metadata.get("tags", [])]
    assert solutions, "the page has no solution code"
    answers = [c.source for c in edition.cells if c.cell_type == "code" and c.source.startswith("# Your answer")]
    assert len(answers) == len(solutions)  # one empty answer cell in place of each solution's code
    for answer in answers:  # nothing of the solution but its self-check calls, answer replaced by ...
        for line in answer.splitlines():
            assert line.startswith("#") or re.fullmatch(r'check_\w+\(("[\w.-]+", )?\.\.\.\)  # .*', line), line
    for solution in solutions:
        for call in student.check_calls(solution):
            assert call in text, f"self-check {call} missing from the student edition"
    assert all(not c.get("outputs") for c in edition.cells if c.cell_type == "code")
    page_text = "\n".join(c.source for c in page.cells if c.cell_type == "markdown")
    target = f"/exercises/student/{md.with_suffix('.ipynb').name})"
    assert re.search(r"\(https://colab\.research\.google\.com/github/[^)\s]+" + re.escape(target), page_text), \
        "the exercise page does not link its student edition in Colab"
