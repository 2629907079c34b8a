"""The answer key of the self-checks on the exercise page of Chapter 2 (Preliminaries, 2.1–2.5).

Ids are the book's exercise numbers (``"2.1.2"``); extras of ours and discussions carry a suffix
or prefix. The tests derive every expected value on their own (tests/selfcheck_cases/), never from here.
"""

from __future__ import annotations

import math  # noqa: F401  (used by some answers)

import torch  # noqa: F401

from .base import Answer, Gradient, Trap  # noqa: F401

NUMBERS: dict[str, Answer] = {
    "2.1.3": Answer(0.25, "make y the same shape as y_hat before subtracting, so the mean runs over 4 numbers",
                     "뺄셈 전에 y를 y_hat과 같은 모양으로 만들어 평균이 4개의 수에 대해 계산되게 하세요"),
    "2.2.1": Answer(5 / 12, "count the missing cells of the whole table (isna) and divide by rows × columns",
                     "표 전체에서 빠진 칸(isna)을 세어 행 수 × 열 수로 나누세요"),
    "2.2.3": Answer(800, "a float64 takes 8 bytes, and 1 MB is 10^6 bytes",
                     "float64 하나는 8바이트이고 1 MB는 10^6바이트입니다"),
    "2.3.4": Answer(2, "len counts the entries along one axis only: which one?",
                     "len은 한 축의 길이만 셉니다. 어느 축일까요?"),
    "2.3.10": Answer(422.4, "an (m×n) times (n×p) product takes m·n·p multiply-adds; add both products of each order",
                      "(m×n) 행렬과 (n×p) 행렬의 곱은 곱셈-덧셈 m·n·p번입니다. 순서마다 두 곱의 비용을 더하세요"),
    "2.4.6": Answer(4.0, "differentiate x^3 and -1/x separately, then evaluate at x = 1",
                     "x^3과 -1/x를 따로 미분한 뒤 x = 1에서 값을 구하세요"),
}

SHAPES: dict[str, Answer] = {
    "2.1.2": Answer((2, 3, 4), "compare the shapes from the last axis; each result axis takes the longer length",
                     "마지막 축부터 모양을 비교하세요. 결과의 각 축은 더 긴 길이를 가집니다"),
    "2.3.8": Answer((2, 4), "summing along an axis removes that axis from the shape",
                     "한 축을 따라 합하면 그 축이 모양에서 사라집니다"),
}

TENSORS: dict[str, Answer] = {
}

GRADIENTS: dict[str, Gradient] = {
    "2.4.4": Gradient(
        lambda x: (x ** x).sum(),
        (("x = 0.2 … 3", "x = 0.2 … 3", (torch.tensor([0.2, 0.5, 1.0, 2.0, 3.0]),)),),
        "grad(x) for a tensor x of positive points",
        "write x^x = exp(x log x) and use the chain rule, then the product rule",
        "x^x = exp(x log x)로 쓰고 연쇄 법칙, 그다음 곱의 법칙을 쓰세요"),
    "2.4.7": Gradient(
        lambda x: 3 * x[0] ** 2 + 5 * torch.exp(x[1]),
        (("x = (1, -0.5)", "x = (1, -0.5)", (torch.tensor([1.0, -0.5]),)),
         ("x = (-2, 1)", "x = (-2, 1)", (torch.tensor([-2.0, 1.0]),))),
        "grad(x) for a tensor x = (x1, x2), returning a tensor of shape (2,)",
        "take one partial derivative per variable, holding the other constant",
        "변수마다 편도함수 하나를 구하고, 그동안 다른 변수는 상수로 두세요"),
    "2.4.8": Gradient(
        lambda x: torch.sqrt((x ** 2).sum()),
        (("x = (3, -4, 1)", "x = (3, -4, 1)", (torch.tensor([3.0, -4.0, 1.0]),)),
         ("x = (0.5, 2)", "x = (0.5, 2)", (torch.tensor([0.5, 2.0]),))),
        "grad(x) for a nonzero tensor x",
        "write the norm as (sum of squares)^(1/2) and apply the chain rule",
        "노름을 (제곱의 합)^(1/2)로 쓰고 연쇄 법칙을 적용하세요"),
    "2.5.4": Gradient(
        lambda x: torch.sin(x).sum(),
        (("x in [-2π, 2π]", "x ∈ [-2π, 2π]", (torch.linspace(-2 * math.pi, 2 * math.pi, 41),)),),
        "derivative(x) for a tensor x of points",
        "each entry of sin(x).sum() depends on one point only, so x.grad holds the derivative at every point",
        "sin(x).sum()의 각 항은 한 점에만 의존하므로 x.grad에 모든 점의 도함수가 담깁니다"),
    "2.5.6": Gradient(
        lambda x: (torch.log(x ** 2) * torch.sin(x) + 1 / x).sum(),
        (("x = -3 … 4 (not 0)", "x = -3 … 4(0 제외)", (torch.tensor([-3.0, -0.5, 0.5, 1.0, 2.0, 4.0]),)),),
        "grad(x) for a tensor x of nonzero points",
        "follow the dependency graph back: product rule for log(x^2)·sin(x), chain rule for log(x^2), "
        "and mind the sign of d(1/x)",
        "의존성 그래프를 거꾸로 따라가세요. log(x^2)·sin(x)에는 곱의 법칙, log(x^2)에는 연쇄 법칙을 쓰고 "
        "d(1/x)의 부호에 주의하세요"),
}
