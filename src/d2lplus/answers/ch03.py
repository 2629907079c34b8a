"""The answer key of the self-checks on the exercise page of Chapter 3 (Linear regression: 3.1, 3.2, 3.4).

Ids are the book's exercise numbers (``"3.1.2"``); extras of ours and discussions carry a suffix
or prefix. The tests derive every expected value on their own (tests/selfcheck_cases/), never from here.

Where an exercise fits a model to data printed on the page (3.4.2 Ohm, 3.4.3 Planck), the expected
value is computed here from those very data, as the page makes them, so the check accepts the fit
and nothing else: not the constant the data were generated with, not a fit of another model.
"""

from __future__ import annotations

import math

import torch

from .base import Answer, Gradient, Trap

# --------------------------------------------------------------------------- 3.4.2: Ohm's law

def _ohm_data() -> tuple[torch.Tensor, torch.Tensor]:
    """The page's cell: ``d2lplus.seed(0); I = linspace(0.1, 2, 20); V = 4.7 I + 0.05 randn(20)`` (float32)."""
    gen = torch.Generator().manual_seed(0)  # d2lplus.seed(0) seeds torch's default generator the same way
    current = torch.linspace(0.1, 2.0, 20)
    voltage = 4.7 * current + 0.05 * torch.randn(20, generator=gen)
    return current.double(), voltage.double()


def _ohm_fits() -> dict[str, float]:
    current, voltage = _ohm_data()
    centred_i, centred_v = current - current.mean(), voltage - voltage.mean()
    return {
        "through the origin": float((current * voltage).sum() / (current * current).sum()),
        "with an intercept": float((centred_i * centred_v).sum() / (centred_i * centred_i).sum()),
        "mean of V/I": float((voltage / current).mean()),
        "sum V / sum I": float(voltage.sum() / current.sum()),
    }


_OHM = _ohm_fits()

# --------------------------------------------------------------------------- 3.4.3: Planck's law

PLANCK_WAVELENGTHS_NM = (350.0, 450.0, 550.0, 650.0, 800.0, 1000.0, 1200.0, 1500.0, 1800.0, 2200.0, 2600.0, 3000.0)
PLANCK_READINGS = (8.71, 13.9, 15.6, 14.3, 11.8, 7.46, 5.39, 3.10, 1.61, 0.964, 0.542, 0.344)  # kW·m⁻²·sr⁻¹·nm⁻¹
_H, _C, _K = 6.62607015e-34, 2.99792458e8, 1.380649e-23  # SI (exact since 2019)


def _planck(wavelength_nm: torch.Tensor, temperature: float) -> torch.Tensor:
    """Spectral radiance B(λ, T) in kW·m⁻²·sr⁻¹·nm⁻¹ for λ in nm and T in kelvin."""
    lam = wavelength_nm * 1e-9
    return 2 * _H * _C ** 2 / lam ** 5 / torch.expm1(_H * _C / (lam * _K * temperature)) * 1e-12


def _argmin(loss, low: float, high: float, tol: float = 1e-7) -> float:
    """Golden-section search for the minimizer of a unimodal ``loss`` on [low, high]."""
    ratio = (math.sqrt(5) - 1) / 2
    a, b = low, high
    while b - a > tol * (abs(a) + abs(b)):
        c, d = b - ratio * (b - a), a + ratio * (b - a)
        if loss(c) < loss(d):
            b = d
        else:
            a = c
    return (a + b) / 2


def _planck_fits() -> dict[str, float]:
    lam = torch.tensor(PLANCK_WAVELENGTHS_NM, dtype=torch.float64)
    readings = torch.tensor(PLANCK_READINGS, dtype=torch.float64)

    def log_loss(t):
        return float(((_planck(lam, t).log() - readings.log()) ** 2).mean())

    def raw_loss(t):
        return float(((_planck(lam, t) - readings) ** 2).mean())

    return {"log": _argmin(log_loss, 4000.0, 7000.0), "raw": _argmin(raw_loss, 4000.0, 7000.0)}


_PLANCK = _planck_fits()

# --------------------------------------------------------------------------- the tables

_KELVIN_EN = "give the temperature in kelvin (not thousands of kelvin, not degrees Celsius)"
_KELVIN_KO = "온도는 켈빈으로 답하세요(천 켈빈 단위도, 섭씨도 아닙니다)"
_SUM_EN = "the loss is a mean over the minibatch, not a sum"
_SUM_KO = "손실은 미니배치에 대한 합이 아니라 평균입니다"

NUMBERS: dict[str, Answer] = {
    "3.1.1-squared": Answer(
        6.0, "set the derivative of the sum with respect to b to zero and solve for b",
        "합을 b로 미분한 식을 0으로 두고 b에 대해 푸세요",
        traps=(Trap(5.0, "that value balances the number of points on each side, which is what absolute values "
                         "reward; squares also weigh how far each point is",
                    "그 값은 양쪽 점의 개수를 맞춘 것으로, 절댓값 손실에 맞는 답입니다. 제곱은 각 점이 얼마나 "
                    "멀리 있는지도 따집니다"),)),
    "3.1.1-absolute": Answer(
        5.0, "the derivative of |x_i - b| is a sign: balance the points on each side of b",
        "|x_i - b|의 도함수는 부호입니다. b 양쪽의 점 개수를 맞추세요",
        traps=(Trap(6.0, "that value weighs how far each point is; with absolute values every point pulls with "
                         "the same strength, however far away it is",
                    "그 값은 각 점이 얼마나 먼지를 따집니다. 절댓값에서는 모든 점이 거리와 상관없이 같은 세기로 "
                    "당깁니다"),)),
    "3.1.3": Answer(
        65, "one input per linear term x_i, plus one per product x_i x_j with j ≤ i (squares included)",
        "선형 항 x_i마다 입력 하나, j ≤ i인 곱 x_i x_j마다 입력 하나(제곱 항 포함)입니다",
        traps=(Trap(55, "count the linear terms and every product x_i x_j with j ≤ i, the squares x_i x_i included",
                    "선형 항도 세고, 제곱 x_i x_i를 포함해 j ≤ i인 모든 곱 x_i x_j를 세세요"),
               Trap(110, "x_i x_j and x_j x_i are the same feature: count each pair once (j ≤ i)",
                    "x_i x_j와 x_j x_i는 같은 특성입니다. 쌍마다 한 번만(j ≤ i) 세세요"),
               Trap(66, "the constant b is the layer's bias, not one of its inputs",
                    "상수 b는 층의 편향이지 입력이 아닙니다"))),
    "3.1.4": Answer(
        2, "a column that is a combination of other columns adds no rank: which columns are independent?",
        "다른 열들의 조합인 열은 랭크(rank)를 늘리지 않습니다. 어느 열들이 서로 독립인가요?", prediction=True,
        traps=(Trap(3, "XᵀX is 3 × 3, but does a column that is the sum of two others add a new direction?",
                    "XᵀX는 3 × 3이지만, 다른 두 열의 합인 열이 새로운 방향을 더할까요?"),)),
    "3.1.6": Answer(
        3, "first find the largest rank of the combined matrix, then use the rank–nullity theorem",
        "먼저 합친 행렬의 최대 랭크를 구하고, 차원 정리(랭크 + 영공간의 차원 = 열의 수)를 쓰세요", prediction=True,
        traps=(Trap(2, "that is the largest rank; the question asks for the dimension of the null space",
                    "그것은 최대 랭크입니다. 문제는 영공간의 차원을 묻습니다"),
               Trap(0, "a 5 × 5 matrix sends no direction to 0 only if its rank is 5: can it be, with everything "
                       "passing through the middle layer?",
                    "5 × 5 행렬이 어떤 방향도 0으로 보내지 않으려면 랭크가 5여야 합니다. 모든 것이 가운데 층을 "
                    "거치는데 그럴 수 있을까요?"),
               Trap(5, "not every direction is lost: the pair still passes some of its input through",
                    "모든 방향을 잃지는 않습니다. 두 층은 입력의 일부를 여전히 통과시킵니다"))),
    "3.1.7": Answer(
        2.5, "divide the tick (one cent) by the price, and write the fraction in percent",
        "호가 단위(1센트)를 가격으로 나누고 그 비율을 퍼센트로 쓰세요",
        traps=(Trap(0.025, "the question asks for percent, not a fraction", "분수가 아니라 퍼센트로 답하세요"),
               Trap(0.01, "the tick is one cent; the question asks what fraction of the price it is, in percent",
                    "호가 단위는 1센트입니다. 그것이 가격의 몇 퍼센트인지 답하세요"),
               Trap(1.0, "the tick is one cent; the question asks what fraction of the price it is, in percent",
                    "호가 단위는 1센트입니다. 그것이 가격의 몇 퍼센트인지 답하세요"))),
    "3.1.8": Answer(
        2 - 3 * math.log(2) + math.log(6), "take minus the natural log of λ^k e^(-λ) / k!, term by term, keep every "
        "term, then put in k = 3, λ = 2",
        "λ^k e^(-λ) / k!에 자연로그를 취해 부호를 바꾸되, 항을 하나씩 풀고 어느 항도 빼지 말고 "
        "k = 3, λ = 2를 넣으세요",
        traps=(Trap(2 - 3 * math.log(2), "keep the log k! term: training may drop it (it does not depend on λ), "
                                         "but the negative log-likelihood includes it",
                    "log k! 항을 빼지 마세요. λ와 무관해 학습에서는 빼도 되지만 음의 로그 가능도에는 들어갑니다"),
               Trap(math.exp(-2) * 2 ** 3 / 6, "that is the probability itself: take minus its logarithm",
                    "그것은 확률 자체입니다. 로그를 취하고 부호를 바꾸세요"),
               Trap(0.18, "that is the probability itself, rounded: take minus its logarithm",
                    "그것은 확률 자체를 반올림한 값입니다. 로그를 취하고 부호를 바꾸세요"),
               Trap(-(2 - 3 * math.log(2) + math.log(6)), "check the sign: the negative log of a probability below "
                                                          "1 is positive",
                    "부호를 확인하세요. 1보다 작은 확률의 음의 로그는 양수입니다"))),
    "3.2.3": Answer(
        9, "the board plots one averaged point for every every_n points drawn",
        "보드는 every_n개의 점마다 평균한 점 하나를 그립니다",
        traps=(Trap(95, "every_n makes the board average groups of points before it plots them",
                    "every_n을 주면 보드는 점들을 묶어 평균한 뒤 그립니다"),
               Trap(10, "what happens to the last group, which never reaches every_n points?",
                    "every_n개를 끝내 채우지 못한 마지막 묶음은 어떻게 될까요?"),
               Trap(9.5, "a line shows whole points: what happens to the last, incomplete group?",
                    "선에는 점이 온전히 하나씩 그려집니다. 다 차지 않은 마지막 묶음은 어떻게 될까요?"))),
    "3.4.2": Answer(
        _OHM["through the origin"],
        "minimize the mean squared error of R·I against V on the given data, and run enough steps that the loss "
        "stops falling",
        "주어진 데이터에서 R·I와 V의 평균 제곱 오차를 최소화하고, 손실이 더 줄지 않을 만큼 충분히 반복하세요",
        traps=(Trap(4.7, "that is the constant the data were generated with, not what these noisy measurements "
                         "say: learn R from the data",
                    "그것은 데이터를 만들 때 쓴 상수입니다. 잡음이 섞인 측정값에서 R을 직접 학습하세요"),
               Trap(_OHM["with an intercept"], "the question's model V = R·I has no intercept: fit R alone, without "
                                               "a bias term",
                    "문제의 모델 V = R·I에는 절편(편향)이 없습니다. R 하나만 맞추세요"),
               Trap(_OHM["mean of V/I"], "averaging the ratios V/I is not a least-squares fit: minimize the squared "
                                         "error of R·I against V",
                    "비율 V/I의 평균은 최소 제곱 적합이 아닙니다. R·I와 V의 제곱 오차를 최소화하세요"),
               Trap(_OHM["sum V / sum I"], "either you divided the sums, which is not a least-squares fit, or your "
                                           "descent stopped early: minimize the squared error "
                                           "of R·I against V until the loss stops falling",
                    "합끼리 나눈 값이거나(최소 제곱 적합이 아닙니다), 경사 하강법을 너무 일찍 멈췄습니다. "
                    "손실이 더 줄지 않을 때까지 R·I와 V의 제곱 오차를 최소화하세요"))),
    "3.4.3": Answer(
        _PLANCK["log"],
        "minimize the mean squared difference of log B over T alone, from a sensible start (Wien's law gives one), "
        "until the loss stops falling; mind the units (nm, kW)",
        "T 하나에 대해 log B 차이의 제곱 평균을 최소화하세요. 적절한 시작점(빈의 법칙)에서 손실이 더 줄지 않을 "
        "때까지 반복하고, 단위(nm, kW)에 주의하세요",
        not_finite_en="here NaN usually means a unit slip (the readings are in kW per m² per sr per nm, so a model "
                      "in W·m⁻³ is 10^12 times too large) or float32 overflow in the backward pass: work in float64",
        not_finite_ko="여기서 NaN은 대개 단위 실수(측정값은 kW·m⁻²·sr⁻¹·nm⁻¹ 단위이므로 W·m⁻³ 단위의 모델은 10^12배 "
                      "큽니다)나 역전파의 float32 오버플로 때문입니다. float64로 계산하세요",
        traps=(Trap(_PLANCK["raw"], "either you fitted B itself, and the question fits log B (the errors are "
                                    "relative), or your descent has not converged yet: run "
                                    "until the loss stops falling",
                    "B 자체를 맞췄거나(문제는 오차가 상대적이므로 log B를 맞춥니다), 경사 하강법이 아직 수렴하지 "
                    "않았습니다. 손실이 더 줄지 않을 때까지 반복하세요"),
               Trap(_PLANCK["log"] / 1000, _KELVIN_EN, _KELVIN_KO),
               Trap(_PLANCK["log"] - 273.15, _KELVIN_EN, _KELVIN_KO))),
    "3.4.4": Answer(
        1.0, "differentiate the mean of ½(x·w + b - y)² twice with respect to b",
        "½(x·w + b - y)²의 평균을 b로 두 번 미분하세요",
        prediction=True,
        traps=(Trap(2.0, "the squared loss carries a factor ½", "제곱 손실에는 ½이 곱해져 있습니다"),
               Trap(32.0, _SUM_EN, _SUM_KO),
               Trap(1000.0, _SUM_EN, _SUM_KO),
               Trap(0.0, "the model is linear in b, but the loss is quadratic in it: differentiate twice",
                    "모델은 b에 대해 선형이지만 손실은 b의 이차 함수입니다. 두 번 미분하세요"))),
    "3.4.7": Answer(
        8, "1,000 training examples in minibatches of 32: the last minibatch holds what is left over",
        "학습 예제 1,000개를 32개씩 묶으면 마지막 미니배치에는 남은 예제만 들어갑니다",
        traps=(Trap(32, "the loader does not pad the last minibatch: it holds only what is left over",
                    "로더는 마지막 미니배치를 채워 넣지 않습니다. 남은 예제만 들어갑니다"),
               Trap(31, "that counts the full minibatches; the question asks for the size of the last one",
                    "그것은 꽉 찬 미니배치의 개수입니다. 문제는 마지막 미니배치의 크기를 묻습니다"),
               Trap(0, "PyTorch's DataLoader keeps an incomplete last minibatch unless drop_last=True",
                    "PyTorch의 DataLoader는 drop_last=True가 아니면 덜 찬 마지막 미니배치를 버리지 않습니다"),
               Trap(24, "that is how many examples would be missing from a full minibatch, not how many are in it",
                    "그것은 꽉 찬 미니배치에서 모자라는 예제 수이지, 들어 있는 예제 수가 아닙니다"))),
}

SHAPES: dict[str, Answer] = {
    "3.1.2": Answer(
        (100, 4), "the constant 1 becomes one more feature of every example",
        "상수 1은 모든 예제의 특성 하나가 더 늘어난 것입니다",
        traps=(Trap((101, 3), "the constant is a new feature of every example (a column), not a new example (a row)",
                    "상수는 새 예제(행)가 아니라 모든 예제의 새 특성(열)입니다"),
               Trap((4, 100), "the design matrix keeps one row per example",
                    "설계 행렬은 예제마다 행 하나를 둡니다"))),
    "3.4.5": Answer(
        (32, 32), "broadcasting aligns the shapes from the last axis and stretches every axis of length 1",
        "브로드캐스팅은 마지막 축부터 모양을 맞추고 길이가 1인 축을 늘립니다",
        traps=(Trap((32, 1), "broadcasting compares the last axes first: what happens to an axis of length 1 "
                             "against one of length 32?",
                    "브로드캐스팅은 마지막 축부터 비교합니다. 길이 1인 축이 길이 32인 축을 만나면 어떻게 될까요?"),
               Trap((32,), "broadcasting never removes an axis: the result has as many axes as the longer shape",
                    "브로드캐스팅은 축을 없애지 않습니다. 결과의 축 개수는 더 긴 모양의 축 개수와 같습니다"))),
}

TENSORS: dict[str, Answer] = {
}


def _huber(e: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    return torch.where(e.abs() <= delta, e ** 2 / 2, delta * (e.abs() - delta / 2))


GRADIENTS: dict[str, Gradient] = {
    "3.4.8": Gradient(
        lambda e: _huber(e).sum(),
        (("nine residuals between -3 and 3, none at ±1", "-3과 3 사이의 잔차 9개, ±1은 없음",
          (torch.tensor([-3.0, -1.5, -0.9, -0.4, 0.0, 0.3, 0.8, 1.2, 2.5]),)),),
        "grad(e): the derivative of the Huber loss (delta = 1) at every residual of e",
        "inside |e| ≤ 1 the Huber loss is the squared loss, outside it grows like |e|: "
        "what is the derivative of each piece?",
        "|e| ≤ 1 안에서 Huber 손실은 제곱 손실이고, 밖에서는 |e|처럼 자랍니다. 각 조각의 도함수는 무엇인가요?"),
}
