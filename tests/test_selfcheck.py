"""The exercise self-checks: right answers pass, plausible wrong ones get a hint (never the answer), bad input raises.

Every expected value below is derived here, from the exercise's own data with torch,
pandas or arithmetic — never read from the package's answer key — so a wrong key fails
these tests. ``CASES`` holds, for every check id the package knows, right answers and
plausible wrong ones (a forgotten bias, a transposed shape, an off-by-one, a sign error).
"""

import io
import math
import re

import numpy as np
import pandas as pd
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from d2lplus import selfcheck
from d2lplus.selfcheck import (
    check_activation,
    check_cross_entropy,
    check_gradient,
    check_number,
    check_shape,
    check_softmax,
    check_tensor,
    exercises,
)

CHECKS = {"check_number": check_number, "check_shape": check_shape, "check_tensor": check_tensor,
          "check_gradient": check_gradient, "check_activation": check_activation}


def call(kind, key, answer):
    """Call the check ``kind`` for ``key`` the way an exercise page does."""
    if kind == "check_softmax":
        return check_softmax(answer)
    if kind == "check_cross_entropy":
        return check_cross_entropy(answer)
    return CHECKS[kind](key, answer)


# --------------------------------------------------------------------------- numbers, derived here

def _numbers():
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

    layer = nn.Linear(784, 256)
    cases["discussion-4.1.4"] = ([layer.weight.numel()],
                                 [sum(p.numel() for p in layer.parameters()), 784 + 256])  # + bias; a sum

    cases["4.1.3"] = ([next(k for k in range(1, 10) if 3 ** k >= 8)],
                      [next(k for k in range(1, 10) if 2 ** k >= 8), 1])  # bits, not trits

    b_grid = torch.arange(-500, 501, dtype=torch.float64) / 100
    gaps = torch.logaddexp(torch.zeros_like(b_grid), b_grid) - torch.clamp(b_grid, min=0)
    cases["4.1.5"] = ([gaps.max(), gaps.max().item()], [gaps.max() / math.log(2), gaps[600]])  # log2; a - b = 1

    cases["4.2.1"] = ([len(torch.arange(60000).split(256))], [60000 // 256, 256])
    last = torch.arange(10000).split(256)
    cases["4.3.1"] = ([len(last[-1])], [256, len(last), len(last[-1]) - 1])

    p = torch.tensor([0.5, 0.3, 0.2])
    cost_matrix = 1 - torch.eye(3)
    cost_matrix[2, 0] = 10.0
    cases["4.3.3"] = ([(p @ cost_matrix).argmin(), int((p @ cost_matrix).argmin())],
                      [p.argmax(), (p @ cost_matrix).argmax()])

    def count(*layers):
        return sum(q.numel() for q in nn.Sequential(*layers).parameters())
    full = count(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    cases["5.2.1"] = ([full, float(full)],
                      [count(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10, bias=False)),  # 203,520
                       count(nn.Linear(784, 256, bias=False), nn.ReLU(), nn.Linear(256, 10, bias=False)),
                       full + 0.4])
    tiny = count(nn.Linear(784, 1), nn.ReLU(), nn.Linear(1, 10))
    cases["5.2.3"] = ([tiny], [count(nn.Linear(784, 1), nn.ReLU(), nn.Linear(1, 10, bias=False)), tiny - 1])

    cases["5.3.3"] = ([_saved_entries_per_example()], [2 * 256 + 10, 784 + 256 + 10, 784 + 2 * 256 + 10 + 1])
    return cases


def _saved_entries_per_example(batch=64):
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


# --------------------------------------------------------------------------- shapes and tensors

def _shapes():
    a, b = torch.ones(2, 1, 4), torch.ones(1, 3, 1)
    X = torch.arange(24.0).reshape(2, 3, 4)
    G = torch.randn(3, 4, requires_grad=True)
    (G ** 2).sum().backward()
    return {
        "2.1.2": ([(a + b).shape, list((a + b).shape)], [a.shape, tuple(reversed((a + b).shape))]),
        "2.3.8": ([X.sum(axis=1).shape], [X.sum(axis=1, keepdim=True).shape, X.sum(axis=0).shape]),
        "5.3.1": ([G.grad.shape], [G.T.shape, (G.numel(),)]),  # transposed; flattened
    }


def _tensors():
    o = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
    H = torch.autograd.functional.hessian(lambda o: F.cross_entropy(o[None, :], torch.tensor([0])), o)
    p = torch.softmax(o, 0)
    return {"4.1.1": ([H, H.float(), H.numpy()], [torch.diag(p), -H, torch.outer(p, p)])}


# --------------------------------------------------------------------------- functions, right and wrong

def autograd_derivative_of_sin(x):
    x = x.detach().clone().requires_grad_(True)
    torch.sin(x).sum().backward()
    return x.grad


def stable_softmax_1d(o):
    e = torch.exp(o - o.max())
    return e / e.sum()


def dJ_db(b, W1, W2, x, y):
    z = W1 @ x + b
    o = W2 @ torch.relu(z)
    return (W2.T @ (o - y)) * (z > 0).to(z.dtype)


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
    "4.1.6": ([stable_softmax_1d, lambda o: torch.softmax(o, dim=0)],
              [lambda o: torch.exp(o) / torch.exp(o).sum(),  # overflows near 1000
               lambda o: torch.exp(o - o.max()),  # not normalised
               lambda o: torch.softmax(o, dim=0) - 1 / len(o)]),
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

ACTIVATIONS = {
    "relu": ([lambda x: torch.maximum(x, torch.zeros_like(x)), torch.relu], [torch.abs, lambda x: torch.relu(-x)]),
    "prelu": ([lambda x, a: torch.clamp(x, min=0) + a * torch.clamp(x, max=0)],
              [lambda x, a: torch.where(x > 0, x, 0.1 * x), lambda x, a: torch.where(x > 0, x, -a * x)]),
    "sigmoid": ([lambda x: 1 / (1 + torch.exp(-x))], [lambda x: 1 / (1 + torch.exp(x))]),
    "tanh": ([lambda x: (1 - torch.exp(-2 * x)) / (1 + torch.exp(-2 * x))], [lambda x: torch.sigmoid(2 * x)]),
    "gelu": ([lambda x: F.gelu(x, approximate="tanh"), F.gelu], [lambda x: x * torch.sigmoid(x)]),
    "swish": ([lambda x, b: x * torch.sigmoid(b * x)], [lambda x, b: x * torch.sigmoid(x)]),
}


def stable_softmax(X):
    E = torch.exp(X - X.max(dim=1, keepdim=True).values)
    return E / E.sum(dim=1, keepdim=True)


def picking_cross_entropy(y_hat, y):
    return -torch.log(y_hat[torch.arange(len(y)), y]).mean()


FUNCTIONS = {
    ("check_softmax", "softmax"): ([stable_softmax, lambda X: torch.softmax(X, dim=1)],
                                   [lambda X: torch.exp(X) / torch.exp(X).sum(1, keepdim=True),  # naive
                                    lambda X: torch.softmax(X, dim=0),  # by columns
                                    lambda X: torch.exp(X) / torch.exp(X).sum()]),  # whole tensor
    ("check_cross_entropy", "cross_entropy"): (
        [picking_cross_entropy, lambda y_hat, y: F.nll_loss(torch.log(y_hat), y)],
        [lambda y_hat, y: -(F.one_hot(y, y_hat.shape[1]) * torch.log(y_hat)).sum(dim=1).mean(),  # 0 · log 0
         lambda y_hat, y: -torch.log(y_hat[torch.arange(len(y)), y]),  # no mean
         lambda y_hat, y: torch.log(y_hat[torch.arange(len(y)), y]).mean()]),  # sign
}


def _all_cases():
    table = {}
    for kind, cases in [("check_number", _numbers()), ("check_shape", _shapes()), ("check_tensor", _tensors()),
                        ("check_gradient", GRADIENTS), ("check_activation", ACTIVATIONS)]:
        for key, (right, wrong) in cases.items():
            table[(kind, key)] = (right, wrong)
    table.update(FUNCTIONS)
    return table


CASES = _all_cases()
KNOWN = sorted((kind, key) for kind, keys in exercises().items() for key in keys)


# --------------------------------------------------------------------------- the tests

def test_every_check_id_has_a_right_and_a_wrong_answer_test():
    assert KNOWN, "exercises() lists no check ids"
    missing_right = [k for k in KNOWN if k not in CASES or not CASES[k][0]]
    missing_wrong = [k for k in KNOWN if k not in CASES or not CASES[k][1]]
    assert not missing_right and not missing_wrong, (missing_right, missing_wrong)
    assert not set(CASES) - set(KNOWN), "tests for ids the package does not know"
    assert set(exercises()) == {"check_number", "check_shape", "check_tensor", "check_gradient",
                                "check_activation", "check_softmax", "check_cross_entropy"}


@pytest.mark.parametrize("kind, key", KNOWN)
def test_right_answers_pass(kind, key, capsys):
    for answer in CASES[(kind, key)][0]:
        assert call(kind, key, answer) is None  # nothing to echo under the line
        out = capsys.readouterr().out
        assert out.count("\n") == 1 and out.startswith("✓"), (answer, out)


@pytest.mark.parametrize("kind, key", KNOWN)
def test_wrong_answers_fail_with_a_hint_not_the_answer(kind, key, capsys):
    right = CASES[(kind, key)][0][0]
    for answer in CASES[(kind, key)][1]:
        assert call(kind, key, answer) is None
        out = capsys.readouterr().out
        assert out.count("\n") == 1 and out.startswith("✗") and "Hint:" in out and "힌트:" in out, (answer, out)
        if kind == "check_number":  # the expected number never shows
            message = out.replace(f"Exercise {key}", "")
            printed = {float(t) for t in re.findall(r"-?\d+\.?\d*", message)}
            assert not any(math.isclose(v, float(right), rel_tol=1e-3) for v in printed), message
        if kind == "check_shape":
            assert str(tuple(right)) not in out


@pytest.mark.parametrize("kind, key", KNOWN)
def test_ellipsis_means_not_answered_yet(kind, key, capsys):
    assert call(kind, key, ...) is None
    assert capsys.readouterr().out == (f"· {key}: not answered yet — replace ... with your answer "
                                       f"· 아직 답하지 않았습니다\n")


def test_review_cases():
    """The cases the November review found: each now gets the verdict it deserves."""
    buf = io.StringIO()
    import contextlib
    with contextlib.redirect_stdout(buf):
        check_number("5.2.1", 203520)  # output bias forgotten: passed under rel_tol 1e-3
        check_gradient("5.1.2", lambda x, a: torch.where(x >= 0, 1.0, a))  # clamp convention at 0
        check_gradient("5.1.2", lambda x, a: torch.where(x > 0, 1.0, 0.5 + 0 * x))  # wrong everywhere x < 0
        check_number("5.3.3", _saved_entries_per_example(batch=256))  # what 5.3 measures autograd keeping
        check_number("5.3.3", 2 * 256 + 10)  # z, h and o: z is not kept
    verdicts = [line[0] for line in buf.getvalue().splitlines()]
    assert verdicts == ["✗", "✓", "✗", "✓", "✗"]


def test_function_checks_use_their_own_inputs():
    """A check never runs the reader's function on inputs the reader chose, and never mutates by accident."""
    seen = []

    def spy(x, alpha):
        seen.append(x.clone())
        x.zero_()  # mutating the input must not change what the next case receives
        return torch.where(seen[-1] > 0, 1.0, alpha)
    check_gradient("5.1.2", spy)
    assert len(seen) == 2 and torch.equal(seen[0], seen[1]) and (seen[0] != 0).all()


@pytest.mark.parametrize("bad, error", [("2", TypeError), (True, TypeError), (None, TypeError),
                                        (float("nan"), ValueError), (math.inf, ValueError),
                                        (torch.tensor([1.0, 2.0]), ValueError),
                                        (torch.tensor(float("nan")), ValueError),
                                        (np.array([[1.0, 2.0]]), ValueError),
                                        (torch.tensor(1 + 2j), TypeError)])
def test_number_malformed(bad, error):
    with pytest.raises(error, match="^value must be"):
        check_number("2.3.4", bad)


def test_unknown_or_mistyped_exercise_ids_name_the_parameter():
    with pytest.raises(ValueError, match="^exercise must be one of"):
        check_number("9.9.9", 1)
    with pytest.raises(ValueError, match="^exercise must be one of"):
        check_number("9.9.9", ...)  # the id is validated even before an answer exists
    with pytest.raises(TypeError, match="^exercise must be"):
        check_number(234, 1)
    with pytest.raises(ValueError, match="^exercise"):
        check_shape("2.3.4", (2,))  # a check_number id, not a shape one
    with pytest.raises(ValueError, match="^exercise"):
        check_tensor("2.3.4", torch.zeros(1))
    with pytest.raises(ValueError, match="^exercise must be one of the ids check_gradient knows"):
        check_gradient("5.2.1", lambda x: x)
    with pytest.raises(ValueError, match="^name must be one of"):
        check_activation("softplus", ...)


@pytest.mark.parametrize("bad, error", [("2, 4", TypeError), (torch.tensor([2, 4]), TypeError),
                                        ((2.0, 4), TypeError), ((2, -4), ValueError), (None, TypeError)])
def test_shape_malformed(bad, error):
    with pytest.raises(error, match="^shape"):
        check_shape("2.3.8", bad)


@pytest.mark.parametrize("bad, error", [([[1.0]], TypeError), (torch.zeros(3, 3, dtype=torch.bool), TypeError),
                                        (torch.zeros(2, 3), ValueError), (torch.zeros(3), ValueError),
                                        (torch.full((3, 3), float("nan")), ValueError)])
def test_tensor_malformed(bad, error):
    with pytest.raises(error, match="^tensor must"):
        check_tensor("4.1.1", bad)


@pytest.mark.parametrize("check, args, name", [
    (check_softmax, ("softmax",), "softmax"),
    (check_cross_entropy, (None,), "cross_entropy"),
    (check_activation, ("relu", "torch.relu"), "function"),
    (check_gradient, ("2.4.4", torch.zeros(3)), "grad"),
])
def test_function_checks_refuse_what_is_not_a_function(check, args, name):
    with pytest.raises(TypeError, match=f"^{name} must be a function"):
        check(*args)


def test_a_function_that_misbehaves_is_a_miss_not_a_crash(capsys):
    for answer, word in [(lambda X: stable_softmax(X)[0], "shape"), (lambda X: X.tolist(), "not a tensor"),
                         (lambda X: 1 / 0, "ZeroDivisionError"), (lambda X: X > 0, "real numbers")]:
        assert check_softmax(answer) is None
        out = capsys.readouterr().out
        assert out.startswith("✗") and word in out, out
    assert check_activation("relu", lambda x: torch.full_like(x, float("nan"))) is None
    assert "NaN" in capsys.readouterr().out
    assert check_gradient("2.4.4", lambda x: x.numpy()) is None
    assert "not a tensor" in capsys.readouterr().out


def test_answers_do_not_show_when_printed():
    assert "0.25" not in repr(selfcheck._NUMBERS) and "422" not in repr(selfcheck._NUMBERS)
    assert "(2, 3, 4)" not in repr(selfcheck._SHAPES)
    assert "tensor" not in repr(selfcheck._GRADIENTS)
