"""Argument checks shared by the public helpers.

Every helper validates what it is given and raises ``ValueError`` (bad value)
or ``TypeError`` (bad type) whose message names the parameter and what is
allowed, so that a reader never meets a traceback from deep inside torch.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable


def check_int(name: str, value: object, *, low: int | None = None,
              high: int | None = None) -> int:
    """Return ``value`` as an int if it is an integer in ``[low, high]``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{name} must be an integer in {_range_text(low, high)}, got {value}")
    return value


def check_float(name: str, value: object, *, low: float | None = None,
                high: float | None = None, low_open: bool = False) -> float:
    """Return ``value`` as a finite float in ``[low, high]`` (``(low, high]`` if ``low_open``)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    value = float(value)
    allowed = _range_text(low, high, low_open)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number in {allowed}, got {value}")
    too_low = low is not None and (value <= low if low_open else value < low)
    if too_low or (high is not None and value > high):
        raise ValueError(f"{name} must be in {allowed}, got {value}")
    return value


def check_choice(name: str, value: object, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices`` (strings)."""
    choices = list(choices)
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")
    return value


def check_size_pair(name: str, value: object, *, low: int = 1, high: int = 1024) -> tuple[int, int]:
    """Return ``value`` as a ``(height, width)`` pair of integers in ``[low, high]``."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a (height, width) pair of integers, got {value!r}")
    items = tuple(value)
    if len(items) != 2:
        raise ValueError(f"{name} must be a (height, width) pair of integers, got {len(items)} values")
    return tuple(check_int(f"{name}[{i}]", v, low=low, high=high) for i, v in enumerate(items))


def _range_text(low: float | None, high: float | None, low_open: bool = False) -> str:
    left = "(" if low_open else "["
    lo = "-inf" if low is None else f"{low:g}"
    hi = "inf" if high is None else f"{high:g}"
    return f"{left}{lo}, {hi}]" if high is not None else f"{left}{lo}, inf)"
