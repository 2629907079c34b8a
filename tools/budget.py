"""Whole-book budget: execute every notebook, then time an unchanged rebuild of the book.

    python tools/budget.py        (make budget)

Executes each notebook (chapters and exercises) in a fresh kernel without
writing anything, reporting the total time and the peak memory of any
kernel; then runs `make book` twice and reports the second, unchanged
rebuild. Budgets on this 2-core machine: 300 s, 3 GB, 20 s.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time

import notebooks  # tools/, this script's own folder

BUDGET_EXECUTE_S, BUDGET_MEMORY_GB, BUDGET_REBUILD_S = 300, 3.0, 20


def main() -> int:
    total = 0.0
    for md in notebooks.sources():
        seconds = notebooks.execute(md, write=False)
        total += seconds
        print(f"{md.relative_to(notebooks.ROOT)}: {seconds:.1f} s", flush=True)
    peak_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2
    subprocess.run(["make", "book"], cwd=notebooks.ROOT, check=True, capture_output=True)
    start = time.perf_counter()
    subprocess.run(["make", "book"], cwd=notebooks.ROOT, check=True, capture_output=True)
    rebuild = time.perf_counter() - start
    ok = total < BUDGET_EXECUTE_S and peak_gb < BUDGET_MEMORY_GB and rebuild < BUDGET_REBUILD_S
    print(f"budget: execute all {total:.0f} s (< {BUDGET_EXECUTE_S}), peak kernel memory "
          f"{peak_gb:.2f} GB (< {BUDGET_MEMORY_GB:g}), unchanged rebuild {rebuild:.1f} s "
          f"(< {BUDGET_REBUILD_S}): {'within budget' if ok else 'OVER BUDGET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
