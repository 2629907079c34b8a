"""The answer key of the self-checks on the exercise page of Chapter 5 (Multilayer perceptrons: 5.1–5.3).

Ids are the book's exercise numbers (``"5.1.2"``); extras of ours and discussions carry a suffix
or prefix. The tests derive every expected value on their own (tests/selfcheck_cases/), never from here.
"""

from __future__ import annotations

import math  # noqa: F401  (used by some answers)

import torch  # noqa: F401

from .base import Answer, Gradient, Trap  # noqa: F401


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

NUMBERS: dict[str, Answer] = {
    "5.2.1": Answer(203530, "each Linear layer has in × out weights plus out biases",
                     "Linear 층마다 가중치 in × out개와 편향 out개가 있습니다"),
    "5.2.3": Answer(805, "each Linear layer has in × out weights plus out biases; here the hidden width is 1",
                     "Linear 층마다 가중치 in × out개와 편향 out개가 있습니다. 여기서 은닉 폭은 1입니다"),
    "5.3.3": Answer(784 + 256 + 10 + 1,
                     "list what the backward pass reads: the input of each Linear layer (for its weight gradient), "
                     "what ReLU's derivative needs (its output suffices), what the loss's derivative needs "
                     "(log-probabilities and labels); count entries per example, as section 5.3 measures",
                     "역전파가 읽는 것을 적어 보세요. 각 Linear 층의 입력(가중치 기울기용), ReLU의 도함수에 "
                     "필요한 것(출력으로 충분함), 손실의 도함수에 필요한 것(로그 확률과 레이블)입니다. "
                     "5.3절의 측정처럼 예제당 원소 수를 세세요"),
}

SHAPES: dict[str, Answer] = {
    "5.3.1": Answer((3, 4), "a scalar's gradient has one entry per entry of the input, arranged like the input",
                     "스칼라의 기울기는 입력의 원소마다 원소 하나를 가지며, 입력과 같은 모양으로 놓입니다"),
}

TENSORS: dict[str, Answer] = {
}

GRADIENTS: dict[str, Gradient] = {
    "5.1.2": Gradient(
        lambda x, alpha: _prelu(x, alpha).sum(),
        tuple((f"x = -3 … 4 (not 0), alpha {a:g}", f"x = -3 … 4(0 제외), alpha {a:g}", (_POINTS, a))
              for a in (0.1, 0.25)),
        "grad(x, alpha): the derivative of pReLU at every point of x (x is never 0)",
        "on each side of 0 pReLU is a line: what is its slope there? Use alpha, the second argument",
        "0의 양쪽에서 pReLU는 직선입니다. 그 기울기는 얼마인가요? 두 번째 인자 alpha를 쓰세요"),
    "5.1.3": Gradient(
        lambda x, beta: _swish(x, beta).sum(),
        tuple((f"x in [-4, 4], beta {b:g}", f"x ∈ [-4, 4], beta {b:g}", (torch.linspace(-4, 4, 17), b))
              for b in (1.0, 2.0)),
        "grad(x, beta): the derivative of x · sigmoid(beta · x) at every point of x",
        "use the product rule and sigmoid'(z) = sigmoid(z)(1 - sigmoid(z)); the chain rule brings a factor beta",
        "곱의 법칙과 sigmoid'(z) = sigmoid(z)(1 - sigmoid(z))를 쓰세요. 연쇄 법칙에서 beta가 곱해집니다"),
    "5.3.2": Gradient(
        _j_5_3_2,
        tuple((f"network {i}", f"신경망 {i}", _net_5_3_2(seed)) for i, seed in enumerate((11, 12), start=1)),
        "grad(b, W1, W2, x, y): ∂J/∂b for z = W1 x + b, h = relu(z), o = W2 h, "
        "J = ½‖o − y‖² + (λ/2)(‖W1‖² + ‖W2‖²)",
        "∂J/∂o = o - y; go back through W2 (transposed) to ∂J/∂h, multiply by ReLU's derivative at z, "
        "and note that ∂z/∂b is the identity",
        "∂J/∂o = o - y입니다. W2(전치)를 거쳐 ∂J/∂h로 가고, z에서의 ReLU 도함수를 곱하세요. "
        "∂z/∂b는 항등 행렬입니다"),
}

# name: (reference(x, param), parameters tried, hint_en, hint_ko)
ACTIVATIONS: dict[str, tuple] = {
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
