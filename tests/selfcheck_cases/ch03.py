"""Self-check cases of chapter 3: for every check id, right answers in all their reasonable forms and
plausible wrong ones, each derived here from the exercise's own data (never read from the package).

``numbers()``/``shapes()``/``tensors()`` return ``{id: (right, wrong)}``; ``GRADIENTS``, ``ACTIVATIONS`` and
``FUNCTIONS`` map ids (or names) the same way. tests/test_selfcheck.py runs them all.
"""

from __future__ import annotations

import io  # noqa: F401
import math  # noqa: F401

import numpy as np  # noqa: F401
import pandas as pd  # noqa: F401
import torch
import torch.nn.functional as F  # noqa: F401
from torch import nn  # noqa: F401


def numbers():
    cases = {}
    x = torch.tensor([2.0, 3.0, 5.0, 7.0, 13.0], dtype=torch.float64)
    grid = torch.arange(0, 1501, dtype=torch.float64) / 100
    sq = grid[((x[None, :] - grid[:, None]) ** 2).sum(1).argmin()]
    ab = grid[(x[None, :] - grid[:, None]).abs().sum(1).argmin()]
    cases["3.1.1-squared"] = ([sq, x.mean()], [x.median()])
    cases["3.1.1-absolute"] = ([ab, x.median()], [x.mean()])

    gen = torch.Generator().manual_seed(0)
    D = torch.randn(100, 2, generator=gen, dtype=torch.float64)
    D = torch.cat([D, D.sum(dim=1, keepdim=True)], dim=1)
    cases["3.1.4"] = ([torch.linalg.matrix_rank(D.T @ D)], [D.shape[1], 1])

    from d2l import torch as d2l
    board = d2l.ProgressBoard("x")
    board.display = False
    for i in range(100):
        board.draw(i, math.sin(i / 10), "sin", every_n=10)
    cases["3.2.3"] = ([len(board.data["sin"])], [100, 9, 11])

    gen = torch.Generator().manual_seed(1)
    current = torch.linspace(0.1, 2.0, 20, dtype=torch.float64)
    V = 4.7 * current + 0.05 * torch.randn(20, generator=gen, dtype=torch.float64)
    R = (current * V).sum() / (current * current).sum()  # least squares through the origin
    R_short = torch.zeros((), dtype=torch.float64)
    for _ in range(5):  # stopped long before the loss stops falling
        R_short -= 0.1 * (2 * (current * (R_short * current - V)).mean())
    cases["3.4.2"] = ([R, R.reshape(1).float().requires_grad_()], [1 / R, R_short])  # a learned parameter

    sizes = [len(chunk) for chunk in torch.arange(1000).split(32)]
    cases["3.4.7"] = ([sizes[-1]], [32, len(sizes), sizes[-1] + 1])

    return cases


