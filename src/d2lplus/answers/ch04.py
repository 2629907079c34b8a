"""The answer key of the self-checks on the exercise page of Chapter 4 (Classification: 4.1–4.4).

Ids are the book's exercise numbers (``"4.1.2"``); extras of ours and discussions carry a suffix
or prefix. The tests derive every expected value on their own (tests/selfcheck_cases/), never from here.
"""

from __future__ import annotations

import math  # noqa: F401  (used by some answers)

import torch  # noqa: F401

from .base import Answer, Gradient, Trap  # noqa: F401


def _hessian_4_1_1() -> torch.Tensor:
    p = torch.softmax(torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64), 0)
    return torch.diag(p) - torch.outer(p, p)

NUMBERS: dict[str, Answer] = {
    "discussion-4.1.4": Answer(784 * 256,
                                "each of the q outputs is a dot product of length d (count products, not biases)",
                                "q개의 출력 각각이 길이 d인 내적입니다(편향이 아니라 곱셈을 세세요)"),
    "4.1.3": Answer(2, "k ternary digits can tell 3^k integers apart",
                     "3진수 k자리로 서로 다른 정수 3^k개를 구별할 수 있습니다"),
    "4.1.5": Answer(math.log(2), "for a ≥ b the gap is log(1 + exp(b - a)) (natural log): where is it largest?",
                     "a ≥ b일 때 차이는 log(1 + exp(b - a))(자연로그)입니다. 언제 가장 클까요?"),
    "4.2.1": Answer(235, "60000 training images; a partial last batch counts too",
                     "훈련 이미지는 60000장이고, 덜 찬 마지막 배치도 하나로 셉니다"),
    "4.3.1": Answer(16, "10000 validation images in batches of 256: what is left for the last one?",
                     "검증 이미지 10000장을 256장씩 나누면 마지막 배치에 몇 장이 남나요?"),
    "4.3.3": Answer(1, "compute the expected loss sum_y l(y, y') p(y|x) for every y' and take the smallest",
                     "모든 y'에 대해 기대 손실 sum_y l(y, y') p(y|x)를 계산하고 가장 작은 것을 고르세요"),
}

SHAPES: dict[str, Answer] = {
}

TENSORS: dict[str, Answer] = {
    "4.1.1": Answer(_hessian_4_1_1,
                     "differentiate softmax(o)_j - y_j once more with respect to o_k (two cases: j = k, j ≠ k)",
                     "softmax(o)_j - y_j를 o_k로 한 번 더 미분하세요(j = k인 경우와 j ≠ k인 경우)",
                     rel_tol=0.0, abs_tol=1e-4),
}

GRADIENTS: dict[str, Gradient] = {
    "4.1.6": Gradient(
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
}
