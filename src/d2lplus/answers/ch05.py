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


def _dj_db_5_3_2(b, W1, W2, x, y):
    """A right answer, used only to build the trap of an added λb (the check compares with autograd)."""
    z = W1 @ x + b
    return (W2.T @ (W2 @ torch.relu(z) - y)) * (z > 0).to(z.dtype)


def _net_5_3_2(seed: int) -> tuple:
    gen = torch.Generator().manual_seed(seed)
    W1 = torch.randn(5, 4, generator=gen, dtype=torch.float64)
    W2 = torch.randn(3, 5, generator=gen, dtype=torch.float64)
    x, y = torch.randn(4, generator=gen, dtype=torch.float64), torch.randn(3, generator=gen, dtype=torch.float64)
    b = torch.randn(5, generator=gen, dtype=torch.float64)
    return b, W1, W2, x, y


_POINTS = torch.tensor([-3.0, -1.0, -0.2, 0.3, 1.0, 4.0])  # no point at pReLU's kink x = 0

NUMBERS: dict[str, Answer] = {
    "5.1.4": Answer(6, "each hidden unit bends the output at most once, where its own input w·x + b is 0; "
                       "how many pieces do that many bends cut a line into?",
                    "은닉 유닛마다 자기 입력 w·x + b가 0인 곳에서 출력을 많아야 한 번 꺾습니다. "
                    "꺾인 점이 그만큼 있으면 직선은 몇 조각으로 나뉘나요?",
                    traps=(Trap(5, "that counts the bends; count the pieces between and beyond them",
                                "그것은 꺾인 점의 수입니다. 그 사이와 바깥의 조각을 세세요"),
                           Trap(2 ** 5, "with one input, a unit cannot split the line more than once: count bends, "
                                        "not on/off patterns of the units",
                                "입력이 하나이면 유닛 하나가 직선을 두 번 이상 나누지 못합니다. 유닛의 켜짐/꺼짐 "
                                "조합이 아니라 꺾인 점을 세세요"))),
    "5.2.1": Answer(203530, "each Linear layer has in × out weights plus out biases",
                    "Linear 층마다 가중치 in × out개와 편향 out개가 있습니다",
                    traps=(Trap(784 * 256 + 256 * 10, "each Linear layer also has a bias vector",
                                "Linear 층마다 편향 벡터도 있습니다"),
                           Trap(784 * 256 + 256 + 256 * 10, "the output layer has biases too",
                                "출력층에도 편향이 있습니다"))),
    "5.2.2": Answer(784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10,
                    "add up in × out weights plus out biases for each of the three Linear layers",
                    "Linear 층 세 개 각각의 가중치 in × out개와 편향 out개를 더하세요",
                    traps=(Trap(203530, "that is the network with one hidden layer: the new layer adds a 256 × 256 "
                                        "weight matrix and its biases",
                                "은닉층이 하나인 신경망의 개수입니다. "
                                "새 층은 256 × 256 가중치 행렬과 그 편향을 더합니다"),
                           Trap(784 * 256 + 256 * 256 + 256 * 10, "each Linear layer also has a bias vector",
                                "Linear 층마다 편향 벡터도 있습니다"))),
    "5.2.3": Answer(805, "each Linear layer has in × out weights plus out biases; here the hidden layer has one unit",
                    "Linear 층마다 가중치 in × out개와 편향 out개가 있습니다. 여기서 은닉층의 유닛은 하나입니다",
                    traps=(Trap(784 + 10, "each Linear layer also has biases", "Linear 층마다 편향도 있습니다"),)),
    "5.2.7": Answer(1024 ** 3, "the result has 1024 × 1024 entries; how many products does each entry add up?",
                    "결과의 원소는 1024 × 1024개입니다. 원소 하나마다 곱을 몇 개 더하나요?",
                    traps=(Trap(2 * 1024 ** 3, "you counted multiplications and additions separately: count a "
                                               "multiply-add as one",
                                "곱셈과 덧셈을 따로 세었습니다. 곱셈-덧셈 한 번을 하나로 세세요"),
                           Trap(1024 ** 2, "that is the number of entries of the result; each needs a sum of products",
                                "그것은 결과의 원소 수입니다. 원소마다 곱의 합이 필요합니다"))),
    "5.2.9": Answer(1, "every hidden unit starts with the same weights, so it computes the same value and gets the "
                       "same gradient at every step",
                    "은닉 유닛은 모두 같은 가중치에서 시작하므로 같은 값을 계산하고, 걸음마다 같은 기울기를 받습니다",
                    traps=(Trap(256, "the layer has 256 units, but do they ever differ from one another?",
                                "층에는 유닛이 256개 있지만, 서로 달라지는 순간이 있나요?"),
                           Trap(0, "with weights 0.01 the units are not dead: they compute a positive value, "
                                   "all the same one",
                                "가중치가 0.01이면 유닛은 죽지 않습니다. 모두 같은 양수 값을 계산합니다"))),
    "5.3.3": Answer(784 + 256 + 128 + 10 + 1,
                    "which tensors does each step of the backward pass read? Count their entries per example, "
                    "as section 5.3 measures",
                    "역전파의 각 단계는 어떤 텐서를 읽나요? 5.3절의 측정처럼 예제당 원소 수를 세세요",
                    traps=(Trap(784 + 256 + 10 + 1, "that is the network of section 5.3, with one hidden layer; "
                                                    "this one has a second hidden layer",
                                "그것은 은닉층이 하나인 5.3절의 신경망입니다. 이 신경망에는 은닉층이 하나 더 있습니다"),
                           Trap(784 + 2 * 256 + 2 * 128 + 10 + 1, "z is not kept: ReLU's derivative can be read "
                                                                  "from h",
                                "z는 남기지 않습니다. ReLU의 도함수는 h에서 읽을 수 있습니다"),
                           Trap(2 * 256 + 2 * 128 + 10, "z is not kept: ReLU's derivative can be read from h; and "
                                                        "the input of the first layer is needed for its weight "
                                                        "gradient",
                                "z는 남기지 않습니다. ReLU의 도함수는 h에서 읽을 수 있습니다. 또 첫 층의 가중치 "
                                "기울기에는 그 층의 입력이 필요합니다"),
                           Trap(784 + 256 + 128 + 10, "the loss also keeps something of the labels for its "
                                                      "backward pass",
                                "손실도 역전파를 위해 레이블에 관한 것을 남깁니다"),
                           Trap((784 + 256 + 128 + 10 + 1) * 256, "that counts a whole minibatch of 256: count "
                                                                  "per example",
                                "그것은 256개짜리 미니배치 전체입니다. 예제 하나당 세세요"))),
    "5.3.4": Answer(203530 ** 2, "one row and one column per parameter: start from the number of parameters "
                                 "of the 784-256-10 MLP",
                    "파라미터마다 행 하나와 열 하나가 있습니다. 784-256-10 MLP의 파라미터 수에서 시작하세요",
                    traps=(Trap(203530, "that is the size of the gradient; the Hessian pairs every parameter with "
                                        "every other one",
                                "그것은 기울기의 크기입니다. "
                                "헤세 행렬은 모든 파라미터를 다른 모든 파라미터와 짝짓습니다"),
                           Trap(203530 * 203531 // 2, "that counts only the distinct entries of a symmetric "
                                                      "matrix; the question asks for all of its entries",
                                "그것은 대칭 행렬에서 서로 다른 원소만 센 것입니다. 문제는 원소 전부를 묻습니다"))),
}

SHAPES: dict[str, Answer] = {
    "5.3.1": Answer((2, 3, 4), "one array shaped like the input for each output; PyTorch's jacobian puts the "
                               "output's dimensions first",
                    "출력마다 입력과 같은 모양의 배열이 하나씩 있습니다. "
                    "PyTorch의 jacobian은 출력의 차원을 앞에 둡니다",
                    traps=(Trap((3, 4), "that is the gradient of one scalar output; f now has two outputs",
                                "그것은 스칼라 출력 하나의 기울기입니다. 이제 f의 출력은 두 개입니다"),
                           Trap((3, 4, 2), "PyTorch's jacobian puts the output's dimensions first",
                                "PyTorch의 jacobian은 출력의 차원을 앞에 둡니다"),
                           Trap((2, 12), "jacobian keeps the input's shape; it does not flatten it",
                                "jacobian은 입력의 모양을 그대로 둡니다. 펼치지 않습니다"))),
}


def _batch_norm_5_1_6() -> torch.Tensor:
    X = torch.tensor([[3.0], [7.0]], dtype=torch.float64)
    centred = X - X.mean(dim=0)
    return centred / centred.pow(2).mean(dim=0).sqrt()


def _unbiased_5_1_6() -> torch.Tensor:
    X = torch.tensor([[3.0], [7.0]], dtype=torch.float64)
    return (X - X.mean(dim=0)) / X.std(dim=0)


TENSORS: dict[str, Answer] = {
    "5.1.6": Answer(_batch_norm_5_1_6, "subtract the mean of the two values, then divide by the square root of the "
                                       "mean squared deviation (divide by n, not n − 1)",
                    "두 값의 평균을 뺀 뒤, 편차 제곱의 평균의 제곱근으로 나누세요(n − 1이 아니라 n으로 나눔)",
                    rel_tol=0.0, abs_tol=1e-3,
                    traps=(Trap(lambda: torch.tensor([[3.0], [7.0]]), "the nonlinearity changes its input: center, "
                                                                       "then scale",
                                "이 비선형 함수는 입력을 바꿉니다. 평균을 빼고 크기를 맞추세요"),
                           Trap(lambda: torch.tensor([[-2.0], [2.0]]), "you centered the values; now divide by the "
                                                                         "standard deviation",
                                "평균은 뺐습니다. 이제 표준편차로 나누세요"),
                           Trap(_unbiased_5_1_6, "the mean squared deviation divides by n, not n − 1",
                                "편차 제곱의 평균은 n − 1이 아니라 n으로 나눕니다"),
                           Trap(lambda: torch.tensor([[-0.5], [0.5]]), "divide by the standard deviation, the square "
                                                                         "root of the variance",
                                "분산이 아니라 그 제곱근인 표준편차로 나누세요"))),
}

GRADIENTS: dict[str, Gradient] = {
    "5.1.2": Gradient(
        lambda x, alpha: _prelu(x, alpha).sum(),
        tuple((f"x = -3 … 4 (not 0), alpha {a:g}", f"x = -3 … 4(0 제외), alpha {a:g}", (_POINTS, a))
              for a in (0.1, 0.25)),
        "grad(x, alpha): the derivative of pReLU at every point of x (x is never 0)",
        "on each side of 0 pReLU is a line: what is its slope there? Use alpha, the second argument",
        "0의 양쪽에서 pReLU는 직선입니다. 그 경사는 얼마인가요? 두 번째 인자 alpha를 쓰세요"),
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
        "start from ∂J/∂o and go back one node at a time along the graph you drew in (a): o, h, z, then b",
        "∂J/∂o에서 시작해 (a)에서 그린 그래프를 따라 노드 하나씩 거슬러 가세요. o, h, z, 그다음 b입니다",
        traps=(Trap(lambda b, W1, W2, x, y: W2.T @ (W2 @ torch.relu(W1 @ x + b) - y),
                    "ReLU passes no gradient where z < 0: multiply by its derivative at z",
                    "z < 0인 곳에서 ReLU는 기울기를 전달하지 않습니다. z에서 구한 ReLU의 미분계수를 곱하세요"),
               Trap(lambda b, W1, W2, x, y: _dj_db_5_3_2(b, W1, W2, x, y) + 0.1 * b,
                    "the penalty s holds W1 and W2 only, not b",
                    "벌점 s에는 W1과 W2만 있고 b는 없습니다"),
               Trap(lambda b, W1, W2, x, y: (W2.T @ (W2 @ torch.relu(W1 @ x + b) - y)) * (W1 @ x > 0).to(x.dtype),
                    "ReLU's derivative is taken at its own input z = W1 x + b, bias included",
                    "ReLU의 도함수는 자기 입력 z = W1 x + b(편향 포함)에서 구합니다"))),
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
             "look up GELU's exact definition (Hendrycks & Gimpel, 2016, or PyTorch's torch.nn.GELU); "
             "it needs the standard normal CDF, which torch.erf gives",
             "GELU의 정확한 정의를 찾아보세요(Hendrycks & Gimpel, 2016, 또는 PyTorch의 torch.nn.GELU). "
             "표준 정규분포의 누적 분포 함수가 필요하고, torch.erf로 구할 수 있습니다"),
    "swish": (_swish, (1.0, 2.0),
              "Swish(x) = x · sigmoid(beta · x): use beta, the second argument",
              "Swish(x) = x · sigmoid(beta · x)입니다. 두 번째 인자 beta를 쓰세요"),
}
