"""Figures of the training runs and of the stored learning-rate study (sections 3.4 and 5.2)."""

from __future__ import annotations

import math

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ._validate import FigSize, Unchanged, validated
from .activations import LABELS, ActivationName
from .runs import BLOWUP, LinearRegressionRun, MLPRun, _diverged_epoch, _outcome, run_diverged, run_outcome
from .study import Study, _check_studied


@validated
def plot_linear_regression_run(run: Unchanged[LinearRegressionRun],
                               figsize: FigSize = (5.0, 2.8)) -> Figure:
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


@validated
def plot_mlp_run(run: Unchanged[MLPRun], study: Unchanged[Study] | None = None,
                 figsize: FigSize = (8.0, 3.6)) -> Figure:
    """Training loss (left, log scale) and validation accuracy (right) of one ``mlp_run``.

    The loss axis is logarithmic and fitted to the data, so a loss that blows
    up to thousands stays on the panel next to one that settles near 0.3; the
    largest single-step loss of each epoch is marked too. Given a ``study``
    (``lr_study``), the right panel overlays the validation accuracy of every
    stored rate for the same activation, with this run in bold.
    """
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
        left.axhline(BLOWUP, color="C3", linestyle="--", linewidth=1, label="spiked above")
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


def _overlay(ax, study: Study, activation_name: str, highlight: float | None = None) -> None:
    """Validation accuracy per epoch of every stored rate for one activation; runs whose rate was too large marked ×."""
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
    """One clearly different colour per rate (tab10, in increasing order of rate), so neighbours can be told apart."""
    from matplotlib import colormaps

    cmap = colormaps["tab10"]
    return {lr: cmap(i % 10) for i, lr in enumerate(sorted(rates))}


@validated
def plot_lr_study(study: Unchanged[Study], activation_name: ActivationName = "relu",
                  figsize: FigSize = (5.5, 3.2)) -> Figure:
    """Validation accuracy per epoch for every learning rate of ``study`` (one activation)."""
    _check_studied(study, activation_name)
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    _overlay(ax, study, activation_name)
    ax.grid(alpha=0.3)
    b = study["budget"]
    ax.set_title(f"{LABELS[activation_name]} MLP, {b['num_train']:,} images, batch {b['batch_size']}",
                 fontsize=10)
    return fig
