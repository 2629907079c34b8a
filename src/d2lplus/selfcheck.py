"""Self-checks for the exercise pages: call one with your answer, read ✓ or a hint.

Every check prints one line, bilingual, and returns ``None`` (so nothing more
is echoed under the line in a notebook)::

    ✓ Exercise 2.3.4: correct · 정답입니다.
    ✗ Exercise 2.3.4: not yet · 아직 아닙니다. Hint: … · 힌트: …

A wrong answer gets a hint of what to look at, never the expected answer.

Not answered yet: pass the Python Ellipsis ``...`` as the answer (the student
edition of each exercise page does) and the check prints ::

    · 2.1.2: not answered yet — replace ... with your answer · 아직 답하지 않았습니다

and returns ``None`` without raising. The exercise id (or function name) is
still validated, so a typo there is reported at once.

Input that cannot be an answer at all (wrong type, wrong shape, an unknown
exercise id) raises ``TypeError`` or ``ValueError`` whose message starts with
the parameter's name and says what is allowed. NaN or infinity, and a function
of yours that raises, are answers that went wrong: they get ✗ and a hint.

Checks of an answer to a numbered exercise:

- ``check_number(exercise, value)``: a number (or one-element tensor); answers
  that are whole numbers (counts, sizes, classes) must match exactly;
- ``check_shape(exercise, shape)``: a shape such as ``X.sum(axis=1).shape``;
- ``check_tensor(exercise, tensor)``: a tensor.

Checks of a function you wrote. Each compares your function with a reference
that this package owns, chosen by the name or exercise id you pass, on test
inputs the check chooses (away from kinks and singular points) — never with
another function of yours:

- ``check_softmax(softmax)``, ``check_cross_entropy(cross_entropy)``;
- ``check_activation(name, function)`` for ReLU, pReLU, sigmoid, tanh, GELU and Swish;
- ``check_gradient(exercise, grad)``: your hand-derived derivative against
  autograd's gradient of the exercise's own function.

``exercises()`` lists the ids (or names) each check knows.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable

import numpy as np
import torch

from .answers import ACTIVATIONS as _ACTIVATIONS
from .answers import GRADIENTS as _GRADIENTS
from .answers import NUMBERS as _NUMBERS
from .answers import SHAPES as _SHAPES
from .answers import TENSORS as _TENSORS
from .answers import Answer

__all__ = ["check_activation", "check_cross_entropy", "check_gradient", "check_number",
           "check_shape", "check_softmax", "check_tensor", "exercises"]

RIGHT, WRONG, OPEN = "✓", "✗", "·"


_KINDS = {"check_number": _NUMBERS, "check_shape": _SHAPES, "check_tensor": _TENSORS,
          "check_gradient": _GRADIENTS}


def exercises() -> dict[str, list[str]]:
    """The ids (or names) each check knows: ``{"check_number": [...], ..., "check_softmax": ["softmax"]}``."""
    known = {kind: sorted(table) for kind, table in _KINDS.items()}
    known["check_activation"] = sorted(_ACTIVATIONS)
    known["check_softmax"] = ["softmax"]
    known["check_cross_entropy"] = ["cross_entropy"]
    return known


# --------------------------------------------------------------------------- helpers

def _report(ok: bool, what: str, detail_en: str = "", detail_ko: str = "",
            hint_en: str = "", hint_ko: str = "") -> None:
    if ok:
        line = f"{RIGHT} {what}: correct · 정답입니다."
        if detail_en:
            line = f"{RIGHT} {what}: {detail_en} · {detail_ko}"
    else:
        line = f"{WRONG} {what}: not yet · 아직 아닙니다."
        if detail_en:
            line = f"{WRONG} {what}: {detail_en} · {detail_ko}"
        line += f" Hint: {hint_en} · 힌트: {hint_ko}"
    print(line)


def _not_answered(label: str) -> None:
    """The student edition passes ``...`` until the reader has an answer."""
    print(f"{OPEN} {label}: not answered yet — replace ... with your answer · 아직 답하지 않았습니다")


def _lookup(kind: str, exercise: object) -> object:
    table = _KINDS[kind]
    if not isinstance(exercise, str):
        raise TypeError(f"exercise must be an exercise id string such as {min(table)!r}, "
                        f"got {type(exercise).__name__}")
    if exercise not in table:
        raise ValueError(f"exercise must be one of the ids {kind} knows ({', '.join(sorted(table))}); "
                         f"got {exercise!r}")
    return table[exercise]


def _as_number(name: str, value: object) -> float:
    """A real number from a Python/NumPy number or a one-element tensor/array."""
    if isinstance(value, (torch.Tensor, np.ndarray)):
        numel = value.size if isinstance(value, np.ndarray) else value.numel()
        if numel != 1:
            raise ValueError(f"{name} must be a single number (a one-element tensor is fine), "
                             f"got shape {tuple(value.shape)}")
        if value.dtype in (torch.bool, np.bool_):
            raise TypeError(f"{name} must be a real number, got a boolean {type(value).__name__}")
        if value.is_complex() if isinstance(value, torch.Tensor) else np.iscomplexobj(value):
            raise TypeError(f"{name} must be a real number, got a complex {type(value).__name__}")
        value = value.item()  # also for a tensor that requires grad, such as a learned parameter
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number (int, float or one-element tensor), "
                        f"got {type(value).__name__}")
    try:
        value = float(value)
    except OverflowError:
        raise ValueError(f"{name} must be a finite number, got an integer with {len(str(abs(value)))} digits") \
            from None
    return value


def _as_tensor(name: str, value: object) -> torch.Tensor:
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            raise TypeError(f"{name} must be a torch tensor (or NumPy array) of real numbers, got dtype object")
        value = torch.from_numpy(value)
    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{name} must be a torch tensor (or NumPy array), got {type(value).__name__}")
    value = value.detach().cpu()
    if value.dtype == torch.bool or value.is_complex():
        raise TypeError(f"{name} must hold real numbers, got dtype {value.dtype}")
    return value.double()


def _check_callable(name: str, value: object) -> Callable:
    if not callable(value):
        raise TypeError(f"{name} must be a function (callable), or ... while you have none yet; "
                        f"got {type(value).__name__}")
    return value


def _call(function: Callable, *args) -> tuple[object, str | None]:
    """Run the reader's function; return its result, or the error it raised as text."""
    try:
        return function(*args), None
    except Exception as err:  # the reader's code may raise anything: report it as a miss
        return None, f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}".rstrip(": ")


def _clone(arg: object) -> object:
    return arg.detach().clone() if isinstance(arg, torch.Tensor) else arg


# --------------------------------------------------------------------------- answers

def _same_number(value: float, target: object, answer: Answer) -> bool:
    if isinstance(target, int):
        return value.is_integer() and int(value) == target
    return math.isclose(value, float(target), rel_tol=answer.rel_tol, abs_tol=answer.abs_tol)


def _hints(answer: Answer, is_trap: Callable[[object], bool]) -> tuple[str, str]:
    """The hint of the first known trap the answer fell into, else the answer's own hint."""
    for trap in answer.traps:
        if is_trap(trap.value):
            return trap.hint_en, trap.hint_ko
    return answer.hint_en, answer.hint_ko


_NOT_FINITE = ("your code produced NaN or infinity", "코드가 NaN 또는 무한대를 냈습니다")
_NOT_FINITE_HINT = ("look for a division by zero, a log of 0, or a learning rate so large that training diverged",
                    "0으로 나누기, 0의 로그, 또는 학습이 발산할 만큼 큰 학습률이 없는지 살펴보세요")


def check_number(exercise: str, value: float | torch.Tensor) -> None:
    """Check a numeric answer to ``exercise`` (an id from ``exercises()["check_number"]``).

    A whole-number answer (a count, a size, a class) must match exactly; any other
    answer within the tolerance its exercise sets (relative 1e-3 unless said otherwise).
    NaN or infinity (a computation that diverged) is a miss with a hint, not an error.
    """
    answer = _lookup("check_number", exercise)
    if value is Ellipsis:
        return _not_answered(exercise)
    value = _as_number("value", value)
    if not math.isfinite(value):
        return _report(False, f"Exercise {exercise}", *_NOT_FINITE, *_NOT_FINITE_HINT)
    ok = _same_number(value, answer.value, answer)
    hint_en, hint_ko = _hints(answer, lambda trap: _same_number(value, trap, answer))
    return _report(ok, f"Exercise {exercise}", hint_en=hint_en, hint_ko=hint_ko)


def check_shape(exercise: str, shape: tuple[int, ...] | torch.Size) -> None:
    """Check a shape (a ``torch.Size`` or a tuple/list of non-negative ints)."""
    answer = _lookup("check_shape", exercise)
    if shape is Ellipsis:
        return _not_answered(exercise)
    if isinstance(shape, torch.Tensor) or not isinstance(shape, (tuple, list, torch.Size)):
        raise TypeError(f"shape must be a torch.Size or a tuple of integers such as X.shape, "
                        f"got {type(shape).__name__}")
    for i, n in enumerate(shape):
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            raise TypeError(f"shape[{i}] must be an integer, got {type(n).__name__}")
        if n < 0:
            raise ValueError(f"shape[{i}] must be a non-negative integer, got {n}")
    shape = tuple(int(n) for n in shape)
    hint_en, hint_ko = _hints(answer, lambda trap: shape == tuple(trap))
    return _report(shape == answer.value, f"Exercise {exercise}", hint_en=hint_en, hint_ko=hint_ko)


def check_tensor(exercise: str, tensor: torch.Tensor) -> None:
    """Check a tensor answer; its shape must be the one the exercise asks for."""
    answer = _lookup("check_tensor", exercise)
    if tensor is Ellipsis:
        return _not_answered(exercise)
    tensor = _as_tensor("tensor", tensor)
    expected = answer.value()
    if tensor.shape != expected.shape:
        raise ValueError(f"tensor must have the shape the exercise asks for, {tuple(expected.shape)}; "
                         f"got {tuple(tensor.shape)}")
    if not torch.isfinite(tensor).all():
        return _report(False, f"Exercise {exercise}", *_NOT_FINITE, *_NOT_FINITE_HINT)
    ok = torch.allclose(tensor, expected, rtol=answer.rel_tol, atol=answer.abs_tol)
    hint_en, hint_ko = _hints(answer, lambda trap: torch.allclose(tensor, trap().double(), rtol=answer.rel_tol,
                                                                   atol=answer.abs_tol))
    return _report(ok, f"Exercise {exercise}", hint_en=hint_en, hint_ko=hint_ko)


# --------------------------------------------------------------------------- functions

def _compare(result: object, expected: torch.Tensor, atol: float, rtol: float = 1e-4) -> str | None:
    """``None`` if ``result`` matches, else a short English reason (never the expected values)."""
    if not isinstance(result, torch.Tensor):
        return f"returned {type(result).__name__}, not a tensor"
    if tuple(result.shape) != tuple(expected.shape):
        return f"returned shape {tuple(result.shape)} instead of {tuple(expected.shape)}"
    if result.dtype == torch.bool or result.is_complex():
        return f"returned values of dtype {result.dtype}, not real numbers"
    result = result.detach().cpu().double()
    if not torch.isfinite(result).all():
        return "returned NaN or infinity"
    if not torch.allclose(result, expected.double(), rtol=rtol, atol=atol):
        bad = int((~torch.isclose(result, expected.double(), rtol=rtol, atol=atol)).sum())
        return f"returned values that differ from the reference in {bad} of {result.numel()} entries"
    return None


_REASON_KO = {
    "not a tensor": "텐서가 아닌 값을 돌려줌",
    "returned shape": "다른 모양을 돌려줌",
    "not real numbers": "실수가 아닌 값을 돌려줌",
    "returned NaN": "NaN 또는 무한대를 돌려줌",
    "returned values": "기준값과 다른 값을 돌려줌",
    "raised": "오류가 남",
}


def _reason_ko(reason: str) -> str:
    for key, text in _REASON_KO.items():
        if key in reason:
            if key == "returned values":
                counts = reason.rsplit(" in ", 1)[-1].split(" of ")
                return f"{text}(원소 {counts[1].split()[0]}개 중 {counts[0]}개)"
            if key == "raised":
                return f"{text}({reason.removeprefix('raised ')})"
            return text
    return reason


def _run_cases(what: str, function: Callable, cases: list[tuple[str, str, tuple, torch.Tensor, str, str]],
               atol: float = 1e-5, rtol: float = 1e-4) -> None:
    """Run ``function`` on each case ``(label_en, label_ko, args, expected, hint_en, hint_ko)``."""
    for label_en, label_ko, args, expected, hint_en, hint_ko in cases:
        result, error = _call(function, *(_clone(a) for a in args))
        reason = f"raised {error}" if error else _compare(result, expected, atol, rtol)
        if reason:
            return _report(False, what, f"on {label_en} it {reason}.", f"{label_ko}에서 {_reason_ko(reason)}.",
                           hint_en, hint_ko)
    if len(cases) == 1:
        return _report(True, what, f"right on the test input ({cases[0][0]})",
                       f"시험 입력({cases[0][1]})에서 맞습니다")
    return _report(True, what, f"right on all {len(cases)} test inputs",
                   f"시험 입력 {len(cases)}개 모두에서 맞습니다")


def check_softmax(softmax: Callable[[torch.Tensor], torch.Tensor]) -> None:
    """Check ``softmax(X)``: row-wise softmax of a 2-D tensor, stable for large and very negative logits."""
    if softmax is Ellipsis:
        return _not_answered("softmax")
    softmax = _check_callable("softmax", softmax)
    gen = torch.Generator().manual_seed(474)
    cases = []
    for label_en, label_ko, X, hint_en, hint_ko in [
        ("random logits (2×5)", "무작위 로짓(2×5)", torch.randn(2, 5, generator=gen),
         "exponentiate, then divide each row by its own sum (sum with keepdim=True)",
         "지수를 취한 뒤 각 행을 그 행의 합으로 나누세요(keepdim=True로 합)"),
        ("one row (1×3)", "행 하나(1×3)", torch.tensor([[0.0, 1.0, 2.0]]),
         "normalise along the last axis (dim=1), not over the whole tensor",
         "전체가 아니라 마지막 축(dim=1)을 따라 정규화하세요"),
        ("a 3×3 batch", "3×3 배치", torch.tensor([[0.0, 1.0, 2.0], [2.0, 0.0, 0.0], [1.0, 1.0, 3.0]]),
         "normalise each row (dim=1), not each column",
         "열이 아니라 각 행(dim=1)을 정규화하세요"),
        ("logits as large as 100", "100만큼 큰 로짓", torch.tensor([[100.0, 99.0, 98.0], [1.0, 2.0, 100.0]]),
         "exp overflows for large logits: subtract each row's maximum first",
         "큰 로짓에서는 exp가 오버플로합니다. 먼저 각 행의 최댓값을 빼세요"),
        ("logits all below -100", "모두 -100보다 작은 로짓", torch.tensor([[-1000.0, -1001.0, -1002.0]]),
         "exp underflows to 0 and 0/0 is NaN: subtract each row's maximum first",
         "exp가 0으로 언더플로해 0/0 = NaN이 됩니다. 먼저 각 행의 최댓값을 빼세요"),
        ("two rows far apart (near 0 and near -1000)", "서로 멀리 떨어진 두 행(0 근처와 -1000 근처)",
         torch.tensor([[0.0, 1.0, 2.0], [-1000.0, -1001.0, -1002.0]]),
         "subtract each row's own maximum (max along dim=1 with keepdim=True), not the maximum of the whole tensor",
         "텐서 전체의 최댓값이 아니라 각 행의 최댓값(dim=1을 따라, keepdim=True)을 빼세요"),
    ]:
        cases.append((label_en, label_ko, (X,), torch.softmax(X.double(), dim=1), hint_en, hint_ko))
    return _run_cases("softmax", softmax, cases)


def check_cross_entropy(cross_entropy: Callable[[torch.Tensor, torch.Tensor], torch.Tensor]) -> None:
    """Check ``cross_entropy(y_hat, y)``: mean of ``-log y_hat[i, y_i]`` over a minibatch.

    ``y_hat`` holds predicted probabilities (rows sum to 1), ``y`` integer labels.
    One test puts an exact 0 where the label is *not*: ``0 · log 0`` must not turn into NaN.
    """
    if cross_entropy is Ellipsis:
        return _not_answered("cross_entropy")
    cross_entropy = _check_callable("cross_entropy", cross_entropy)

    def reference(y_hat, y):
        return -torch.log(y_hat.double()[torch.arange(len(y)), y]).mean()

    cases = []
    for label_en, label_ko, y_hat, y, hint_en, hint_ko in [
        ("the section's example", "이 절의 예", torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]),
         torch.tensor([0, 2]), "take -log of the probability of the true class, then the mean over the minibatch",
         "정답 클래스 확률에 -log를 취한 뒤 미니배치에 대해 평균을 내세요"),
        ("a batch of four", "예제 넷인 배치", torch.tensor([[0.7, 0.2, 0.1], [0.25, 0.5, 0.25],
                                                       [0.1, 0.1, 0.8], [0.4, 0.4, 0.2]]),
         torch.tensor([0, 1, 1, 2]), "return the mean over the minibatch (a scalar), as the section's version does",
         "이 절의 버전처럼 미니배치 평균(스칼라)을 돌려주세요"),
        ("a probability of exactly 0 for a wrong class", "오답 클래스의 확률이 정확히 0인 경우",
         torch.tensor([[0.0, 1.0, 0.0], [0.5, 0.0, 0.5]]), torch.tensor([1, 0]),
         "0 · log 0 is NaN in floating point: take the log of the true class's probability only",
         "부동소수점에서 0 · log 0은 NaN입니다. 정답 클래스 확률에만 log를 취하세요"),
    ]:
        cases.append((label_en, label_ko, (y_hat, y), reference(y_hat, y), hint_en, hint_ko))
    return _run_cases("cross_entropy", cross_entropy, cases)


def check_activation(name: str, function: Callable) -> None:
    """Check an activation function you wrote.

    ``name`` is one of ``"relu"``, ``"sigmoid"``, ``"tanh"``, ``"gelu"`` (called as
    ``function(x)``), ``"prelu"`` (called as ``function(x, alpha)``) or ``"swish"``
    (called as ``function(x, beta)``). GELU may be exact or the tanh approximation.
    """
    if not isinstance(name, str) or name not in _ACTIVATIONS:
        raise ValueError(f"name must be one of {', '.join(map(repr, _ACTIVATIONS))}; got {name!r}")
    if function is Ellipsis:
        return _not_answered(name)
    function = _check_callable("function", function)
    reference, params, hint_en, hint_ko = _ACTIVATIONS[name]
    x = torch.linspace(-6, 6, 121)
    atol = 1e-3 if name == "gelu" else 1e-5
    if params:
        cases = [(f"x in [-6, 6], parameter {p:g}", f"x ∈ [-6, 6], 파라미터 {p:g}", (x, p),
                  reference(x.double(), p), hint_en, hint_ko) for p in params]
    else:
        cases = [("x in [-6, 6]", "x ∈ [-6, 6]", (x,), reference(x.double(), None), hint_en, hint_ko)]
    return _run_cases(name, function, cases, atol=atol)


def _expected_gradient(function: Callable, args: tuple) -> torch.Tensor:
    """Autograd's gradient of the package's ``function(*args)`` with respect to ``args[0]``, in float64."""
    args64 = [a.detach().double() if isinstance(a, torch.Tensor) else a for a in args]
    args64[0] = args64[0].clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(function(*args64), args64[0])
    return grad


def check_gradient(exercise: str, grad: Callable[..., torch.Tensor]) -> None:
    """Check a hand-derived derivative for ``exercise`` (an id from ``exercises()["check_gradient"]``).

    The check owns the exercise's function and the points: it calls your ``grad`` on
    test inputs of its own (away from kinks and singular points) and compares the result
    with autograd's gradient of the exercise's function there. How ``grad`` is called:

    - 2.4.4, 2.4.8, 2.5.4, 2.5.6: ``grad(x)`` for a 1-D float tensor ``x``;
    - 2.4.7: ``grad(x)`` for ``x = (x1, x2)``; 4.1.6: ``grad(o)`` for a 1-D tensor of logits;
    - 5.1.2: ``grad(x, alpha)``; 5.1.3: ``grad(x, beta)``;
    - 5.3.2: ``grad(b, W1, W2, x, y)`` (float64 tensors).
    """
    task = _lookup("check_gradient", exercise)
    if grad is Ellipsis:
        return _not_answered(exercise)
    grad = _check_callable("grad", grad)
    cases = [(label_en, label_ko, args, _expected_gradient(task.function, args), task.hint_en, task.hint_ko)
             for label_en, label_ko, args in task.cases]
    return _run_cases(f"Exercise {exercise}", grad, cases, atol=1e-5, rtol=1e-4)
