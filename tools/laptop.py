"""A student's laptop, tried as README's "Run the notebooks on your own computer" says.

``make test-laptop`` builds a fresh virtual environment with exactly the
README's commands (``pip install . jupyterlab``, then d2l with ``--no-deps``)
and runs this script with that environment's Python: every stored notebook
(chapters, exercise pages, student editions) is executed top to bottom in a
kernel of that environment, from its own folder, **not headless** (as in
Jupyter: live widgets, animated progress boards, all threads), and fails on
any error outside a cell tagged ``raises-exception`` and on anything written
to stderr (a warning). It prints each notebook's time and the total.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("chapters", "exercises")


def problems(nb) -> list[str]:
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        deliberate = "raises-exception" in cell.metadata.get("tags", [])
        for out in cell.get("outputs", []):
            if out.output_type == "error" and not deliberate:
                found.append(f"cell {index}: {out.ename}: {out.evalue}")
            elif out.output_type == "stream" and out.name == "stderr":
                found.append(f"cell {index}: stderr: {out.text.strip()[:200]}")
    return found


def main() -> int:
    os.environ.pop("D2LPLUS_HEADLESS", None)  # a student's Jupyter: nothing set
    chosen = [Path(a).resolve().with_suffix(".ipynb") for a in sys.argv[1:]]  # default: every notebook
    notebooks = chosen or sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("**/*.ipynb"))
    failed, started = 0, time.perf_counter()
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        t = time.perf_counter()
        NotebookClient(nb, timeout=1800, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        found = problems(nb)
        failed += bool(found)
        print(f"{'FAIL' if found else 'ok  '} {path.relative_to(ROOT)} ({time.perf_counter() - t:.0f} s)", flush=True)
        for line in found:
            print(f"     {line}")
    print(f"laptop: {len(notebooks) - failed} of {len(notebooks)} notebooks ran cleanly in "
          f"{time.perf_counter() - started:.0f} s with {sys.executable}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
