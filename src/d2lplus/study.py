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
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from pathlib import Path

import torch

from ._checks import check_choice, check_float, check_int
from .activations import ACTIVATIONS
from .runs import (
    BLOWUP,
    STUDY_EPOCHS,
    _check_lr,
    _check_mapping,
    _check_run,
    _largest_drop,
    _outcome,
    mlp_run,
    run_outcome,
)
from .seeding import pin_cpu_kernels

STUDY_KEYS = ("budget", "provenance", "runs")


def check_study(study: object) -> Mapping:
    """``study`` itself if it has the shape ``lr_study`` returns; else a TypeError or ValueError naming it."""
    study = _check_mapping("study", study, STUDY_KEYS, "a result of lr_study or load_lr_study")
    if not isinstance(study["runs"], Sequence) or not study["runs"]:
        raise ValueError("study must hold a non-empty list of runs")
    for run in study["runs"]:
        _check_run(run, "study")
    _check_mapping("study", study["budget"], ("rates", "activations", "epochs"), "a study with a budget")
    return study


def _check_names(name: str, values: object, choices: Sequence[str]) -> tuple:
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise TypeError(f"{name} must be a sequence, got {type(values).__name__}")
    if not values:
        raise ValueError(f"{name} must name at least one value")
    return tuple(check_choice(name, v, choices) for v in values)


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
    study = check_study(study)
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


def study_run(study: Mapping, lr: float, activation_name: str = "relu") -> dict:
    """The stored run for ``lr`` and ``activation_name``; ``KeyError`` if the study has none."""
    study = check_study(study)
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

    study = check_study(study)
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
        row["largest drop · 최대 하락"] = round(_largest_drop(run)[0], 3)
        row["final val loss · 마지막 검증 손실"] = round(run["val_loss"][-1], 2) if run["val_loss"] else math.nan
        row["largest loss · 최대 손실"] = round(max(run["peak_loss"], default=math.nan), 1)
        row["outcome · 결과"] = run_outcome(run)
        rows[run["lr"]] = row
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "learning rate · 학습률"
    return table


def final_accuracy_table(study: Mapping):
    """Validation accuracy after the last epoch, learning rate × activation, rounded to 3 decimals."""
    import pandas as pd

    study = check_study(study)
    table = pd.DataFrame({act: {run["lr"]: round(run["val_accuracy"][-1], 3) if run["val_accuracy"] else math.nan
                                for run in study["runs"] if run["activation"] == act}
                          for act in study["budget"]["activations"]})
    table.index.name = "learning rate · 학습률"
    return table


def epochs_to_reach(study: Mapping, target: float, activation_name: str = "relu") -> dict:
    """For each learning rate, the first epoch whose validation accuracy is at least ``target`` (None: never)."""
    study = check_study(study)
    check_choice("activation_name", activation_name, study["budget"]["activations"])
    target = check_float("target", target, low=0, high=1)
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
