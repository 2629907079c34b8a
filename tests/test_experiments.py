import math

import pytest

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


@pytest.mark.parametrize("lr, error, message", [
    (0, ValueError, r"lr must be in \(0, 100\]"),
    (-0.1, ValueError, r"lr must be in \(0, 100\]"),
    (float("inf"), ValueError, "lr must be a finite number"),
    (float("nan"), ValueError, "lr must be a finite number"),
    ("fast", TypeError, "lr must be a real number"),
])
def test_bad_learning_rates(lr, error, message):
    with pytest.raises(error, match=message):
        linear_regression_run(lr)
    with pytest.raises(error, match=message):
        mlp_run(lr)


def test_mlp_run_learns_and_reports_per_epoch():
    run = mlp_run(0.3, "relu", epochs=2, num_train=4096)
    assert not run["diverged"] and len(run["val_accuracy"]) == 2
    assert run["val_accuracy"][-1] > 0.5  # far above chance (0.1)
    assert len(run["train_loss"]) == 8  # four points per epoch
    assert "ReLU, lr = 0.3" in plot_mlp_run(run)._suptitle.get_text()


def test_mlp_run_rejects_unknown_activation_and_sizes():
    with pytest.raises(ValueError, match="activation_name must be one of"):
        mlp_run(0.1, "softplus")
    with pytest.raises(ValueError, match="num_train must be an integer in"):
        mlp_run(0.1, num_train=10)
