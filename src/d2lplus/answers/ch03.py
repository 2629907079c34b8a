"""The answer key of the self-checks on the exercise page of Chapter 3 (Linear regression: 3.1, 3.2, 3.4).

Ids are the book's exercise numbers (``"3.1.2"``); extras of ours and discussions carry a suffix
or prefix. The tests derive every expected value on their own (tests/selfcheck_cases/), never from here.
"""

from __future__ import annotations

import math  # noqa: F401  (used by some answers)

import torch  # noqa: F401

from .base import Answer, Gradient, Trap  # noqa: F401

NUMBERS: dict[str, Answer] = {
    "3.1.1-squared": Answer(6.0, "set the derivative of the sum with respect to b to zero",
                             "합을 b로 미분한 식을 0으로 두세요"),
    "3.1.1-absolute": Answer(5.0, "the derivative of |x_i - b| is a sign: balance the points on each side of b",
                              "|x_i - b|의 도함수는 부호입니다. b 양쪽의 점 개수를 맞추세요"),
    "3.1.4": Answer(2, "a column that is a combination of other columns adds no rank (torch.linalg.matrix_rank)",
                     "다른 열들의 조합인 열은 계수(rank)를 늘리지 않습니다(torch.linalg.matrix_rank)"),
    "3.2.3": Answer(10, "the board plots one averaged point for every every_n points drawn",
                     "보드는 every_n개의 점마다 평균한 점 하나를 그립니다"),
    "3.4.2": Answer(4.7, "fit V = R·I on the given data, and run enough steps that the loss stops falling",
                     "주어진 데이터로 V = R·I를 맞추고, 손실이 더 줄지 않을 만큼 충분히 반복하세요",
                     rel_tol=0.0, abs_tol=0.05),
    "3.4.7": Answer(8, "1000 training examples; the loader keeps the remainder as a smaller last batch",
                     "훈련 예제는 1000개이고, 나머지는 더 작은 마지막 배치가 됩니다"),
}

SHAPES: dict[str, Answer] = {
}

TENSORS: dict[str, Answer] = {
}

GRADIENTS: dict[str, Gradient] = {
}
