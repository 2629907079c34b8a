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

    # 5.1.4: the pieces of a 1-5-1 ReLU network, found as the distinct slopes between its bends
    torch.manual_seed(3)
    net = nn.Sequential(nn.Linear(1, 5), nn.ReLU(), nn.Linear(5, 1)).double()
    bends = (-net[0].bias / net[0].weight[:, 0]).detach().sort().values
    ends = torch.cat([bends[:1] - 1, bends, bends[-1:] + 1])
    middles = ((ends[1:] + ends[:-1]) / 2)[:, None].requires_grad_()
    net(middles).sum().backward()
    pieces = len(middles)
    assert len(torch.unique(middles.grad.round(decimals=9))) == pieces  # all pieces really differ
    cases["5.1.4"] = ([pieces, float(pieces), torch.tensor(pieces), np.int64(pieces)],
                      [len(bends), 2 ** len(bends), pieces + 1])

    full = count(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    cases["5.2.1"] = ([full, float(full), torch.tensor(full), np.int64(full)],
                      [count(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10, bias=False)),  # 203,520
                       count(nn.Linear(784, 256, bias=False), nn.ReLU(), nn.Linear(256, 10, bias=False)),
                       full + 0.4, 256])  # 256: the width printed in the question
    deeper = count(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
    cases["5.2.2"] = ([deeper, float(deeper), torch.tensor(deeper)],
                      [full, count(nn.Linear(784, 256, bias=False), nn.Linear(256, 256, bias=False),
                                   nn.Linear(256, 10, bias=False)),
                       count(nn.Linear(784, 256), nn.Linear(256, 256, bias=False), nn.Linear(256, 10))])
    tiny = count(nn.Linear(784, 1), nn.ReLU(), nn.Linear(1, 10))
    cases["5.2.3"] = ([tiny, float(tiny), np.int64(tiny)],
                      [count(nn.Linear(784, 1), nn.ReLU(), nn.Linear(1, 10, bias=False)), tiny - 1,
                       count(nn.Linear(784, 1, bias=False), nn.Linear(1, 10, bias=False))])
    n = 1024
    A, B = torch.ones(n, n, dtype=torch.float64), torch.ones(n, n, dtype=torch.float64)
    multiply_adds = int((A @ B).sum().item())  # each entry of the all-ones product counts its products
    cases["5.2.7"] = ([multiply_adds, float(multiply_adds), torch.tensor(multiply_adds)],
                      [2 * multiply_adds, n * n, n])

    # 5.2.9: train a small MLP whose parameters all start at 0.01 and count its distinct hidden units
    torch.manual_seed(0)
    same = nn.Sequential(nn.Linear(784, 16), nn.ReLU(), nn.Linear(16, 10))
    with torch.no_grad():
        for q in same.parameters():
            q.fill_(0.01)
    optimizer = torch.optim.SGD(same.parameters(), lr=0.1)
    X, y = torch.rand(64, 784), torch.randint(0, 10, (64,))
    for _ in range(5):
        optimizer.zero_grad()
        F.cross_entropy(same(X), y).backward()
        optimizer.step()
    distinct = len(torch.unique(same[0].weight, dim=0))
    cases["5.2.9"] = ([distinct, float(distinct), torch.tensor(distinct)], [16, 256, 0, 2])

    cases["5.3.3"] = ([saved_entries_per_example(), float(saved_entries_per_example())],
                      [2 * 256 + 10, 784 + 256 + 10, 784 + 2 * 256 + 10 + 1,
                       saved_entries_per_example(hidden=(256,)), 784 + 256 + 128 + 10])
    parameters = full
    cases["5.3.4"] = ([parameters ** 2, float(parameters ** 2), torch.tensor(parameters) ** 2,
                       np.int64(parameters) ** 2],
                      [parameters, 2 * parameters, parameters ** 2 // 2, parameters * (parameters + 1) // 2])
    return cases


def shapes():
    G = torch.randn(3, 4, requires_grad=True)
    J = torch.autograd.functional.jacobian(lambda X: torch.stack([X.sum(), (X ** 2).sum()]), G)
    return {"5.3.1": ([tuple(J.shape), list(J.shape)],
                      # computed; the gradient's shape; output last; flattened
                      [J.shape, tuple(G.shape), (3, 4, 2), (2, G.numel()), (G.numel(), 2)])}


def tensors():
    batch = torch.tensor([[3.0], [7.0]])
    right = F.batch_norm(batch, None, None, training=True)  # PyTorch's own, with its eps
    return {"5.1.6": ([right, right.double(), right.numpy(), nn.BatchNorm1d(1, affine=False)(batch).detach(),
                       torch.tensor([[-1.0], [1.0]])],
                      [batch, batch - batch.mean(), (batch - batch.mean()) / batch.std(),
                       (batch - batch.mean()) / batch.var(unbiased=False), -right])}


def dJ_db(b, W1, W2, x, y):
    z = W1 @ x + b
    o = W2 @ torch.relu(z)
    return (W2.T @ (o - y)) * (z > 0).to(z.dtype)


def saved_entries_per_example(batch=64, hidden=(256, 128)):
    """Measure, as section 5.3 does, the entries autograd saves per example for an MLP with these hidden widths.

    The default is exercise 5.3.3's 784-256-128-10 network; hidden=(256,) is section 5.3's own.
    """
    torch.manual_seed(0)
    widths = (784, *hidden, 10)
    layers = [nn.Flatten()]
    for n_in, n_out in zip(widths, widths[1:], strict=False):
        layers += [nn.Linear(n_in, n_out), nn.ReLU()]
    net = nn.Sequential(*layers[:-1])
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
    "relu": ([lambda x: torch.maximum(x, torch.zeros_like(x))],
             [torch.abs, lambda x: torch.maximum(-x, torch.zeros_like(x)), torch.relu]),  # PyTorch's own: no work
    "prelu": ([lambda x, a: torch.clamp(x, min=0) + a * torch.clamp(x, max=0)],
              [lambda x, a: torch.where(x > 0, x, 0.1 * x), lambda x, a: torch.where(x > 0, x, -a * x)]),
    "sigmoid": ([lambda x: 1 / (1 + torch.exp(-x))], [lambda x: 1 / (1 + torch.exp(x))]),
    "tanh": ([lambda x: (1 - torch.exp(-2 * x)) / (1 + torch.exp(-2 * x))], [lambda x: torch.sigmoid(2 * x)]),
    "gelu": ([lambda x: x * 0.5 * (1 + torch.erf(x / 2 ** 0.5)),
              lambda x: 0.5 * x * (1 + torch.tanh((2 / torch.pi) ** 0.5 * (x + 0.044715 * x ** 3)))],
             [lambda x: x * torch.sigmoid(x), F.gelu, lambda x: F.gelu(x, approximate="tanh")]),  # PyTorch's own
    "swish": ([lambda x, b: x * torch.sigmoid(b * x)],
              [lambda x, b: x * torch.sigmoid(x), lambda x, b: F.silu(b * x) / b]),  # PyTorch's SiLU
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
