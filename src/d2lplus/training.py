"""d2l's ``Trainer`` with its arguments checked and the GPU used when there is one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Annotated

import torch
from d2l import torch as d2l
from pydantic import Field, PlainValidator
from pydantic_core import PydanticCustomError

from ._validate import Int, Real, instance_of, validated
from .device import num_gpus as available_gpus
from .device import try_gpu

Model = instance_of(d2l.Module, "a d2l.Module (a model of the book, such as d2l.LinearRegression)")
Data = instance_of(d2l.DataModule, "a d2l.DataModule (such as d2lplus.FashionMNIST)")
Classifier = instance_of(d2l.Classifier, "a d2l.Classifier (such as d2l.SoftmaxRegression)")
TorchModule = instance_of(torch.nn.Module, "a torch.nn.Module")


class Trainer(d2l.Trainer):
    """Train a ``d2l.Module`` on a ``d2l.DataModule``, as in the book.

    ``num_gpus=None`` (the default) takes one GPU if PyTorch sees one (Colab)
    and the CPU otherwise; d2l's default is always the CPU.
    """

    @validated
    def __init__(self, max_epochs: Annotated[Int, Field(ge=1, le=10_000)],
                 num_gpus: Annotated[Int, Field(ge=0, le=1024)] | None = None,
                 gradient_clip_val: Annotated[Real, Field(ge=0)] = 0):
        if num_gpus is None:
            num_gpus = min(1, available_gpus())
        self.save_hyperparameters()
        self.gpus = [try_gpu(i) for i in range(min(num_gpus, available_gpus()))]

    @validated
    def fit(self, model: Model, data: Data):
        """Train ``model`` on ``data`` for ``max_epochs`` epochs."""
        loose = loose_tensors(model)
        if self.gpus and loose:
            raise ValueError(f"model holds tensors that are not nn.Parameter ({', '.join(loose)}), which "
                             f"model.to({self.gpus[0]}) cannot move: wrap them in nn.Parameter, or train on "
                             f"the CPU with Trainer(..., num_gpus=0)")
        super().fit(model, data)


@validated
def loose_tensors(model: TorchModule) -> list[str]:
    """Names of trainable tensors the model keeps as plain attributes (not ``nn.Parameter``).

    ``model.to(device)`` moves parameters and buffers only: such tensors stay
    on the CPU while the batches move to the GPU, and the first product fails.
    """
    return [f"{prefix}.{name}".lstrip(".") for prefix, module in model.named_modules()
            for name, value in vars(module).items()
            if torch.is_tensor(value) and not isinstance(value, torch.nn.Parameter) and value.requires_grad]


def _batches(data: object) -> Iterable:
    """A data module's validation batches, or the iterable of batches itself."""
    if isinstance(data, d2l.DataModule):
        return data.val_dataloader()
    if isinstance(data, (str, bytes, torch.Tensor)) or not isinstance(data, Iterable):
        raise PydanticCustomError("batches_type", "Input should be a d2l.DataModule or an iterable of (X, y) batches")
    return data


@torch.no_grad()
@validated
def evaluate(model: Classifier, data: Annotated[Iterable, PlainValidator(_batches)]) -> dict[str, float]:
    """Mean loss and accuracy of a classifier over ``data``'s validation set.

    ``data`` is a ``d2l.DataModule`` (its ``val_dataloader()`` is used) or any
    iterable of ``(X, y)`` batches. The model is put in eval mode and left there.
    """
    device = next(iter(model.parameters()), torch.empty(0)).device
    model.eval()
    total, loss_sum, correct = 0, 0.0, 0.0
    for batch in data:
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
