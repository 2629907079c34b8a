"""Self-check cases of chapter 3: for every check id, right answers in all their reasonable forms and
plausible wrong ones, each derived here from the exercise's own data (never read from the package).

``numbers()``/``shapes()``/``tensors()`` return ``{id: (right, wrong)}``; ``GRADIENTS``, ``ACTIVATIONS`` and
``FUNCTIONS`` map ids (or names) the same way. tests/test_selfcheck.py runs them all.
"""

from __future__ import annotations

import io  # noqa: F401
import itertools
import math

import numpy as np
import pandas as pd  # noqa: F401
import torch
import torch.nn.functional as F  # noqa: F401
from torch import nn


def forms(value, dtype=torch.float64):
    """A number as a float, a 0-d tensor, a one-element tensor and a NumPy scalar."""
    value = float(value)
    return [value, torch.tensor(value, dtype=dtype), torch.tensor([value], dtype=torch.float32),
            np.float64(value)]


# --------------------------------------------------------------------------- the data of the page

def ohm_data():
    """Exercise 3.4.2's cell, as the page runs it: d2lplus.seed(0) is torch.manual_seed(0) among others."""
    with torch.random.fork_rng():
        torch.manual_seed(0)
        current = torch.linspace(0.1, 2.0, 20)
        voltage = 4.7 * current + 0.05 * torch.randn(20)
    return current, voltage


PLANCK_NM = [350, 450, 550, 650, 800, 1000, 1200, 1500, 1800, 2200, 2600, 3000]  # the page's table
PLANCK_B = [8.71, 13.9, 15.6, 14.3, 11.8, 7.46, 5.39, 3.10, 1.61, 0.964, 0.542, 0.344]  # kW·m⁻²·sr⁻¹·nm⁻¹


def planck(lam_nm, temperature):
    h, c, k = 6.62607015e-34, 2.99792458e8, 1.380649e-23
    lam = lam_nm * 1e-9
    return 2 * h * c ** 2 / lam ** 5 / torch.expm1(h * c / (lam * k * temperature)) * 1e-12


def grid_fit(loss):
    """The minimiser of ``loss(T)`` (vectorised over T) on a 0.001 K grid around the peak of a 1 K grid."""
    coarse = torch.arange(3000.0, 9000.0, 1.0, dtype=torch.float64)
    best = coarse[loss(coarse).argmin()]
    fine = best + torch.arange(-2.0, 2.0, 0.001, dtype=torch.float64)
    return float(fine[loss(fine).argmin()])


def numbers():
    cases = {}
    x = torch.tensor([2.0, 3.0, 5.0, 7.0, 13.0], dtype=torch.float64)
    grid = torch.arange(0, 1501, dtype=torch.float64) / 100
    sq = grid[((x[None, :] - grid[:, None]) ** 2).sum(1).argmin()]
    ab = grid[(x[None, :] - grid[:, None]).abs().sum(1).argmin()]
    cases["3.1.1-squared"] = ([sq, x.mean(), float(x.mean()), x.float().mean().numpy()], [x.median(), 0.0, 13.0])
    cases["3.1.1-absolute"] = ([ab, x.median(), int(x.median()), np.float64(x.median())], [x.mean(), 7.0])

    d = 10
    linear = d
    products = len(list(itertools.combinations_with_replacement(range(d), 2)))  # x_i x_j with j <= i
    cases["3.1.3"] = ([linear + products, float(linear + products), np.int64(linear + products),
                       torch.tensor(linear + products)],
                      [products, linear + d * d, linear + products + 1, linear + math.comb(d, 2), d * d])

    gen = torch.Generator().manual_seed(0)
    D = torch.randn(100, 2, generator=gen, dtype=torch.float64)
    D = torch.cat([D, D.sum(dim=1, keepdim=True)], dim=1)
    rank = torch.linalg.matrix_rank(D.T @ D)
    cases["3.1.4"] = ([int(rank), float(rank), rank.numpy()], [D.shape[1], 1, rank])  # rank: a computed tensor

    with torch.random.fork_rng():
        torch.manual_seed(0)
        pair = nn.Sequential(nn.Linear(5, 2), nn.Linear(2, 5))
    combined = pair[1].weight @ pair[0].weight
    rank = torch.linalg.matrix_rank(combined.detach())
    nullity = combined.shape[1] - rank  # rank–nullity: the directions the pair sends to 0
    cases["3.1.6"] = ([int(nullity), float(nullity)], [rank, 0, combined.shape[1], 2 * rank, nullity])

    price, tick = 0.40, 0.01
    percent = 100 * tick / price
    cases["3.1.7"] = (forms(percent), [tick / price, tick, 100 * tick, 100 * tick / 40.0, 100 * price / tick])

    nll = -torch.distributions.Poisson(torch.tensor(2.0, dtype=torch.float64)).log_prob(
        torch.tensor(3.0, dtype=torch.float64))
    no_factorial = nll - math.lgamma(4)
    cases["3.1.8"] = (forms(nll), [no_factorial, torch.exp(-nll), round(torch.exp(-nll).item(), 3), -nll, nll / 3, 2.0])

    from d2l import torch as d2l
    board = d2l.ProgressBoard("x")
    board.display = False
    for i in range(95):
        board.draw(i, math.sin(i / 10), "sin", every_n=10)
    cases["3.2.3"] = ([len(board.data["sin"]), float(len(board.data["sin"]))], [95, 10, 9.5, 8])

    current, voltage = ohm_data()
    I64, V64 = current.double(), voltage.double()
    R = (I64 * V64).sum() / (I64 * I64).sum()  # least squares through the origin
    R_learned = torch.zeros(1, requires_grad=True)  # what the page's student does: gradient descent on R
    for _ in range(200):
        loss = ((R_learned * current - voltage) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            R_learned -= 0.1 * R_learned.grad
        R_learned.grad.zero_()
    R_short = torch.zeros((), dtype=torch.float64)
    for _ in range(15):  # stopped long before the loss stops falling
        R_short -= 0.1 * (2 * (I64 * (R_short * I64 - V64)).mean())
    A = torch.stack([I64, torch.ones_like(I64)], dim=1)
    R_intercept = torch.linalg.lstsq(A, V64.unsqueeze(1)).solution[0, 0]  # V = R I + c
    cases["3.4.2"] = ([R, R_learned, float(R), R.numpy(), R.float()],
                      [4.7, R_intercept, (V64 / I64).mean(), V64.sum() / I64.sum(), R_short, 1 / R,
                       torch.tensor(float("nan"))])

    lam = torch.tensor(PLANCK_NM, dtype=torch.float64)
    readings = torch.tensor(PLANCK_B, dtype=torch.float64)
    T_log = grid_fit(lambda T: ((planck(lam, T[:, None]).log() - readings.log()) ** 2).mean(1))
    T_raw = grid_fit(lambda T: ((planck(lam, T[:, None]) - readings) ** 2).mean(1))
    wien = 2.897771955e6 / PLANCK_NM[int(readings.argmax())]  # Wien's law from the highest reading
    T_k = torch.tensor(wien / 1000, dtype=torch.float64, requires_grad=True)  # gradient descent, as on the page
    for _ in range(300):
        loss = ((planck(lam, 1000 * T_k).log() - readings.log()) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            T_k -= 1.0 * T_k.grad
        T_k.grad.zero_()
    cases["3.4.3"] = ([T_log, 1000 * T_k, float(1000 * T_k.detach()), np.float64(T_log), torch.tensor([T_log])],
                      [T_raw, T_log / 1000, T_log - 273.15, wien, 5200.0])

    with torch.random.fork_rng():
        torch.manual_seed(0)
        Xb, yb = torch.randn(32, 2), torch.randn(32, 1)
    w, b = torch.zeros(2, 1), torch.zeros(1)

    def minibatch_loss(b):
        return ((Xb @ w + b - yb) ** 2 / 2).mean()
    h_bb = torch.autograd.functional.hessian(minibatch_loss, b)[0, 0]
    # asked "by hand": the value autograd computes is right as a number, but the tensor itself is PyTorch's
    cases["3.4.4"] = ([float(h_bb), 1, 1.0, np.float32(h_bb)],
                      [h_bb, 2 * float(h_bb), len(Xb) * float(h_bb), 1000 * float(h_bb), 0.0, float(h_bb) / 2])

    sizes = [len(chunk) for chunk in torch.arange(1000).split(32)]
    cases["3.4.7"] = ([sizes[-1], float(sizes[-1]), torch.tensor(sizes[-1])],
                      [32, len(sizes), len(sizes) - 1, 0, 32 - sizes[-1], sizes[-1] + 1])

    return cases


def shapes():
    cases = {}
    X = torch.zeros(100, 3)
    augmented = torch.cat([X, torch.ones(len(X), 1)], dim=1)
    cases["3.1.2"] = ([tuple(augmented.shape), list(augmented.shape)],
                      [augmented.shape, tuple(torch.cat([X, torch.ones(1, 3)]).shape), tuple(augmented.T.shape),
                       tuple(X.shape)])
    y_hat, y = torch.zeros(32, 1), torch.zeros(32)
    cases["3.4.5"] = ([tuple((y_hat - y).shape), list((y_hat - y).shape)],
                      [(y_hat - y).shape, tuple(y_hat.shape), tuple(y.shape), (1, 32)])
    return cases


def _huber(e, delta=1.0):
    return torch.where(e.abs() <= delta, e ** 2 / 2, delta * (e.abs() - delta / 2))


def _autograd_huber(e):
    e = e.detach().clone().requires_grad_(True)
    _huber(e).sum().backward()
    return e.grad


GRADIENTS = {
    "3.4.8": ([lambda e: e.clamp(-1, 1), lambda e: torch.where(e.abs() <= 1, e, e.sign())],
              [_autograd_huber,  # asked of autograd, not derived: the check runs it with autograd off
               lambda e: e.sign(),  # the absolute loss's derivative
               lambda e: e,  # the squared loss's derivative
               lambda e: e.clamp(-0.5, 0.5),  # the cap at the wrong height
               lambda e: torch.where(e.abs() <= 1, e, torch.zeros_like(e))]),  # outliers ignored entirely
}
