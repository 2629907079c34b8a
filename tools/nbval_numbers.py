"""nbval compares numbers in outputs within one unit of their last printed digit; all else exactly.

PyTorch picks its CPU kernels by what the processor offers (``ATEN_CPU_CAPABILITY``: default,
avx2, avx512), and a sum computed in another order can move the last printed digit of an
accuracy (0.845 against 0.846). Stored outputs must still hold on any CPU, so before nbval
compares a cell, each textual output that differs from the stored one only in such digits is
taken as equal:

- the text around the numbers must be identical, and so must the count of numbers;
- an integer (no decimal point, no exponent) must be identical: counts, shapes, steps, labels;
- a decimal number may differ by one unit in the last digit printed (0.845 and 0.846: 0.001;
  ``1.5e-03`` and ``1.6e-03``: 1e-4), taking the finer of the two when they print differently.

Anything else — another word, another integer, a number two units off — is a difference that
nbval reports as before. ``install()`` wraps nbval's comparison; the root conftest calls it.
"""

from __future__ import annotations

import copy
import math
import re

import nbformat

NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w.])")


def _unit(token: str) -> float | None:
    """One unit in the last printed digit of a decimal number; ``None`` for an integer."""
    mantissa, _, exponent = token.lower().partition("e")
    if "." not in mantissa and not exponent:
        return None
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return 10.0 ** (int(exponent or 0) - decimals)


def close_enough(stored: str, computed: str) -> bool:
    """Whether ``computed`` equals ``stored`` but for decimals one unit apart in their last printed digit."""
    if stored == computed:
        return True
    if NUMBER.split(stored) != NUMBER.split(computed):
        return False  # other words, other layout, or another count of numbers
    for a, b in zip(NUMBER.findall(stored), NUMBER.findall(computed), strict=True):
        if a == b:
            continue
        units = [_unit(a), _unit(b)]
        if None in units:
            return False  # integers are compared exactly
        tolerance = min(units) * (1 + 1e-9)
        if not math.isclose(float(a), float(b), rel_tol=0.0, abs_tol=tolerance + 1e-15):
            return False
    return True


def _texts(output: dict) -> list[tuple[dict, str]]:
    """(container, key) of each textual field of an output that nbval compares."""
    fields = [(output, "text")] if isinstance(output.get("text"), str) else []
    data = output.get("data", {})
    fields += [(data, key) for key, value in data.items() if isinstance(value, str) and key.startswith("text/")]
    return fields


def reconcile(computed: list, stored: list, sanitize=lambda text: text) -> list:
    """A copy of ``computed`` in which each text that is ``close_enough`` to the stored one is the stored one.

    ``sanitize`` is nbval's (the project's sanitize file): texts are compared as nbval will see them.
    """
    computed = nbformat.from_dict(copy.deepcopy(computed))  # nbval reads outputs by attribute
    if len(computed) != len(stored):
        return computed
    for new, old in zip(computed, stored, strict=True):
        if new.get("output_type") != old.get("output_type") or new.get("name") != old.get("name"):
            continue
        for (new_box, key), (old_box, old_key) in zip(_texts(new), _texts(old), strict=False):
            if key == old_key and close_enough(sanitize(old_box[old_key]), sanitize(new_box[key])):
                new_box[key] = old_box[old_key]
    return computed


def install() -> None:
    """Make nbval compare numbers as above (idempotent)."""
    from nbval.plugin import IPyNbCell

    if getattr(IPyNbCell.compare_outputs, "_numbers_within_a_unit", False):
        return
    original = IPyNbCell.compare_outputs

    def compare_outputs(self, test, ref, skip_compare=None):
        # nbval has merged each stream's pieces (coalesce_streams) before it compares
        return original(self, reconcile(test, ref, self.sanitize), ref, skip_compare)

    compare_outputs._numbers_within_a_unit = True
    IPyNbCell.compare_outputs = compare_outputs
