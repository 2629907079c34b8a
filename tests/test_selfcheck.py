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
from selfcheck_cases import ch02, ch03, ch04, ch05
from selfcheck_cases.ch04 import stable_softmax
from selfcheck_cases.ch05 import saved_entries_per_example

CHAPTERS = (ch02, ch03, ch04, ch05)
CHECKS = {"check_number": check_number, "check_shape": check_shape, "check_tensor": check_tensor,
          "check_gradient": check_gradient, "check_activation": check_activation}


def call(kind, key, answer):
    """Call the check ``kind`` for ``key`` the way an exercise page does."""
    if kind == "check_softmax":
        return check_softmax(answer)
    if kind == "check_cross_entropy":
        return check_cross_entropy(answer)
    return CHECKS[kind](key, answer)


# --------------------------------------------------------------------------- the cases, chapter by chapter

def _all_cases():
    """(check, id) → (right answers, wrong answers), gathered from tests/selfcheck_cases/ch0N.py."""
    table = {}
    for chapter in CHAPTERS:
        for kind, source in [("check_number", "numbers"), ("check_shape", "shapes"), ("check_tensor", "tensors")]:
            found = getattr(chapter, source, dict)()
            table.update({(kind, key): pair for key, pair in found.items()})
        for kind, source in [("check_gradient", "GRADIENTS"), ("check_activation", "ACTIVATIONS")]:
            table.update({(kind, key): pair for key, pair in getattr(chapter, source, {}).items()})
        table.update(getattr(chapter, "FUNCTIONS", {}))
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
        check_number("5.3.3", saved_entries_per_example(batch=256))  # what autograd keeps for this network
        check_number("5.3.3", 2 * 256 + 2 * 128 + 10)  # z, h and o: z is not kept
        check_number("5.3.3", saved_entries_per_example(hidden=(256,)))  # copied from 5.3's one-hidden-layer output
    verdicts = [line[0] for line in buf.getvalue().splitlines()]
    assert verdicts == ["✗", "✓", "✗", "✓", "✗", "✗"]


def test_function_checks_use_their_own_inputs():
    """A check never runs the reader's function on inputs the reader chose, and never mutates by accident."""
    seen = []

    def spy(x, alpha):
        seen.append(x.clone())
        x.zero_()  # mutating the input must not change what the next case receives
        return torch.where(seen[-1] > 0, 1.0, alpha)
    check_gradient("5.1.2", spy)
    assert len(seen) == 2 and torch.equal(seen[0], seen[1]) and (seen[0] != 0).all()


@pytest.mark.parametrize("bad, error", [(True, TypeError),
                                        (torch.tensor(1 + 2j), TypeError), ([["2"]], TypeError)])
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


@pytest.mark.parametrize("bad, error", [((2.5, 4), TypeError), ((2, -4), ValueError), ({2, 4}, TypeError)])
def test_shape_malformed(bad, error):
    with pytest.raises(error, match="^shape"):
        check_shape("2.3.8", bad)


@pytest.mark.parametrize("slip", [(2.0, 4), torch.tensor([2, 4]), np.array([2, 4])])
def test_a_shape_typed_as_floats_or_an_array_is_a_miss_with_a_hint(slip, capsys):
    """(8 / 4, 4) or np.array([2, 4]) is a slip in writing a shape down, not a bug: ✗ and a hint."""
    check_shape("2.3.8", slip)
    out = capsys.readouterr().out
    assert out.startswith("✗ Exercise 2.3.8: a shape is a tuple of whole numbers") and "(2, 7)" in out, out


@pytest.mark.parametrize("bad, error", [({1.0}, TypeError), (torch.zeros(3, dtype=torch.bool), TypeError)])
def test_tensor_malformed(bad, error):
    with pytest.raises(error, match="^tensor must"):
        check_tensor("4.1.7", bad)


def test_slips_that_are_answers_get_a_miss_and_a_hint_not_an_error(capsys):
    """None from a function that forgot to return, a row where a column is asked, a shape PyTorch computed."""
    check_number("2.3.4", None)
    assert capsys.readouterr().out.startswith("✗ Exercise 2.3.4: the value is None.")
    right = torch.tensor([[3.0], [7.0]])
    right = (right - right.mean()) / right.std(unbiased=False)
    check_tensor("5.1.6", right.reshape(-1))  # the right numbers as a row
    out = capsys.readouterr().out
    assert out.startswith("✗ Exercise 5.1.6: the tensor has shape (2,).") and "(2, 1)" in out
    check_tensor("5.1.6", right.tolist())  # the right numbers, typed as a list
    out = capsys.readouterr().out
    assert out.startswith("✗ Exercise 5.1.6: the answer is a Python list, not a tensor.") and "torch.tensor" in out
    for check, exercise in [(check_shape, "5.3.1"), (check_tensor, "5.1.6")]:
        check(exercise, None)  # a function that forgot its return
        assert capsys.readouterr().out.startswith(f"✗ Exercise {exercise}: the value is None. · 값이 None입니다. Hint:")
    check_shape("5.3.1", "(2, 3, 4)")  # the right shape, typed as text
    out = capsys.readouterr().out
    assert out.startswith("✗ Exercise 5.3.1: the shape is a string.") and "without quotes" in out, out
    check_tensor("5.1.6", str(right))  # a printed tensor pasted back
    out = capsys.readouterr().out
    assert out.startswith("✗ Exercise 5.1.6: the answer is a string, not a tensor.") and "printed text" in out, out
    check_shape("5.3.1", torch.zeros(2, 3, 4).shape)  # computed, even if it is the right shape
    out = capsys.readouterr().out
    assert out.startswith("✗ Exercise 5.3.1: a torch.Size comes from running the code.") and "(2, 3, 4)" not in out


@pytest.mark.parametrize("exercise, wrong, hint", [
    ("5.3.2", lambda b, W1, W2, x, y: W2.T @ (W2 @ torch.relu(W1 @ x + b) - y), "ReLU passes no gradient"),
    ("5.3.2", lambda b, W1, W2, x, y: (W2.T @ (W2 @ torch.relu(W1 @ x + b) - y)) * (W1 @ x + b > 0) + 0.1 * b,
     "the penalty s holds W1 and W2 only"),
    ("5.3.2", lambda b, W1, W2, x, y: (W2.T @ (W2 @ torch.relu(W1 @ x + b) - y)) * (W1 @ x > 0),
     "bias included"),
    ("2.5.6", lambda x: 2 * torch.sin(x) / x + torch.log(x ** 2) * torch.cos(x) + 1 / x ** 2, "sign of the derivative"),
    ("2.5.6", lambda x: 2 * torch.sin(x) / x + 2 * torch.log(x) * torch.cos(x) - 1 / x ** 2, "NaN at negative x"),
])
def test_gradient_slips_get_their_own_hint(exercise, wrong, hint, capsys):
    check_gradient(exercise, wrong)
    out = capsys.readouterr().out
    assert out.startswith("✗") and hint in out, out


def test_a_gradient_hint_for_one_slip_is_not_shown_for_another(capsys):
    check_gradient("2.5.6", lambda x: 2 * torch.sin(x) / x + torch.log(x ** 2) * torch.cos(x) + 1 / x ** 2)
    assert "NaN" not in capsys.readouterr().out


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


@pytest.mark.parametrize("value", [float("nan"), math.inf, -math.inf, torch.tensor(float("nan")),
                                   np.float32("nan"), torch.tensor([float("inf")])])
def test_nan_or_infinity_is_a_miss_with_a_hint_not_a_traceback(value, capsys):
    """A computation that diverged is an answer that went wrong, not malformed input."""
    assert check_number("2.3.4", value) is None
    out = capsys.readouterr().out
    assert out.startswith("✗") and "NaN" in out and "Hint:" in out and "힌트:" in out, out
    assert check_tensor("4.1.7", torch.full((3,), float(value) if not isinstance(value, torch.Tensor)
                                            else value.item())) is None
    assert capsys.readouterr().out.startswith("✗")


def test_a_known_trap_gets_its_own_hint(monkeypatch, capsys):
    """An answer that falls into a trap the key names gets that trap's hint, and still never the answer."""
    from d2lplus.answers import Answer, Trap

    key = {"9.9.1": Answer(2.5, "general hint", "일반 힌트", traps=(Trap(4.7, "the printed constant", "상수"),)),
           "9.9.2": Answer((2, 3), "general hint", "일반 힌트", traps=(Trap((3, 2), "transposed", "전치"),))}
    monkeypatch.setitem(selfcheck._KINDS, "check_number", {**selfcheck._NUMBERS, "9.9.1": key["9.9.1"]})
    monkeypatch.setitem(selfcheck._KINDS, "check_shape", {**selfcheck._SHAPES, "9.9.2": key["9.9.2"]})
    for call_, answer, hint in [(check_number, 4.7, "the printed constant"), (check_number, 1.0, "general hint"),
                                (check_shape, (3, 2), "transposed"), (check_shape, (2, 2), "general hint")]:
        call_(call_ is check_number and "9.9.1" or "9.9.2", answer)
        out = capsys.readouterr().out
        assert out.startswith("✗") and f"Hint: {hint}" in out, out
    check_number("9.9.1", 2.5)
    assert capsys.readouterr().out.startswith("✓")


def test_a_number_where_a_shape_belongs_gets_a_cross_and_a_hint_not_a_traceback(capsys):
    check_shape("3.4.5", 32)  # meant (32,)
    out = capsys.readouterr().out
    assert out.startswith("✗ Exercise 3.4.5") and "tuple" in out and "(32,)" in out


def test_a_derivative_asked_of_autograd_is_not_a_derived_one(capsys):
    """Where the exercise asks for a derivative worked out by hand, the check runs it with autograd off."""
    def asks_autograd(x, alpha):
        x = x.detach().clone().requires_grad_(True)
        torch.where(x > 0, x, alpha * x).sum().backward()
        return x.grad
    check_gradient("5.1.2", asks_autograd)
    out = capsys.readouterr().out
    assert out.startswith("✗") and "autograd switched off" in out, out


@pytest.mark.parametrize("route", ["torch.func.grad", "autograd.functional.jacobian", "enable_grad"])
def test_a_derivative_asked_of_autograd_through_a_side_door_is_caught_too(route, capsys):
    """``torch.func`` and ``enable_grad`` ignore the check's ``no_grad``: the run is watched for them."""
    def swish(z, beta):
        return (z * torch.sigmoid(beta * z)).sum()

    def side_door(x, beta):
        if route == "torch.func.grad":
            return torch.func.grad(swish)(x, beta)
        if route == "autograd.functional.jacobian":
            return torch.autograd.functional.jacobian(lambda z: swish(z, beta), x)
        with torch.enable_grad():
            z = x.detach().clone().requires_grad_(True)
            return torch.autograd.grad(swish(z, beta), z)[0]
    x = torch.linspace(-2, 2, 5)
    assert torch.allclose(side_door(x, 2.0), torch.func.grad(swish)(x, 2.0))  # it does compute the derivative
    check_gradient("5.1.3", side_door)
    out = capsys.readouterr().out
    assert out.startswith("✗") and "autograd switched off" in out, out
    check_gradient("5.1.3", lambda x, beta: torch.sigmoid(beta * x) * (1 + beta * x * (1 - torch.sigmoid(beta * x))))
    assert capsys.readouterr().out.startswith("✓")  # the derived formula, with the same watch, passes


def test_a_tensor_where_a_prediction_is_asked_is_a_miss_with_its_own_hint(capsys):
    ones = torch.ones(2, 3, 4)
    check_number("2.3.9", torch.linalg.norm(ones))  # the right value, but computed by PyTorch
    out = capsys.readouterr().out
    assert out.startswith("✗ Exercise 2.3.9: a tensor comes from running the code.") and "predicted" in out, out
    check_number("2.3.9", math.sqrt(ones.numel()))
    assert capsys.readouterr().out.startswith("✓")


def test_near_misses_get_the_hint_that_fits_them(capsys):
    """A whole vector where one entry is asked, or an answer rounded too far, is told so, not sent to a mean."""
    scores = torch.tensor([1.0, 0.5, 0.0])  # hypothetical, not the exercise's: only the hint's kind is asserted
    check_number("4.1.4", torch.softmax(scores, 0))
    out = capsys.readouterr().out
    assert out.startswith("✗ Exercise 4.1.4: the value holds 3 numbers.") and "mean or a sum" not in out, out
    check_number("4.1.5", round(math.log(2), 2))
    assert "rounded or cut off too far" in capsys.readouterr().out
    check_number("4.1.5", math.floor(100 * math.log(2)) / 100)  # cut off, not rounded
    assert "rounded or cut off too far" in capsys.readouterr().out
    check_number("4.1.5", 0.5)  # not a rounding of the answer: the exercise's own hint
    assert "too far" not in capsys.readouterr().out


def test_a_gradient_that_is_not_a_tensor_gets_a_hint_about_what_to_return(capsys):
    check_gradient("3.4.8", lambda e: None)  # the return forgotten
    assert "forget to return" in capsys.readouterr().out
    check_gradient("3.4.8", lambda e: np.clip(e.numpy(), -1, 1))  # right values, in an array
    assert "torch.as_tensor" in capsys.readouterr().out
    check_gradient("3.4.8", lambda e: e.clamp(-1, 1)[:3])  # the wrong shape, said in both languages
    out = capsys.readouterr().out
    shape = re.search(r"returned shape (\(\d+,\)) instead of (\(\d+,\))", out)
    assert shape and f"모양 {shape[1]}을 돌려줌({shape[2]}이어야 함)" in out, out


def test_a_number_typed_as_text_is_a_miss_with_a_hint(capsys):
    check_number("2.3.4", "2")  # a printed value pasted back
    out = capsys.readouterr().out
    assert out.startswith("✗ Exercise 2.3.4: the value is a string.") and "float(...)" in out, out


def test_a_tensor_rounded_too_far_is_told_so(capsys):
    """4.1.7: Q = P^(1/2) normalised, written to three decimals, is a near miss, not a wrong method."""
    P = torch.tensor([0.5, 0.3, 0.2], dtype=torch.float64)
    Q = P.sqrt() / P.sqrt().sum()
    check_tensor("4.1.7", torch.round(Q, decimals=3))
    assert "rounded too far" in capsys.readouterr().out
    check_tensor("4.1.7", Q)
    assert capsys.readouterr().out.startswith("✓")


def test_integer_labels_where_the_check_passes_a_label_matrix_are_told_so(capsys):
    def section_4_4(y_hat, y):  # the section's one-liner indexes with integer labels
        return -torch.log(y_hat[range(len(y_hat)), y]).mean()
    check_cross_entropy(section_4_4)
    out = capsys.readouterr().out
    assert out.startswith("✗ cross_entropy") and "F.one_hot(y, num_classes)" in out, out


def test_pytorchs_own_loss_is_named_even_when_it_fails_on_the_test_input(capsys):
    check_cross_entropy(lambda y_hat, y: F.nll_loss(torch.log(y_hat), y))  # raises on a label matrix
    out = capsys.readouterr().out
    assert out.startswith("✗ cross_entropy") and "from its definition" in out, out


def test_picking_the_largest_label_passes_one_hot_rows_but_not_soft_ones(capsys):
    def picking(y_hat, Y):
        return -torch.log(y_hat[range(len(y_hat)), Y.argmax(dim=1)]).mean()
    check_cross_entropy(picking)
    out = capsys.readouterr().out
    assert out.startswith("✗ cross_entropy: on labels smoothed") and "Y.argmax" in out, out


def test_pytorchs_own_softmax_does_not_pass_the_exercise_that_asks_for_one(capsys):
    check_softmax(lambda X: torch.nn.functional.softmax(X, dim=1))
    out = capsys.readouterr().out
    assert out.startswith("✗ softmax") and "from its definition" in out, out


def test_an_exercise_with_a_known_cause_of_nan_names_it(capsys):
    check_number("3.4.3", float("nan"))  # Planck's law fitted in the wrong units overflows
    out = capsys.readouterr().out
    assert out.startswith("✗ Exercise 3.4.3: your code produced NaN") and "unit" in out and "float64" in out, out
    check_number("2.3.4", float("nan"))  # elsewhere, the general hint
    assert "division by zero" in capsys.readouterr().out


def test_many_numbers_for_one_is_a_miss_with_a_hint(capsys):
    """A column of fractions, or a loss per example (the mean forgotten), is a slip: ✗ and a hint, no traceback."""
    import pandas as pd

    table = pd.DataFrame({"a": [1.0, None, 3.0], "b": [None, None, 6.0]})
    check_number("2.2.1", table.isna().mean())  # one fraction per column
    out = capsys.readouterr().out
    assert out.startswith("✗ Exercise 2.2.1: the value holds 2 numbers.") and "mean or a sum" in out
    check_number("2.1.3", torch.ones(5))
    assert capsys.readouterr().out.startswith("✗ Exercise 2.1.3: the value holds 5 numbers.")
    check_number("2.3.4", np.array([[1.0, 2.0]]))
    assert capsys.readouterr().out.startswith("✗ Exercise 2.3.4: the value holds 2 numbers.")
    cells = table.isna().to_numpy()
    check_number("2.2.1", pd.Series([cells.sum() / cells.size]))  # the right number, in a one-element Series
    assert capsys.readouterr().out.startswith("✗")  # this table is not the exercise's: 3/6 is not its answer
