"""The learning-rate study of section 5.2: every rate × activation, run once, stored and tabulated.

The notebooks read the stored study (``load_lr_study``); ``python -m d2lplus lr-study``
recomputes it, writing into a checkout of the repository only.
"""

from __future__ import annotations

import datetime
import json
import math
import platform
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Annotated

import torch
from pydantic import ConfigDict, Field, with_config
from typing_extensions import TypedDict

from ._validate import FilePath, Int, Real, Seed, Seq, Unchanged, validated
from .activations import ActivationName
from .runs import (
    BLOWUP,
    STUDY_EPOCHS,
    BatchSize,
    Epochs,
    LearningRate,
    MLPRun,
    NumHiddens,
    NumTrain,
    _check_batch_size,
    _largest_drop,
    _outcome,
    mlp_run,
    run_outcome,
)
from .seeding import pin_cpu_kernels


@with_config(ConfigDict(extra="allow"))
class Budget(TypedDict):
    """What the study ran: its rates and activations, and how long."""

    rates: list[float]
    activations: list[str]
    epochs: int


@with_config(ConfigDict(extra="allow"))
class Study(TypedDict):
    """What ``lr_study`` returns and ``load_lr_study`` reads."""

    budget: Budget
    provenance: dict
    runs: Annotated[list[MLPRun], Field(min_length=1)]


@validated
def check_study(study: Unchanged[Study]) -> Study:
    """``study`` if it has the shape ``lr_study`` returns; else a TypeError or ValueError naming what is wrong."""
    return study


def _check_studied(study: Study, activation_name: str) -> None:
    ran = study["budget"]["activations"]
    if activation_name not in ran:
        raise ValueError(f"activation_name must be one of those the study ran ({', '.join(ran)}), "
                         f"got {activation_name!r}")


# The learning-rate study of section 5.2: every rate × activation on the full training set.
# Each run takes about 0.8 s per epoch on one CPU thread; ``python -m d2lplus lr-study`` recomputes it.
LR_STUDY = {"rates": (0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0), "activations": ("relu", "sigmoid", "tanh"),
            "epochs": STUDY_EPOCHS, "num_train": 60000, "batch_size": 256, "num_hiddens": 256, "seed": 0}
STUDY_RESOURCE = ("results", "lr_study.json")  # inside the package, shipped as package data


@validated
def lr_study(rates: Annotated[Seq[LearningRate], Field(min_length=1)] = LR_STUDY["rates"],
             activations: Annotated[Seq[ActivationName], Field(min_length=1)] = LR_STUDY["activations"],
             epochs: Epochs = STUDY_EPOCHS, num_train: NumTrain = 60000, batch_size: BatchSize = 256,
             num_hiddens: NumHiddens = 256, seed_value: Seed = 0,
             progress: Callable[[str], object] | None = None) -> Study:
    """Run ``mlp_run`` for every learning rate × activation; the runs plus their budget and provenance.

    Slow on purpose (the full set, ``epochs`` epochs each): its result is stored
    with the package (``load_lr_study``) and the notebooks read it. ``progress``
    (optional) is called with a line of text after every run.
    """
    _check_batch_size(batch_size, num_train)  # everything mlp_run would refuse is refused before any run starts
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


@validated
def save_lr_study(study: Unchanged[Study], path: FilePath) -> str:
    """Write ``study`` as JSON to ``path`` (``study_path()`` is the file that ``load_lr_study`` reads)."""
    path = str(path)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(study, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return path


@validated
def load_lr_study(path: FilePath | None = None) -> Study:
    """The stored learning-rate study (``lr_study`` computed once, shipped with the package)."""
    if path is None:
        text = resources.files("d2lplus").joinpath(*STUDY_RESOURCE).read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    try:
        return check_study(json.loads(text))
    except (TypeError, ValueError) as error:
        raise ValueError(f"path must name a stored study ({error})") from None


def study_path() -> str:
    """Where the package keeps the stored study (``python -m d2lplus lr-study`` rewrites it in a checkout)."""
    return str(resources.files("d2lplus").joinpath(*STUDY_RESOURCE))


def checkout_study_path() -> Path | None:
    """The stored study's file in a checkout of the repository (``src/d2lplus/...``), or None where the
    package was installed from a wheel or from git: the study is package data, never rewritten in site-packages."""
    package = Path(study_path()).parents[len(STUDY_RESOURCE) - 1]
    root = package.parent.parent
    if package.parent.name == "src" and (root / "pyproject.toml").is_file() and (root / ".git").exists():
        return package.joinpath(*STUDY_RESOURCE)
    return None


@validated
def study_run(study: Unchanged[Study], lr: LearningRate,
              activation_name: ActivationName = "relu") -> MLPRun:
    """The stored run for ``lr`` and ``activation_name``; ``KeyError`` if the study has none."""
    for run in study["runs"]:
        if run["activation"] == activation_name and math.isclose(run["lr"], lr, rel_tol=1e-9):
            return run
    raise KeyError(f"no stored run for lr = {lr:g}, activation {activation_name!r}")


@validated
def lr_study_table(study: Unchanged[Study], activation_name: ActivationName = "relu",
                   epochs: Annotated[Seq[Annotated[Int, Field(ge=1)]], Field(min_length=1)] = (1, 2, 5, 10, 20)):
    """Validation accuracy after the given epochs, one row per learning rate, rounded to 3 decimals.

    More columns say how steady the run was and what the loss did: the largest
    fall of accuracy from one epoch to the next, the validation loss at the
    end, the largest single-step training loss (ln 10 ≈ 2.30 is where every
    run starts; above ``BLOWUP`` it diverged) and the ``run_outcome``.
    """
    import pandas as pd

    _check_studied(study, activation_name)
    last = study["budget"]["epochs"]
    if max(epochs) > last:
        raise ValueError(f"epochs must be epoch numbers from 1 to {last} (the study's budget), got {max(epochs)}")
    rows = {}
    for run in study["runs"]:
        if run["activation"] != activation_name:
            continue
        acc = run["val_accuracy"]
        row = {f"epoch {e}": round(acc[e - 1], 3) if e <= len(acc) else math.nan for e in epochs}
        row["largest drop · 최대 하락"] = round(_largest_drop(run)[0], 3)
        row["final val loss · 마지막 검증 손실"] = round(run["val_loss"][-1], 2) if run["val_loss"] else math.nan
        row["largest loss · 최대 손실"] = round(max(run["peak_loss"], default=math.nan), 1)
        row["outcome · 결과"] = run_outcome(run)
        rows[run["lr"]] = row
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "learning rate · 학습률"
    return table


@validated
def final_accuracy_table(study: Unchanged[Study]):
    """Validation accuracy after the last epoch, learning rate × activation, rounded to 3 decimals."""
    import pandas as pd

    table = pd.DataFrame({act: {run["lr"]: round(run["val_accuracy"][-1], 3) if run["val_accuracy"] else math.nan
                                for run in study["runs"] if run["activation"] == act}
                          for act in study["budget"]["activations"]})
    table.index.name = "learning rate · 학습률"
    return table


@validated
def epochs_to_reach(study: Unchanged[Study], target: Annotated[Real, Field(ge=0, le=1)],
                    activation_name: ActivationName = "relu") -> dict:
    """For each learning rate, the first epoch whose validation accuracy is at least ``target`` (None: never)."""
    _check_studied(study, activation_name)
    return {run["lr"]: next((e for e, a in enumerate(run["val_accuracy"], start=1) if a >= target), None)
            for run in study["runs"] if run["activation"] == activation_name}


def main(argv=None) -> int:
    """``python -m d2lplus lr-study [PATH]``: recompute the stored study on one CPU thread (about 6 min)."""
    import sys

    argv = sys.argv[2:] if argv is None else argv
    target = argv[0] if argv else checkout_study_path()
    if target is None:
        print("lr-study: this d2lplus is an installed copy, not a checkout; give a PATH to write the study to "
              "(the stored study is rewritten only in a checkout of the repository)", file=sys.stderr)
        return 2
    pin_cpu_kernels()  # the kernels the notebooks run with, before the first tensor operation
    torch.set_num_threads(1)  # reproducible numbers, and fair to whoever shares the machine
    study = lr_study(progress=lambda line: print(line, flush=True))
    path = save_lr_study(study, target)
    print(f"wrote {path} in {study['provenance']['seconds']} s")
    return 0
