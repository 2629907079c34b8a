"""The answer key of the self-checks on the exercise page of Chapter 2 (Preliminaries, 2.1–2.5).

Ids are the book's exercise numbers (``"2.1.2"``); extras of ours and discussions carry a suffix
or prefix. Where the page asks for a prediction, the student passes a literal (a number or a tuple
written before running any code), so every answer here is something a careless guess can miss; the
traps name the slips students are known to make. The tests derive every expected value on their own
(tests/selfcheck_cases/), never from here.
"""

from __future__ import annotations

import math

import torch

from .base import Answer, Gradient, Trap

NUMBERS: dict[str, Answer] = {
    "2.1.3": Answer(
        0.85, "make y the same shape as y_hat before subtracting, so that each prediction meets its own target",
        "뺄셈 전에 y를 y_hat과 같은 모양으로 만들어 각 예측이 자기 목표값과만 비교되게 하세요",
        traps=(Trap(2.29, "you averaged over every pair of prediction and target: look at the shape of y_hat - y",
                    "모든 예측과 모든 목표값의 쌍에 대해 평균을 냈습니다. y_hat - y의 모양을 보세요"),
               Trap(4.25, "that is the sum of the squared errors; the mean divides it by their number",
                    "그것은 제곱 오차의 합입니다. 평균은 그 합을 개수로 나눈 값입니다"),
               Trap(math.sqrt(0.85), "that is a root of the mean squared error; the question asks for the mean itself",
                    "그것은 평균 제곱 오차의 제곱근입니다. 문제는 평균 제곱 오차 자체를 묻습니다"))),
    "2.2.1": Answer(
        5 / 12, "count the missing cells of the whole table (isna) and divide by rows × columns",
        "표 전체에서 빠진 칸(isna)을 세어 행 수 × 열 수로 나누세요", rel_tol=0.01,
        traps=(Trap(5, "that is a count of cells; the question asks for a fraction of all cells",
                    "그것은 칸의 개수입니다. 문제는 전체 칸에 대한 비율을 묻습니다"),
               Trap(5 / 8, "the Price column has cells too: divide by the cells of the whole table",
                    "Price 열에도 칸이 있습니다. 표 전체의 칸 수로 나누세요"),
               Trap(3 / 4, "that is the fraction of rows with a missing value; the question counts cells",
                    "그것은 결측값이 있는 행의 비율입니다. 문제는 칸을 셉니다"),
               Trap(100 * 5 / 12, "that looks like a percentage: give the fraction, between 0 and 1",
                    "백분율로 보입니다. 0과 1 사이의 비율로 적으세요"),
               Trap(0.41, "close: your count is right, but the digits were cut off rather than rounded",
                    "거의 맞았습니다. 센 값은 맞지만 자릿수를 반올림하지 않고 잘라 냈습니다"))),
    "2.2.3": Answer(
        800.0, "a float64 takes 8 bytes, and 1 MB is 10^6 bytes (pandas' estimate may add a little for the index)",
        "float64 하나는 8바이트이고 1 MB는 10^6바이트입니다(pandas의 추정에는 인덱스 몫이 조금 더해질 수 있습니다)",
        traps=(Trap(8e8, "that is a number of bytes: convert it to megabytes",
                    "그것은 바이트 수입니다. 메가바이트로 바꾸세요"),
               Trap(8e8 / 2 ** 20, "here 1 MB is 10^6 bytes, not 2^20 (that would be a MiB)",
                    "여기서 1 MB는 2^20(MiB)이 아니라 10^6바이트입니다"),
               Trap(400, "a float64 takes 8 bytes, not 4", "float64 하나는 4바이트가 아니라 8바이트입니다"))),
    "2.3.4": Answer(
        2, "len counts the entries along one axis only: which one does Python's len see for a sequence?",
        "len은 한 축의 길이만 셉니다. 파이썬의 len은 시퀀스의 어느 축을 볼까요?", prediction=True,
        traps=(Trap(24, "len does not count every entry of a tensor; numel does",
                    "len은 텐서의 모든 원소를 세지 않습니다. 그것은 numel이 합니다"),)),
    "2.3.7": Answer(
        11, "on a grid you cover the avenue difference and the street difference separately: add their sizes",
        "격자에서는 애비뉴 방향 차이와 스트리트 방향 차이를 따로 가야 합니다. 두 크기를 더하세요",
        traps=(Trap(math.sqrt(65), "that is the straight line: can you walk through the buildings?",
                    "그것은 직선 거리입니다. 건물을 뚫고 걸을 수 있나요?"),
               Trap(8.1, "that is the straight line: can you walk through the buildings?",
                    "그것은 직선 거리입니다. 건물을 뚫고 걸을 수 있나요?"),
               Trap(3, "each difference counts with its size, whatever its sign",
                    "각 차이는 부호와 상관없이 그 크기만큼 셉니다"),
               Trap(-3, "each difference counts with its size, whatever its sign",
                    "각 차이는 부호와 상관없이 그 크기만큼 셉니다"))),
    "2.3.9": Answer(
        math.sqrt(24), "without ord and dim, linalg.norm treats the tensor as one long vector: which norm of it?",
        "ord와 dim이 없으면 linalg.norm은 텐서를 긴 벡터 하나로 봅니다. 그 벡터의 어떤 노름일까요?", prediction=True,
        traps=(Trap(24, "the norm squares the entries and takes a root; adding them up is a different quantity",
                    "노름은 원소를 제곱한 뒤 제곱근을 취합니다. 원소를 그냥 더한 값은 다른 양입니다"),
               Trap(math.sqrt(12), "that is the norm of one 3×4 slice: without dim, every entry counts",
                    "그것은 3×4 조각 하나의 노름입니다. dim이 없으면 모든 원소가 들어갑니다"),
               Trap(2 * math.sqrt(12), "norms of the slices do not add up to the norm of the whole tensor",
                    "조각들의 노름을 더해도 텐서 전체의 노름이 되지 않습니다"))),
    "2.3.10": Answer(
        422.4, "an (m×n) times (n×p) product takes m·n·p multiply-adds; add both products of each order",
        "(m×n) 행렬과 (n×p) 행렬의 곱은 곱셈-덧셈 m·n·p번입니다. 순서마다 두 곱의 비용을 더하세요",
        traps=(Trap(1 / 422.4, "you divided the other way round: the cost of A(BC) goes on top",
                    "반대로 나눴습니다. A(BC)의 비용이 분자입니다"),
               Trap(2 ** 40 / 2 ** 31, "each order has two products: add both costs before dividing",
                    "순서마다 곱이 두 번입니다. 나누기 전에 두 비용을 더하세요"))),
    "2.4.5": Answer(
        3, "differentiate term by term with the power rule, then solve f'(x) = 0 for x",
        "거듭제곱 법칙으로 항마다 미분한 뒤 f'(x) = 0을 x에 대해 푸세요", prediction=True,
        traps=(Trap(1, "that is where f itself is zero; the question asks where its derivative is zero",
                    "그곳은 f 자체가 0인 곳입니다. 문제는 도함수가 0인 곳을 묻습니다"),
               Trap(5, "that is where f itself is zero; the question asks where its derivative is zero",
                    "그곳은 f 자체가 0인 곳입니다. 문제는 도함수가 0인 곳을 묻습니다"),
               Trap(-4, "that is the value of f at the point; the question asks for the location x",
                    "그것은 그 점에서의 f 값입니다. 문제는 위치 x를 묻습니다"))),
    "2.4.6": Answer(
        4.0, "differentiate x^3 and -1/x separately, then evaluate at x = 1",
        "x^3과 -1/x를 따로 미분한 뒤 x = 1에서 값을 구하세요", prediction=True,
        traps=(Trap(2.0, "mind the sign: the derivative of -1/x is positive",
                    "부호에 주의하세요. -1/x의 도함수는 양수입니다"),
               Trap(0.0, "that is f(1), where the tangent touches the curve; its slope is f'(1)",
                    "그것은 접선이 곡선에 닿는 점의 값 f(1)입니다. 경사는 f'(1)입니다"))),
    "2.4.10": Answer(
        0.25, "differentiate f(f^-1(y)) = y with the chain rule, then find the x with f(x) = 2",
        "f(f^-1(y)) = y를 연쇄 법칙으로 미분한 뒤, f(x) = 2인 x를 찾으세요", prediction=True,
        traps=(Trap(4.0, "that is the slope of f at the matching point; the inverse has the reciprocal slope",
                    "그것은 대응하는 점에서 f의 경사입니다. 역함수의 경사는 그 역수입니다"),
               Trap(1 / 13, "evaluate f' at the point f^-1(2), not at 2",
                    "f'을 2가 아니라 f^-1(2)에서 계산하세요"),
               Trap(1.0, "that is the value of the inverse at 2, not its derivative",
                    "그것은 2에서 역함수의 값이지 미분계수가 아닙니다"))),
}

SHAPES: dict[str, Answer] = {
    "2.1.2": Answer(
        (2, 3, 4), "compare the shapes from the last axis; each result axis takes the longer length",
        "마지막 축부터 모양을 비교하세요. 결과의 각 축은 더 긴 길이를 가집니다",
        traps=(Trap((2, 1, 4), "the result is at least as long as each input on every axis",
                    "결과는 모든 축에서 각 입력보다 짧지 않습니다"),
               Trap((1, 3, 1), "the result is at least as long as each input on every axis",
                    "결과는 모든 축에서 각 입력보다 짧지 않습니다"),
               Trap((4, 3, 2), "shapes are compared from the last axis, but the result keeps the axes in order",
                    "모양은 마지막 축부터 비교하지만 결과의 축 순서는 그대로입니다"))),
    "2.3.8": Answer(
        (2, 4), "summing along an axis removes that axis from the shape",
        "한 축을 따라 합하면 그 축이 모양에서 사라집니다",
        traps=(Trap((2, 1, 4), "that is what keepdims=True gives; without it the summed axis disappears",
                    "그것은 keepdims=True일 때의 모양입니다. 없으면 합한 축이 사라집니다"),
               Trap((3, 4), "that is the sum along another axis: axes are counted from 0",
                    "그것은 다른 축을 따른 합입니다. 축은 0부터 셉니다"),
               Trap((2, 3), "that is the sum along another axis: axes are counted from 0",
                    "그것은 다른 축을 따른 합입니다. 축은 0부터 셉니다"))),
    "2.3.12": Answer(
        (100, 200, 3), "stacking adds a new axis of length 3, at the position dim names",
        "쌓기는 dim이 가리키는 위치에 길이 3인 새 축을 더합니다",
        traps=(Trap((3, 100, 200), "that is stack's default, dim=0; the exercise puts the new axis third",
                    "그것은 stack의 기본값 dim=0의 모양입니다. 문제는 새 축을 세 번째에 둡니다"),
               Trap((300, 200), "that is cat, which makes an existing axis longer; stack adds a new axis",
                    "그것은 있던 축을 늘리는 cat의 결과입니다. stack은 새 축을 더합니다"),
               Trap((100, 600), "that is cat, which makes an existing axis longer; stack adds a new axis",
                    "그것은 있던 축을 늘리는 cat의 결과입니다. stack은 새 축을 더합니다"))),
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
    "2.4.9": Gradient(
        lambda v: (v[0] + v[1]) * (v[0] * v[1]) + torch.sin(v[0]) ** 2,
        (("(a, b) = (0.5, -1.5)", "(a, b) = (0.5, -1.5)", (torch.tensor([0.5, -1.5]),)),
         ("(a, b) = (2, 1)", "(a, b) = (2, 1)", (torch.tensor([2.0, 1.0]),))),
        "grad(v) for v = (a, b), returning a tensor of shape (2,)",
        "for each of a and b add one term per intermediate variable x, y and z: ∂u/∂x·∂x/∂a + …",
        "a와 b 각각에 대해 중간 변수 x, y, z마다 항을 하나씩 더하세요. ∂u/∂x·∂x/∂a + …"),
    "2.5.4": Gradient(
        lambda x: torch.sin(x).sum(),
        (("x in [-2π, 2π]", "x ∈ [-2π, 2π]", (torch.linspace(-2 * math.pi, 2 * math.pi, 41),)),),
        "derivative(x) for a tensor x of points",
        "each entry of sin(x).sum() depends on one point only, so x.grad holds the derivative at every point",
        "sin(x).sum()의 각 항은 한 점에만 의존하므로 x.grad에 각 점에서의 미분계수가 담깁니다",
        autograd_allowed=True),  # the exercise asks for autograd's derivative · 자동 미분을 쓰라는 문제
    "2.5.6": Gradient(
        lambda x: (torch.log(x ** 2) * torch.sin(x) + 1 / x).sum(),
        (("x = -3 … 4 (not 0)", "x = -3 … 4(0 제외)", (torch.tensor([-3.0, -0.5, 0.5, 1.0, 2.0, 4.0]),)),),
        "grad(x) for a tensor x of nonzero points",
        "follow the dependency graph back: product rule for log(x^2)·sin(x), chain rule for log(x^2)",
        "의존성 그래프를 거꾸로 따라가세요. log(x^2)·sin(x)에는 곱의 법칙, log(x^2)에는 연쇄 법칙을 씁니다",
        traps=(Trap(lambda x: 2 / x * torch.sin(x) + torch.log(x ** 2) * torch.cos(x) + 1 / x ** 2,
                    "mind the sign of the derivative of 1/x", "1/x의 도함수의 부호에 주의하세요"),
               Trap(lambda x: 2 / x * torch.sin(x) + 2 * torch.log(x) * torch.cos(x) - 1 / x ** 2,
                    "NaN at negative x: log(x^2) is defined there, 2·log(x) is not",
                    "음수 x에서 NaN이 나옵니다. log(x^2)는 거기서도 정의되지만 2·log(x)는 정의되지 않습니다"),
               Trap(lambda x: torch.log(x ** 2) * torch.cos(x) - 1 / x ** 2,
                    "log(x^2)·sin(x) is a product: both factors depend on x (product rule)",
                    "log(x^2)·sin(x)는 곱입니다. 두 인수 모두 x에 따라 변합니다(곱의 법칙)"))),
}
