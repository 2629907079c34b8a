import math
from pathlib import Path

import pytest
import tomllib
import torch

from d2lplus import experiments as ex
from d2lplus.experiments import linear_regression_run, mlp_run, plot_linear_regression_run, plot_mlp_run


def test_a_good_learning_rate_recovers_the_parameters():
    run = linear_regression_run(0.03)
    assert not run["diverged"] and len(run["losses"]) == 3 * 32 and len(run["val_losses"]) == 3
    assert max(abs(e) for e in run["w_error"] + [run["b_error"]]) < 0.5
    assert run["losses"][-1] < run["losses"][0] / 10


def test_a_tiny_learning_rate_barely_moves():
    run = linear_regression_run(0.001)
    assert not run["diverged"] and abs(run["b_error"]) > 3


def test_a_large_learning_rate_diverges_and_says_so():
    run = linear_regression_run(3.0)
    assert run["diverged"] and run["diverged_at"] is not None
    assert all(math.isfinite(loss) for loss in run["losses"])  # nothing non-finite to plot
    assert all(math.isnan(e) for e in run["w_error"])
    assert "diverged at step" in plot_linear_regression_run(run).axes[0].get_title()


def test_runs_are_repeatable():
    assert linear_regression_run(0.1) == linear_regression_run(0.1)


@pytest.mark.parametrize("lr, message", [  # types, NaN: tests/test_bad_input.py
    (0, "lr must be greater than 0, got 0"),  # a rate of 0 never moves the weights
    (-0.1, "lr must be greater than 0, got -0.1"),
    (float("inf"), "lr must be a finite number, got inf"),
])
def test_a_learning_rate_is_positive_and_finite(lr, message):
    with pytest.raises(ValueError, match=message):
        linear_regression_run(lr)
    with pytest.raises(ValueError, match=message):
        mlp_run(lr)


def test_mlp_run_learns_and_reports_per_epoch():
    run = mlp_run(0.3, "relu", epochs=2, num_train=4096)
    assert not run["diverged"] and len(run["val_accuracy"]) == 2
    assert run["val_accuracy"][-1] > 0.5  # far above chance (0.1)
    assert len(run["train_loss"]) == 8  # four points per epoch
    assert "ReLU, lr = 0.3" in plot_mlp_run(run)._suptitle.get_text()


def test_mlp_run_rejects_unknown_activation_and_sizes():
    with pytest.raises(ValueError, match="activation_name must be 'relu', 'leaky_relu'"):
        mlp_run(0.1, "softplus")
    with pytest.raises(ValueError, match="num_train must be greater than or equal to 256, got 10"):
        mlp_run(0.1, num_train=10)
    with pytest.raises(ValueError, match=r"batch_size must be at most num_train \(512\), got 1024"):
        mlp_run(0.1, num_train=512, batch_size=1024)


# The learning-rate study of section 5.2: stored with the package, read by the notebooks.

def _fake_run(lr, act, accs, peaks=None, diverged=False):
    peaks = peaks or [2.3] * len(accs)
    return {"lr": lr, "activation": act, "val_accuracy": accs, "val_loss": [1.0 - a for a in accs],
            "peak_loss": peaks, "train_loss": [[e + 0.5, p / 2] for e, p in enumerate(peaks)],
            "diverged": diverged, "diverged_at": None}


def _fake_study():
    runs = [_fake_run(0.01, "relu", [0.5, 0.6, 0.7]), _fake_run(0.1, "relu", [0.7, 0.8, 0.85]),
            _fake_run(3.0, "relu", [0.1, 0.1, 0.1], peaks=[90.0, 2.4, 2.3]),
            _fake_run(0.01, "tanh", [0.55, 0.65, 0.72]), _fake_run(0.1, "tanh", [0.72, 0.81, 0.86]),
            _fake_run(3.0, "tanh", [0.3, 0.4, 0.5], peaks=[3000.0, 800.0, 300.0])]
    return {"budget": {"rates": [0.01, 0.1, 3.0], "activations": ["relu", "tanh"], "epochs": 3,
                       "num_train": 60000, "batch_size": 256}, "provenance": {}, "runs": runs}


def test_stored_study_has_its_budget_provenance_and_a_run_per_grid_point():
    study = ex.load_lr_study()
    budget, provenance = study["budget"], study["provenance"]
    assert (budget["num_train"], budget["batch_size"], budget["num_hiddens"]) == (60000, 256, 256)
    assert budget["epochs"] == ex.STUDY_EPOCHS and tuple(budget["rates"]) == ex.LR_STUDY["rates"]
    assert {"torch", "seed", "date", "torch_threads", "cpu_kernels", "command"} <= set(provenance)
    assert len(study["runs"]) == len(budget["rates"]) * len(budget["activations"])
    for run in study["runs"]:
        assert len(run["val_accuracy"]) == budget["epochs"] or run["diverged"]
        assert ex.study_run(study, run["lr"], run["activation"]) is run
    relu = {r["lr"]: r for r in study["runs"] if r["activation"] == "relu"}
    assert ex.run_diverged(relu[max(relu)]), "the grid must include a rate that diverges"
    smallest = relu[min(relu)]["val_accuracy"][-1]
    assert smallest < max(r["val_accuracy"][-1] for r in relu.values()) - 0.1, "and one that is too small"


@pytest.mark.parametrize("lr, activation_name", [(0.1, "relu"), (3.0, "relu")])
def test_a_one_epoch_rerun_agrees_with_the_stored_first_epoch(lr, activation_name):
    """Same seed, same operations: on one thread this CPU reproduces the stored numbers exactly.

    The tolerances only absorb what a different CPU kernel or PyTorch version
    changes (float32 sums in another order, ~1e-7 relative per operation,
    amplified over 235 steps): loss values within 1 %, validation accuracy
    within 0.003 (30 of 10 000 images flipping their argmax). A changed
    model, seed, budget or data order moves them far more (a different seed
    changes the first-epoch accuracy of lr = 0.1 by 0.031: 0.686 → 0.717).
    """
    stored = ex.study_run(ex.load_lr_study(), lr, activation_name)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        run = ex.mlp_run(lr, activation_name, epochs=1)
    finally:
        torch.set_num_threads(threads)
    assert run["val_accuracy"][0] == pytest.approx(stored["val_accuracy"][0], abs=0.003)
    assert run["val_loss"][0] == pytest.approx(stored["val_loss"][0], rel=0.01)
    assert run["peak_loss"][0] == pytest.approx(stored["peak_loss"][0], rel=0.01)
    first = [v for x, v in stored["train_loss"] if x <= 1]
    assert [v for _, v in run["train_loss"]] == pytest.approx(first, rel=0.01)
    assert ex.run_diverged(run) == (stored["peak_loss"][0] > ex.BLOWUP)


def test_lr_study_records_budget_and_provenance(tmp_path):
    study = ex.lr_study(rates=(0.1, 3.0), activations=("relu",), epochs=1, num_train=512)
    assert [r["lr"] for r in study["runs"]] == [0.1, 3.0]
    assert study["budget"]["num_train"] == 512 and study["provenance"]["torch"] == torch.__version__
    assert study["provenance"]["cpu_kernels"] == torch.backends.cpu.get_cpu_capability()
    path = ex.save_lr_study(study, tmp_path / "study.json")
    assert ex.load_lr_study(path) == study


def test_the_package_ships_the_stored_study():
    root = Path(__file__).resolve().parents[1]
    globs = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["d2lplus"]
    assert any((root / "src" / "d2lplus").glob(g) for g in globs)
    assert "/".join(ex.STUDY_RESOURCE) in [str(p.relative_to(root / "src" / "d2lplus"))
                                          for g in globs for p in (root / "src" / "d2lplus").glob(g)]


def test_study_tables_round_and_mark_divergence():
    study = _fake_study()
    table = ex.lr_study_table(study, "relu", epochs=(1, 3))
    assert table.equals(ex.lr_study_table(study, "relu", epochs=range(1, 4, 2)))  # any sequence of epochs
    assert list(table.columns) == ["epoch 1", "epoch 3", "largest drop · 최대 하락",
                                   "final val loss · 마지막 검증 손실", "largest loss · 최대 손실", "outcome · 결과"]
    assert table.loc[0.1, "epoch 3"] == 0.85 and table.loc[3.0, "outcome · 결과"] == "spiked"
    assert table.loc[0.01, "outcome · 결과"] == "ok" and table.loc[0.01, "largest drop · 최대 하락"] == 0
    final = ex.final_accuracy_table(study)
    assert final.loc[0.1, "tanh"] == 0.86 and list(final.columns) == ["relu", "tanh"]
    assert ex.epochs_to_reach(study, 0.7) == {0.01: 3, 0.1: 1, 3.0: None}
    with pytest.raises(ValueError, match=r"activation_name must be one of those the study ran \(relu, tanh\)"):
        ex.lr_study_table(study, "sigmoid")
    with pytest.raises(ValueError, match="epochs must be epoch numbers from 1 to 3"):
        ex.lr_study_table(study, "relu", epochs=(1, 4))


@pytest.mark.parametrize("lr, act", [(0.1, "relu"), (3.0, "relu"), (3.0, "tanh")])
def test_every_run_is_drawn_whole_and_divergence_is_marked(lr, act):
    study = _fake_study()
    run = ex.study_run(study, lr, act)
    fig = ex.plot_mlp_run(run, study)
    loss_ax, acc_ax = fig.axes[:2]
    assert loss_ax.get_yscale() == "log"
    low, high = loss_ax.get_ylim()
    plotted = [y for line in loss_ax.get_lines() for y in line.get_ydata()]
    assert low <= min(plotted) and max(plotted) <= high, "no loss may leave the panel"
    assert len(acc_ax.get_lines()) >= 3, "the accuracy of every rate for this activation is overlaid"
    title = fig._suptitle.get_text()
    assert ("spiked" in title) == ex.run_diverged(run) == (lr == 3.0)


def test_a_run_that_ends_at_chance_without_blowing_up_collapsed():
    run = _fake_run(1.0, "relu", [0.3, 0.6, 0.1, 0.1], peaks=[7.0, 3.0, 11.0, 2.4])
    assert ex.run_outcome(run) == "ok"  # validation loss 1 - accuracy stays below ln 10
    run["val_loss"] = [1.7, 1.0, 2.3, 2.4]
    assert ex.run_outcome(run) == "collapsed" and ex.run_diverged(run)
    assert "collapsed (accuracy 0.60 → 0.10 in epoch 3)" in ex.plot_mlp_run(run)._suptitle.get_text()


def test_a_run_that_stops_still_draws_and_says_so():
    run = {"lr": 100.0, "activation": "relu", "train_loss": [(0.01, 80.0)], "peak_loss": [150.0],
           "val_loss": [], "val_accuracy": [], "diverged": True, "diverged_at": 2}
    fig = ex.plot_mlp_run(run, _fake_study())
    assert "diverged (loss not finite at step 3)" in fig._suptitle.get_text()
    assert any("no accuracy" in t.get_text() for t in fig.axes[1].texts)


def test_plot_lr_study_overlays_every_rate():
    fig = ex.plot_lr_study(_fake_study(), "tanh")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels[:3] == ["0.01", "0.1", "3 ✗ spiked"]


def test_study_functions_refuse_what_is_not_a_study(tmp_path):
    with pytest.raises(TypeError, match="study must be a valid dictionary"):
        ex.final_accuracy_table([1, 2])
    with pytest.raises(ValueError, match="study must have the entry 'budget'"):
        ex.save_lr_study({"runs": []}, tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()
    broken = _fake_study()
    del broken["runs"][4]["val_loss"]
    with pytest.raises(ValueError, match=r"study\['runs'\]\[4\] must have the entry 'val_loss'"):
        ex.final_accuracy_table(broken)
    with pytest.raises(TypeError, match=r"path must be a file path \(str or Path\), got NoneType"):
        ex.save_lr_study(_fake_study(), None)
    with pytest.raises(ValueError, match="epochs must be greater than or equal to 1"):
        ex.lr_study(epochs=0)  # refused before any training
    with pytest.raises(ValueError, match=r"batch_size must be at most num_train \(256\)"):
        ex.lr_study(num_train=256, batch_size=512)
    with pytest.raises(KeyError, match="no stored run for lr = 0.05"):
        ex.study_run(_fake_study(), 0.05)


def test_the_stored_study_is_rewritten_only_in_a_checkout(monkeypatch, capsys):
    from d2lplus import study

    root = Path(__file__).resolve().parents[1]
    # this test runs from a checkout with an editable install: the study's file is the one in src/
    assert study.checkout_study_path() == root / "src" / "d2lplus" / "results" / "lr_study.json"
    # an installed copy (no checkout around it): the command refuses before any training, naming PATH
    monkeypatch.setattr(study, "checkout_study_path", lambda: None)
    monkeypatch.setattr(study, "lr_study", lambda **_: pytest.fail("trained although it could not write"))
    assert study.main([]) == 2
    assert "PATH" in capsys.readouterr().err
