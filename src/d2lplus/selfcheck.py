"""Self-checks for the exercise pages: call one with your answer, read ✓ or a hint.

Every check prints one line, bilingual, and returns ``True`` (right) or
``False`` (not yet)::

    ✓ Exercise 2.3.4: correct · 정답입니다.
    ✗ Exercise 2.3.4: not yet · 아직 아닙니다. Hint: … · 힌트: …

A wrong answer gets a hint of what to look at, never the expected answer.
Input that cannot be an answer at all (wrong type, wrong shape, NaN or
infinity, an unknown exercise id) raises ``TypeError`` or ``ValueError``
whose message names the parameter and what is allowed.

Checks of an answer to a numbered exercise:

- ``check_number(exercise, value)``: a number (or one-element tensor);
- ``check_shape(exercise, shape)``: a shape such as ``X.sum(axis=1).shape``;
- ``check_tensor(exercise, tensor)``: a tensor.

Checks of a function you wrote, run on test inputs of their own:

- ``check_softmax(softmax)``, ``check_cross_entropy(cross_entropy)``;
- ``check_activation(name, function)`` for ReLU, pReLU, sigmoid, tanh, GELU and Swish;
- ``check_gradient(f, grad, x)``: your formula ``grad`` against autograd's gradient of ``f`` at ``x``.

``exercises()`` lists the ids each answer check knows.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

__all__ = ["check_activation", "check_cross_entropy", "check_gradient", "check_number",
           "check_shape", "check_softmax", "check_tensor", "exercises"]

RIGHT, WRONG = "✓", "✗"


@dataclass(frozen=True, repr=False)
class _Answer:
    """An expected answer (kept out of every message) and the hint shown when it is missed."""

    value: object
    hint_en: str
    hint_ko: str
    rel_tol: float = 1e-3
    abs_tol: float = 1e-6

    def __repr__(self) -> str:  # printing the table must not show the answers
        return "<answer>"


def _hessian_4_1_1() -> torch.Tensor:
    p = torch.softmax(torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64), 0)
    return torch.diag(p) - torch.outer(p, p)


_NUMBERS: dict[str, _Answer] = {
    "2.1.3": _Answer(0.25, "make y the same shape as y_hat before subtracting, so the mean runs over 4 numbers",
                     "뺄셈 전에 y를 y_hat과 같은 모양으로 만들어 평균이 4개의 수에 대해 계산되게 하세요"),
    "2.2.1": _Answer(5 / 12, "count the missing cells of the whole table (isna) and divide by rows × columns",
                     "표 전체에서 빠진 칸(isna)을 세어 행 수 × 열 수로 나누세요"),
    "2.2.3": _Answer(800.0, "a float64 takes 8 bytes, and 1 MB is 10^6 bytes",
                     "float64 하나는 8바이트이고 1 MB는 10^6바이트입니다"),
    "2.3.4": _Answer(2, "len counts the entries along one axis only: which one?",
                     "len은 한 축의 길이만 셉니다. 어느 축일까요?"),
    "2.3.10": _Answer(422.4, "an (m×n) times (n×p) product takes m·n·p multiply-adds; add both products of each order",
                      "(m×n) 행렬과 (n×p) 행렬의 곱은 곱셈-덧셈 m·n·p번입니다. 순서마다 두 곱의 비용을 더하세요"),
    "2.4.6": _Answer(4.0, "differentiate x^3 and -1/x separately, then evaluate at x = 1",
                     "x^3과 -1/x를 따로 미분한 뒤 x = 1에서 값을 구하세요"),
    "3.1.1-squared": _Answer(6.0, "set the derivative of the sum with respect to b to zero",
                             "합을 b로 미분한 식을 0으로 두세요"),
    "3.1.1-absolute": _Answer(5.0, "the derivative of |x_i - b| is a sign: balance the points on each side of b",
                              "|x_i - b|의 도함수는 부호입니다. b 양쪽의 점 개수를 맞추세요"),
    "3.1.4": _Answer(2, "a column that is a combination of other columns adds no rank (torch.linalg.matrix_rank)",
                     "다른 열들의 조합인 열은 계수(rank)를 늘리지 않습니다(torch.linalg.matrix_rank)"),
    "3.2.3": _Answer(10, "the board plots one averaged point for every every_n points drawn",
                     "보드는 every_n개의 점마다 평균한 점 하나를 그립니다"),
    "3.4.2": _Answer(4.7, "fit V = R·I on the given data, and run enough steps that the loss stops falling",
                     "주어진 데이터로 V = R·I를 맞추고, 손실이 더 줄지 않을 만큼 충분히 반복하세요",
                     rel_tol=0.0, abs_tol=0.05),
    "3.4.7": _Answer(8, "1000 training examples; the loader keeps the remainder as a smaller last batch",
                     "훈련 예제는 1000개이고, 나머지는 더 작은 마지막 배치가 됩니다"),
    "discussion-4.1.4": _Answer(784 * 256, "each of the q outputs is a dot product of length d",
                                "q개의 출력 각각이 길이 d인 내적입니다"),
    "4.1.3": _Answer(2, "k ternary digits can tell 3^k integers apart",
                     "3진수 k자리로 서로 다른 정수 3^k개를 구별할 수 있습니다"),
    "4.1.5": _Answer(math.log(2), "for a ≥ b the gap is log(1 + exp(b - a)): where is it largest?",
                     "a ≥ b일 때 차이는 log(1 + exp(b - a))입니다. 언제 가장 클까요?"),
    "4.2.1": _Answer(235, "60000 training images; a partial last batch counts too",
                     "훈련 이미지는 60000장이고, 덜 찬 마지막 배치도 하나로 셉니다"),
    "4.3.1": _Answer(16, "10000 validation images in batches of 256: what is left for the last one?",
                     "검증 이미지 10000장을 256장씩 나누면 마지막 배치에 몇 장이 남나요?"),
    "4.3.3": _Answer(1, "compute the expected loss sum_y l(y, y') p(y|x) for every y' and take the smallest",
                     "모든 y'에 대해 기대 손실 sum_y l(y, y') p(y|x)를 계산하고 가장 작은 것을 고르세요"),
    "5.2.1": _Answer(203530, "each Linear layer has in × out weights plus out biases",
                     "Linear 층마다 가중치 in × out개와 편향 out개가 있습니다"),
    "5.2.3": _Answer(805, "each Linear layer has in × out weights plus out biases; here the hidden width is 1",
                     "Linear 층마다 가중치 in × out개와 편향 out개가 있습니다. 여기서 은닉 폭은 1입니다"),
    "5.3.3": _Answer(522, "backpropagation reuses z and h (one value per hidden unit each) and o (one per output)",
                     "역전파는 z와 h(각각 은닉 유닛마다 하나)와 o(출력마다 하나)를 다시 씁니다"),
}

_SHAPES: dict[str, _Answer] = {
    "2.1.2": _Answer((2, 3, 4), "compare the shapes from the last axis; each result axis takes the longer length",
                     "마지막 축부터 모양을 비교하세요. 결과의 각 축은 더 긴 길이를 가집니다"),
    "2.3.8": _Answer((2, 4), "summing along an axis removes that axis from the shape",
                     "한 축을 따라 합하면 그 축이 모양에서 사라집니다"),
    "5.3.1": _Answer((3, 4), "a scalar's gradient has one entry per entry of the input",
                     "스칼라의 기울기는 입력의 원소마다 원소 하나를 가집니다"),
}

_TENSORS: dict[str, _Answer] = {
    "4.1.1": _Answer(_hessian_4_1_1,
                     "differentiate softmax(o)_j - y_j once more with respect to o_k (two cases: j = k, j ≠ k)",
                     "softmax(o)_j - y_j를 o_k로 한 번 더 미분하세요(j = k인 경우와 j ≠ k인 경우)",
                     rel_tol=0.0, abs_tol=1e-4),
}

_KINDS = {"check_number": _NUMBERS, "check_shape": _SHAPES, "check_tensor": _TENSORS}


def exercises() -> dict[str, list[str]]:
    """The exercise ids each answer check knows: ``{"check_number": [...], ...}``."""
    return {kind: sorted(table) for kind, table in _KINDS.items()}


# --------------------------------------------------------------------------- helpers

def _report(ok: bool, what: str, detail_en: str = "", detail_ko: str = "",
            hint_en: str = "", hint_ko: str = "") -> bool:
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
    return ok


def _lookup(kind: str, exercise: object) -> _Answer:
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
        value = value.item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number (int, float or one-element tensor), "
                        f"got {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    return value


def _as_tensor(name: str, value: object) -> torch.Tensor:
    if isinstance(value, np.ndarray):
        value = torch.from_numpy(value)
    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{name} must be a torch tensor (or NumPy array), got {type(value).__name__}")
    value = value.detach().cpu()
    if value.dtype == torch.bool or value.is_complex():
        raise TypeError(f"{name} must hold real numbers, got dtype {value.dtype}")
    value = value.double()
    if not torch.isfinite(value).all():
        raise ValueError(f"{name} must hold finite numbers only, got NaN or infinity")
    return value


def _check_callable(name: str, value: object) -> Callable:
    if not callable(value):
        raise TypeError(f"{name} must be a function (callable), got {type(value).__name__}")
    return value


def _call(function: Callable, *args) -> tuple[object, str | None]:
    """Run the reader's function; return its result, or the error it raised as text."""
    try:
        return function(*args), None
    except Exception as err:  # the reader's code may raise anything: report it as a miss
        return None, f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}".rstrip(": ")


# --------------------------------------------------------------------------- answers

def check_number(exercise: str, value: float | torch.Tensor) -> bool:
    """Check a numeric answer to ``exercise`` (an id from ``exercises()["check_number"]``)."""
    answer = _lookup("check_number", exercise)
    value = _as_number("value", value)
    ok = math.isclose(value, float(answer.value), rel_tol=answer.rel_tol, abs_tol=answer.abs_tol)
    return _report(ok, f"Exercise {exercise}", hint_en=answer.hint_en, hint_ko=answer.hint_ko)


def check_shape(exercise: str, shape: tuple[int, ...] | torch.Size) -> bool:
    """Check a shape (a ``torch.Size`` or a tuple/list of non-negative ints)."""
    answer = _lookup("check_shape", exercise)
    if isinstance(shape, torch.Tensor) or not isinstance(shape, (tuple, list, torch.Size)):
        raise TypeError(f"shape must be a torch.Size or a tuple of integers such as X.shape, "
                        f"got {type(shape).__name__}")
    for i, n in enumerate(shape):
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            raise TypeError(f"shape[{i}] must be an integer, got {type(n).__name__}")
        if n < 0:
            raise ValueError(f"shape[{i}] must be a non-negative integer, got {n}")
    ok = tuple(int(n) for n in shape) == answer.value
    return _report(ok, f"Exercise {exercise}", hint_en=answer.hint_en, hint_ko=answer.hint_ko)


def check_tensor(exercise: str, tensor: torch.Tensor) -> bool:
    """Check a tensor answer; its shape must be the one the exercise asks for."""
    answer = _lookup("check_tensor", exercise)
    tensor = _as_tensor("tensor", tensor)
    expected = answer.value()
    if tensor.shape != expected.shape:
        raise ValueError(f"tensor must have the shape the exercise asks for, {tuple(expected.shape)}; "
                         f"got {tuple(tensor.shape)}")
    ok = torch.allclose(tensor, expected, rtol=answer.rel_tol, atol=answer.abs_tol)
    return _report(ok, f"Exercise {exercise}", hint_en=answer.hint_en, hint_ko=answer.hint_ko)


# --------------------------------------------------------------------------- functions

def _compare(result: object, expected: torch.Tensor, atol: float, rtol: float = 1e-4) -> str | None:
    """``None`` if ``result`` matches, else a short English reason (never the expected values)."""
    if not isinstance(result, torch.Tensor):
        return f"returned {type(result).__name__}, not a tensor"
    if tuple(result.shape) != tuple(expected.shape):
        return f"returned shape {tuple(result.shape)} instead of {tuple(expected.shape)}"
    result = result.detach().double()
    if not torch.isfinite(result).all():
        return "returned NaN or infinity"
    if not torch.allclose(result, expected.double(), rtol=rtol, atol=atol):
        return "returned values that differ from the definition"
    return None


_REASON_KO = {
    "not a tensor": "텐서가 아닌 값을 돌려줌",
    "returned shape": "입력과 다른 모양을 돌려줌",
    "returned NaN": "NaN 또는 무한대를 돌려줌",
    "returned values": "정의와 다른 값을 돌려줌",
    "raised": "오류가 남",
}


def _reason_ko(reason: str) -> str:
    for key, text in _REASON_KO.items():
        if key in reason:
            return text
    return reason


def _run_cases(what: str, function: Callable, cases: list[tuple[str, str, tuple, torch.Tensor, str, str]],
               atol: float = 1e-5) -> bool:
    """Run ``function`` on each case ``(label_en, label_ko, args, expected, hint_en, hint_ko)``."""
    for label_en, label_ko, args, expected, hint_en, hint_ko in cases:
        result, error = _call(function, *args)
        reason = f"raised {error}" if error else _compare(result, expected, atol)
        if reason:
            return _report(False, what, f"on {label_en} it {reason}.", f"{label_ko}에서 {_reason_ko(reason)}.",
                           hint_en, hint_ko)
    if len(cases) == 1:
        return _report(True, what, f"right on the test input ({cases[0][0]})",
                       f"시험 입력({cases[0][1]})에서 맞습니다")
    return _report(True, what, f"right on all {len(cases)} test inputs",
                   f"시험 입력 {len(cases)}개 모두에서 맞습니다")


def check_softmax(softmax: Callable[[torch.Tensor], torch.Tensor]) -> bool:
    """Check ``softmax(X)``: row-wise softmax of a 2-D tensor, stable for large and very negative logits."""
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
        ("logits as large as 100", "100만큼 큰 로짓", torch.tensor([[100.0, 99.0, 98.0], [1.0, 2.0, 100.0]]),
         "exp overflows for large logits: subtract each row's maximum first",
         "큰 로짓에서는 exp가 오버플로합니다. 먼저 각 행의 최댓값을 빼세요"),
        ("logits all below -100", "모두 -100보다 작은 로짓", torch.tensor([[-1000.0, -1001.0, -1002.0]]),
         "exp underflows to 0 and 0/0 is NaN: subtract each row's maximum first",
         "exp가 0으로 언더플로해 0/0 = NaN이 됩니다. 먼저 각 행의 최댓값을 빼세요"),
    ]:
        cases.append((label_en, label_ko, (X.clone(),), torch.softmax(X.double(), dim=1), hint_en, hint_ko))
    return _run_cases("softmax", softmax, cases)


def check_cross_entropy(cross_entropy: Callable[[torch.Tensor, torch.Tensor], torch.Tensor]) -> bool:
    """Check ``cross_entropy(y_hat, y)``: mean of ``-log y_hat[i, y_i]`` over a minibatch.

    ``y_hat`` holds predicted probabilities (rows sum to 1), ``y`` integer labels.
    One test puts an exact 0 where the label is *not*: ``0 · log 0`` must not turn into NaN.
    """
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
        expected = reference(y_hat, y)
        cases.append((label_en, label_ko, (y_hat.clone(), y.clone()), expected, hint_en, hint_ko))
    return _run_cases("cross_entropy", cross_entropy, cases)


_ACTIVATIONS: dict[str, tuple[Callable, tuple[float, ...], str, str]] = {
    # name: (reference(x, param), parameters tried, hint_en, hint_ko)
    "relu": (lambda x, p: torch.clamp(x, min=0), (),
             "ReLU keeps positive inputs and sets the others to 0",
             "ReLU는 양수 입력은 그대로 두고 나머지는 0으로 만듭니다"),
    "prelu": (lambda x, a: torch.where(x > 0, x, a * x), (0.1, 0.25),
              "pReLU(x) = max(0, x) + alpha · min(0, x): use alpha, the second argument",
              "pReLU(x) = max(0, x) + alpha · min(0, x)입니다. 두 번째 인자 alpha를 쓰세요"),
    "sigmoid": (lambda x, p: torch.sigmoid(x), (), "sigmoid(x) = 1 / (1 + exp(-x))",
                "sigmoid(x) = 1 / (1 + exp(-x))입니다"),
    "tanh": (lambda x, p: torch.tanh(x), (), "tanh(x) = (1 - exp(-2x)) / (1 + exp(-2x))",
             "tanh(x) = (1 - exp(-2x)) / (1 + exp(-2x))입니다"),
    "gelu": (lambda x, p: x * 0.5 * (1 + torch.erf(x / math.sqrt(2))), (),
             "GELU(x) = x · Φ(x), with Φ the standard normal CDF (torch.erf helps)",
             "GELU(x) = x · Φ(x)이고 Φ는 표준 정규분포의 누적분포함수입니다(torch.erf 활용)"),
    "swish": (lambda x, b: x * torch.sigmoid(b * x), (1.0, 2.0),
              "Swish(x) = x · sigmoid(beta · x): use beta, the second argument",
              "Swish(x) = x · sigmoid(beta · x)입니다. 두 번째 인자 beta를 쓰세요"),
}


def check_activation(name: str, function: Callable) -> bool:
    """Check an activation function you wrote.

    ``name`` is one of ``"relu"``, ``"sigmoid"``, ``"tanh"``, ``"gelu"`` (called as
    ``function(x)``), ``"prelu"`` (called as ``function(x, alpha)``) or ``"swish"``
    (called as ``function(x, beta)``). GELU may be exact or the tanh approximation.
    """
    if not isinstance(name, str) or name not in _ACTIVATIONS:
        raise ValueError(f"name must be one of {', '.join(map(repr, _ACTIVATIONS))}; got {name!r}")
    function = _check_callable("function", function)
    reference, params, hint_en, hint_ko = _ACTIVATIONS[name]
    x = torch.linspace(-6, 6, 121)
    atol = 1e-3 if name == "gelu" else 1e-5
    if params:
        cases = [(f"x in [-6, 6], parameter {p:g}", f"x ∈ [-6, 6], 파라미터 {p:g}", (x.clone(), p),
                  reference(x.double(), p), hint_en, hint_ko) for p in params]
    else:
        cases = [("x in [-6, 6]", "x ∈ [-6, 6]", (x.clone(),), reference(x.double(), None), hint_en, hint_ko)]
    return _run_cases(name, function, cases, atol=atol)


def check_gradient(f: Callable[[torch.Tensor], torch.Tensor], grad: Callable[[torch.Tensor], torch.Tensor],
                   x: torch.Tensor) -> bool:
    """Check a hand-derived gradient: ``grad(x)`` against autograd's gradient of ``f`` at ``x``.

    ``f`` maps a tensor to a scalar (one-element) tensor; ``grad`` maps the same
    tensor to a tensor of its shape; ``x`` is the point (a non-empty floating-point
    tensor of finite values) where the two are compared. For ``f = lambda x: g(x).sum()``
    with an elementwise ``g``, every entry of ``x`` is a point of its own.
    """
    f = _check_callable("f", f)
    grad = _check_callable("grad", grad)
    if not isinstance(x, torch.Tensor):
        raise TypeError(f"x must be a torch tensor of floats, got {type(x).__name__}")
    if not x.is_floating_point():
        raise TypeError(f"x must be a floating-point tensor (autograd needs one), got dtype {x.dtype}")
    if x.numel() == 0:
        raise ValueError("x must hold at least one point, got an empty tensor")
    if not torch.isfinite(x).all():
        raise ValueError("x must hold finite numbers only, got NaN or infinity")
    x_auto = x.detach().clone().requires_grad_(True)  # keep the dtype: f may mix x with float32 tensors
    y = f(x_auto)
    if not isinstance(y, torch.Tensor) or y.numel() != 1:
        shape = tuple(y.shape) if isinstance(y, torch.Tensor) else type(y).__name__
        raise ValueError(f"f must return a scalar (one-element) tensor, got {shape}; sum a vector first")
    (expected,) = torch.autograd.grad(y.reshape(()), x_auto, allow_unused=True)
    if expected is None:
        expected = torch.zeros_like(x_auto)
    if not torch.isfinite(expected).all():
        raise ValueError("x must hold points where f is differentiable; autograd gives NaN or infinity there")
    result, error = _call(grad, x.detach().clone())
    rtol, atol = (1e-6, 1e-8) if x.dtype == torch.float64 else (1e-3, 1e-4)
    reason = f"raised {error}" if error else _compare(result, expected.detach(), atol=atol, rtol=rtol)
    what = "gradient"
    if reason is None:
        return _report(True, what, f"matches autograd in all {x.numel()} entries of x",
                       f"x의 원소 {x.numel()}개 모두에서 autograd와 일치합니다")
    if reason.startswith("returned values"):
        bad = ~torch.isclose(result.detach().double(), expected.double(), rtol=rtol, atol=atol)
        reason = f"differs from autograd in {int(bad.sum())} of {x.numel()} entries of x."
        reason_ko = f"x의 원소 {x.numel()}개 중 {int(bad.sum())}개에서 autograd와 다릅니다."
    else:
        reason, reason_ko = reason + ".", _reason_ko(reason) + "."
    return _report(False, what, reason, reason_ko,
                   "differentiate term by term and check each chain-rule factor and sign",
                   "항별로 미분하고 연쇄 법칙의 각 인수와 부호를 확인하세요")
