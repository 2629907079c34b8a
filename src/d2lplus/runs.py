"""Small, seeded training runs behind the learning-rate and activation widgets (sections 3.4 and 5.2).

Each run takes the hyperparameter a reader moves and returns plain numbers
(loss curves, errors, accuracy); ``run_plots`` draws them. A run that
diverges stops at the first non-finite or exploding loss and says so, instead
of plotting NaN.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Annotated

import torch
from d2l import torch as d2l
from pydantic import ConfigDict, Field, with_config
from torch import nn
from typing_extensions import TypedDict

from ._validate import Int, Real, Seed, Unchanged, validated
from .activations import ActivationName, activation
from .data import BatchLoader, images_to_float
from .fashion_mnist import load_fashion_mnist
from .seeding import seed

TRUE_W, TRUE_B = (2.0, -3.4), 4.2  # the synthetic data of section 3.4
EXPLODED = 1e6  # a loss above this counts as diverged
BLOWUP = 10 * math.log(10)  # a step loss 10× that of a uniform guess: the run diverged
STUDY_EPOCHS = 20  # the budget of the learning-rate study in section 5.2 (see ``LR_STUDY``)


LearningRate = Annotated[Real, Field(gt=0, le=100)]
# the budget of an MLP run (mlp_run, lr_study): epochs, training images, minibatch, hidden units
Epochs = Annotated[Int, Field(ge=1, le=50)]
NumTrain = Annotated[Int, Field(ge=256, le=60000)]
BatchSize = Annotated[Int, Field(ge=1, le=60000)]
NumHiddens = Annotated[Int, Field(ge=1, le=4096)]


@with_config(ConfigDict(extra="allow"))
class LinearRegressionRun(TypedDict):
    """What ``linear_regression_run`` returns."""

    lr: float
    losses: list[float]
    val_losses: list[float]
    w_error: list[float]
    b_error: float
    diverged: bool
    diverged_at: int | None


@with_config(ConfigDict(extra="allow"))
class MLPRun(TypedDict):
    """What ``mlp_run`` returns (and what the stored study holds, one per rate and activation)."""

    lr: float
    activation: str
    train_loss: list[Sequence[float]]  # (epoch, mean loss) four times per epoch
    peak_loss: list[float]
    val_loss: list[float]
    val_accuracy: list[float]
    diverged: bool
    diverged_at: int | None


@validated
def linear_regression_run(lr: LearningRate, epochs: Annotated[Int, Field(ge=1, le=100)] = 3,
                          batch_size: Annotated[Int, Field(ge=1, le=1000)] = 32, seed_value: Seed = 0,
                          data_seed: Seed | None = None) -> LinearRegressionRun:
    """Minibatch SGD on the 3.4 data (w = [2, −3.4], b = 4.2, 1000 examples) at learning rate ``lr``.

    ``seed_value`` draws the data, the initial weights and the minibatch order; with ``data_seed``
    the data come from that seed instead, so runs that differ only in ``seed_value`` share their data.
    Returns the loss after every step, the validation loss after every epoch,
    the estimation errors of w and b, and whether (and at which step) it diverged.
    """
    seed(seed_value if data_seed is None else data_seed)
    data = d2l.SyntheticRegressionData(w=torch.tensor(TRUE_W), b=TRUE_B)
    if data_seed is not None:
        seed(seed_value)
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


@validated
def mlp_run(lr: LearningRate, activation_name: ActivationName = "relu", epochs: Epochs = STUDY_EPOCHS,
            num_train: NumTrain = 60000, batch_size: BatchSize = 256, num_hiddens: NumHiddens = 256,
            seed_value: Seed = 0) -> MLPRun:
    """Train a 784-``num_hiddens``-10 MLP on the first ``num_train`` FashionMNIST images.

    The defaults are the budget of the learning-rate study in section 5.2 (all
    60,000 training images, batch 256, ``STUDY_EPOCHS`` epochs, weights drawn
    from N(0, 0.01²) as in ``MLPScratch``), so ``mlp_run(lr, act)`` reproduces a
    stored run of ``lr_study``. Returns the mean training loss four times per
    epoch, the largest single-step loss, the validation loss and accuracy (all
    10,000 images) after every epoch, and whether the run diverged: a loss that
    is not finite or above ``EXPLODED`` stops the run, which reports the step.
    """
    _check_batch_size(batch_size, num_train)
    act = activation(activation_name)
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
    points, window, accuracies, val_losses, peaks = [], [], [], [], []
    diverged_at = None
    for epoch in range(epochs):
        peak = 0.0
        for i, (Xb, yb) in enumerate(loader):
            loss = loss_fn(net(Xb), yb)
            value = float(loss.detach())
            if not math.isfinite(value) or value > EXPLODED:
                diverged_at = epoch * len(loader) + i  # steps taken before the bad one
                break
            peak = max(peak, value)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            window.append(value)
            if len(window) == per_point:
                points.append((epoch + (i + 1) / len(loader), sum(window) / len(window)))
                window.clear()
        if diverged_at is not None:
            if window:  # keep the last finite losses, so that there is something to draw
                points.append((epoch + i / len(loader), sum(window) / len(window)))
            if i:
                peaks.append(peak)
            break
        peaks.append(peak)
        with torch.no_grad():
            logits = net(Xv)
            val_losses.append(float(loss_fn(logits, yv)))
            accuracies.append(float((logits.argmax(1) == yv).float().mean()))
    return {"lr": lr, "activation": activation_name, "train_loss": points, "peak_loss": peaks,
            "val_loss": val_losses, "val_accuracy": accuracies,
            "diverged": diverged_at is not None, "diverged_at": diverged_at}


def _check_batch_size(batch_size: int, num_train: int) -> None:
    if batch_size > num_train:
        raise ValueError(f"batch_size must be at most num_train ({num_train}), got {batch_size}")


@validated
def run_outcome(run: Unchanged[MLPRun]) -> str:
    """How a run of ``mlp_run`` ended: ``"ok"``, ``"diverged"``, ``"spiked"`` or ``"collapsed"``.

    A run *diverged* when it stopped on a non-finite or exploding loss (the
    divergence of section 3.4). Cross-entropy rarely gets there: the loss of a
    step that overshoots grows with the size of the logits, then the run often
    settles at chance (dead ReLUs) or crawls back. So a run *spiked* when one
    step's loss passed ``BLOWUP`` (ten times that of a uniform guess, ln 10):
    a step went far past the minimum, whatever happened after. A run
    *collapsed* when no step went that far but it ended no better than a
    uniform guess (final validation loss at least ln 10).
    """
    if run["diverged"]:
        return "diverged"
    if max(run["peak_loss"], default=0.0) > BLOWUP:
        return "spiked"
    if run["val_loss"] and run["val_loss"][-1] >= math.log(10):
        return "collapsed"
    return "ok"


@validated
def run_diverged(run: Unchanged[MLPRun]) -> bool:
    """Whether the learning rate was too large for the run: it diverged, spiked or collapsed (``run_outcome``)."""
    return run_outcome(run) != "ok"


def _largest_drop(run: MLPRun) -> tuple[float, int]:
    """The largest fall of validation accuracy from one epoch to the next, and the epoch it fell in."""
    acc = run["val_accuracy"]
    drops = [(acc[i - 1] - acc[i], i + 1) for i in range(1, len(acc))]
    largest = max(drops, default=(0.0, 1))
    return largest if largest[0] > 0 else (0.0, 1)


def _diverged_epoch(run: dict) -> int:
    """The 1-based epoch in which a diverged run blew up (or stopped), or a collapsed one fell."""
    if run_outcome(run) == "collapsed":
        return _largest_drop(run)[1]
    for epoch, peak in enumerate(run["peak_loss"], start=1):
        if peak > BLOWUP:
            return epoch
    return len(run["val_accuracy"]) + 1  # stopped during the epoch after its last validation


def _outcome(run: dict) -> str:
    epochs = len(run["val_accuracy"])
    if run["diverged"]:
        return f"diverged (loss not finite at step {run['diverged_at'] + 1})"
    if run_outcome(run) == "collapsed" and _largest_drop(run)[0] > 0:
        at = _diverged_epoch(run)
        before, after = run["val_accuracy"][at - 2], run["val_accuracy"][at - 1]
        return (f"collapsed (accuracy {before:.2f} → {after:.2f} in epoch {at}), "
                f"val. accuracy {run['val_accuracy'][-1]:.2f} after {epochs} epochs")
    if run_outcome(run) == "collapsed":
        return f"collapsed (val. loss {run['val_loss'][-1]:.2f} ≥ ln 10), val. accuracy {run['val_accuracy'][-1]:.2f}"
    if run_diverged(run):
        return (f"spiked (loss up to {max(run['peak_loss']):.3g} in epoch {_diverged_epoch(run)}), "
                f"val. accuracy {run['val_accuracy'][-1]:.2f} after {epochs} epochs")
    return f"val. accuracy {run['val_accuracy'][-1]:.2f} after {epochs} epoch{'s' * (epochs > 1)}"


class _Lambda(nn.Module):
    def __init__(self, function):
        super().__init__()
        self.function = function

    def forward(self, x):
        return self.function(x)
