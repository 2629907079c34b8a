"""Self-check cases of chapter 2: for every check id, right answers in all their reasonable forms and
plausible wrong ones, each derived here from the exercise's own data (never read from the package).

``numbers()``/``shapes()``/``tensors()`` return ``{id: (right, wrong)}``; ``GRADIENTS``, ``ACTIVATIONS`` and
``FUNCTIONS`` map ids (or names) the same way. tests/test_selfcheck.py runs them all.

Where the page asks for a prediction, the right answers are the literals a student would write (an int,
a float, a tuple, a list) as well as the values PyTorch computes; the wrong ones include the slips the
answer key names as traps and, where the question prints a constant, that constant.
"""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import torch


def numbers():
    cases = {}

    # 2.1.3: predictions (5,) against targets stored as a column (5, 1)
    y_hat = torch.tensor([2.0, 0.5, 1.0, 3.0, 4.0])
    y = torch.tensor([[2.0], [1.0], [1.0], [3.0], [2.0]])
    right = ((y_hat - y.reshape(-1)) ** 2).mean()
    cases["2.1.3"] = ([right, right.item(), ((y_hat - y.squeeze(1)) ** 2).mean().numpy(), round(right.item(), 2)],
                      [((y_hat - y) ** 2).mean(),                     # broadcast to 5×5: the shape trap
                       ((y_hat - y.reshape(-1)) ** 2).sum(),          # a sum, not a mean
                       right.sqrt(),                                  # the root of the mean
                       ((y_hat - y.reshape(-1)) ** 2).mean() / 2])    # half the mean

    # 2.2.1: the table of section 2.2
    table = pd.read_csv(io.StringIO("NumRooms,RoofType,Price\nNA,NA,127500\n2,NA,106000\n4,Slate,178100\n"
                                    "NA,NA,140000\n"))
    missing, cells = int(table.isna().to_numpy().sum()), table.size
    cases["2.2.1"] = ([table.isna().to_numpy().mean(), missing / cells, round(missing / cells, 2),
                       round(missing / cells, 3), np.float64(missing / cells),
                       table.isna().stack().mean(), pd.Series([missing / cells])],
                      [missing,                                                   # a count
                       missing / table[["NumRooms", "RoofType"]].size,            # Price left out
                       table.isna().any(axis=1).mean(),                           # rows, not cells
                       table["RoofType"].isna().mean(),                           # one column
                       table.isna().mean(),                                       # one fraction per column
                       100 * missing / cells,                                     # a percentage
                       0.4,                                                       # rounded too far
                       math.floor(100 * missing / cells) / 100])                  # truncated, not rounded

    # 2.2.3: one million rows of 100 float64 columns, in MB of 10^6 bytes
    rows, cols, bytes_per_float = 10 ** 6, 100, np.dtype(np.float64).itemsize
    total = rows * cols * bytes_per_float
    cases["2.2.3"] = ([total / 10 ** 6, total // 10 ** 6, torch.tensor(total / 10 ** 6)],
                      [total, total / 2 ** 20, rows * cols * np.dtype(np.float32).itemsize / 10 ** 6,
                       total / 10 ** 9])  # bytes; MiB; float32; GB

    # 2.3.4: len of the (2, 3, 4) tensor of section 2.3; the student writes a literal
    X = torch.arange(24).reshape(2, 3, 4)
    cases["2.3.4"] = ([len(X), float(len(X)), np.int64(len(X)), X.shape[0]],
                      [X.numel(), X.shape[-1], X.shape[1], len(X) + 0.5, X.dim(),
                       torch.tensor(len(X))])  # a tensor is PyTorch's result, not a prediction

    # 2.3.7: from (avenue 2, street 10) to (avenue 6, street 3) on the grid
    start, end = torch.tensor([2.0, 10.0]), torch.tensor([6.0, 3.0])
    blocks = torch.linalg.vector_norm(end - start, ord=1)
    cases["2.3.7"] = ([blocks, int(blocks.item()), blocks.item()],
                      [torch.linalg.vector_norm(end - start).item(),   # straight line
                       (end - start).sum().item(),                     # signed differences
                       abs((end - start).sum().item()),
                       (end - start).abs().max().item(),               # the longer leg only
                       round(torch.linalg.vector_norm(end - start).item(), 1)])  # the straight line, rounded

    # 2.3.9: linalg.norm of torch.ones(2, 3, 4), predicted by hand
    ones = torch.ones(2, 3, 4)
    expected = ones.pow(2).sum().sqrt()
    cases["2.3.9"] = ([expected.item(), math.sqrt(ones.numel()), round(expected.item(), 3)],
                      [expected,                                                 # PyTorch's tensor, not a prediction
                       ones.sum().item(),                                        # entries added up
                       torch.linalg.norm(ones[0]).item(),                             # one 3×4 slice
                       torch.linalg.norm(ones, dim=(1, 2)).sum().item(),         # slices' norms added
                       float(ones.numel()) ** 2])

    # 2.3.10: multiply-adds of the two orders
    def cost(m, n, p):
        return m * n * p
    a, b, c, d = 2 ** 10, 2 ** 16, 2 ** 5, 2 ** 14
    left, right = cost(a, b, c) + cost(a, c, d), cost(b, c, d) + cost(a, b, d)
    cases["2.3.10"] = ([right / left, torch.tensor(right / left)],
                       [left / right, cost(a, b, d) / cost(a, b, c), right - left])

    # 2.4.5: f(x) = x^2 - 6x + 5; the stationary point, found by a few steps of gradient descent here
    def f245(x):
        return x ** 2 - 6 * x + 5
    x = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    for _ in range(200):
        x.grad = None
        f245(x).backward()
        with torch.no_grad():
            x -= 0.25 * x.grad
    stationary = round(x.item(), 9)
    roots = np.roots([1, -6, 5])
    cases["2.4.5"] = ([stationary, int(stationary), np.float64(stationary)],
                      [float(roots.min()), float(roots.max()), f245(torch.tensor(stationary)).item(),  # zeros; f there
                       2 * stationary,  # the coefficient 6, not the solution of 2x - 6 = 0
                       torch.tensor(stationary)])  # a tensor is computed, not found by hand

    # 2.4.6: slope of x^3 - 1/x at x = 1
    x1 = torch.tensor(1.0, requires_grad=True)
    (x1 ** 3 - 1 / x1).backward()
    cases["2.4.6"] = ([x1.grad.item(), int(x1.grad.item())],
                      [x1.grad,                      # autograd's tensor, not the slope worked out by hand
                       3 * 1.0 ** 2 - 1 / 1.0 ** 2,  # sign error in d(-1/x)
                       1.0 ** 3 - 1 / 1.0,           # f(1) instead of f'(1)
                       3 * 1.0 ** 2])                # -1/x forgotten

    # 2.4.10: f(x) = x^3 + x; slope of the inverse at y = 2, found here numerically from the inverse itself
    def f2410(x):
        return x ** 3 + x

    def inverse(y):
        low, high = -10.0, 10.0
        for _ in range(200):
            mid = (low + high) / 2
            low, high = (mid, high) if f2410(mid) < y else (low, mid)
        return (low + high) / 2
    h = 1e-6
    slope = (inverse(2 + h) - inverse(2 - h)) / (2 * h)
    x0 = inverse(2.0)
    forward_slope = (f2410(x0 + h) - f2410(x0 - h)) / (2 * h)
    slope_at_2 = (f2410(2 + h) - f2410(2 - h)) / (2 * h)
    cases["2.4.10"] = ([slope, round(slope, 4), 1 / forward_slope],
                       [forward_slope,     # f' instead of (f^-1)'
                        1 / slope_at_2,    # f' evaluated at 2 instead of at f^-1(2)
                        slope_at_2,
                        x0])               # the value f^-1(2) itself

    return cases


def shapes():
    a, b = torch.arange(8).reshape(2, 1, 4), torch.arange(3).reshape(1, 3, 1)
    X = torch.arange(24.0).reshape(2, 3, 4)
    A, B, C = torch.zeros(100, 200), torch.ones(100, 200), torch.full((100, 200), 2.0)
    stacked = torch.stack([A, B, C], dim=2)
    return {
        "2.1.2": ([tuple((a + b).shape), list((a + b).shape)],
                  [(a + b).shape, tuple(a.shape), tuple(b.shape), tuple(reversed((a + b).shape)),
                   tuple((a + b).shape[1:]), tuple((a * 0).shape)]),
        "2.3.8": ([tuple(X.sum(axis=1).shape), list(X.sum(axis=1).shape)],
                  [X.sum(axis=1).shape, tuple(X.sum(axis=1, keepdim=True).shape), tuple(X.sum(axis=0).shape),
                   tuple(X.sum(axis=2).shape), tuple(X.shape)]),
        "2.3.12": ([tuple(stacked.shape), list(stacked.shape)],
                   [stacked.shape, tuple(torch.stack([A, B, C]).shape), tuple(torch.cat([A, B, C]).shape),
                    tuple(torch.cat([A, B, C], dim=1).shape), tuple(A.shape),
                    tuple(torch.stack([A, B, C], dim=1).shape)]),
    }


def autograd_derivative_of_sin(x):
    x = x.detach().clone().requires_grad_(True)
    torch.sin(x).sum().backward()
    return x.grad


def chain_rule_2_4_9(v):
    """∂u/∂a and ∂u/∂b for u = xy + z², x = a + b, y = ab, z = sin a, written out path by path."""
    a, b = v[0], v[1]
    x, y, z = a + b, a * b, torch.sin(a)
    du_da = y * 1 + x * b + 2 * z * torch.cos(a)
    du_db = y * 1 + x * a + 2 * z * 0
    return torch.stack([du_da, du_db])


GRADIENTS = {
    "2.4.4": ([lambda x: x ** x * (torch.log(x) + 1)],
              [lambda x: x ** x * torch.log(x), lambda x: x * x ** (x - 1)]),  # +1 lost; power rule misapplied
    "2.4.7": ([lambda x: torch.stack([6 * x[0], 5 * torch.exp(x[1])])],
              [lambda x: torch.stack([3 * x[0], 5 * torch.exp(x[1])]), lambda x: 6 * x[0] + 5 * torch.exp(x[1])]),
    "2.4.8": ([lambda x: x / torch.linalg.norm(x), lambda x: x / torch.sqrt((x ** 2).sum())],
              [lambda x: x, lambda x: x / (x ** 2).sum()]),
    "2.4.9": ([chain_rule_2_4_9,
               lambda v: torch.stack([2 * v[0] * v[1] + v[1] ** 2 + torch.sin(2 * v[0]),   # expanded by hand
                                      v[0] ** 2 + 2 * v[0] * v[1]])],
              [lambda v: torch.stack([v[0] * v[1] + (v[0] + v[1]) * v[1],                  # the path through z lost
                                      v[0] * v[1] + (v[0] + v[1]) * v[0]]),
               lambda v: torch.stack([v[0] * v[1] + 2 * torch.sin(v[0]) * torch.cos(v[0]),  # product rule half-done
                                      v[0] * v[1] + 0 * v[0]]),
               lambda v: (chain_rule_2_4_9(v)).sum()]),                                  # summed, not a vector
    "2.5.4": ([autograd_derivative_of_sin, torch.cos], [lambda x: -torch.cos(x), torch.sin]),
    "2.5.6": ([lambda x: 2 * torch.sin(x) / x + torch.log(x ** 2) * torch.cos(x) - 1 / x ** 2],
              [lambda x: 2 * torch.sin(x) / x + torch.log(x ** 2) * torch.cos(x) + 1 / x ** 2,  # sign
               lambda x: torch.log(x ** 2) * torch.cos(x) - 1 / x ** 2,  # product rule half-done
               lambda x: torch.sin(x) / x ** 2 + torch.log(x ** 2) * torch.cos(x) - 1 / x ** 2]),  # chain rule lost
}
