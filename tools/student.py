"""The student edition of an exercise page: the questions and self-checks, no solutions.

Generated from the same MyST source as the page (``exercises/chNN_exercises.md``)
into ``exercises/student/chNN_exercises.ipynb``, without outputs, for a student
to open in Colab:

* a solution's text (a Markdown cell that is a ``<details class="solution">``
  block) is left out;
* a solution's code (a code cell tagged ``hide-cell``) becomes an empty answer
  cell holding the self-check calls of the solution with the answer replaced
  by ``...``, which every self-check accepts as "not answered yet";
* the paragraph that explains the folded solutions (the Markdown cell right
  after the install cell) becomes one that explains this edition.

A test regenerates every edition and compares it with the stored one, as for
the ``.md``/``.ipynb`` pairs: ``python tools/notebooks.py student`` rewrites them.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jupytext
import nbformat

from bookconfig import ROOT, load

SOLUTION_TEXT = re.compile(r"^\s*<details class=\"solution\">")
SOLUTION_CODE_TAG = "hide-cell"
FOLDER = ROOT / "exercises" / "student"

NOTE = """\
This is the **student edition**: the questions and the self-checks, without the solutions. Under each \
question an empty cell waits for your code; where a self-check is named, replace `...` in its call with \
your answer and run the cell: ✓ means right, ✗ comes with a hint. The worked solutions are on the \
[exercise page]({page}).

이 노트북은 **학생용**으로, 풀이 없이 문제와 자가 점검만 담고 있습니다. 문제마다 아래에 빈 셀이 있으니 코드를 \
작성하세요. 자가 점검 함수가 적힌 문제는 호출 속의 `...`를 내 답으로 바꾸고 셀을 실행하세요. 맞으면 ✓, 틀리면 ✗와 \
힌트가 나옵니다. 풀이는 [연습 문제 페이지]({page})에 있습니다."""


def path_for(md: Path) -> Path:
    """Where the student edition of the exercise page ``md`` is stored."""
    return FOLDER / Path(md).with_suffix(".ipynb").name


def check_calls(source: str) -> list[str]:
    """The self-check calls of a solution cell, with each answer replaced by ``...``."""
    calls = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id.startswith("check_"):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                call = f"{node.func.id}({first.value!r}, ...)".replace("'", '"')
            else:
                call = f"{node.func.id}(...)"
            if call not in calls:
                calls.append(call)
    return calls


def answer_cell(solution: str) -> nbformat.NotebookNode:
    lines = ["# Your answer · 내 답"]
    lines += [f"{call}  # replace ... with your answer · ...를 내 답으로 바꾸세요" for call in check_calls(solution)]
    return nbformat.v4.new_code_cell("\n".join(lines))


def edition(md: Path) -> nbformat.NotebookNode:
    """The student edition of the exercise page ``md``, as a notebook without outputs."""
    md = Path(md)
    source = jupytext.read(md)
    page = load().page_url(md.relative_to(ROOT).with_suffix("").as_posix())
    cells, code_seen, note_done = [], 0, False
    for cell in source.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "markdown":
            if SOLUTION_TEXT.match(cell.source):
                continue
            if "<details" in cell.source:
                raise ValueError(f"{md}: a solution must be a Markdown cell of its own: {cell.source[:60]!r}")
            if code_seen == 1 and not note_done:  # the paragraph after the install cell
                cells.append(nbformat.v4.new_markdown_cell(NOTE.format(page=page)))
                note_done = True
                continue
            cells.append(nbformat.v4.new_markdown_cell(cell.source))
        elif cell.cell_type == "code":
            code_seen += 1
            if SOLUTION_CODE_TAG in tags:
                cells.append(answer_cell(cell.source))
                continue
            new = nbformat.v4.new_code_cell(cell.source)
            new.metadata.update({k: v for k, v in cell.metadata.items() if k in ("cellView", "tags")})
            cells.append(new)
    if not note_done:
        raise ValueError(f"{md}: no paragraph after the install cell to replace with the student note")
    title = cells[0].source.splitlines()
    cells[0].source = "\n".join([title[0] + " — student edition · 학생용", *title[1:]])
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}, "colab": {"provenance": []}}
    for i, cell in enumerate(nb.cells):  # stable ids: regenerating changes nothing
        cell["id"] = f"cell-{i}"
    return nb


def write(md: Path) -> bool:
    """Write the student edition of ``md``; return whether the file changed."""
    text = nbformat.writes(edition(md)) + "\n"
    path = path_for(md)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
