"""Self-check cases of chapter 4: for every check id, right answers in all their reasonable forms and
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
    layer = nn.Linear(784, 256)
    cases["discussion-4.1.4"] = ([layer.weight.numel()],
                                 [sum(p.numel() for p in layer.parameters()), 784 + 256,  # + bias; a sum
                                  2 * layer.weight.numel()])  # a multiply and an add counted apart

    # blocks of five equally likely ternary observations: the fewest bits b with 2^b >= 3^5, per observation
    bits_per_block = next(k for k in range(1, 20) if 2 ** k >= 3 ** 5)
    cases["4.1.2"] = ([bits_per_block / 5, torch.tensor(bits_per_block / 5), np.float64(bits_per_block) / 5],
                      [math.log2(3),  # the entropy, not a fixed-length code
                       next(k for k in range(1, 20) if 2 ** k >= 3),  # one observation at a time: 2 bits
                       next(k for k in range(1, 20) if 2 ** k >= 3 ** 3) / 3,  # blocks of three (5/3)
                       (1 + 2 + 2) / 3,  # the prefix code 0, 10, 11
                       bits_per_block,  # per block, not per observation
                       3 ** 5])  # the number of blocks

    cases["4.1.3"] = ([next(k for k in range(1, 10) if 3 ** k >= 8)],
                      [next(k for k in range(1, 10) if 2 ** k >= 8), 1])  # bits, not trits

    scores = torch.tensor([1.5, 0.5, 0.0], dtype=torch.float64)  # apple, orange, neither
    with_neither = torch.exp(scores) / torch.exp(scores).sum()
    two_fruits = torch.exp(scores[:2]) / torch.exp(scores[:2]).sum()
    cases["4.1.4"] = ([with_neither[0], with_neither[0].item(), with_neither.float()[0], with_neither.numpy()[0]],
                      [two_fruits[0],  # 'neither' left out
                       scores[0] / scores.sum(),  # scores normalized without exp
                       1 / 3, 1.5, 0.5,  # equal chances; the printed scores
                       with_neither,  # all three probabilities
                       round(with_neither[0].item(), 2)])  # rounded too far

    b_grid = torch.arange(-500, 501, dtype=torch.float64) / 100
    gaps = torch.logaddexp(torch.zeros_like(b_grid), b_grid) - torch.clamp(b_grid, min=0)
    cases["4.1.5"] = ([gaps.max(), gaps.max().item(), np.float32(gaps.max().item())],
                      [gaps.max() / math.log(2), gaps[600], 0.0, gaps.max() / math.log(10),  # log2; a - b = 1; log10
                       round(gaps.max().item(), 2)])  # rounded too far

    cases["4.2.1"] = ([len(torch.arange(60000).split(256)), torch.tensor(len(torch.arange(60000).split(256)))],
                      [60000 // 256, 60000 / 256, 256])
    # 4.3.1: the exact mean of per-example losses whose batch means average 0.50, the last batch's 0.80
    sizes = [len(chunk) for chunk in torch.arange(10000).split(256)]
    rest = (40 * 0.50 - 0.80) / 39  # the mean of the 39 full batches' means
    exact = (sum(size * rest for size in sizes[:-1]) + sizes[-1] * 0.80) / 10000
    cases["4.3.1"] = ([exact, round(exact, 4), torch.tensor(exact)],
                      [0.50, 0.80, round(exact, 2),  # the quick estimate; the last batch; rounded too far
                       (sum(256 * rest for _ in sizes[:-1]) + 256 * 0.80) / 10000,  # last batch counted as full
                       (sum(size * rest for size in sizes[:-1]) + sizes[-1] * 0.80) / (40 * 256)])

    p = torch.tensor([0.5, 0.3, 0.2])
    cost_matrix = 1 - torch.eye(3)
    cost_matrix[2, 0] = 10.0
    cases["4.3.3"] = ([(p @ cost_matrix).argmin(), int((p @ cost_matrix).argmin())],
                      [p.argmax(), (p @ cost_matrix).argmax(), p @ cost_matrix])  # every expected loss

    return cases


def stable_softmax_1d(o):
    e = torch.exp(o - o.max())
    return e / e.sum()


def tensors():
    cases = {}
    # Q ∝ P^α is the softmax of log P at temperature 1/α: doubling the temperature is softmax(log P / 2)
    P = torch.tensor([0.5, 0.3, 0.2], dtype=torch.float64)
    doubled = torch.softmax(torch.log(P) / 2, 0)
    halved = torch.softmax(torch.log(P) * 2, 0)
    cases["4.1.7"] = ([doubled, doubled.float(), doubled.numpy()],
                      [halved, P, torch.sqrt(P), torch.full((3,), 1 / 3, dtype=torch.float64)])
    return cases


def stable_softmax(X):
    E = torch.exp(X - X.max(dim=1, keepdim=True).values)
    return E / E.sum(dim=1, keepdim=True)


def softmax_minus_max_of_all(X):
    E = torch.exp(X - X.max())
    return E / E.sum(dim=1, keepdim=True)


def softmax_minus_row_mean(X):
    E = torch.exp(X - X.mean(dim=1, keepdim=True))
    return E / E.sum(dim=1, keepdim=True)


def picking_cross_entropy(y_hat, y):  # section 4.4's one-liner: it needs integer labels
    return -torch.log(y_hat[torch.arange(len(y)), y]).mean()


def picking_the_largest_label(y_hat, Y):  # right for one-hot rows only
    return -torch.log(y_hat[torch.arange(len(Y)), Y.argmax(dim=1)]).mean()


FUNCTIONS = {
    ("check_softmax", "softmax"): ([stable_softmax, lambda X: (X - X.amax(1, keepdim=True)).exp()
                                    / (X - X.amax(1, keepdim=True)).exp().sum(1, keepdim=True)],
                                   [lambda X: torch.exp(X) / torch.exp(X).sum(1, keepdim=True),  # naive
                                    lambda X: torch.softmax(X, dim=1),  # PyTorch's own: the exercise's work skipped
                                    lambda X: torch.exp(X - torch.logsumexp(X, 1, keepdim=True)),  # the same
                                    lambda X: torch.exp(X - torch.special.logsumexp(X, 1, keepdim=True)),
                                    lambda X: torch.exp(torch.special.log_softmax(X, 1)),
                                    lambda X: F.softmin(-X, dim=1),  # all three PyTorch's own, under other names
                                    softmax_minus_row_mean,  # centred, yet a wide row still overflows
                                    lambda X: torch.softmax(X, dim=0),  # by columns
                                    softmax_minus_max_of_all,  # the maximum of the whole tensor, not of each row
                                    lambda X: torch.exp(X) / torch.exp(X).sum()]),  # whole tensor
    ("check_cross_entropy", "cross_entropy"): (
        [lambda y_hat, Y: -torch.xlogy(Y, y_hat).sum(dim=1).mean(),
         lambda y_hat, Y: -(Y * torch.log(y_hat.clamp_min(1e-12))).sum(dim=1).mean(),  # clamped away from 0
         lambda y_hat, Y: -torch.where(Y > 0, Y * torch.log(y_hat), 0.0).sum(dim=1).mean(),
         lambda y_hat, Y: -torch.special.xlogy(Y, y_hat).sum() / len(Y)],  # sum of everything / examples
        [picking_cross_entropy,  # the section's version: integer labels
         picking_the_largest_label,  # passes one-hot rows, not soft ones
         lambda y_hat, Y: F.nll_loss(torch.log(y_hat), Y.argmax(dim=1)),  # PyTorch's own
         lambda y_hat, Y: F.cross_entropy(torch.log(y_hat), Y),  # PyTorch's own, soft targets and all
         lambda y_hat, Y: -(Y * torch.log(y_hat)).sum(dim=1).mean(),  # 0 · log 0
         lambda y_hat, Y: -torch.xlogy(Y, y_hat).sum(dim=1),  # no mean
         lambda y_hat, Y: -torch.xlogy(Y, y_hat).sum(),  # sum, not mean
         lambda y_hat, Y: -torch.xlogy(Y, y_hat).mean(),  # mean over every entry, not over examples
         lambda y_hat, Y: torch.xlogy(Y, y_hat).sum(dim=1).mean()]),  # sign
}




def hessian_by_hand(o):
    p = stable_softmax_1d(o)
    return torch.diag(p) - torch.outer(p, p)


GRADIENTS = {
    "4.1.1": ([hessian_by_hand, lambda o: torch.diag(torch.softmax(o, 0)) - torch.softmax(o, 0)[:, None]
               * torch.softmax(o, 0)[None, :]],  # softmax itself may come from PyTorch: the Hessian may not
              [lambda o: torch.autograd.functional.hessian(  # autograd does the exercise
                  lambda o: F.cross_entropy(o[None, :], torch.tensor([0])), o),
               lambda o: torch.func.hessian(lambda o: torch.logsumexp(o, 0))(o),
               lambda o: -hessian_by_hand(o),  # sign
               lambda o: torch.diag(stable_softmax_1d(o)),  # diag(p) only
               lambda o: torch.outer(stable_softmax_1d(o), stable_softmax_1d(o)),
               lambda o: torch.diag(torch.diagonal(hessian_by_hand(o))),  # off-diagonal entries dropped
               lambda o: hessian_by_hand(torch.tensor([1.0, 2.0, 3.0]))]),  # the printed point only
    "4.1.6": ([stable_softmax_1d],
              [lambda o: torch.exp(o) / torch.exp(o).sum(),  # overflows near 1000
               lambda o: torch.exp(o - o.max()),  # not normalised
               lambda o: torch.softmax(o, dim=0) - 1 / len(o),
               lambda o: torch.exp(o - o.mean()) / torch.exp(o - o.mean()).sum(),  # shifted by the mean
               lambda o: torch.exp(o - o.min()) / torch.exp(o - o.min()).sum(),  # shifted by the minimum
               lambda o: torch.exp(o - o[0]) / torch.exp(o - o[0]).sum(),  # shifted by the first entry
               lambda o: torch.exp(o - torch.special.logsumexp(o, 0)),  # PyTorch's own, another name
               lambda o: F.softmin(-o, 0),
               lambda o: torch.softmax(o, dim=0)]),  # PyTorch's own: the stability asked for is not the student's
}
