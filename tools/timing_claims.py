"""Do the notes' timing claims hold on a loaded CPU with 1, 2 and 4 threads? (issue 24, item 6)

    python tools/timing_claims.py [--threads 1 2 4] [--notebooks ...]     (make timing)

A timing cell prints numbers that change from run to run, so nbval ignores its
output; what must not change is what the prose beside it says about them
("several times slower", "close to 1"). Each ``Claim`` below pairs a pattern
that finds the printed numbers with the condition the prose states; a claim the
prose makes of the stored run only ("in the run stored here") is ``stored_only``:
the test checks it, the tool does not. This tool
executes every notebook that holds one, as a student's Jupyter would (not
headless, so PyTorch starts with ``OMP_NUM_THREADS`` threads), once per thread
count, while one busy process per core loads the machine, and reports every
claim for every run. It exits with 1 if a claim failed anywhere.

``tests/test_timing_claims.py`` checks, in the fast tier, that every pattern
still finds its numbers in the stored notebooks and that the stored run
satisfies its claim.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Claim:
    """What the prose says about the numbers one timing cell prints."""

    notebook: str                              # path without suffix, from the repository's root
    says: str                                  # the claim, in the prose's words
    pattern: str                               # finds the numbers: one match per printed line
    holds: Callable[[list[tuple[float, ...]]], bool]  # all matches (numbers per match) -> claim holds
    stored_only: bool = False                  # the prose says it of the stored run only ("in the run stored here")


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _pairs(rows: list[tuple[float, ...]]) -> dict[float, float]:
    return {row[0]: row[1] for row in rows}


# Exercise 4.4.2's timing cell: one line per number of classes q, each with the ratio full sum / picking.
_FULL_SUM_RATIOS = r"q = +([\d,]+): picking .* full sum / picking ([\d.]+)×"

CLAIMS: tuple[Claim, ...] = (
    Claim("chapters/ch03/3_1_linear_regression",
          "the loop is slower by orders of magnitude (at least 100×)",
          r"vectorized time on this run[^:]*: ([\d,]+)×",
          lambda rows: rows[0][0] >= 100),
    Claim("chapters/ch04/4_2_image_classification_dataset",
          "one example at a time comes out several times (at least 2×) slower",
          r"하나씩 / 인덱스 \(unrounded times · 반올림 전 시간\): ([\d.]+)×",
          lambda rows: rows[0][0] >= 2),
    Claim("exercises/ch02_exercises",
          "2.3.10: the measured ratio is far above 1 (at least 5) but below the count",
          r"by the count ([\d.]+), measured \(median of 11\) ([\d.]+)",
          lambda rows: 5 <= rows[0][1] < rows[0][0]),
    Claim("exercises/ch02_exercises",
          "2.3.11: both ratios are close to 1 (0.8 to 1.25)",
          r"time of A @ [CD]\.T.* / time of A @ B, median of 11: ([\d.]+)",
          lambda rows: len(rows) == 2 and all(0.8 <= r[0] <= 1.25 for r in rows)),
    Claim("exercises/ch04_exercises",
          "4.2.1: batch size 1 reads several times (at least 2×) slower per image",
          r"이미지당 시간 비: ([\d.]+)× \(median of 5\)",
          lambda rows: rows[0][0] >= 2),
    Claim("exercises/ch04_exercises",
          "4.2.2: the per-image path is tens of times (at least 10×) slower per image",
          r"per-image path / batches by index[^:]*: ([\d.]+)×",
          lambda rows: rows[0][0] >= 10),
    Claim("exercises/ch04_exercises",
          "4.2.2: nearly all the time (at least 80%) is the per-image work in __getitem__",
          r"__getitem__, all per-image work\s+(\d+)%",
          lambda rows: rows[0][0] >= 80),
    Claim("exercises/ch04_exercises",
          "4.2.2: stacking into a minibatch takes a small share (at most 10%)",
          r"stacking into a minibatch \(default_collate\)\s+(\d+)%",
          lambda rows: rows[0][0] <= 10),
    Claim("exercises/ch04_exercises",
          "4.2.2: reading an epoch image by image takes many times (at least 3x) longer than training an epoch",
          r"한 에포크 읽기 / 학습 시간 비: ([\d.]+)×",
          lambda rows: rows[0][0] >= 3),
    Claim("exercises/ch04_exercises",
          "4.4.2: at q = 10 the full sum is no slower than picking (at most 1.5x its time)",
          _FULL_SUM_RATIOS,
          lambda rows: len(rows) == 3 and _pairs(rows)[10] <= 1.5),
    Claim("exercises/ch04_exercises",
          "4.4.2: at q = 1,000 and 10,000 the full sum is several times slower (at least 2x)",
          _FULL_SUM_RATIOS,
          lambda rows: len(rows) == 3 and _pairs(rows)[1000] >= 2 and _pairs(rows)[10000] >= 2),
    Claim("exercises/ch04_exercises",
          "4.4.2, of the stored run: below 1 at q = 10 (the full sum took less time than picking)",
          _FULL_SUM_RATIOS,
          lambda rows: len(rows) == 3 and _pairs(rows)[10] < 1, stored_only=True),
    Claim("exercises/ch05_exercises",
          "5.2.6: a tie at 16 units (ratio 0.5 to 2), the framework faster from 256 units on",
          r"width\s+(\d+): scratch .* ratio ([\d.]+)",
          lambda rows: len(rows) == 4 and 0.5 <= _pairs(rows)[16] <= 2
          and all(ratio > 1 for width, ratio in rows if width >= 256)),
    Claim("exercises/ch05_exercises",
          "5.2.7: the fastest size is a multiple of 8 (1024 or 1032)",
          r"n = (\d+):\s+[\d.]+ ms,\s+([\d.]+) billion",
          lambda rows: len(rows) == 5 and max(rows, key=lambda row: row[1])[0] % 8 == 0),
)


def numbers(claim: Claim, text: str) -> list[tuple[float, ...]]:
    """Every match of the claim's pattern in ``text``, as tuples of numbers."""
    return [tuple(_number(g) for g in m.groups()) for m in re.finditer(claim.pattern, text)]


def printed_text(nb: dict) -> str:
    """Everything the notebook's code cells printed (streams and plain-text results)."""
    parts = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append("".join(out["text"]))
            elif "text/plain" in out.get("data", {}):
                parts.append("".join(out["data"]["text/plain"]))
    return "\n".join(parts)


def verdict(claim: Claim, text: str) -> tuple[bool, list[tuple[float, ...]]]:
    rows = numbers(claim, text)
    try:
        return bool(rows) and claim.holds(rows), rows
    except (KeyError, IndexError):
        return False, rows


@contextlib.contextmanager
def load(processes: int) -> Iterator[None]:
    """Keep ``processes`` busy loops running, one per core, for the duration."""
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(processes)]
    try:
        yield
    finally:
        for p in busy:
            p.kill()
            p.wait()


def execute(notebook: str, threads: int) -> tuple[str, float]:
    """Run the stored notebook as a student's Jupyter would, with ``threads`` threads; return its printed text."""
    import nbformat
    from nbclient import NotebookClient

    path = ROOT / f"{notebook}.ipynb"
    nb = nbformat.read(path, as_version=4)
    env = {k: v for k, v in os.environ.items() if k != "D2LPLUS_HEADLESS"}
    env.update(OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads), MPLBACKEND="Agg")
    start = time.perf_counter()
    NotebookClient(nb, timeout=1800, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute(env=env)
    return printed_text(nb), time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--notebooks", nargs="+", default=sorted({c.notebook for c in CLAIMS}))
    parser.add_argument("--load", type=int, default=os.cpu_count() or 1,
                        help="busy processes running beside the notebooks (default: one per core)")
    args = parser.parse_args(argv)
    failed = 0
    print(f"timing claims: {len(CLAIMS)} claims in {len(args.notebooks)} notebooks, threads {args.threads}, "
          f"{args.load} busy processes on {os.cpu_count()} cores")
    with load(args.load):
        for threads in args.threads:
            for notebook in args.notebooks:
                text, seconds = execute(notebook, threads)
                print(f"\n{notebook} with OMP_NUM_THREADS={threads} ({seconds:.0f} s)")
                for claim in (c for c in CLAIMS if c.notebook == notebook and not c.stored_only):
                    ok, rows = verdict(claim, text)
                    failed += not ok
                    shown = "; ".join(", ".join(f"{v:g}" for v in row) for row in rows) or "no numbers found"
                    print(f"  {'holds' if ok else 'FAILS'}: {claim.says}  [{shown}]")
    print(f"\ntiming claims: {failed} failed" if failed else "\ntiming claims: every claim held in every run")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
