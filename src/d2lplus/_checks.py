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
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {_short(value)}")
    value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{name} must be an integer in {_range_text(low, high)}, got {_short(value)}")
    return value


def check_bool(name: str, value: object) -> bool:
    """Return ``value`` if it is ``True`` or ``False`` (not ``"no"``, not ``0``)."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {_short(value)}")
    return value


def check_float(name: str, value: object, *, low: float | None = None,
                high: float | None = None, low_open: bool = False) -> float:
    """Return ``value`` as a finite float in ``[low, high]`` (``(low, high]`` if ``low_open``)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {_short(value)}")
    allowed = _range_text(low, high, low_open)
    try:
        value = float(value)
    except OverflowError:  # an integer beyond float's range (10**400)
        raise ValueError(f"{name} must be a finite number in {allowed}, got an integer with "
                         f"{len(str(abs(int(value))))} digits") from None
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
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {_short(value)}")
    return value


def check_size_pair(name: str, value: object, *, low: int = 1, high: int = 1024) -> tuple[int, int]:
    """Return ``value`` as a ``(height, width)`` pair of integers in ``[low, high]``."""
    return _check_pair(name, value, "a (height, width) pair of integers",
                       lambda item, v: check_int(item, v, low=low, high=high))


def check_float_pair(name: str, value: object, *, low: float, high: float,
                     what: str = "(width, height)") -> tuple[float, float]:
    """Return ``value`` as a pair of finite floats in ``[low, high]`` (a figure size, say)."""
    return _check_pair(name, value, f"a {what} pair of numbers",
                       lambda item, v: check_float(item, v, low=low, high=high))


def _check_pair(name: str, value: object, allowed: str, check) -> tuple:
    """Two items, each checked by ``check(f"{name}[i]", item)``; the errors say what is ``allowed``."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be {allowed}, got {_short(value)}")
    items = tuple(value)
    if len(items) != 2:
        raise ValueError(f"{name} must be {allowed}, got {len(items)} values")
    return tuple(check(f"{name}[{i}]", v) for i, v in enumerate(items))


def _range_text(low: float | None, high: float | None, low_open: bool = False) -> str:
    left = "(" if low_open else "["
    lo = "-inf" if low is None else _number_text(low)
    return f"{left}{lo}, {_number_text(high)}]" if high is not None else f"{left}{lo}, inf)"


def _number_text(x: float) -> str:
    """A bound as a reader writes it: 4294967295 (not 4.29497e+09), 2**32 beyond 12 digits, 0.5."""
    if isinstance(x, numbers.Integral) or (isinstance(x, float) and x.is_integer()):
        x = int(x)
        if abs(x) < 10**12:
            return str(x)
        for base in (2, 10):
            power = round(math.log(abs(x), base))
            for offset in (0, -1, 1):
                if abs(x) == base**power + offset:
                    sign = "-" if x < 0 else ""
                    return f"{sign}{base}**{power}" + {0: "", -1: " - 1", 1: " + 1"}[offset]
        return str(x)
    return repr(float(x))


def _short(value: object, limit: int = 60) -> str:
    """``repr(value)``, cut short: a huge number or a long list should not fill the message."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and abs(int(value)) >= 10**30:
        return f"an integer with {len(str(abs(int(value))))} digits"
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."
