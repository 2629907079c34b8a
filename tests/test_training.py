import pytest
import torch
from d2l import torch as d2l

import d2lplus


def test_trainer_fits_linear_regression_on_the_cpu():
    d2lplus.init_notebook(0)
    data = d2l.SyntheticRegressionData(w=torch.tensor([2, -3.4]), b=4.2)
    model = d2l.LinearRegressionScratch(2, lr=0.03)
    trainer = d2lplus.Trainer(max_epochs=3, num_gpus=0)  # d2l's scratch model keeps plain tensors
    assert trainer.gpus == []
    trainer.fit(model, data)
    error = model.w.detach().reshape(-1).cpu() - torch.tensor([2, -3.4])
    assert error.abs().max() < 0.5 and abs(model.b.item() - 4.2) < 0.5
    val_loss = [y for _, y in model.board.data["val_loss"]]
    assert len(val_loss) == 3 and val_loss[-1] < val_loss[0] / 10


@pytest.mark.parametrize("kwargs, message", [  # types, NaN: tests/test_bad_input.py
    (dict(max_epochs=0), "max_epochs must be greater than or equal to 1, got 0"),
    (dict(max_epochs=1, num_gpus=-1), "num_gpus must be greater than or equal to 0, got -1"),
    (dict(max_epochs=1, gradient_clip_val=-1), "gradient_clip_val must be greater than or equal to 0, got -1"),
])
def test_trainer_needs_an_epoch_and_no_negative_counts(kwargs, message):
    with pytest.raises(ValueError, match=message):
        d2lplus.Trainer(**kwargs)


def test_fit_rejects_what_is_not_a_model_or_data():
    trainer = d2lplus.Trainer(max_epochs=1)
    data = d2l.SyntheticRegressionData(w=torch.tensor([1.0]), b=0.0)
    with pytest.raises(TypeError, match="model must be a d2l.Module"):
        trainer.fit(torch.nn.Linear(1, 1), data)
    with pytest.raises(TypeError, match="data must be a d2l.DataModule"):
        trainer.fit(d2l.LinearRegressionScratch(1, lr=0.1), [(torch.ones(1), torch.ones(1))])


def test_evaluate_reports_loss_and_accuracy_of_a_classifier():
    d2lplus.seed(0)
    model = d2l.SoftmaxRegression(num_outputs=3, lr=0.1)
    X = torch.eye(3).repeat(4, 1)
    y = torch.arange(3).repeat(4)
    model(X)  # materialise the lazy layer
    with torch.no_grad():
        model.net[1].weight.copy_(torch.eye(3) * 10)
        model.net[1].bias.zero_()
    result = d2lplus.evaluate(model, [(X, y)])
    assert result["accuracy"] == 1.0 and result["loss"] < 1e-3
    with pytest.raises(ValueError, match="data must hold at least one validation example"):
        d2lplus.evaluate(model, [])
    with pytest.raises(TypeError, match="model must be a d2l.Classifier"):
        d2lplus.evaluate(torch.nn.Linear(3, 3), [(X, y)])


def test_trainer_takes_the_gpu_when_there_is_one():
    expected = [torch.device("cuda:0")] if torch.cuda.is_available() else []
    assert d2lplus.Trainer(max_epochs=1).gpus == expected


def test_loose_tensors_are_found_and_refused_on_a_gpu():
    """Plain tensors with requires_grad cannot follow model.to(gpu): a clear error instead of a device clash."""
    from d2lplus.training import loose_tensors

    scratch = d2l.LinearRegressionScratch(2, lr=0.03)
    assert loose_tensors(scratch) == ["w", "b"]
    assert loose_tensors(d2l.LinearRegression(lr=0.03)) == []
    trainer = d2lplus.Trainer(max_epochs=1, num_gpus=0)
    trainer.gpus = [torch.device("cuda:0")]  # as on a GPU runtime; refused before anything moves
    with pytest.raises(ValueError, match=r"model holds tensors that are not nn.Parameter \(w, b\)"):
        trainer.fit(scratch, d2l.SyntheticRegressionData(w=torch.tensor([2, -3.4]), b=4.2))
    with pytest.raises(TypeError, match="model must be a torch.nn.Module"):
        loose_tensors("net")
