"""One call that makes every source of randomness the notebooks use repeatable."""

from __future__ import annotations

import random

import numpy as np
import torch

from ._checks import check_int


def seed(value: int = 0) -> int:
    """Seed Python's ``random``, NumPy and PyTorch (CPU and every GPU); return the seed.

    Call it at the top of a notebook and again before any cell whose output
    should not depend on what ran before it.
    """
    value = check_int("value", value, low=0, high=2**32 - 1)
    random.seed(value)
    np.random.seed(value)
    torch.manual_seed(value)  # also seeds every CUDA device
    return value
