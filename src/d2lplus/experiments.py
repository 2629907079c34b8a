"""Small, seeded training runs behind the learning-rate and activation widgets.

Each run takes the hyperparameter a reader moves and returns plain numbers
(loss curves, errors, accuracy); a separate function draws them. A run that
diverges stops at the first non-finite or exploding loss and says so, instead
of plotting NaN.
"""

from __future__ import annotations

import math

import torch
from d2l import torch as d2l
from matplotlib.figure import Figure
from torch import nn

from ._checks import check_choice, check_float, check_int
from .activations import ACTIVATIONS, LABELS, activation
from .data import BatchLoader, images_to_float
from .fashion_mnist import load_fashion_mnist
from .seeding import seed

TRUE_W, TRUE_B = (2.0, -3.4), 4.2  # the synthetic data of section 3.4
EXPLODED = 1e6  # a loss above this counts as diverged


def _check_lr(lr: object) -> float:
    return check_float("lr", lr, low=0.0, high=100.0, low_open=True)


def linear_regression_run(lr: float, epochs: int = 3, batch_size: int = 32, seed_value: int = 0) -> dict:
    """Minibatch SGD on the 3.4 data (w = [2, −3.4], b = 4.2, 1000 examples) at learning rate ``lr``.

    Returns the loss after every step, the validation loss after every epoch,
    the estimation errors of w and b, and whether (and at which step) it diverged.
    """
    lr = _check_lr(lr)
    epochs = check_int("epochs", epochs, low=1, high=100)
    batch_size = check_int("batch_size", batch_size, low=1, high=1000)
    seed(seed_value)
    data = d2l.SyntheticRegressionData(w=torch.tensor(TRUE_W), b=TRUE_B)
    X, y = data.X[:data.num_train], data.y[:data.num_train]
    Xv, yv = data.X[data.num_train:], data.y[data.num_train:]
    w, b = torch.normal(0, 0.01, (2, 1)), torch.zeros(1)
    losses, val_losses, diverged_at = [], [], None
    for _ in range(epochs):
        for Xb, yb in BatchLoader(X, y, batch_size=batch_size, shuffle=True):
            err = Xb @ w + b - yb
            loss = float((err ** 2).mean() / 2)
            if not math.isfinite(loss) or loss > EXPLODED:
                diverged_at = len(losses)
                break
            losses.append(loss)
            w -= lr * Xb.T @ err / len(yb)  # gradient of the mean squared loss · 평균 제곱 손실의 기울기
            b -= lr * err.mean(0)
        if diverged_at is not None:
            break
        val_losses.append(float(((Xv @ w + b - yv) ** 2).mean() / 2))
    diverged = diverged_at is not None
    w_error = [math.nan] * 2 if diverged else (torch.tensor(TRUE_W) - w.reshape(-1)).tolist()
    b_error = math.nan if diverged else TRUE_B - float(b)
    return {"lr": lr, "losses": losses, "val_losses": val_losses, "w_error": w_error,
            "b_error": b_error, "diverged": diverged, "diverged_at": diverged_at}


def plot_linear_regression_run(run: dict, figsize: tuple[float, float] = (5.0, 2.8)) -> Figure:
    """The training loss per step on a log scale, with the outcome in the title."""
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    steps = range(1, len(run["losses"]) + 1)
    ax.plot(steps, run["losses"], color="C3" if run["diverged"] else "C0")
    ax.set_yscale("log")
    ax.set_xlabel("step")
    ax.set_ylabel("training loss")
    ax.grid(alpha=0.3)
    if run["diverged"]:
        outcome = f"diverged at step {run['diverged_at'] + 1}"
    else:
        worst = max(abs(e) for e in run["w_error"] + [run["b_error"]])
        outcome = f"final loss {run['losses'][-1]:.2g}, largest error {worst:.2g}"
    ax.set_title(f"lr = {run['lr']:g}: {outcome}", fontsize=10)
    return fig


def mlp_run(lr: float, activation_name: str = "relu", epochs: int = 3, num_train: int = 12000,
            batch_size: int = 256, num_hiddens: int = 256, seed_value: int = 0) -> dict:
    """Train a 784-``num_hiddens``-10 MLP on the first ``num_train`` FashionMNIST images.

    A subset and few epochs keep one run near a second on two cores, fast
    enough for a live control. Returns the training loss four times per
    epoch, the validation accuracy (all 10 000 images) after every epoch, and
    whether the run diverged.
    """
    lr = _check_lr(lr)
    act = activation(check_choice("activation_name", activation_name, ACTIVATIONS))
    epochs = check_int("epochs", epochs, low=1, high=50)
    num_train = check_int("num_train", num_train, low=256, high=60000)
    batch_size = check_int("batch_size", batch_size, low=1, high=num_train)
    num_hiddens = check_int("num_hiddens", num_hiddens, low=1, high=4096)
    arrays = load_fashion_mnist()
    X = images_to_float(arrays.train_images[:num_train]).reshape(num_train, -1)
    y = arrays.train_labels[:num_train]
    Xv = images_to_float(arrays.val_images).reshape(len(arrays.val_labels), -1)
    yv = arrays.val_labels
    seed(seed_value)
    net = nn.Sequential(nn.Linear(784, num_hiddens), _Lambda(act), nn.Linear(num_hiddens, 10))
    for layer in (net[0], net[2]):
        nn.init.normal_(layer.weight, std=0.01)
        nn.init.zeros_(layer.bias)
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    loader = BatchLoader(X, y, batch_size=batch_size, shuffle=True)
    per_point = max(1, len(loader) // 4)
    points, window, accuracies, diverged = [], [], [], False
    for epoch in range(epochs):
        for i, (Xb, yb) in enumerate(loader):
            loss = loss_fn(net(Xb), yb)
            value = float(loss.detach())
            if not math.isfinite(value) or value > EXPLODED:
                diverged = True
                break
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            window.append(value)
            if len(window) == per_point:
                points.append((epoch + (i + 1) / len(loader), sum(window) / len(window)))
                window.clear()
        if diverged:
            break
        with torch.no_grad():
            accuracies.append(float((net(Xv).argmax(1) == yv).float().mean()))
    return {"lr": lr, "activation": activation_name, "train_loss": points,
            "val_accuracy": accuracies, "diverged": diverged}


def plot_mlp_run(run: dict, figsize: tuple[float, float] = (6.0, 2.6)) -> Figure:
    """Training loss (left) and validation accuracy (right) of one ``mlp_run``."""
    fig = Figure(figsize=figsize, layout="constrained")
    left, right = fig.subplots(1, 2)
    if run["train_loss"]:
        xs, ys = zip(*run["train_loss"], strict=True)
        left.plot(xs, ys, color="C0")
    left.set_xlabel("epoch")
    left.set_ylabel("training loss")
    left.set_ylim(0, 2.5)
    epochs = range(1, len(run["val_accuracy"]) + 1)
    right.plot(epochs, run["val_accuracy"], "o-", color="C1")
    right.set_xlabel("epoch")
    right.set_ylabel("validation accuracy")
    right.set_ylim(0, 1)
    for ax in (left, right):
        ax.grid(alpha=0.3)
    name = LABELS[run["activation"]]
    outcome = "diverged" if run["diverged"] else f"val. accuracy {run['val_accuracy'][-1]:.2f}"
    fig.suptitle(f"{name}, lr = {run['lr']:g}: {outcome}", fontsize=10)
    return fig


class _Lambda(nn.Module):
    def __init__(self, function):
        super().__init__()
        self.function = function

    def forward(self, x):
        return self.function(x)
