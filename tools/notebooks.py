"""Keep each MyST notebook (.md) and its executed .ipynb in step.

    python tools/notebooks.py execute [--all] [PATH ...]   re-execute stale pairs
    python tools/notebooks.py check [PATH ...]             list pairs that disagree
    python tools/notebooks.py install-cell                 regenerate every first (install) cell
    python tools/notebooks.py links                        regenerate the links between pages and to Colab
    python tools/notebooks.py student                      regenerate the student editions of the exercises
    python tools/notebooks.py ids [PATH ...]               make the cell and widget ids of stored notebooks stable

The install cell, the links and the student editions are generated from
``_config.yml`` (see ``bookconfig.py``); `make notebooks` runs all three before
executing. A pair is stale when the .ipynb is missing or any cell (type,
source, tags, Colab's ``cellView``) differs from the .md. Executing runs the .md top to bottom in a fresh kernel,
from the notebook's own folder, and writes the .ipynb with its outputs and the
widget state (so the website can render widgets with no kernel), with cell and widget
ids derived from content and position (``stable_ids.py``), so that a small change to
a page makes a small diff.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

# tools/ is not a package: run as a script, its own folder is on sys.path (and on pytest's pythonpath)
import bookconfig
import links
import stable_ids
import student

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("chapters", "exercises")
# The install cell: hidden on the website (it means nothing there), a collapsed form in Colab.
INSTALL_OPTIONS = "---\ncellView: form\ntags: [remove-cell]\n---\n"
TIMEOUT = 900  # seconds per cell


def sources(paths: list[str] | None = None) -> list[Path]:
    """The MyST sources of every paired notebook, in book order."""
    if paths:
        return [Path(p).resolve().with_suffix(".md") for p in paths]
    return sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("**/*.md"))


def stored_notebooks() -> list[Path]:
    """Every stored .ipynb: the executed pairs and the exercises' student editions (what Colab opens)."""
    return sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("**/*.ipynb"))


def cell_key(cell) -> tuple:
    metadata = cell.get("metadata", {})
    return (cell.cell_type, cell.source.strip(), tuple(metadata.get("tags", [])), metadata.get("cellView"))


def differences(md: Path) -> list[str]:
    """Human-readable differences between a .md and its .ipynb (empty: in step)."""
    ipynb = md.with_suffix(".ipynb")
    if not ipynb.exists():
        return [f"{ipynb.relative_to(ROOT)} is missing"]
    text = jupytext.read(md)
    stored = nbformat.read(ipynb, as_version=4)
    a, b = [cell_key(c) for c in text.cells], [cell_key(c) for c in stored.cells]
    problems = []
    if len(a) != len(b):
        problems.append(f"{len(a)} cells in the .md, {len(b)} in the .ipynb")
    for i, (x, y) in enumerate(zip(a, b, strict=False)):  # lengths compared above
        if x != y:
            problems.append(f"cell {i} differs: {x[1][:60]!r} vs {y[1][:60]!r}")
            break
    return problems


def execute(md: Path, write: bool = True) -> float:
    """Execute ``md`` in a fresh kernel and write its .ipynb (unless not ``write``); return the seconds."""
    nb = jupytext.read(md)
    nb.metadata.setdefault("jupytext", {})["formats"] = "ipynb,md:myst"
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3", record_timing=False,
                            store_widget_state=True,
                            resources={"metadata": {"path": str(md.parent)}})
    client.execute()
    seconds = time.perf_counter() - start
    if write:
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        write_stable(json.loads(jupytext.writes(nb, fmt="ipynb")), md.with_suffix(".ipynb"))
    return seconds


def write_stable(nb: dict, ipynb: Path) -> bool:
    """Write ``nb`` to ``ipynb`` with stable cell and widget ids; return whether the file changed."""
    name = ipynb.resolve().relative_to(ROOT).with_suffix("").as_posix()
    text = nbformat.writes(nbformat.from_dict(stable_ids.stabilize(nb, name))) + "\n"
    if ipynb.exists() and ipynb.read_text(encoding="utf-8") == text:
        return False
    ipynb.write_text(text, encoding="utf-8")
    return True


def expected_install_cell() -> str:
    return bookconfig.load().install_cell()


def first_code_cell(nb) -> str | None:
    return next((c.source for c in nb.cells if c.cell_type == "code"), None)


CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def rewrite_install_cell(md: Path) -> bool:
    """Make the first code cell of ``md`` the generated install cell, with its options."""
    text = md.read_text(encoding="utf-8")
    match = CODE_CELL.search(text)
    if match is None:
        raise SystemExit(f"{md}: no code cell")
    new_body = INSTALL_OPTIONS + expected_install_cell() + "\n"
    if match.group(1) == new_body:
        return False
    md.write_text(text[:match.start(1)] + new_body + text[match.end(1):], encoding="utf-8")
    return True


def rewrite_links(md: Path) -> bool:
    """Regenerate the links of ``md``'s Markdown (not its code) from ``_config.yml``."""
    book, text = bookconfig.load(), md.read_text(encoding="utf-8")
    pieces, last = [], 0
    for match in CODE_CELL.finditer(text):  # code cells are left as they are
        pieces.append(links.absolute(text[last:match.start()], md, book))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(links.absolute(text[last:], md, book))
    new = "".join(pieces)
    if new == text:
        return False
    md.write_text(new, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["execute", "check", "install-cell", "links", "student", "ids"])
    parser.add_argument("paths", nargs="*", help="notebooks (.md or .ipynb); default: all")
    parser.add_argument("--all", action="store_true", help="execute every notebook, stale or not")
    args = parser.parse_intermixed_args(argv)
    os.environ.setdefault("D2LPLUS_HEADLESS", "1")
    if args.command == "install-cell" and bookconfig.helpers_changed_since(bookconfig.helpers_commit()):
        print("note: the helpers (src/, pyproject.toml) have uncommitted changes; the install cell pins their "
              "last commit: commit them, then run `make notebooks` again")
    if args.command in ("install-cell", "links"):
        rewrite = rewrite_install_cell if args.command == "install-cell" else rewrite_links
        for md in sources(args.paths):
            if rewrite(md):
                what = "install cell" if args.command == "install-cell" else "links"
                print(f"rewrote the {what} of {md.relative_to(ROOT)}")
        return 0
    if args.command == "ids":
        for md in sources(args.paths):
            ipynb = md.with_suffix(".ipynb")
            if ipynb.exists() and write_stable(json.loads(ipynb.read_text(encoding="utf-8")), ipynb):
                print(f"made the ids of {ipynb.relative_to(ROOT)} stable")
        return 0
    if args.command == "student":
        for md in sources(args.paths):
            if "exercises" in md.relative_to(ROOT).parts and student.write(md):
                print(f"wrote the student edition of {md.relative_to(ROOT)}")
        return 0
    stale = [md for md in sources(args.paths) if args.all or differences(md)]
    if args.command == "check":
        for md in sources(args.paths):
            for problem in differences(md):
                print(f"{md.relative_to(ROOT)}: {problem}")
        return 1 if stale else 0
    if not stale:
        print("notebooks: every .ipynb is in step with its .md")
    else:
        from d2lplus.seeding import pin_cpu_kernels  # torch and d2l only where kernels run

        pin_cpu_kernels()  # the kernels inherit it: the CPU kernels every stored output was computed with
    total = 0.0
    for md in stale:
        seconds = execute(md)
        total += seconds
        print(f"executed {md.relative_to(ROOT)} in {seconds:.1f} s", flush=True)
    if stale:
        print(f"notebooks: executed {len(stale)} in {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
