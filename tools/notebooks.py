"""Keep each MyST notebook (.md) and its executed .ipynb in step.

    python tools/notebooks.py execute [--all] [PATH ...]   re-execute stale pairs
    python tools/notebooks.py check [PATH ...]             list pairs that disagree
    python tools/notebooks.py install-cell                 regenerate every first (install) cell

A pair is stale when the .ipynb is missing or any cell (type, source, tags)
differs from the .md. Executing runs the .md top to bottom in a fresh kernel,
from the notebook's own folder, and writes the .ipynb with its outputs and the
widget state (so the website can render widgets with no kernel).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from d2lplus.colab import install_cell, repository

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("chapters", "exercises")
TIMEOUT = 900  # seconds per cell


def sources(paths: list[str] | None = None) -> list[Path]:
    """The MyST sources of every paired notebook, in book order."""
    if paths:
        return [Path(p).resolve().with_suffix(".md") for p in paths]
    return sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("**/*.md"))


def cell_key(cell) -> tuple:
    return (cell.cell_type, cell.source.strip(), tuple(cell.get("metadata", {}).get("tags", [])))


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
        jupytext.write(nb, md.with_suffix(".ipynb"), fmt="ipynb")
    return seconds


def expected_install_cell() -> str:
    return install_cell(*repository(ROOT / "_config.yml"))


def first_code_cell(nb) -> str | None:
    return next((c.source for c in nb.cells if c.cell_type == "code"), None)


def rewrite_install_cell(md: Path) -> bool:
    """Replace the body of the first code cell of ``md`` with the generated install cell."""
    text = md.read_text(encoding="utf-8")
    match = re.search(r"^```\{code-cell\}[^\n]*\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    if match is None:
        raise SystemExit(f"{md}: no code cell")
    body = match.group(1)
    # keep cell options (":tags:" lines, "---" blocks) that precede the code
    options = re.match(r"(---\n(?:[^\n]*\n)*?---\n|(?::\w+:[^\n]*\n)+\n|)", body).group(1)
    new_body = options + expected_install_cell() + "\n"
    if body == new_body:
        return False
    md.write_text(text[:match.start(1)] + new_body + text[match.end(1):], encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["execute", "check", "install-cell"])
    parser.add_argument("paths", nargs="*", help="notebooks (.md or .ipynb); default: all")
    parser.add_argument("--all", action="store_true", help="execute every notebook, stale or not")
    args = parser.parse_intermixed_args(argv)
    os.environ.setdefault("D2LPLUS_HEADLESS", "1")
    if args.command == "install-cell":
        for md in sources(args.paths):
            if rewrite_install_cell(md):
                print(f"rewrote the install cell of {md.relative_to(ROOT)}")
        return 0
    stale = [md for md in sources(args.paths) if args.all or differences(md)]
    if args.command == "check":
        for md in sources(args.paths):
            for problem in differences(md):
                print(f"{md.relative_to(ROOT)}: {problem}")
        return 1 if stale else 0
    if not stale:
        print("notebooks: every .ipynb is in step with its .md")
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
