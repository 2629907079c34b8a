"""The answer key of the self-checks on the exercise page of Chapter 4 (Classification: 4.1–4.4).

Ids are the book's exercise numbers (``"4.1.2"``); extras of ours and discussions carry a suffix
or prefix. The tests derive every expected value on their own (tests/selfcheck_cases/), never from here.
"""

from __future__ import annotations

import math

import torch

from .base import Answer, Gradient, Trap


def _exact_mean_4_3_1(quick: float, last_loss: float, last: int | None = None, divide_by: int = 10_000) -> float:
    """L_v of 10,000 images in minibatches of 256 from the quick estimate and the last minibatch's mean loss.

    ``last`` (the last minibatch's size) and ``divide_by`` replace the right values in the traps."""
    n, b = 10_000, 256
    m = math.ceil(n / b)
    r = n - (m - 1) * b if last is None else last
    return (b * (m * quick - last_loss) + r * last_loss) / divide_by


def _softmax_hessian(o: torch.Tensor) -> torch.Tensor:
    p = torch.softmax(o, 0)
    return torch.diag(p) - torch.outer(p, p)


_P_4_1_7 = torch.tensor([0.5, 0.3, 0.2], dtype=torch.float64)


def _at_power(alpha: float) -> torch.Tensor:
    Q = _P_4_1_7 ** alpha
    return Q / Q.sum()


_APPLE, _ORANGE, _NEITHER = 1.5, 0.5, 0.0

NUMBERS: dict[str, Answer] = {
    "discussion-4.1.4": Answer(
        784 * 256,
        "each of the q outputs is a dot product of length d (count products, not biases)",
        "q개의 출력 각각이 길이 d인 내적입니다(편향이 아니라 곱셈을 세세요)",
        traps=(Trap(784 * 256 + 256, "the biases are added, not multiplied: count only the products",
                    "편향은 곱하지 않고 더합니다. 곱셈만 세세요"),
               Trap(2 * 784 * 256, "a multiply-add counts once: 2dq counts each product and each addition separately",
                    "곱셈-덧셈은 한 번으로 셉니다. 2dq는 곱셈과 덧셈을 따로 센 값입니다"))),
    "4.1.2": Answer(
        math.ceil(5 * math.log2(3)) / 5,
        "a block of five observations has 3^5 possible values: how many bits does a code need that gives each "
        "of them its own string of equal length, and how many is that per observation?",
        "관측 다섯 개의 블록은 값이 3^5가지입니다. 각 값에 같은 길이의 비트열을 하나씩 주려면 몇 비트가 필요하고, "
        "관측 하나로 나누면 몇 비트인가요?",
        traps=(Trap(math.log2(3), "that is the entropy, the limit for very long blocks; a fixed-length code for "
                                  "a block spends a whole number of bits on it",
                    "그것은 블록이 아주 길 때의 한계인 엔트로피입니다. "
                    "블록의 고정 길이 부호는 블록에 정수 개의 비트를 씁니다"),
               Trap(2, "that is the cost of coding one (or two) observations at a time; count the values of a "
                       "block of five",
                    "관측을 하나(또는 둘)씩 부호화할 때의 비용입니다. 다섯 개 블록의 값 개수를 세세요"),
               Trap(5 / 3, "that is a code for one observation at a time (or for blocks of three); the question "
                           "asks for blocks of five",
                    "관측 하나씩(또는 셋씩) 부호화하는 부호의 값입니다. 질문은 다섯 개씩 묶은 블록을 묻습니다"),
               Trap(math.ceil(5 * math.log2(3)),
                    "that is the length of a whole block; divide by the number of observations in it",
                    "블록 하나의 길이입니다. 블록 속 관측 수로 나누세요"),
               Trap(3 ** 5, "that is the number of possible blocks, not a number of bits",
                    "가능한 블록의 개수이지 비트 수가 아닙니다"))),
    "4.1.3": Answer(2, "k trits (ternary digits) can tell 3^k integers apart",
                    "trit(3진 단위) k개로 서로 다른 정수 3^k개를 구별할 수 있습니다",
                    traps=(Trap(3, "that many bits are needed; a trit tells more values apart",
                                "그것은 비트의 개수입니다. trit 하나는 더 많은 값을 구별합니다"),)),
    "4.1.4": Answer(
        math.exp(_APPLE) / (math.exp(_APPLE) + math.exp(_ORANGE) + math.exp(_NEITHER)),
        "the softmax of the three scores (apple, orange, neither): exponentiate each, divide by their sum",
        "세 점수(사과, 오렌지, 둘 다 아님)의 소프트맥스입니다. 각각 지수를 취하고 그 합으로 나누세요",
        many_numbers_en="pass the apple's probability only: one entry of the three",
        many_numbers_ko="사과의 확률 하나만 넘기세요. 세 확률 중 한 원소입니다",
        traps=(Trap(1 / (1 + math.exp(_ORANGE - _APPLE)), "that is the choice between the two fruits only: "
                                                          "'neither' is a third option with its own score",
                    "두 과일 중에서만 고를 때의 값입니다. '둘 다 아님'은 자기 점수를 가진 세 번째 선택지입니다"),
               Trap(_APPLE / (_APPLE + _ORANGE + _NEITHER),
                    "the softmax exponentiates the scores before it normalizes them",
                    "소프트맥스는 정규화하기 전에 점수에 지수를 취합니다"),
               Trap(1 / 3, "the three scores differ, so the three options are not equally likely",
                    "세 점수가 다르므로 세 선택지의 확률도 같지 않습니다"))),
    "4.1.5": Answer(math.log(2), "for a ≥ b the gap is log(1 + exp(b - a)) (natural log): where is it largest?",
                    "a ≥ b일 때 차이는 log(1 + exp(b - a))(자연로그)입니다. 언제 가장 클까요?",
                    traps=(Trap(0.0, "the gap is never 0 and the question asks for its largest value",
                                "차이는 0이 되지 않으며, 질문은 가장 큰 값을 묻습니다"),
                           Trap(math.log10(2), "RealSoftMax uses the natural logarithm, not log base 10",
                                "RealSoftMax는 상용로그가 아니라 자연로그를 씁니다"),
                           Trap(1.0, "RealSoftMax uses the natural logarithm, not log base 2",
                                "RealSoftMax는 밑이 2인 로그가 아니라 자연로그를 씁니다"))),
    "4.2.1": Answer(235, "60,000 training images; a partial last batch counts too",
                    "학습 이미지는 60,000장이고, 덜 찬 마지막 배치도 하나로 셉니다",
                    traps=(Trap(234, "the last minibatch is not full, but the loader still returns it",
                                "마지막 미니배치는 꽉 차지 않지만 로더는 그것도 내줍니다"),
                           Trap(60_000 / 256, "a number of minibatches is a whole number",
                                "미니배치 개수는 정수입니다"))),
    "4.3.1": Answer(_exact_mean_4_3_1(0.50, 0.80),
                    "weigh every image, not every minibatch, equally: how many images does each minibatch hold, "
                    "the last one included?",
                    "미니배치가 아니라 이미지마다 같은 무게를 주세요. 마지막 배치를 포함해 각 미니배치에 이미지가 "
                    "몇 장 있나요?",
                    traps=(Trap(0.50, "that is the quick estimate L_v^q itself: the exact mean weighs every image, "
                                      "not every minibatch, equally",
                                "빠른 추정값 L_v^q 자체입니다. "
                                "정확한 평균은 미니배치가 아니라 이미지마다 같은 무게를 줍니다"),
                           Trap(_exact_mean_4_3_1(0.50, 0.80, last=256),
                                "you counted the last minibatch as a full one of 256 images: how many are left for it?",
                                "마지막 미니배치를 256장이 꽉 찬 배치로 셌습니다. 마지막 배치에는 몇 장이 남나요?"),
                           Trap(_exact_mean_4_3_1(0.50, 0.80, divide_by=40 * 256),
                                "divide by the number of images, 10,000, not by 40 · 256",
                                "40 · 256이 아니라 이미지 수 10,000으로 나누세요"))),
    "4.3.3": Answer(1, "compute the expected loss sum_y l(y, y') p(y|x) for every y' and take the smallest",
                    "모든 y'에 대해 기대 손실 sum_y l(y, y') p(y|x)를 계산하고 가장 작은 것을 고르세요",
                    many_numbers_en="the question asks for a class: which of the expected losses is smallest?",
                    many_numbers_ko="문제는 클래스 하나를 묻습니다. 기대 손실 중 어느 것이 가장 작은가요?",
                    traps=(Trap(0, "that is the most likely class, or the expected losses with the cost matrix "
                                   "read the wrong way round: compare sum_y l(y, y') p(y|x) over y', where y is "
                                   "the truth and y' the prediction",
                                "가장 가능성 높은 클래스이거나, 비용 행렬을 거꾸로 읽은 기대 손실입니다. "
                                "y가 정답, y'이 예측일 때 sum_y l(y, y') p(y|x)를 y'마다 비교하세요"),)),
}

SHAPES: dict[str, Answer] = {
}

TENSORS: dict[str, Answer] = {
    "4.1.7": Answer(lambda: _at_power(0.5),
                    "write P as a softmax at temperature T: which power of P is the softmax at temperature 2T? "
                    "Then normalize",
                    "P를 온도 T의 소프트맥스로 쓰세요. P를 몇 제곱하면 온도 2T의 소프트맥스가 되나요? "
                    "그다음 정규화하세요",
                    rel_tol=0.0, abs_tol=1e-4,
                    traps=(Trap(lambda: _at_power(2.0),
                                "that power halves the temperature: the result is sharper than P",
                                "그 거듭제곱은 온도를 절반으로 합니다. 결과가 P보다 뾰족합니다"),
                           Trap(lambda: _P_4_1_7 ** 0.5, "the entries of Q must add up to 1",
                                "Q의 원소들의 합은 1이어야 합니다"),
                           Trap(lambda: _P_4_1_7.clone(), "that is P itself: a higher temperature flattens it",
                                "그것은 P 자신입니다. 온도가 높아지면 분포가 평평해집니다"))),
}

GRADIENTS: dict[str, Gradient] = {
    "4.1.1": Gradient(
        lambda o: torch.logsumexp(o, dim=0) - o[0],  # the loss for label 0: the Hessian is the same for every label
        (("o = (1, 2, 3)", "o = (1, 2, 3)", (torch.tensor([1.0, 2.0, 3.0]),)),
         ("four equal logits", "같은 로짓 넷", (torch.zeros(4),)),
         ("two logits (0, 2)", "로짓 둘(0, 2)", (torch.tensor([0.0, 2.0]),)),
         ("five logits spread from -2 to 2", "-2에서 2까지 퍼진 로짓 다섯", (torch.linspace(-2, 2, 5),))),
        "hessian(o) for a 1-D tensor o of logits, returning a q × q tensor",
        "differentiate softmax(o)_j - y_j once more with respect to o_k (two cases: j = k, j ≠ k)",
        "softmax(o)_j - y_j를 o_k로 한 번 더 미분하세요(j = k인 경우와 j ≠ k인 경우)",
        traps=(Trap(lambda o: -_softmax_hessian(o),
                    "check the sign: the loss is convex, so its diagonal entries are positive",
                    "부호를 확인하세요. 손실이 볼록하므로 대각 원소는 양수입니다"),
               Trap(lambda o: torch.diag(torch.softmax(o, 0) * (1 - torch.softmax(o, 0))),
                    "the entries off the diagonal are not 0: o_k also changes p_j for j ≠ k",
                    "대각선 밖의 원소는 0이 아닙니다. j ≠ k여도 o_k는 p_j를 바꿉니다")),
        order=2),
    "4.1.6": Gradient(
        lambda o: torch.logsumexp(o, dim=0),
        (("o = (1, 2, 3)", "o = (1, 2, 3)", (torch.tensor([1.0, 2.0, 3.0]),)),
         ("four equal logits", "같은 로짓 넷", (torch.zeros(4),)),
         ("logits near 1000", "1000 근처의 로짓", (torch.tensor([1000.0, 1000.0, 999.0]),)),
         ("logits near -1000", "-1000 근처의 로짓", (torch.tensor([-1000.0, -1001.0, -1002.0]),)),
         ("logits spread far apart (1000, 0, -1000)", "멀리 벌어진 로짓(1000, 0, -1000)",
          (torch.tensor([1000.0, 0.0, -1000.0]),)),
         ("the largest logit last (-1000, 0, 1000)", "가장 큰 로짓이 마지막(-1000, 0, 1000)",
          (torch.tensor([-1000.0, 0.0, 1000.0]),))),
        "grad(o) for a 1-D tensor o of logits, returning a tensor of the same shape",
        "differentiate log(sum_j exp(o_j)) with respect to o_k; for large logits subtract the maximum first "
        "(the gradient does not change when every logit moves by the same constant)",
        "log(sum_j exp(o_j))를 o_k로 미분하세요. 로짓이 크면 먼저 최댓값을 빼세요"
        "(모든 로짓에 같은 상수를 더해도 기울기는 변하지 않습니다)",
        traps=(Trap(lambda o: torch.exp(o - o.mean()) / torch.exp(o - o.mean()).sum(),
                    "subtract the maximum: after subtracting a mean (or any other entry) some logits stay far above 0",
                    "최댓값을 빼세요. 평균(이나 다른 원소)을 빼면 어떤 로짓은 여전히 0보다 훨씬 큽니다"),
               Trap(lambda o: torch.exp(o - o[0]) / torch.exp(o - o[0]).sum(),
                    "subtract the maximum: after subtracting a mean (or any other entry) some logits stay far above 0",
                    "최댓값을 빼세요. 평균(이나 다른 원소)을 빼면 어떤 로짓은 여전히 0보다 훨씬 큽니다")),
        library="softmax"),
}
