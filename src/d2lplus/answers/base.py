"""The record types of the answer key: what a check compares with, and what it says when missed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch


@dataclass(frozen=True, repr=False)
class Trap:
    """A wrong answer students are known to give (an expected slip), with the hint it deserves.

    ``value`` is compared like the answer itself. Typical traps: the constant printed in the
    question, a fit with an intercept where the question has none, a forgotten bias.
    """

    value: object
    hint_en: str
    hint_ko: str

    def __repr__(self) -> str:  # printing the key must not show the answers
        return "<trap>"


@dataclass(frozen=True, repr=False)
class Answer:
    """An expected answer (kept out of every message), the hint shown when it is missed, and known traps.

    An ``int`` value is compared exactly; a ``float`` value with ``rel_tol``/``abs_tol``.
    ``prediction``: the question asks for a value predicted before running code, so a tensor (which
    only PyTorch's own computation produces) is a miss with a hint. ``not_finite_en``/``_ko``: the
    exercise's own hint for NaN or infinity, where the usual cause is known (a unit slip, say).
    ``many_numbers_en``/``_ko``: its own hint for several numbers where one is asked (a whole vector
    passed where one entry, or its argmin, is the answer).
    """

    value: object
    hint_en: str
    hint_ko: str
    rel_tol: float = 1e-3
    abs_tol: float = 1e-6
    traps: tuple[Trap, ...] = ()
    prediction: bool = False
    not_finite_en: str = ""
    not_finite_ko: str = ""
    many_numbers_en: str = ""
    many_numbers_ko: str = ""

    def __repr__(self) -> str:
        return "<answer>"


@dataclass(frozen=True, repr=False)
class Gradient:
    """A derivative exercise: the package's own function, the inputs it is checked on, and the hint.

    ``function(*args)`` returns a scalar; the expected answer is autograd's gradient of it with
    respect to ``args[0]`` (its Hessian if ``order`` is 2), computed in float64. The reader's
    ``grad`` is called as ``grad(*args)``.
    A trap's ``value`` is a wrong gradient, called like ``grad``; a NaN in it matches a NaN.
    Unless ``autograd_allowed``, the reader's ``grad`` runs with autograd switched off, so an
    answer that only asks autograd for the derivative, instead of deriving it, is a miss.
    """

    function: Callable[..., torch.Tensor]
    cases: tuple[tuple[str, str, tuple], ...]
    call_en: str
    hint_en: str
    hint_ko: str
    traps: tuple[Trap, ...] = ()
    autograd_allowed: bool = False
    library: str = ""  # a PyTorch function family the answer may not call ("softmax"): it would do the work asked
    order: int = 1  # 2: the answer is the matrix of second derivatives

    def __repr__(self) -> str:
        return "<gradient exercise>"
