"""Small, seeded training runs behind the learning-rate and activation widgets.

Each run takes the hyperparameter a reader moves and returns plain numbers
(loss curves, errors, accuracy); a separate function draws them. A run that
diverges stops at the first non-finite or exploding loss and says so, instead
of plotting NaN.
"""

from __future__ import annotations

import datetime
import json
import math
import platform
import time
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from pathlib import Path

import torch
from d2l import torch as d2l
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from torch import nn

from ._checks import check_choice, check_float, check_float_pair, check_int
from .activations import ACTIVATIONS, LABELS, activation
from .data import BatchLoader, images_to_float
from .fashion_mnist import load_fashion_mnist
from .seeding import pin_cpu_kernels, seed

TRUE_W, TRUE_B = (2.0, -3.4), 4.2  # the synthetic data of section 3.4
EXPLODED = 1e6  # a loss above this counts as diverged
BLOWUP = 10 * math.log(10)  # a step loss 10× that of a uniform guess: the run diverged
STUDY_EPOCHS = 20  # the budget of the learning-rate study in section 5.2 (see ``LR_STUDY``)


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
    seed(check_int("seed_value", seed_value, low=0, high=2**32 - 1))
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
    figsize = _check_figsize(figsize)
    keys = ("lr", "losses", "diverged", "diverged_at", "w_error", "b_error")
    if not isinstance(run, Mapping) or any(k not in run for k in keys):
        raise TypeError(f"run must be what linear_regression_run returns (a dict with {', '.join(keys)}), "
                        f"got {type(run).__name__}")
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
    """How a run of ``mlp_run`` ended: ``"ok"``, ``"diverged"`` or ``"collapsed"``.

    Cross-entropy rarely reaches infinity: the loss of a step that overshoots
    grows with the size of the logits, then the run often settles at chance
    (dead ReLUs) or crawls back. So a run *diverged* when it stopped on a
    non-finite or exploding loss, or when one step's loss passed ``BLOWUP``
    (ten times that of a uniform guess, ln 10): a step went far past the
    minimum. A run *collapsed* when no step went that far but it ended no
    better than a uniform guess (final validation loss at least ln 10): its
    steps bounced around until the hidden units died.
    """
    run = _check_run(run)
    if run["diverged"] or max(run["peak_loss"], default=0.0) > BLOWUP:
        return "diverged"
    if run["val_loss"] and run["val_loss"][-1] >= math.log(10):
        return "collapsed"
    return "ok"


def run_diverged(run: Mapping) -> bool:
    """Whether the learning rate was too large for the run: it diverged or collapsed (``run_outcome``)."""
    return run_outcome(run) != "ok"


def _largest_drop(run: Mapping) -> tuple[float, int]:
    """The largest fall of validation accuracy from one epoch to the next, and the epoch it fell in."""
    acc = run["val_accuracy"]
    drops = [(acc[i - 1] - acc[i], i + 1) for i in range(1, len(acc))]
    largest = max(drops, default=(0.0, 1))
    return largest if largest[0] > 0 else (0.0, 1)


RUN_KEYS = ("lr", "activation", "train_loss", "peak_loss", "val_loss", "val_accuracy", "diverged", "diverged_at")
STUDY_KEYS = ("budget", "provenance", "runs")


def _check_mapping(name: str, value: object, keys: Sequence[str], what: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a mapping ({what}), got {type(value).__name__}")
    missing = [k for k in keys if k not in value]
    if missing:
        raise ValueError(f"{name} must be {what}; it lacks {', '.join(missing)}")
    return value


def _check_run(run: object, name: str = "run") -> Mapping:
    return _check_mapping(name, run, RUN_KEYS, "a result of mlp_run")


def _check_study(study: object) -> Mapping:
    study = _check_mapping("study", study, STUDY_KEYS, "a result of lr_study or load_lr_study")
    if not isinstance(study["runs"], Sequence) or not study["runs"]:
        raise ValueError("study must hold a non-empty list of runs")
    for run in study["runs"]:
        _check_run(run, "study")
    _check_mapping("study", study["budget"], ("rates", "activations", "epochs"), "a study with a budget")
    return study


def _check_figsize(figsize: object) -> tuple[float, float]:
    return check_float_pair("figsize", figsize, low=0.5, high=30, what="(width, height) in inches")


def _check_names(name: str, values: object, choices: Sequence[str]) -> tuple:
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise TypeError(f"{name} must be a sequence, got {type(values).__name__}")
    if not values:
        raise ValueError(f"{name} must name at least one value")
    return tuple(check_choice(name, v, choices) for v in values)


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
        return (f"diverged (loss up to {max(run['peak_loss']):.3g} in epoch {_diverged_epoch(run)}), "
                f"val. accuracy {run['val_accuracy'][-1]:.2f} after {epochs} epochs")
    return f"val. accuracy {run['val_accuracy'][-1]:.2f} after {epochs} epoch{'s' * (epochs > 1)}"


def plot_mlp_run(run: Mapping, study: Mapping | None = None, figsize: tuple[float, float] = (8.0, 3.6)) -> Figure:
    """Training loss (left, log scale) and validation accuracy (right) of one ``mlp_run``.

    The loss axis is logarithmic and fitted to the data, so a loss that blows
    up to thousands stays on the panel next to one that settles near 0.3; the
    largest single-step loss of each epoch is marked too. Given a ``study``
    (``lr_study``), the right panel overlays the validation accuracy of every
    stored rate for the same activation, with this run in bold.
    """
    run = _check_run(run)
    if study is not None:
        study = _check_study(study)
    figsize = _check_figsize(figsize)
    bad = run_diverged(run)
    color = "C3" if bad else "C0"
    fig = Figure(figsize=figsize, layout="constrained")
    left, right = fig.subplots(1, 2)
    if run["train_loss"]:
        xs, ys = zip(*run["train_loss"], strict=True)
        left.plot(xs, ys, "o-", color=color, markersize=2, label="mean loss (¼ epoch)")
        if run["diverged"]:  # the last finite losses before the run stopped
            left.plot(xs[-1:], ys[-1:], "x", color="C3", markersize=10, markeredgewidth=2,
                      label="next loss not finite: stopped")
    if run["peak_loss"]:
        middles = [e - 0.5 for e in range(1, len(run["peak_loss"]) + 1)]
        left.plot(middles, run["peak_loss"], "^", color=color, alpha=0.6, markersize=4,
                  label="largest step loss of the epoch")
    left.axhline(math.log(10), color="0.5", linestyle=":", linewidth=1, label="uniform guess (ln 10)")
    if bad:
        left.axhline(BLOWUP, color="C3", linestyle="--", linewidth=1, label="diverged above")
    left.set_yscale("log")
    left.set_xlim(0, max(1, len(run["peak_loss"])) + 0.2)
    left.set_xlabel("epoch")
    left.set_ylabel("training loss (log scale)")
    left.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2)  # below: hides no point
    stored = study is not None and any(r["activation"] == run["activation"] and math.isclose(r["lr"], run["lr"])
                                       for r in study["runs"])
    if study is not None:
        _overlay(right, study, run["activation"], highlight=run["lr"])
    if not stored:  # a run of its own: drawn in black over the stored ones (if any)
        epochs = range(1, len(run["val_accuracy"]) + 1)
        right.plot(epochs, run["val_accuracy"], "o-", color="C3" if bad else "black", markersize=3,
                   linewidth=2.4, label=f"{run['lr']:.3g} (this run)")
        right.set_ylim(0, 1)
        right.set_xlabel("epoch")
        right.set_ylabel("validation accuracy")
        if bad and run["val_accuracy"]:
            at = min(_diverged_epoch(run), len(run["val_accuracy"]))
            right.plot([at], [run["val_accuracy"][at - 1]], "x", color="C3", markersize=10, markeredgewidth=2)
        if study is not None:
            _legend(right)
    if not run["val_accuracy"]:
        right.text(0.5, 0.5, "diverged before the first\nvalidation: no accuracy", transform=right.transAxes,
                   ha="center", va="center", color="C3", fontsize=9)
    for ax in (left, right):
        ax.grid(alpha=0.3)
    name = LABELS[run["activation"]]
    fig.suptitle(f"{name}, lr = {run['lr']:g}: {_outcome(run)}", fontsize=10,
                 color="C3" if bad else "black")
    return fig


def _overlay(ax, study: dict, activation_name: str, highlight: float | None = None) -> None:
    """Validation accuracy per epoch of every stored rate for one activation; diverged runs marked ×."""
    runs = [r for r in study["runs"] if r["activation"] == activation_name]
    colors = _rate_colors([r["lr"] for r in runs])
    for run in runs:
        bad = run_diverged(run)
        epochs = range(1, len(run["val_accuracy"]) + 1)
        chosen = highlight is None or math.isclose(run["lr"], highlight)
        label = f"{run['lr']:g}" + (f" ✗ {run_outcome(run)}" if bad else "")
        ax.plot(epochs, run["val_accuracy"], "--" if bad else "-", color=colors[run["lr"]],
                linewidth=2.4 if chosen and highlight is not None else 1.2,
                alpha=1.0 if chosen else 0.45, label=label)
        if bad and run["val_accuracy"]:
            at = min(_diverged_epoch(run), len(run["val_accuracy"]))
            ax.plot([at], [run["val_accuracy"][at - 1]], "x", color=colors[run["lr"]], markersize=8,
                    markeredgewidth=2, alpha=1.0 if chosen else 0.6)
    ax.axhline(0.1, color="0.5", linestyle=":", linewidth=1, label="chance (0.1)")
    ax.set_ylim(0, 1)
    ax.set_xlim(0.5, study["budget"]["epochs"] + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("epoch")
    ax.set_ylabel("validation accuracy")
    _legend(ax)


def _legend(ax) -> None:
    """The learning rates beside the panel, where no curve can hide them."""
    ax.legend(title="learning rate", fontsize=7, title_fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))


def _rate_colors(rates) -> dict:
    from matplotlib import colormaps

    cmap = colormaps["plasma"]  # dark (small rates) to orange (large), all visible on white
    rates = sorted(rates)
    return {lr: cmap(0.75 * i / max(1, len(rates) - 1)) for i, lr in enumerate(rates)}


def plot_lr_study(study: Mapping, activation_name: str = "relu",
                  figsize: tuple[float, float] = (5.5, 3.2)) -> Figure:
    """Validation accuracy per epoch for every learning rate of ``study`` (one activation)."""
    study = _check_study(study)
    figsize = _check_figsize(figsize)
    check_choice("activation_name", activation_name, study["budget"]["activations"])
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    _overlay(ax, study, activation_name)
    ax.grid(alpha=0.3)
    b = study["budget"]
    ax.set_title(f"{LABELS[activation_name]} MLP, {b['num_train']:,} images, batch {b['batch_size']}",
                 fontsize=10)
    return fig


# The learning-rate study of section 5.2: every rate × activation on the full training set.
# Each run takes about 0.8 s per epoch on one CPU thread; ``python -m d2lplus lr-study`` recomputes it.
LR_STUDY = {"rates": (0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0), "activations": ("relu", "sigmoid", "tanh"),
            "epochs": STUDY_EPOCHS, "num_train": 60000, "batch_size": 256, "num_hiddens": 256, "seed": 0}
STUDY_RESOURCE = ("results", "lr_study.json")  # inside the package, shipped as package data


def lr_study(rates: Sequence[float] = LR_STUDY["rates"], activations: Sequence[str] = LR_STUDY["activations"],
             epochs: int = STUDY_EPOCHS, num_train: int = 60000, batch_size: int = 256, num_hiddens: int = 256,
             seed_value: int = 0, progress: Callable[[str], object] | None = None) -> dict:
    """Run ``mlp_run`` for every learning rate × activation; the runs plus their budget and provenance.

    Slow on purpose (the full set, ``epochs`` epochs each): its result is stored
    with the package (``load_lr_study``) and the notebooks read it. ``progress``
    (optional) is called with a line of text after every run.
    """
    if isinstance(rates, (str, bytes)) or not isinstance(rates, Sequence):
        raise TypeError(f"rates must be a sequence of learning rates, got {type(rates).__name__}")
    if not rates:
        raise ValueError("rates must hold at least one learning rate")
    rates = tuple(check_float("rates", r, low=0.0, high=100.0, low_open=True) for r in rates)
    activations = _check_names("activations", activations, ACTIVATIONS)
    # everything mlp_run would refuse is refused now, before any run starts
    epochs = check_int("epochs", epochs, low=1, high=50)
    num_train = check_int("num_train", num_train, low=256, high=60000)
    batch_size = check_int("batch_size", batch_size, low=1, high=num_train)
    num_hiddens = check_int("num_hiddens", num_hiddens, low=1, high=4096)
    seed_value = check_int("seed_value", seed_value, low=0, high=2**32 - 1)
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be a function of one string (or None), got {type(progress).__name__}")
    started = time.perf_counter()
    runs = []
    for act in activations:
        for lr in rates:
            t = time.perf_counter()
            run = mlp_run(lr, act, epochs=epochs, num_train=num_train, batch_size=batch_size,
                          num_hiddens=num_hiddens, seed_value=seed_value)
            runs.append(_rounded(run))
            if progress is not None:
                progress(f"{act:>7} lr = {lr:<6g} {_outcome(run)}  ({time.perf_counter() - t:.1f} s)")
    budget = {"rates": list(rates), "activations": list(activations), "epochs": epochs, "num_train": num_train,
              "num_val": 10000, "batch_size": batch_size, "num_hiddens": num_hiddens,
              "model": f"784-{num_hiddens}-10 MLP, weights N(0, 0.01^2), biases 0, minibatch SGD, cross-entropy",
              "diverged_above": BLOWUP}
    provenance = {"seed": seed_value, "torch": torch.__version__, "python": platform.python_version(),
                  "platform": platform.platform(), "torch_threads": torch.get_num_threads(),
                  "cpu_kernels": torch.backends.cpu.get_cpu_capability(),
                  "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
                  "seconds": round(time.perf_counter() - started, 1),
                  "command": "python -m d2lplus lr-study"}
    return {"budget": budget, "provenance": provenance, "runs": runs}


def _rounded(run: dict) -> dict:
    """A run with its numbers rounded for storage (accuracies are multiples of 1/10,000)."""
    def sig(x: float) -> float:
        return float(f"{x:.6g}")
    return {**run, "train_loss": [[round(x, 4), sig(v)] for x, v in run["train_loss"]],
            "peak_loss": [sig(v) for v in run["peak_loss"]], "val_loss": [sig(v) for v in run["val_loss"]],
            "val_accuracy": [round(v, 4) for v in run["val_accuracy"]]}


def save_lr_study(study: Mapping, path: str | Path) -> str:
    """Write ``study`` as JSON to ``path`` (``study_path()`` is the file that ``load_lr_study`` reads)."""
    study = _check_study(study)
    if not isinstance(path, (str, Path)) or not str(path):
        raise TypeError(f"path must be a file name (str or Path), got {type(path).__name__}")
    path = str(path)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(study, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return path


def load_lr_study(path: str | Path | None = None) -> dict:
    """The stored learning-rate study (``lr_study`` computed once, shipped with the package)."""
    if path is None:
        text = resources.files("d2lplus").joinpath(*STUDY_RESOURCE).read_text(encoding="utf-8")
    elif not isinstance(path, (str, Path)):
        raise TypeError(f"path must be a file name (str or Path) or None, got {type(path).__name__}")
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    try:
        return _check_study(json.loads(text))
    except (TypeError, ValueError) as error:
        raise ValueError(f"path must name a stored study ({error})") from None


def study_path() -> str:
    """Where the package keeps the stored study (``python -m d2lplus lr-study`` rewrites it)."""
    return str(resources.files("d2lplus").joinpath(*STUDY_RESOURCE))


def study_run(study: Mapping, lr: float, activation_name: str = "relu") -> dict:
    """The stored run for ``lr`` and ``activation_name``; ``KeyError`` if the study has none."""
    study = _check_study(study)
    lr = _check_lr(lr)
    check_choice("activation_name", activation_name, ACTIVATIONS)
    for run in study["runs"]:
        if run["activation"] == activation_name and math.isclose(run["lr"], lr, rel_tol=1e-9):
            return run
    raise KeyError(f"no stored run for lr = {lr:g}, activation {activation_name!r}")


def lr_study_table(study: Mapping, activation_name: str = "relu", epochs: Sequence[int] = (1, 2, 5, 10, 20)):
    """Validation accuracy after the given epochs, one row per learning rate, rounded to 3 decimals.

    More columns say how steady the run was and what the loss did: the largest
    fall of accuracy from one epoch to the next, the validation loss at the
    end, the largest single-step training loss (ln 10 ≈ 2.30 is where every
    run starts; above ``BLOWUP`` it diverged) and the ``run_outcome``.
    """
    import pandas as pd

    study = _check_study(study)
    check_choice("activation_name", activation_name, study["budget"]["activations"])
    last = study["budget"]["epochs"]
    if isinstance(epochs, (str, bytes)) or not isinstance(epochs, Sequence) or not epochs:
        raise TypeError(f"epochs must be a non-empty sequence of epoch numbers, got {type(epochs).__name__}")
    epochs = [check_int("epochs", e, low=1, high=last) for e in epochs]
    rows = {}
    for run in study["runs"]:
        if run["activation"] != activation_name:
            continue
        acc = run["val_accuracy"]
        row = {f"epoch {e}": round(acc[e - 1], 3) if e <= len(acc) else math.nan for e in epochs}
        row["largest drop"] = round(_largest_drop(run)[0], 3)
        row["final val loss"] = round(run["val_loss"][-1], 2) if run["val_loss"] else math.nan
        row["largest loss"] = round(max(run["peak_loss"], default=math.nan), 1)
        row["outcome"] = run_outcome(run)
        rows[run["lr"]] = row
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "learning rate"
    return table


def final_accuracy_table(study: Mapping):
    """Validation accuracy after the last epoch, learning rate × activation, rounded to 3 decimals."""
    import pandas as pd

    study = _check_study(study)
    table = pd.DataFrame({act: {run["lr"]: round(run["val_accuracy"][-1], 3) if run["val_accuracy"] else math.nan
                                for run in study["runs"] if run["activation"] == act}
                          for act in study["budget"]["activations"]})
    table.index.name = "learning rate"
    return table


def epochs_to_reach(study: Mapping, target: float, activation_name: str = "relu") -> dict:
    """For each learning rate, the first epoch whose validation accuracy is at least ``target`` (None: never)."""
    study = _check_study(study)
    check_choice("activation_name", activation_name, study["budget"]["activations"])
    target = check_float("target", target, low=0, high=1)
    return {run["lr"]: next((e for e, a in enumerate(run["val_accuracy"], start=1) if a >= target), None)
            for run in study["runs"] if run["activation"] == activation_name}


def main(argv=None) -> int:
    """``python -m d2lplus lr-study [PATH]``: recompute the stored study on one CPU thread (about 6 min)."""
    import sys

    argv = sys.argv[2:] if argv is None else argv
    pin_cpu_kernels()  # the kernels the notebooks run with, before the first tensor operation
    torch.set_num_threads(1)  # reproducible numbers, and fair to whoever shares the machine
    study = lr_study(progress=lambda line: print(line, flush=True))
    path = save_lr_study(study, argv[0] if argv else study_path())
    print(f"wrote {path} in {study['provenance']['seconds']} s")
    return 0


class _Lambda(nn.Module):
    def __init__(self, function):
        super().__init__()
        self.function = function

    def forward(self, x):
        return self.function(x)
