"""Self-check cases of chapter 2: for every check id, right answers in all their reasonable forms and
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

    y_hat, y = torch.tensor([1.0, 2.0, 3.0, 4.0]), torch.tensor([[1.0], [2.0], [3.0], [5.0]])
    cases["2.1.3"] = ([((y_hat - y.reshape(-1)) ** 2).mean(), ((y_hat - y.squeeze(1)) ** 2).mean().item()],
                      [((y_hat - y) ** 2).mean()])  # broadcast to 4×4: the shape trap

    table = pd.read_csv(io.StringIO("NumRooms,RoofType,Price\nNA,NA,127500\n2,NA,106000\n4,Slate,178100\n"
                                    "NA,NA,140000\n"))
    cases["2.2.1"] = ([table.isna().to_numpy().mean()],
                      [table["RoofType"].isna().mean(), table.isna().to_numpy().sum()])  # one column; a count

    rows, cols, bytes_per_float = 10 ** 6, 100, np.dtype(np.float64).itemsize
    cases["2.2.3"] = ([rows * cols * bytes_per_float / 10 ** 6, rows * cols * bytes_per_float // 10 ** 6],
                      [rows * cols * bytes_per_float / 2 ** 20, rows * cols * 4 / 10 ** 6])  # MiB; float32

    X = torch.arange(24).reshape(2, 3, 4)
    cases["2.3.4"] = ([len(X), torch.tensor(len(X))], [X.numel(), X.shape[-1], len(X) + 0.5])

    def cost(m, n, p):
        return m * n * p
    a, b, c, d = 2 ** 10, 2 ** 16, 2 ** 5, 2 ** 14
    left, right = cost(a, b, c) + cost(a, c, d), cost(b, c, d) + cost(a, b, d)
    cases["2.3.10"] = ([right / left], [left / right, cost(a, b, d) / cost(a, b, c)])

    x1 = torch.tensor(1.0, requires_grad=True)
    (x1 ** 3 - 1 / x1).backward()
    cases["2.4.6"] = ([x1.grad, x1.grad.item()], [3 * 1.0 ** 2 - 1 / 1.0 ** 2])  # sign error in d(-1/x)

    return cases


def shapes():
    a, b = torch.ones(2, 1, 4), torch.ones(1, 3, 1)
    X = torch.arange(24.0).reshape(2, 3, 4)
    return {
        "2.1.2": ([(a + b).shape, list((a + b).shape)], [a.shape, tuple(reversed((a + b).shape))]),
        "2.3.8": ([X.sum(axis=1).shape], [X.sum(axis=1, keepdim=True).shape, X.sum(axis=0).shape]),
    }


def autograd_derivative_of_sin(x):
    x = x.detach().clone().requires_grad_(True)
    torch.sin(x).sum().backward()
    return x.grad




GRADIENTS = {
    "2.4.4": ([lambda x: x ** x * (torch.log(x) + 1)],
              [lambda x: x ** x * torch.log(x), lambda x: x * x ** (x - 1)]),  # +1 lost; power rule misapplied
    "2.4.7": ([lambda x: torch.stack([6 * x[0], 5 * torch.exp(x[1])])],
              [lambda x: torch.stack([3 * x[0], 5 * torch.exp(x[1])]), lambda x: 6 * x[0] + 5 * torch.exp(x[1])]),
    "2.4.8": ([lambda x: x / torch.linalg.norm(x), lambda x: x / torch.sqrt((x ** 2).sum())],
              [lambda x: x, lambda x: x / (x ** 2).sum()]),
    "2.5.4": ([autograd_derivative_of_sin, torch.cos], [lambda x: -torch.cos(x), torch.sin]),
    "2.5.6": ([lambda x: 2 * torch.sin(x) / x + torch.log(x ** 2) * torch.cos(x) - 1 / x ** 2],
              [lambda x: 2 * torch.sin(x) / x + torch.log(x ** 2) * torch.cos(x) + 1 / x ** 2,  # sign
               lambda x: torch.log(x ** 2) * torch.cos(x) - 1 / x ** 2]),  # product rule half-done
}
