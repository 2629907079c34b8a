"""nbval's tolerance (tools/nbval_numbers.py) still catches real regressions.

Copies of a notebook with a change planted in them — the seed off by one, another learning
rate, a data loader that drops the last (partial) batch — each run by nbval (strict, with the
project's settings) in a subprocess: cells fail, and the counts are reported. (That the
tolerance holds on another CPU is tests/test_nbval_kernels.py.)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DROP_LAST_BATCH = '''import d2lplus.data  # planted: the helpers' loader loses the last, partial batch
_iter = d2lplus.data.BatchLoader.__iter__
def _drop_last(self):
    for batch in _iter(self):
        if len(batch[0]) == self.batch_size:
            yield batch
d2lplus.data.BatchLoader.__iter__ = _drop_last'''

pytestmark = [pytest.mark.notebooks, pytest.mark.slow]


def nbval(path: Path, **env: str) -> dict[str, int]:
    """Run nbval on one notebook; the counts of its summary line ({'passed': n, 'failed': m, ...})."""
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900, env={**os.environ, **env})
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    counts = {word: int(n) for n, word in re.findall(r"(\d+) (passed|failed|error|errors|skipped)", summary)}
    assert counts.get("passed", 0) + counts.get("failed", 0) > 0, done.stdout[-2000:] + done.stderr[-2000:]
    return counts


def planted(notebook: str, name: str, change) -> Path:
    """A copy of ``notebook`` beside it (so the project's conftest applies) with ``change`` applied to its cells."""
    source = ROOT / notebook
    nb = json.loads(source.read_text(encoding="utf-8"))
    change(nb["cells"])
    copy = source.with_name(f"planted_{name}_{source.name}")
    copy.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return copy


def _replace(cells, pattern: str, new: str) -> None:
    hits = 0
    for cell in cells:
        if cell["cell_type"] == "code":
            text = "".join(cell["source"])
            if re.search(pattern, text):
                cell["source"] = re.sub(pattern, new, text)
                hits += 1
    assert hits, f"nothing to plant: {pattern!r} is in no code cell"


def _seed_plus_one(cells):
    """The training seed: 3.4 reseeds with ``d2lplus.seed(0)`` right before it builds and trains a model."""
    _replace(cells, r"d2lplus\.seed\(0\)", "d2lplus.seed(1)")


def _another_learning_rate(cells):
    _replace(cells, r"LinearRegressionScratch\(2, lr=0\.03\)", "LinearRegressionScratch(2, lr=0.04)")


def _drop_last_batch(cells):
    first = next(i for i, c in enumerate(cells) if c["cell_type"] == "code" and "init_notebook" in "".join(c["source"]))
    cells.insert(first + 1, {"cell_type": "code", "execution_count": None, "id": "planted", "metadata": {},
                             "outputs": [], "source": DROP_LAST_BATCH})


PLANTS = {
    "seed_plus_one": ("chapters/ch03/3_4_linear_regression_scratch.ipynb", _seed_plus_one),
    "another_learning_rate": ("chapters/ch03/3_4_linear_regression_scratch.ipynb", _another_learning_rate),
    "drop_last_batch": ("chapters/ch04/4_4_softmax_regression_scratch.ipynb", _drop_last_batch),
}


@pytest.mark.parametrize("name", PLANTS)
def test_a_planted_regression_fails_nbval(name, request):
    notebook, change = PLANTS[name]
    copy = planted(notebook, name, change)
    try:
        counts = nbval(copy)
    finally:
        copy.unlink()
    failed = counts.get("failed", 0)
    report = getattr(request.config, "_planted_regressions", [])
    report.append(f"{name} in {Path(notebook).stem}: {failed} of {failed + counts.get('passed', 0)} cells fail")
    request.config._planted_regressions = report
    assert failed >= 1, counts
