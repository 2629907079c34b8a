"""The timing claims of tools/timing_claims.py stay attached to the notebooks they describe.

The tool itself (``make timing``) re-runs the notebooks under load with 1, 2 and 4
threads; here, in the fast tier, every claim's pattern must still find its numbers
in the stored notebook, the stored run must satisfy the claim, and the checks must
be able to fail.
"""

import json
from pathlib import Path

import pytest

import timing_claims  # tools/timing_claims.py (tools/ is on pytest's pythonpath)

ROOT = Path(__file__).resolve().parents[1]


def stored_text(notebook: str) -> str:
    return timing_claims.printed_text(json.loads((ROOT / f"{notebook}.ipynb").read_text(encoding="utf-8")))


@pytest.mark.parametrize("claim", timing_claims.CLAIMS, ids=lambda c: f"{c.notebook.split('/')[-1]}: {c.says[:40]}")
def test_stored_run_satisfies_each_claim(claim):
    ok, rows = timing_claims.verdict(claim, stored_text(claim.notebook))
    assert rows, f"the pattern {claim.pattern!r} no longer finds the numbers in {claim.notebook}.ipynb"
    assert ok, f"the stored run of {claim.notebook} contradicts its prose: {claim.says} {rows}"


def test_every_timing_cell_has_a_claim():
    """A notebook cell that announces a timing is covered by at least one claim, unless it only sets up."""
    claimed = {c.notebook for c in timing_claims.CLAIMS}
    for md in sorted(ROOT.glob("chapters/*/*.md")) + sorted(ROOT.glob("exercises/*.md")):
        if "# a timing" in md.read_text(encoding="utf-8"):
            assert md.with_suffix("").relative_to(ROOT).as_posix() in claimed, md


@pytest.mark.parametrize("text, expected", [
    ("one at a time / by index · 하나씩 / 인덱스 (unrounded times · 반올림 전 시간): 3.7×", True),
    ("one at a time / by index · 하나씩 / 인덱스 (unrounded times · 반올림 전 시간): 1.4×", False),
    ("one at a time / by index · 하나씩 / 인덱스 (unrounded times · 반올림 전 시간): 0.2×", False),
    ("nothing printed", False),
])
def test_a_claim_fails_when_the_numbers_contradict_it(text, expected):
    claim = next(c for c in timing_claims.CLAIMS if "4_2_image" in c.notebook)
    assert timing_claims.verdict(claim, text)[0] is expected


def test_sizes_claim_needs_every_size():
    claim = next(c for c in timing_claims.CLAIMS if c.says.startswith("5.2.7"))
    line = "n = {}:  20.0 ms,  {} billion multiply-adds per second\n"
    good = "".join(line.format(n, s) for n, s in [(1024, 50), (1025, 40), (1026, 41), (1028, 42), (1032, 49)])
    assert timing_claims.verdict(claim, good)[0]
    slow_power_of_two = good.replace("50 billion", "30 billion")  # the run that broke the old wording
    assert timing_claims.verdict(claim, slow_power_of_two)[0]
    odd_size_fastest = good.replace("42 billion", "51 billion")  # 1028 is not a multiple of 8
    assert not timing_claims.verdict(claim, odd_size_fastest)[0]
    close_run = "".join(line.format(n, 45 + i * 0.5) for i, n in enumerate([1025, 1026, 1028, 1024, 1032]))
    assert timing_claims.verdict(claim, close_run)[0]  # a small spread is allowed: only the winner is claimed
    assert not timing_claims.verdict(claim, good.split("n = 1032")[0])[0]  # a size missing: no KeyError, a failure
