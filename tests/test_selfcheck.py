"""The exercise self-checks: right answers pass, wrong ones get a hint (never the answer), bad input raises."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

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

RIGHT_NUMBERS = {
    "2.1.3": 0.25, "2.2.1": 5 / 12, "2.2.3": 800, "2.3.4": 2, "2.3.10": 422.4, "2.4.6": 4.0,
    "3.1.1-squared": 6.0, "3.1.1-absolute": 5.0, "3.1.4": 2, "3.2.3": 10, "3.4.2": 4.71, "3.4.7": 8,
    "discussion-4.1.4": 200704, "4.1.3": 2, "4.1.5": math.log(2), "4.2.1": 235, "4.3.1": 16,
    "4.3.3": 1, "5.2.1": 203530, "5.2.3": 805, "5.3.3": 522,
}
RIGHT_SHAPES = {"2.1.2": (2, 3, 4), "2.3.8": (2, 4), "5.3.1": (3, 4)}


def _hessian():
    p = torch.softmax(torch.tensor([1.0, 2.0, 3.0]), 0)
    return torch.diag(p) - torch.outer(p, p)


def stable_softmax(X):
    E = torch.exp(X - X.max(dim=1, keepdim=True).values)
    return E / E.sum(dim=1, keepdim=True)


def naive_softmax(X):
    E = torch.exp(X)
    return E / E.sum(dim=1, keepdim=True)


def picking_cross_entropy(y_hat, y):
    return -torch.log(y_hat[torch.arange(len(y)), y]).mean()


def one_hot_cross_entropy(y_hat, y):
    return -(F.one_hot(y, y_hat.shape[1]) * torch.log(y_hat)).sum(dim=1).mean()


GOOD_ACTIVATIONS = {
    "relu": lambda x: torch.maximum(x, torch.zeros_like(x)),
    "prelu": lambda x, a: torch.clamp(x, min=0) + a * torch.clamp(x, max=0),
    "sigmoid": lambda x: 1 / (1 + torch.exp(-x)),
    "tanh": lambda x: (1 - torch.exp(-2 * x)) / (1 + torch.exp(-2 * x)),
    "gelu": lambda x: F.gelu(x, approximate="tanh"),
    "swish": lambda x, b: x * torch.sigmoid(b * x),
}
BAD_ACTIVATIONS = {
    "relu": lambda x: torch.abs(x),
    "prelu": lambda x, a: torch.where(x > 0, x, 0.1 * x),  # ignores alpha
    "sigmoid": lambda x: 1 / (1 + torch.exp(x)),
    "tanh": lambda x: torch.sigmoid(2 * x),
    "gelu": lambda x: x * torch.sigmoid(x),
    "swish": lambda x, b: x * torch.sigmoid(x),  # ignores beta
}


def _printed_numbers(text):
    return {float(t) for t in __import__("re").findall(r"-?\d+\.?\d*", text)}


def test_every_listed_exercise_is_tested():
    ids = exercises()
    assert sorted(ids["check_number"]) == sorted(RIGHT_NUMBERS)
    assert sorted(ids["check_shape"]) == sorted(RIGHT_SHAPES)
    assert ids["check_tensor"] == ["4.1.1"]


@pytest.mark.parametrize("exercise", sorted(RIGHT_NUMBERS))
def test_number_right_wrong(exercise, capsys):
    right = RIGHT_NUMBERS[exercise]
    assert check_number(exercise, right) is True
    assert check_number(exercise, torch.tensor([float(right)])) is True  # a one-element tensor is fine
    out = capsys.readouterr().out
    assert out.startswith("✓") and "Hint" not in out
    wrong = right * 1.5 + 1
    assert check_number(exercise, wrong) is False
    out = capsys.readouterr().out
    assert out.startswith("✗") and "Hint:" in out and "힌트:" in out
    expected = float(selfcheck._NUMBERS[exercise].value)
    message = out.replace(f"Exercise {exercise}", "")  # the id itself holds digits
    assert not any(math.isclose(v, expected, rel_tol=1e-3) for v in _printed_numbers(message)), message


@pytest.mark.parametrize("exercise", sorted(RIGHT_SHAPES))
def test_shape_right_wrong(exercise, capsys):
    right = RIGHT_SHAPES[exercise]
    assert check_shape(exercise, torch.Size(right)) is True
    assert check_shape(exercise, list(right)) is True
    assert check_shape(exercise, right + (1,)) is False
    out = capsys.readouterr().out.splitlines()[-1]
    assert out.startswith("✗") and "Hint:" in out and str(right) not in out


def test_tensor_right_wrong(capsys):
    assert check_tensor("4.1.1", _hessian()) is True
    assert check_tensor("4.1.1", _hessian().numpy()) is True
    assert check_tensor("4.1.1", torch.diag(torch.softmax(torch.tensor([1.0, 2, 3]), 0))) is False
    out = capsys.readouterr().out.splitlines()[-1]
    assert out.startswith("✗") and "Hint:" in out
    assert f"{_hessian()[0, 0].item():.3f}" not in out


@pytest.mark.parametrize("bad, error", [("2", TypeError), (True, TypeError), (None, TypeError),
                                        (float("nan"), ValueError), (math.inf, ValueError),
                                        (torch.tensor([1.0, 2.0]), ValueError),
                                        (torch.tensor(float("nan")), ValueError),
                                        (np.array([[1.0, 2.0]]), ValueError)])
def test_number_malformed(bad, error):
    with pytest.raises(error, match="value"):
        check_number("2.3.4", bad)


def test_unknown_or_mistyped_exercise_ids_name_the_parameter():
    with pytest.raises(ValueError, match="exercise must be one of"):
        check_number("9.9.9", 1)
    with pytest.raises(TypeError, match="exercise"):
        check_number(234, 1)
    with pytest.raises(ValueError, match="exercise"):
        check_shape("2.3.4", (2,))  # a check_number id, not a shape one
    with pytest.raises(ValueError, match="exercise"):
        check_tensor("2.3.4", torch.zeros(1))


@pytest.mark.parametrize("bad, error", [("2, 4", TypeError), (torch.tensor([2, 4]), TypeError),
                                        ((2.0, 4), TypeError), ((2, -4), ValueError), (None, TypeError)])
def test_shape_malformed(bad, error):
    with pytest.raises(error, match="shape"):
        check_shape("2.3.8", bad)


@pytest.mark.parametrize("bad, error", [([[1.0]], TypeError), (torch.zeros(3, 3, dtype=torch.bool), TypeError),
                                        (torch.zeros(2, 3), ValueError), (torch.zeros(3), ValueError),
                                        (torch.full((3, 3), float("nan")), ValueError)])
def test_tensor_malformed(bad, error):
    with pytest.raises(error, match="tensor"):
        check_tensor("4.1.1", bad)


def test_softmax(capsys):
    assert check_softmax(stable_softmax) is True
    assert check_softmax(naive_softmax) is False
    out = capsys.readouterr().out.splitlines()[-1]
    assert out.startswith("✗") and "maximum" in out and "100" in out
    assert check_softmax(lambda X: torch.exp(X) / torch.exp(X).sum()) is False  # whole-tensor sum
    assert "Hint:" in capsys.readouterr().out
    assert check_softmax(lambda X: stable_softmax(X)[0]) is False  # wrong shape is a miss, not a crash
    assert "shape" in capsys.readouterr().out
    assert check_softmax(lambda X: X.tolist()) is False
    assert "not a tensor" in capsys.readouterr().out
    assert check_softmax(lambda X: 1 / 0) is False  # the reader's error is reported
    assert "ZeroDivisionError" in capsys.readouterr().out


def test_cross_entropy(capsys):
    assert check_cross_entropy(picking_cross_entropy) is True
    assert check_cross_entropy(one_hot_cross_entropy) is False  # 0 · log 0 = NaN
    out = capsys.readouterr().out.splitlines()[-1]
    assert out.startswith("✗") and "log 0" in out
    assert check_cross_entropy(lambda y_hat, y: -torch.log(y_hat[torch.arange(len(y)), y])) is False
    out = capsys.readouterr().out
    assert "shape" in out and "Hint:" in out
    assert "1.4979" not in out and "0.8" not in out


@pytest.mark.parametrize("name", sorted(GOOD_ACTIVATIONS))
def test_activation_right_wrong(name, capsys):
    assert check_activation(name, GOOD_ACTIVATIONS[name]) is True
    assert capsys.readouterr().out.startswith("✓")
    assert check_activation(name, BAD_ACTIVATIONS[name]) is False
    out = capsys.readouterr().out
    assert out.startswith("✗") and "Hint:" in out and "힌트:" in out


def test_activation_malformed(capsys):
    with pytest.raises(ValueError, match="name must be one of"):
        check_activation("softplus", torch.relu)
    with pytest.raises(TypeError, match="function"):
        check_activation("relu", "torch.relu")
    assert check_activation("relu", lambda x: torch.relu(x)[:5]) is False  # wrong shape: a miss
    assert "shape" in capsys.readouterr().out
    assert check_activation("relu", lambda x: torch.full_like(x, float("nan"))) is False
    assert "NaN" in capsys.readouterr().out


def test_gradient_right_wrong(capsys):
    x = torch.tensor([0.5, 1.0, 2.0])
    assert check_gradient(lambda x: (x ** x).sum(), lambda x: x ** x * (torch.log(x) + 1), x) is True
    assert capsys.readouterr().out.startswith("✓")
    assert check_gradient(lambda x: (x ** x).sum(), lambda x: x ** x * torch.log(x), x) is False
    out = capsys.readouterr().out
    assert out.startswith("✗") and "3 of 3 entries" in out and "Hint:" in out
    assert check_gradient(lambda x: (x ** 2).sum(), lambda x: (2 * x)[:2], x) is False
    assert "shape" in capsys.readouterr().out


@pytest.mark.parametrize("kwargs, error, word", [
    (dict(f="x**2"), TypeError, "f"),
    (dict(grad=None), TypeError, "grad"),
    (dict(x=[1.0, 2.0]), TypeError, "x"),
    (dict(x=torch.tensor([1, 2])), TypeError, "x"),
    (dict(x=torch.zeros(0)), ValueError, "x"),
    (dict(x=torch.tensor([1.0, float("nan")])), ValueError, "x"),
    (dict(f=lambda x: x ** 2), ValueError, "f must return a scalar"),
    (dict(f=lambda x: torch.sqrt(x).sum(), x=torch.tensor([0.0, 1.0])), ValueError, "differentiable"),
])
def test_gradient_malformed(kwargs, error, word):
    args = dict(f=lambda x: (x ** 2).sum(), grad=lambda x: 2 * x, x=torch.tensor([1.0, 2.0]))
    args.update(kwargs)
    with pytest.raises(error, match=word):
        check_gradient(**args)


def test_answers_do_not_show_when_printed():
    assert "0.25" not in repr(selfcheck._NUMBERS) and "422" not in repr(selfcheck._NUMBERS)
    assert "(2, 3, 4)" not in repr(selfcheck._SHAPES)
