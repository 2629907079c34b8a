"""Small, seeded training runs behind the learning-rate and activation widgets (sections 3.4 and 5.2).

Each run takes the hyperparameter a reader moves and returns plain numbers
(loss curves, errors, accuracy); ``run_plots`` draws them. A run that
diverges stops at the first non-finite or exploding loss and says so, instead
of plotting NaN.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import torch
from d2l import torch as d2l
from torch import nn

from ._checks import check_choice, check_float, check_int
from .activations import ACTIVATIONS, activation
from .data import BatchLoader, images_to_float
from .fashion_mnist import load_fashion_mnist
from .seeding import seed

TRUE_W, TRUE_B = (2.0, -3.4), 4.2  # the synthetic data of section 3.4
EXPLODED = 1e6  # a loss above this counts as diverged
BLOWUP = 10 * math.log(10)  # a step loss 10× that of a uniform guess: the run diverged
STUDY_EPOCHS = 20  # the budget of the learning-rate study in section 5.2 (see ``LR_STUDY``)


def _check_lr(lr: object) -> float:
    return check_float("lr", lr, low=0.0, high=100.0, low_open=True)


def linear_regression_run(lr: float, epochs: int = 3, batch_size: int = 32, seed_value: int = 0,
                          data_seed: int | None = None) -> dict:
    """Minibatch SGD on the 3.4 data (w = [2, −3.4], b = 4.2, 1000 examples) at learning rate ``lr``.

    ``seed_value`` draws the data, the initial weights and the minibatch order; with ``data_seed``
    the data come from that seed instead, so runs that differ only in ``seed_value`` share their data.
    Returns the loss after every step, the validation loss after every epoch,
    the estimation errors of w and b, and whether (and at which step) it diverged.
    """
    lr = _check_lr(lr)
    epochs = check_int("epochs", epochs, low=1, high=100)
    batch_size = check_int("batch_size", batch_size, low=1, high=1000)
    seed_value = check_int("seed_value", seed_value, low=0, high=2**32 - 1)
    if data_seed is not None:
        seed(check_int("data_seed", data_seed, low=0, high=2**32 - 1))
    else:
        seed(seed_value)
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


def mlp_run(lr: float, activation_name: str = "relu", epochs: int = STUDY_EPOCHS, num_train: int = 60000,
            batch_size: int = 256, num_hiddens: int = 256, seed_value: int = 0) -> dict:
    """Train a 784-``num_hiddens``-10 MLP on the first ``num_train`` FashionMNIST images.

    The defaults are the budget of the learning-rate study in section 5.2 (all
    60,000 training images, batch 256, ``STUDY_EPOCHS`` epochs, weights drawn
    from N(0, 0.01²) as in ``MLPScratch``), so ``mlp_run(lr, act)`` reproduces a
    stored run of ``lr_study``. Returns the mean training loss four times per
    epoch, the largest single-step loss, the validation loss and accuracy (all
    10,000 images) after every epoch, and whether the run diverged: a loss that
    is not finite or above ``EXPLODED`` stops the run, which reports the step.
    """
    lr = _check_lr(lr)
    act = activation(check_choice("activation_name", activation_name, ACTIVATIONS))
    epochs = check_int("epochs", epochs, low=1, high=50)
    num_train = check_int("num_train", num_train, low=256, high=60000)
    batch_size = check_int("batch_size", batch_size, low=1, high=num_train)
    num_hiddens = check_int("num_hiddens", num_hiddens, low=1, high=4096)
    seed_value = check_int("seed_value", seed_value, low=0, high=2**32 - 1)
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


def run_outcome(run: Mapping) -> str:
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
    run = _check_run(run)
    if run["diverged"]:
        return "diverged"
    if max(run["peak_loss"], default=0.0) > BLOWUP:
        return "spiked"
    if run["val_loss"] and run["val_loss"][-1] >= math.log(10):
        return "collapsed"
    return "ok"


def run_diverged(run: Mapping) -> bool:
    """Whether the learning rate was too large for the run: it diverged, spiked or collapsed (``run_outcome``)."""
    return run_outcome(run) != "ok"


def _largest_drop(run: Mapping) -> tuple[float, int]:
    """The largest fall of validation accuracy from one epoch to the next, and the epoch it fell in."""
    acc = run["val_accuracy"]
    drops = [(acc[i - 1] - acc[i], i + 1) for i in range(1, len(acc))]
    largest = max(drops, default=(0.0, 1))
    return largest if largest[0] > 0 else (0.0, 1)


RUN_KEYS = ("lr", "activation", "train_loss", "peak_loss", "val_loss", "val_accuracy", "diverged", "diverged_at")


def _check_mapping(name: str, value: object, keys: Sequence[str], what: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a mapping ({what}), got {type(value).__name__}")
    missing = [k for k in keys if k not in value]
    if missing:
        raise ValueError(f"{name} must be {what}; it lacks {', '.join(missing)}")
    return value


def _check_run(run: object, name: str = "run") -> Mapping:
    return _check_mapping(name, run, RUN_KEYS, "a result of mlp_run")


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
