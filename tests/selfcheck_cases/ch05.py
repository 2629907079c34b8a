"""Self-check cases of chapter 5: for every check id, right answers in all their reasonable forms and
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
    def count(*layers):
        return sum(q.numel() for q in nn.Sequential(*layers).parameters())
    full = count(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    cases["5.2.1"] = ([full, float(full)],
                      [count(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10, bias=False)),  # 203,520
                       count(nn.Linear(784, 256, bias=False), nn.ReLU(), nn.Linear(256, 10, bias=False)),
                       full + 0.4])
    tiny = count(nn.Linear(784, 1), nn.ReLU(), nn.Linear(1, 10))
    cases["5.2.3"] = ([tiny], [count(nn.Linear(784, 1), nn.ReLU(), nn.Linear(1, 10, bias=False)), tiny - 1])

    cases["5.3.3"] = ([saved_entries_per_example()], [2 * 256 + 10, 784 + 256 + 10, 784 + 2 * 256 + 10 + 1])
    return cases


def shapes():
    G = torch.randn(3, 4, requires_grad=True)
    (G ** 2).sum().backward()
    return {"5.3.1": ([G.grad.shape], [G.T.shape, (G.numel(),)])}  # transposed; flattened


def dJ_db(b, W1, W2, x, y):
    z = W1 @ x + b
    o = W2 @ torch.relu(z)
    return (W2.T @ (o - y)) * (z > 0).to(z.dtype)


def saved_entries_per_example(batch=64):
    """Measure, as section 5.3 does, the entries autograd saves per example for the 784-256-10 MLP."""
    torch.manual_seed(0)
    net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    params = {q.data_ptr() for q in net.parameters()}
    saved = {}

    def pack(t):
        if t.data_ptr() not in params:
            saved[t.data_ptr()] = t
        return t
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        F.cross_entropy(net(torch.rand(batch, 1, 28, 28)), torch.randint(0, 10, (batch,)))
    per_example = [t for t in saved.values() if t.dim() > 0 and t.shape[0] == batch]
    assert len(saved) - len(per_example) <= 1  # at most one scalar per minibatch besides
    return sum(t.numel() for t in per_example) // batch



ACTIVATIONS = {
    "relu": ([lambda x: torch.maximum(x, torch.zeros_like(x)), torch.relu], [torch.abs, lambda x: torch.relu(-x)]),
    "prelu": ([lambda x, a: torch.clamp(x, min=0) + a * torch.clamp(x, max=0)],
              [lambda x, a: torch.where(x > 0, x, 0.1 * x), lambda x, a: torch.where(x > 0, x, -a * x)]),
    "sigmoid": ([lambda x: 1 / (1 + torch.exp(-x))], [lambda x: 1 / (1 + torch.exp(x))]),
    "tanh": ([lambda x: (1 - torch.exp(-2 * x)) / (1 + torch.exp(-2 * x))], [lambda x: torch.sigmoid(2 * x)]),
    "gelu": ([lambda x: F.gelu(x, approximate="tanh"), F.gelu], [lambda x: x * torch.sigmoid(x)]),
    "swish": ([lambda x, b: x * torch.sigmoid(b * x)], [lambda x, b: x * torch.sigmoid(x)]),
}




GRADIENTS = {
    "5.1.2": ([lambda x, a: torch.where(x > 0, torch.ones_like(x), torch.full_like(x, a)),
               lambda x, a: torch.where(x >= 0, 1.0, a)],  # either convention at 0: the check avoids the kink
              [lambda x, a: torch.where(x > 0, torch.ones_like(x), torch.full_like(x, 0.1)),  # ignores alpha
               lambda x, a: (x > 0).float(),  # ReLU's derivative
               lambda x, a: torch.where(x > 0, torch.ones_like(x), torch.full_like(x, -a))]),  # sign
    "5.1.3": ([lambda x, b: torch.sigmoid(b * x) + b * x * torch.sigmoid(b * x) * (1 - torch.sigmoid(b * x))],
              [lambda x, b: torch.sigmoid(b * x) + x * torch.sigmoid(b * x) * (1 - torch.sigmoid(b * x)),  # no β
               lambda x, b: torch.sigmoid(b * x)]),  # product rule forgotten
    "5.3.2": ([dJ_db],
              [lambda b, W1, W2, x, y: W2.T @ (W2 @ torch.relu(W1 @ x + b) - y),  # ReLU's derivative forgotten
               lambda b, W1, W2, x, y: W2 @ (W2 @ torch.relu(W1 @ x + b) - y)]),  # not transposed
}
