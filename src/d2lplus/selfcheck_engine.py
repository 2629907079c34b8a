"""The engine of the self-checks (``selfcheck`` is the module to import; its docstring says how they behave).

One bilingual report line per check, the lookup of an exercise's answer in
``answers``, the conversion of what a student passes, and the checks of a
number, a shape and a tensor.
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


def _how_many_numbers(value: object) -> int | None:
    """How many numbers a tensor, array, pandas object or list holds, if more than one; else None."""
    if isinstance(value, torch.Tensor):
        count = value.numel()
    elif isinstance(value, np.ndarray) or type(value).__module__.split(".")[0] == "pandas":
        count = int(getattr(value, "size", 1))
    elif isinstance(value, (list, tuple)):
        count = len(value)
    else:
        return None
    return count if count > 1 else None


def _as_number(name: str, value: object) -> float:
    """A real number from a Python/NumPy number, a one-element tensor/array/pandas object or list."""
    if type(value).__module__.split(".")[0] == "pandas" and getattr(value, "size", None) == 1:
        value = value.to_numpy().reshape(-1)  # a one-element Series or DataFrame
    elif isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
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
_NOT_FINITE_HINT = ("look for a division by zero or a log of 0 or of a negative number (in training: a learning "
                    "rate so large that it diverged)",
                    "0으로 나누기, 0이나 음수의 로그가 없는지 살펴보세요(학습이라면 발산할 만큼 큰 학습률도)")


_MANY_HINT = ("the question asks for a single number: did you forget a mean or a sum over all entries?",
              "문제는 수 하나를 묻습니다. 전체에 대한 평균이나 합을 빠뜨리지 않았나요?")
def _rounded_hint(answer: Answer) -> tuple[str, str]:
    within = f"{answer.rel_tol:.2g}".replace("0.", ".") if answer.rel_tol >= 1 else f"{100 * answer.rel_tol:g}%"
    return (f"close: that looks like the answer rounded or cut off too far; the check needs it within {within}, "
            f"so keep more digits",
            f"거의 맞았습니다. 답을 너무 많이 반올림했거나 잘라 낸 것 같습니다. 점검은 {within} 이내를 요구하므로 "
            f"자릿수를 더 남기세요")


def _rounded_too_far(value: float, target: object) -> bool:
    """Whether ``value`` is the (non-integer) answer rounded or cut off to 1–3 decimals: a near miss."""
    if isinstance(target, int) or value == 0:
        return False
    target = float(target)
    return any(value in (round(target, d), math.floor(target * 10 ** d) / 10 ** d,
                         math.ceil(target * 10 ** d) / 10 ** d) for d in range(1, 4))


_NONE = ("the value is None.", "값이 None입니다.", "did a function you wrote forget to return its result?",
         "직접 쓴 함수가 결과를 return하지 않았나요?")
# A string where a number, a shape or a tensor is asked: a printed value pasted back, or an f-string.
_STRING = {
    "number": ("the value is a string.", "값이 문자열입니다.",
               "pass the number itself, such as 0.25, not text (int(...) or float(...) converts it)",
               "글자가 아니라 0.25 같은 수 자체를 넘기세요(int(...)나 float(...)로 바꿀 수 있습니다)"),
    "shape": ("the shape is a string.", "모양이 문자열입니다.",
              "write it as a tuple of numbers, such as (2, 7), without quotes",
              "따옴표 없이 (2, 7)처럼 수로 된 튜플로 쓰세요"),
    "tensor": ("the answer is a string, not a tensor.", "답이 텐서가 아니라 문자열입니다.",
               "pass the tensor your code computed, not its printed text",
               "출력된 글자가 아니라 코드로 계산한 텐서 자체를 넘기세요"),
}


def _slip(kind: str, value: object) -> tuple[str, str, str, str] | None:
    """None (a function that forgot its return) or text where a ``kind`` is asked: a miss and its hint, not a bug."""
    if value is None:
        return _NONE
    if isinstance(value, str):
        return _STRING[kind]
    return None


def check_number(exercise: str, value: float | torch.Tensor) -> None:
    """Check a numeric answer to ``exercise`` (an id from ``exercises()["check_number"]``).

    A whole-number answer (a count, a size, a class) must match exactly; any other
    answer within the tolerance its exercise sets (relative 1e-3 unless said otherwise).
    NaN or infinity (a computation that diverged) is a miss with a hint, not an error. Where the
    question asks for a prediction, a tensor (PyTorch's own result) is a miss with a hint.
    """
    answer = _lookup("check_number", exercise)
    if value is Ellipsis:
        return _not_answered(exercise)
    if slip := _slip("number", value):
        return _report(False, f"Exercise {exercise}", *slip)
    many = _how_many_numbers(value)
    if many is not None:  # one number per entry or column (a mean forgotten): a slip, not a bug
        hints = (answer.many_numbers_en, answer.many_numbers_ko) if answer.many_numbers_en else _MANY_HINT
        return _report(False, f"Exercise {exercise}", f"the value holds {many} numbers.",
                       f"값에 수가 {many}개 들어 있습니다.", *hints)
    computed = isinstance(value, torch.Tensor)
    value = _as_number("value", value)
    if not math.isfinite(value):
        hints = (answer.not_finite_en, answer.not_finite_ko) if answer.not_finite_en else _NOT_FINITE_HINT
        return _report(False, f"Exercise {exercise}", *_NOT_FINITE, *hints)
    if answer.prediction and computed:  # PyTorch's result: it would always match
        return _report(False, f"Exercise {exercise}", "a tensor comes from running the code.",
                       "텐서는 코드를 실행해서 얻은 값입니다.",
                       hint_en="write the number you predicted, not the tensor PyTorch computed",
                       hint_ko="PyTorch가 계산한 텐서가 아니라 내가 예측한 수를 적으세요")
    ok = _same_number(value, answer.value, answer)
    hint_en, hint_ko = _hints(answer, lambda trap: _same_number(value, trap, answer))
    if (hint_en, hint_ko) == (answer.hint_en, answer.hint_ko) and _rounded_too_far(value, answer.value):
        hint_en, hint_ko = _rounded_hint(answer)
    return _report(ok, f"Exercise {exercise}", hint_en=hint_en, hint_ko=hint_ko)


def check_shape(exercise: str, shape: tuple[int, ...]) -> None:
    """Check a shape worked out by hand: a tuple (or list) of non-negative ints.

    Every shape exercise asks for a prediction made before running code, so a ``torch.Size``,
    which only PyTorch produces, is a miss with a hint: passing ``X.shape`` would always match.
    """
    answer = _lookup("check_shape", exercise)
    if shape is Ellipsis:
        return _not_answered(exercise)
    if slip := _slip("shape", shape):
        return _report(False, f"Exercise {exercise}", *slip)
    if isinstance(shape, torch.Size):
        return _report(False, f"Exercise {exercise}", "a torch.Size comes from running the code.",
                       "torch.Size는 코드를 실행해서 얻은 값입니다.",
                       hint_en="write the shape you worked out by hand as a tuple of numbers, such as (2, 7)",
                       hint_ko="손으로 구한 모양을 (2, 7)처럼 수로 된 튜플로 적으세요")
    if isinstance(shape, numbers.Integral) and not isinstance(shape, bool):  # 32 for (32,): a slip, not a bug
        return _report(False, f"Exercise {exercise}", "a shape is a tuple, not a number.",
                       "모양은 수가 아니라 튜플입니다.",
                       hint_en="write it with parentheses and commas, such as (32,) or (2, 7)",
                       hint_ko="(32,)나 (2, 7)처럼 괄호와 쉼표로 쓰세요")
    if isinstance(shape, (np.ndarray, torch.Tensor)) or (
            isinstance(shape, (tuple, list)) and any(isinstance(n, float) and n.is_integer() for n in shape)):
        return _report(False, f"Exercise {exercise}", "a shape is a tuple of whole numbers (ints).",
                       "모양은 정수(int)로 된 튜플입니다.",
                       hint_en="write it as ints, such as (2, 7): not floats like 2.0, not an array",
                       hint_ko="(2, 7)처럼 정수로 쓰세요. 2.0 같은 실수나 배열이 아니라")
    if not isinstance(shape, (tuple, list)):
        raise TypeError(f"shape must be a tuple of integers such as (2, 7), got {type(shape).__name__}")
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
    if slip := _slip("tensor", tensor):
        return _report(False, f"Exercise {exercise}", *slip)
    if isinstance(tensor, (list, tuple)):  # numbers typed as a list: a slip, not a bug
        return _report(False, f"Exercise {exercise}", "the answer is a Python list, not a tensor.",
                       "답이 텐서가 아니라 파이썬 리스트입니다.",
                       hint_en="pass the tensor your code computed (torch.tensor(...) turns a list into one)",
                       hint_ko="코드로 계산한 텐서를 넘기세요(리스트는 torch.tensor(...)로 텐서가 됩니다)")
    tensor = _as_tensor("tensor", tensor)
    expected = answer.value()
    if tensor.shape != expected.shape:  # a slip (a row for a column), not a bug: a miss with a hint
        return _report(False, f"Exercise {exercise}", f"the tensor has shape {tuple(tensor.shape)}.",
                       f"텐서의 모양이 {tuple(tensor.shape)}입니다.",
                       hint_en=f"the exercise asks for shape {tuple(expected.shape)}: mind rows and columns",
                       hint_ko=f"문제가 묻는 모양은 {tuple(expected.shape)}입니다. 행과 열에 주의하세요")
    if not torch.isfinite(tensor).all():
        return _report(False, f"Exercise {exercise}", *_NOT_FINITE, *_NOT_FINITE_HINT)
    ok = torch.allclose(tensor, expected, rtol=answer.rel_tol, atol=answer.abs_tol)
    hint_en, hint_ko = _hints(answer, lambda trap: torch.allclose(tensor, trap().double(), rtol=answer.rel_tol,
                                                                   atol=answer.abs_tol))
    if not ok and (hint_en, hint_ko) == (answer.hint_en, answer.hint_ko) and any(
            torch.allclose(tensor, torch.round(expected, decimals=d), rtol=0, atol=1e-6)  # the answer, rounded
            for d in (1, 2, 3)):  # (to float32's resolution: a float32 tensor of 0.415 is not exactly 0.415)
        within = f"{answer.abs_tol:g}"
        hint_en = f"close: the values look rounded too far; the check needs each within {within}, so keep more digits"
        hint_ko = (f"거의 맞았습니다. 값을 너무 많이 반올림한 것 같습니다. 점검은 원소마다 {within} 이내를 "
                   f"요구하므로 자릿수를 더 남기세요")
    return _report(ok, f"Exercise {exercise}", hint_en=hint_en, hint_ko=hint_ko)


