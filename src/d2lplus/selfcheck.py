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

Input that cannot be an answer at all (wrong type, wrong shape, NaN or
infinity, an unknown exercise id) raises ``TypeError`` or ``ValueError``
whose message starts with the parameter's name and says what is allowed.

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
from dataclasses import dataclass

import numpy as np
import torch

__all__ = ["check_activation", "check_cross_entropy", "check_gradient", "check_number",
           "check_shape", "check_softmax", "check_tensor", "exercises"]

RIGHT, WRONG, OPEN = "✓", "✗", "·"


@dataclass(frozen=True, repr=False)
class _Answer:
    """An expected answer (kept out of every message) and the hint shown when it is missed.

    An ``int`` value is compared exactly; a ``float`` value with ``rel_tol``/``abs_tol``.
    """

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
    "2.2.3": _Answer(800, "a float64 takes 8 bytes, and 1 MB is 10^6 bytes",
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
    "discussion-4.1.4": _Answer(784 * 256,
                                "each of the q outputs is a dot product of length d (count products, not biases)",
                                "q개의 출력 각각이 길이 d인 내적입니다(편향이 아니라 곱셈을 세세요)"),
    "4.1.3": _Answer(2, "k ternary digits can tell 3^k integers apart",
                     "3진수 k자리로 서로 다른 정수 3^k개를 구별할 수 있습니다"),
    "4.1.5": _Answer(math.log(2), "for a ≥ b the gap is log(1 + exp(b - a)) (natural log): where is it largest?",
                     "a ≥ b일 때 차이는 log(1 + exp(b - a))(자연로그)입니다. 언제 가장 클까요?"),
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
    "5.3.3": _Answer(784 + 256 + 10 + 1,
                     "list what the backward pass reads: the input of each Linear layer (for its weight gradient), "
                     "what ReLU's derivative needs (its output suffices), what the loss's derivative needs "
                     "(log-probabilities and labels); count entries per example, as section 5.3 measures",
                     "역전파가 읽는 것을 적어 보세요. 각 Linear 층의 입력(가중치 기울기용), ReLU의 도함수에 "
                     "필요한 것(출력으로 충분함), 손실의 도함수에 필요한 것(로그 확률과 레이블)입니다. "
                     "5.3절의 측정처럼 예제당 원소 수를 세세요"),
}

_SHAPES: dict[str, _Answer] = {
    "2.1.2": _Answer((2, 3, 4), "compare the shapes from the last axis; each result axis takes the longer length",
                     "마지막 축부터 모양을 비교하세요. 결과의 각 축은 더 긴 길이를 가집니다"),
    "2.3.8": _Answer((2, 4), "summing along an axis removes that axis from the shape",
                     "한 축을 따라 합하면 그 축이 모양에서 사라집니다"),
    "5.3.1": _Answer((3, 4), "a scalar's gradient has one entry per entry of the input, arranged like the input",
                     "스칼라의 기울기는 입력의 원소마다 원소 하나를 가지며, 입력과 같은 모양으로 놓입니다"),
}

_TENSORS: dict[str, _Answer] = {
    "4.1.1": _Answer(_hessian_4_1_1,
                     "differentiate softmax(o)_j - y_j once more with respect to o_k (two cases: j = k, j ≠ k)",
                     "softmax(o)_j - y_j를 o_k로 한 번 더 미분하세요(j = k인 경우와 j ≠ k인 경우)",
                     rel_tol=0.0, abs_tol=1e-4),
}


# --------------------------------------------------------------------------- gradient references

@dataclass(frozen=True, repr=False)
class _Gradient:
    """A derivative exercise: the package's own function, the inputs it is checked on, and the hint.

    ``function(*args)`` returns a scalar; the expected answer is autograd's gradient of it with
    respect to ``args[0]``, computed in float64. Your ``grad`` is called as ``grad(*args)``.
    """

    function: Callable[..., torch.Tensor]
    cases: tuple[tuple[str, str, tuple], ...]
    call_en: str
    hint_en: str
    hint_ko: str

    def __repr__(self) -> str:
        return "<gradient exercise>"


def _prelu(x, alpha):
    return torch.where(x > 0, x, alpha * x)


def _swish(x, beta):
    return x * torch.sigmoid(beta * x)


def _j_5_3_2(b, W1, W2, x, y, lam=0.1):
    o = W2 @ torch.relu(W1 @ x + b)
    return 0.5 * ((o - y) ** 2).sum() + lam / 2 * ((W1 ** 2).sum() + (W2 ** 2).sum())


def _net_5_3_2(seed: int) -> tuple:
    gen = torch.Generator().manual_seed(seed)
    W1 = torch.randn(5, 4, generator=gen, dtype=torch.float64)
    W2 = torch.randn(3, 5, generator=gen, dtype=torch.float64)
    x, y = torch.randn(4, generator=gen, dtype=torch.float64), torch.randn(3, generator=gen, dtype=torch.float64)
    b = torch.randn(5, generator=gen, dtype=torch.float64)
    return b, W1, W2, x, y


_POINTS = torch.tensor([-3.0, -1.0, -0.2, 0.3, 1.0, 4.0])  # no point at pReLU's kink x = 0

_GRADIENTS: dict[str, _Gradient] = {
    "2.4.4": _Gradient(
        lambda x: (x ** x).sum(),
        (("x = 0.2 … 3", "x = 0.2 … 3", (torch.tensor([0.2, 0.5, 1.0, 2.0, 3.0]),)),),
        "grad(x) for a tensor x of positive points",
        "write x^x = exp(x log x) and use the chain rule, then the product rule",
        "x^x = exp(x log x)로 쓰고 연쇄 법칙, 그다음 곱의 법칙을 쓰세요"),
    "2.4.7": _Gradient(
        lambda x: 3 * x[0] ** 2 + 5 * torch.exp(x[1]),
        (("x = (1, -0.5)", "x = (1, -0.5)", (torch.tensor([1.0, -0.5]),)),
         ("x = (-2, 1)", "x = (-2, 1)", (torch.tensor([-2.0, 1.0]),))),
        "grad(x) for a tensor x = (x1, x2), returning a tensor of shape (2,)",
        "take one partial derivative per variable, holding the other constant",
        "변수마다 편도함수 하나를 구하고, 그동안 다른 변수는 상수로 두세요"),
    "2.4.8": _Gradient(
        lambda x: torch.sqrt((x ** 2).sum()),
        (("x = (3, -4, 1)", "x = (3, -4, 1)", (torch.tensor([3.0, -4.0, 1.0]),)),
         ("x = (0.5, 2)", "x = (0.5, 2)", (torch.tensor([0.5, 2.0]),))),
        "grad(x) for a nonzero tensor x",
        "write the norm as (sum of squares)^(1/2) and apply the chain rule",
        "노름을 (제곱의 합)^(1/2)로 쓰고 연쇄 법칙을 적용하세요"),
    "2.5.4": _Gradient(
        lambda x: torch.sin(x).sum(),
        (("x in [-2π, 2π]", "x ∈ [-2π, 2π]", (torch.linspace(-2 * math.pi, 2 * math.pi, 41),)),),
        "derivative(x) for a tensor x of points",
        "each entry of sin(x).sum() depends on one point only, so x.grad holds the derivative at every point",
        "sin(x).sum()의 각 항은 한 점에만 의존하므로 x.grad에 모든 점의 도함수가 담깁니다"),
    "2.5.6": _Gradient(
        lambda x: (torch.log(x ** 2) * torch.sin(x) + 1 / x).sum(),
        (("x = -3 … 4 (not 0)", "x = -3 … 4(0 제외)", (torch.tensor([-3.0, -0.5, 0.5, 1.0, 2.0, 4.0]),)),),
        "grad(x) for a tensor x of nonzero points",
        "follow the dependency graph back: product rule for log(x^2)·sin(x), chain rule for log(x^2), "
        "and mind the sign of d(1/x)",
        "의존성 그래프를 거꾸로 따라가세요. log(x^2)·sin(x)에는 곱의 법칙, log(x^2)에는 연쇄 법칙을 쓰고 "
        "d(1/x)의 부호에 주의하세요"),
    "4.1.6": _Gradient(
        lambda o: torch.logsumexp(o, dim=0),
        (("o = (1, 2, 3)", "o = (1, 2, 3)", (torch.tensor([1.0, 2.0, 3.0]),)),
         ("four equal logits", "같은 로짓 넷", (torch.zeros(4),)),
         ("logits near 1000", "1000 근처의 로짓", (torch.tensor([1000.0, 1000.0, 999.0]),)),
         ("logits near -1000", "-1000 근처의 로짓", (torch.tensor([-1000.0, -1001.0, -1002.0]),))),
        "grad(o) for a 1-D tensor o of logits, returning a tensor of the same shape",
        "differentiate log(sum_j exp(o_j)) with respect to o_k; for large logits subtract the maximum first "
        "(the gradient does not change when every logit moves by the same constant)",
        "log(sum_j exp(o_j))를 o_k로 미분하세요. 로짓이 크면 먼저 최댓값을 빼세요"
        "(모든 로짓에 같은 상수를 더해도 기울기는 변하지 않습니다)"),
    "5.1.2": _Gradient(
        lambda x, alpha: _prelu(x, alpha).sum(),
        tuple((f"x = -3 … 4 (not 0), alpha {a:g}", f"x = -3 … 4(0 제외), alpha {a:g}", (_POINTS, a))
              for a in (0.1, 0.25)),
        "grad(x, alpha): the derivative of pReLU at every point of x (x is never 0)",
        "on each side of 0 pReLU is a line: what is its slope there? Use alpha, the second argument",
        "0의 양쪽에서 pReLU는 직선입니다. 그 기울기는 얼마인가요? 두 번째 인자 alpha를 쓰세요"),
    "5.1.3": _Gradient(
        lambda x, beta: _swish(x, beta).sum(),
        tuple((f"x in [-4, 4], beta {b:g}", f"x ∈ [-4, 4], beta {b:g}", (torch.linspace(-4, 4, 17), b))
              for b in (1.0, 2.0)),
        "grad(x, beta): the derivative of x · sigmoid(beta · x) at every point of x",
        "use the product rule and sigmoid'(z) = sigmoid(z)(1 - sigmoid(z)); the chain rule brings a factor beta",
        "곱의 법칙과 sigmoid'(z) = sigmoid(z)(1 - sigmoid(z))를 쓰세요. 연쇄 법칙에서 beta가 곱해집니다"),
    "5.3.2": _Gradient(
        _j_5_3_2,
        tuple((f"network {i}", f"신경망 {i}", _net_5_3_2(seed)) for i, seed in enumerate((11, 12), start=1)),
        "grad(b, W1, W2, x, y): ∂J/∂b for z = W1 x + b, h = relu(z), o = W2 h, "
        "J = ½‖o − y‖² + (λ/2)(‖W1‖² + ‖W2‖²)",
        "∂J/∂o = o - y; go back through W2 (transposed) to ∂J/∂h, multiply by ReLU's derivative at z, "
        "and note that ∂z/∂b is the identity",
        "∂J/∂o = o - y입니다. W2(전치)를 거쳐 ∂J/∂h로 가고, z에서의 ReLU 도함수를 곱하세요. "
        "∂z/∂b는 항등 행렬입니다"),
}

_ACTIVATIONS: dict[str, tuple[Callable, tuple[float, ...], str, str]] = {
    # name: (reference(x, param), parameters tried, hint_en, hint_ko)
    "relu": (lambda x, p: torch.clamp(x, min=0), (),
             "ReLU keeps positive inputs and sets the others to 0",
             "ReLU는 양수 입력은 그대로 두고 나머지는 0으로 만듭니다"),
    "prelu": (_prelu, (0.1, 0.25),
              "pReLU(x) = max(0, x) + alpha · min(0, x): use alpha, the second argument",
              "pReLU(x) = max(0, x) + alpha · min(0, x)입니다. 두 번째 인자 alpha를 쓰세요"),
    "sigmoid": (lambda x, p: torch.sigmoid(x), (), "sigmoid(x) = 1 / (1 + exp(-x))",
                "sigmoid(x) = 1 / (1 + exp(-x))입니다"),
    "tanh": (lambda x, p: torch.tanh(x), (), "tanh(x) = (1 - exp(-2x)) / (1 + exp(-2x))",
             "tanh(x) = (1 - exp(-2x)) / (1 + exp(-2x))입니다"),
    "gelu": (lambda x, p: x * 0.5 * (1 + torch.erf(x / math.sqrt(2))), (),
             "GELU(x) = x · Φ(x), with Φ the standard normal CDF (torch.erf helps)",
             "GELU(x) = x · Φ(x)이고 Φ는 표준 정규분포의 누적분포함수입니다(torch.erf 활용)"),
    "swish": (_swish, (1.0, 2.0),
              "Swish(x) = x · sigmoid(beta · x): use beta, the second argument",
              "Swish(x) = x · sigmoid(beta · x)입니다. 두 번째 인자 beta를 쓰세요"),
}

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
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
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
    value = value.double()
    if not torch.isfinite(value).all():
        raise ValueError(f"{name} must hold finite numbers only, got NaN or infinity")
    return value


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

def check_number(exercise: str, value: float | torch.Tensor) -> None:
    """Check a numeric answer to ``exercise`` (an id from ``exercises()["check_number"]``).

    A whole-number answer (a count, a size, a class) must match exactly; any other
    answer within a relative tolerance of 1e-3 (3.4.2: within 0.05, as it is estimated).
    """
    answer = _lookup("check_number", exercise)
    if value is Ellipsis:
        return _not_answered(exercise)
    value = _as_number("value", value)
    if isinstance(answer.value, int):
        ok = value.is_integer() and int(value) == answer.value
    else:
        ok = math.isclose(value, float(answer.value), rel_tol=answer.rel_tol, abs_tol=answer.abs_tol)
    return _report(ok, f"Exercise {exercise}", hint_en=answer.hint_en, hint_ko=answer.hint_ko)


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
    ok = tuple(int(n) for n in shape) == answer.value
    return _report(ok, f"Exercise {exercise}", hint_en=answer.hint_en, hint_ko=answer.hint_ko)


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
    ok = torch.allclose(tensor, expected, rtol=answer.rel_tol, atol=answer.abs_tol)
    return _report(ok, f"Exercise {exercise}", hint_en=answer.hint_en, hint_ko=answer.hint_ko)


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
