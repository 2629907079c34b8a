"""Self-checks of a function the student wrote (``selfcheck`` re-exports them; its docstring says how).

Each compares the student's function with a reference this package owns, on
test inputs chosen here (away from kinks and singular points), and reports
with ``selfcheck``'s bilingual line: ✓, or ✗ with a hint, never the values.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import torch
from torch.overrides import TorchFunctionMode

from .answers import ACTIVATIONS as _ACTIVATIONS
from .selfcheck_engine import (
    _call,
    _check_callable,
    _clone,
    _lookup,
    _not_answered,
    _report,
)


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
            if key == "returned shape":
                got, wanted = reason.removeprefix("returned shape ").split(" instead of ")
                return f"모양 {got}을 돌려줌({wanted}이어야 함)"
            return text
    return reason


_FORGOT_RETURN = ("did your function forget to return its result?", "함수가 결과를 return하지 않았나요?")
_NOT_A_TENSOR = ("return a torch tensor (torch.as_tensor turns a NumPy array or a list into one)",
                 "torch 텐서를 돌려주세요(NumPy 배열이나 리스트는 torch.as_tensor로 텐서가 됩니다)")


def _run_cases(what: str, function: Callable, cases: list[tuple[str, str, tuple, torch.Tensor, str, str]],
               atol: float = 1e-5, rtol: float = 1e-4,
               trap_hint: Callable[[tuple, object], tuple[str, str] | None] | None = None,
               error_hint: Callable[[str], tuple[str, str] | None] | None = None) -> None:
    """Run ``function`` on each case ``(label_en, label_ko, args, expected, hint_en, hint_ko)``.

    ``trap_hint(args, result)``, if given, returns the hint of a known slip the result matches;
    ``error_hint(error)``, if given, returns the hint for an error the function raised (its text).
    """
    for label_en, label_ko, args, expected, hint_en, hint_ko in cases:
        result, error = _call(function, *(_clone(a) for a in args))
        reason = f"raised {error}" if error else _compare(result, expected, atol, rtol)
        if reason:
            if trap_hint is not None and error is None:
                hint_en, hint_ko = trap_hint(args, result) or (hint_en, hint_ko)
            if error is None and not isinstance(result, torch.Tensor):
                hint_en, hint_ko = _FORGOT_RETURN if result is None else _NOT_A_TENSOR
            if error_hint is not None and error is not None:
                hint_en, hint_ko = error_hint(error) or (hint_en, hint_ko)
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
         "normalize along the last axis (dim=1), not over the whole tensor",
         "전체가 아니라 마지막 축(dim=1)을 따라 정규화하세요"),
        ("a 3×3 batch", "3×3 배치", torch.tensor([[0.0, 1.0, 2.0], [2.0, 0.0, 0.0], [1.0, 1.0, 3.0]]),
         "normalize each row (dim=1), not each column",
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
        ("rows whose logits spread by 200", "로짓이 200만큼 벌어진 행", torch.tensor([[0.0, 200.0], [-200.0, 0.0]]),
         "subtract each row's maximum: after subtracting a mean (or any other entry) some logits stay far above 0",
         "각 행의 최댓값을 빼세요. 평균(이나 다른 원소)을 빼면 어떤 로짓은 여전히 0보다 훨씬 큽니다"),
    ]:
        cases.append((label_en, label_ko, (X,), torch.softmax(X.double(), dim=1), hint_en, hint_ko))
    return _run_cases("softmax", _without_library(softmax, _LIBRARY_SOFTMAX), cases, error_hint=_library_hint)


_F = torch.nn.functional
_LIBRARY_SOFTMAX = {torch.softmax, torch.Tensor.softmax, _F.softmax, torch.special.softmax, torch.log_softmax,
                    torch.Tensor.log_softmax, _F.log_softmax, torch.special.log_softmax, torch.logsumexp,
                    torch.Tensor.logsumexp, torch.special.logsumexp, _F.softmin}
_LIBRARY_CROSS_ENTROPY = {_F.cross_entropy, _F.nll_loss, _F.kl_div, _F.binary_cross_entropy}
_LIBRARY_ACTIVATIONS = {
    "relu": {torch.relu, torch.Tensor.relu, _F.relu},
    "sigmoid": {torch.sigmoid, torch.Tensor.sigmoid, _F.sigmoid, torch.special.expit},
    "tanh": {torch.tanh, torch.Tensor.tanh, _F.tanh},
    "gelu": {_F.gelu},
    "prelu": {torch.prelu, _F.prelu, _F.leaky_relu},
    "swish": {_F.silu},
}


_LIBRARIES = {"softmax": _LIBRARY_SOFTMAX, **_LIBRARY_ACTIVATIONS}


class _Watch(TorchFunctionMode):
    """Notes whether a torch operation for which ``flagged(func)`` is true ran inside the ``with`` block."""

    def __init__(self, flagged: Callable[[Callable], bool]) -> None:
        super().__init__()
        self.flagged = flagged
        self.used = False

    def __torch_function__(self, func, types, args=(), kwargs=None):
        if self.flagged(func):
            self.used = True
        return func(*args, **(kwargs or {}))


def _watched(function: Callable, flagged: Callable[[Callable], bool], message: str,
             grad_off: bool = False) -> Callable:
    """``function`` run under a ``_Watch``; if a flagged operation ran, it raises ``message`` instead,
    even when the function then failed on the test input (that is still the thing to say)."""
    def run(*args):
        watch, failure = _Watch(flagged), None
        try:
            with torch.no_grad() if grad_off else contextlib.nullcontext(), watch:
                result = function(*args)
        except Exception as error:  # noqa: BLE001 - re-raised below unless the watch explains it
            failure = error
        if watch.used:
            raise RuntimeError(message) from None
        if failure is not None:
            raise failure
        return result
    return run


def _without_library(function: Callable, forbidden: set) -> Callable:
    """``function`` run under watch: handing in PyTorch's own version would pass without the work asked."""
    return _watched(function, forbidden.__contains__, "your function called PyTorch's own version of it")


def _library_hint(error: str) -> tuple[str, str] | None:
    if "PyTorch's own version" in error:
        return ("write it from its definition: PyTorch's own function already does the work the exercise asks for",
                "정의대로 직접 쓰세요. PyTorch의 함수는 연습이 묻는 일을 이미 다 해 줍니다")
    return None


def check_cross_entropy(cross_entropy: Callable[[torch.Tensor, torch.Tensor], torch.Tensor]) -> None:
    """Check ``cross_entropy(y_hat, Y)``: the mean over a minibatch of ``-sum_j Y[i, j] log y_hat[i, j]``.

    ``y_hat`` holds predicted probabilities, ``Y`` a label matrix of the same shape whose
    rows are distributions over the classes: one-hot rows (hard labels) and soft rows
    (label smoothing, a blend of two labels), which picking the true class cannot serve.
    One case puts an exact 0 where the label is 0: ``0 · log 0`` must count as 0, not NaN.
    """
    if cross_entropy is Ellipsis:
        return _not_answered("cross_entropy")
    cross_entropy = _check_callable("cross_entropy", cross_entropy)

    def reference(y_hat, Y):
        return -torch.xlogy(Y.double(), y_hat.double()).sum(dim=1).mean()

    def one_hot(labels, classes):
        return torch.eye(classes)[torch.tensor(labels)]

    every_class = ("multiply Y by log y_hat entry by entry, sum over the classes (dim=1), then take the mean over "
                   "the minibatch",
                   "Y와 log y_hat을 원소별로 곱해 클래스에 대해(dim=1) 더한 뒤 미니배치에 대해 평균을 내세요")
    soft = ("with soft labels every class whose label is above 0 counts: sum Y · log y_hat over all classes "
            "instead of picking one class (such as Y.argmax)",
            "부드러운 레이블에서는 레이블이 0보다 큰 클래스가 모두 셈에 들어갑니다. 한 클래스(Y.argmax 같은)만 "
            "고르지 말고 모든 클래스에 대해 Y · log y_hat을 더하세요")
    section = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
    four = torch.tensor([[0.7, 0.2, 0.1], [0.25, 0.5, 0.25], [0.1, 0.1, 0.8], [0.4, 0.4, 0.2]])
    cases = []
    for label_en, label_ko, y_hat, Y, (hint_en, hint_ko) in [
        ("the section's example, one-hot labels", "이 절의 예, 원-핫 레이블", section, one_hot([0, 2], 3),
         every_class),
        ("one-hot labels for a batch of four", "예제 넷인 배치의 원-핫 레이블", four, one_hot([0, 1, 1, 2], 3),
         ("return the mean over the minibatch (one number), not the sum and not the mean over every entry",
          "합도, 모든 원소의 평균도 아닌 미니배치에 대한 평균(수 하나)을 돌려주세요")),
        ("labels smoothed with ε = 0.3", "ε = 0.3으로 스무딩한 레이블", four,
         0.7 * one_hot([0, 1, 1, 2], 3) + 0.1, soft),
        ("two images blended, as in mixup", "mixup처럼 두 이미지를 섞은 레이블", section,
         torch.tensor([[0.5, 0.5, 0.0], [0.0, 0.25, 0.75]]), soft),
        ("a probability of exactly 0 where the label is 0", "레이블이 0인 곳의 확률이 정확히 0인 경우",
         torch.tensor([[0.0, 1.0, 0.0], [0.5, 0.0, 0.5]]), torch.tensor([[0.0, 1.0, 0.0], [0.5, 0.0, 0.5]]),
         ("0 · log 0 is NaN in floating point, and a term whose label is 0 must count as 0: which terms can "
          "be left out, or how can the logarithm be kept away from 0?",
          "부동소수점에서 0 · log 0은 NaN인데, 레이블이 0인 항은 0으로 세어야 합니다. 어떤 항을 빼도 될까요? "
          "아니면 로그를 0에서 어떻게 떨어뜨릴 수 있을까요?")),
    ]:
        cases.append((label_en, label_ko, (y_hat, Y), reference(y_hat, Y), hint_en, hint_ko))
    return _run_cases("cross_entropy", _without_library(cross_entropy, _LIBRARY_CROSS_ENTROPY), cases,
                      error_hint=_label_matrix_hint)


def _label_matrix_hint(error: str) -> tuple[str, str] | None:
    """Integer labels expected where the check passes a label matrix, or PyTorch's own loss."""
    if any(word in error for word in ("used as indices", "one_hot", "target")):
        return ("Y is a matrix of label probabilities (one row per example, summing to 1), not integer labels: "
                "use it as it is. For integer labels y, build the rows outside the function: "
                "F.one_hot(y, num_classes).float()",
                "Y는 정수 레이블이 아니라 레이블 확률의 행렬입니다(예제마다 한 행, 행의 합은 1). 그대로 쓰세요. "
                "정수 레이블 y라면 함수 밖에서 F.one_hot(y, num_classes).float()로 행을 만드세요")
    return _library_hint(error)


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
    return _run_cases(name, _without_library(function, _LIBRARY_ACTIVATIONS.get(name, set())), cases, atol=atol,
                      error_hint=_library_hint)


def _expected_gradient(function: Callable, args: tuple, order: int = 1) -> torch.Tensor:
    """Autograd's gradient (``order`` 2: Hessian) of the package's ``function(*args)`` with respect to
    ``args[0]``, in float64."""
    args64 = [a.detach().double() if isinstance(a, torch.Tensor) else a for a in args]
    if order == 2:
        return torch.autograd.functional.hessian(lambda first: function(first, *args64[1:]), args64[0])
    args64[0] = args64[0].clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(function(*args64), args64[0])
    return grad


def check_gradient(exercise: str, grad: Callable[..., torch.Tensor]) -> None:
    """Check a hand-derived derivative (or Hessian) for ``exercise`` (an id from ``exercises()["check_gradient"]``).

    The check owns the exercise's function and the points: it calls your ``grad`` on
    test inputs of its own (away from kinks and singular points) and compares the result
    with autograd's gradient of the exercise's function there. How ``grad`` is called:

    - 2.4.4, 2.4.8, 2.5.4, 2.5.6: ``grad(x)`` for a 1-D float tensor ``x``;
    - 2.4.7: ``grad(x)`` for ``x = (x1, x2)``; 4.1.6: ``grad(o)`` for a 1-D tensor of logits;
    - 4.1.1: ``hessian(o)`` for a 1-D tensor of logits (the matrix of second derivatives);
    - 5.1.2: ``grad(x, alpha)``; 5.1.3: ``grad(x, beta)``;
    - 5.3.2: ``grad(b, W1, W2, x, y)`` (float64 tensors).
    """
    task = _lookup("check_gradient", exercise)
    if grad is Ellipsis:
        return _not_answered(exercise)
    grad = _check_callable("grad", grad)
    cases = [(label_en, label_ko, args, _expected_gradient(task.function, args, task.order), task.hint_en,
              task.hint_ko)
             for label_en, label_ko, args in task.cases]
    run = grad if task.autograd_allowed else _without_autograd(grad)
    if task.library:
        run = _without_library(run, _LIBRARIES[task.library])

    def trap_hint(args: tuple, result: object) -> tuple[str, str] | None:
        if not isinstance(result, torch.Tensor):
            return None
        result = result.detach().cpu().double()
        for trap in task.traps:
            wrong = trap.value(*(_clone(a) for a in args)).double()
            if wrong.shape == result.shape and torch.allclose(result, wrong, rtol=1e-4, atol=1e-5, equal_nan=True):
                return trap.hint_en, trap.hint_ko
        return None
    def error_hint(error: str) -> tuple[str, str] | None:
        return _library_hint(error) or (None if task.autograd_allowed else _autograd_error_hint(error))
    return _run_cases(f"Exercise {exercise}", run, cases, atol=1e-5, rtol=1e-4, trap_hint=trap_hint,
                      error_hint=error_hint)


def _autograd_on(func: Callable) -> bool:
    """Autograd back on (``enable_grad``, ``autograd.functional``) or a ``torch.func`` transform active:
    both compute derivatives although the check runs the function under ``no_grad``."""
    return torch.is_grad_enabled() or torch._C._are_functorch_transforms_active()


def _without_autograd(grad: Callable[..., torch.Tensor]) -> Callable[..., torch.Tensor]:
    """``grad`` run with autograd off and watched: a derivative to be derived must not be asked of autograd
    (one that asks is reported as a miss with the "derive it" hint)."""
    return _watched(grad, _autograd_on, "your function asked autograd (or torch.func) for the gradient",
                    grad_off=True)


_BY_HAND = ("the check runs your function with autograd switched off (torch.func included): derive the "
            "derivative and write it out",
            "점검은 자동 미분을(torch.func도) 끈 채 함수를 실행합니다. 도함수를 직접 유도해 식으로 쓰세요")


def _autograd_error_hint(error: str) -> tuple[str, str] | None:
    """The hint for a function that failed because it needed autograd, which the check switches off."""
    return _BY_HAND if "grad" in error else None
