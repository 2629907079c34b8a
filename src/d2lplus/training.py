"""d2l's ``Trainer`` with its arguments checked and the GPU used when there is one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import torch
from d2l import torch as d2l

from ._checks import check_float, check_int
from .device import num_gpus as available_gpus
from .device import try_gpu


class Trainer(d2l.Trainer):
    """Train a ``d2l.Module`` on a ``d2l.DataModule``, as in the book.

    ``num_gpus=None`` (the default) takes one GPU if PyTorch sees one (Colab)
    and the CPU otherwise; d2l's default is always the CPU.
    """

    def __init__(self, max_epochs: int, num_gpus: int | None = None, gradient_clip_val: float = 0):
        max_epochs = check_int("max_epochs", max_epochs, low=1, high=10_000)
        if num_gpus is None:
            num_gpus = min(1, available_gpus())
        num_gpus = check_int("num_gpus", num_gpus, low=0, high=1024)
        gradient_clip_val = check_float("gradient_clip_val", gradient_clip_val, low=0)
        self.save_hyperparameters()
        self.gpus = [try_gpu(i) for i in range(min(num_gpus, available_gpus()))]

    def fit(self, model: d2l.Module, data: d2l.DataModule):
        """Train ``model`` on ``data`` for ``max_epochs`` epochs."""
        if not isinstance(model, d2l.Module):
            raise TypeError(f"model must be a d2l.Module, got {type(model).__name__}")
        if not isinstance(data, d2l.DataModule):
            raise TypeError(f"data must be a d2l.DataModule, got {type(data).__name__}")
        loose = loose_tensors(model)
        if self.gpus and loose:
            raise ValueError(f"model holds tensors that are not nn.Parameter ({', '.join(loose)}), which "
                             f"model.to({self.gpus[0]}) cannot move: wrap them in nn.Parameter, or train on "
                             f"the CPU with Trainer(..., num_gpus=0)")
        super().fit(model, data)


def loose_tensors(model: torch.nn.Module) -> list[str]:
    """Names of trainable tensors the model keeps as plain attributes (not ``nn.Parameter``).

    ``model.to(device)`` moves parameters and buffers only: such tensors stay
    on the CPU while the batches move to the GPU, and the first product fails.
    """
    if not isinstance(model, torch.nn.Module):
        raise TypeError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    return [f"{prefix}.{name}".lstrip(".") for prefix, module in model.named_modules()
            for name, value in vars(module).items()
            if torch.is_tensor(value) and not isinstance(value, torch.nn.Parameter) and value.requires_grad]


@torch.no_grad()
def evaluate(model: d2l.Classifier, data: d2l.DataModule | Iterable) -> dict[str, float]:
    """Mean loss and accuracy of a classifier over ``data``'s validation set.

    ``data`` is a ``d2l.DataModule`` (its ``val_dataloader()`` is used) or any
    iterable of ``(X, y)`` batches. The model is put in eval mode and left there.
    """
    if not isinstance(model, d2l.Classifier):
        raise TypeError(f"model must be a d2l.Classifier, got {type(model).__name__}")
    if isinstance(data, d2l.DataModule):
        batches = data.val_dataloader()
    elif isinstance(data, (str, bytes, torch.Tensor)) or not isinstance(data, Iterable):
        raise TypeError(f"data must be a d2l.DataModule or an iterable of (X, y) batches, "
                        f"got {type(data).__name__}")
    else:
        batches = data
    device = next(iter(model.parameters()), torch.empty(0)).device
    model.eval()
    total, loss_sum, correct = 0, 0.0, 0.0
    for batch in batches:
        if (isinstance(batch, (str, bytes)) or not isinstance(batch, Sequence) or len(batch) != 2
                or not all(torch.is_tensor(t) for t in batch)):
            raise TypeError(f"data must yield (X, y) pairs of tensors, got a {type(batch).__name__}")
        X, y = batch
        X, y = X.to(device), y.to(device)
        y_hat = model(X)
        loss_sum += float(model.loss(y_hat, y, averaged=False).sum())
        correct += float(model.accuracy(y_hat, y, averaged=False).sum())
        total += len(y)
    if total == 0:
        raise ValueError("data must hold at least one validation example, got none")
    return {"loss": loss_sum / total, "accuracy": correct / total}
