"""Data modules that keep the whole dataset in memory and batch it by index.

d2l's FashionMNIST runs a DataLoader with four worker processes and a PIL
transform per image: about 6.7 s per pass over the training set on two cores.
Holding the set as one tensor and slicing minibatches out of it gives the same
batches' worth of maths for a fraction of the cost.
"""

from __future__ import annotations

import math
from typing import Annotated

import numpy as np
import torch
import torch.nn.functional as F
from d2l import torch as d2l
from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from ._validate import Int, Pair, Seq, validated
from .fashion_mnist import TEXT_LABELS, cache_dir, load_fashion_mnist
from .plotting import show_images

ImageSize = Pair[Annotated[Int, Field(ge=1, le=1024)]]  # (height, width) in pixels


def _class_numbers(value: object) -> object:
    """A 1-D integer tensor or NumPy array of class numbers becomes a list of ints (a sequence stays as it is)."""
    if not isinstance(value, (torch.Tensor, np.ndarray)):
        return value
    if isinstance(value, torch.Tensor):
        integer = not (value.dtype.is_floating_point or value.dtype.is_complex or value.dtype == torch.bool)
    else:
        integer = value.dtype.kind in "iu"
    if value.ndim != 1 or not integer:
        raise PydanticCustomError("indices_type", "Input should be a 1-D integer tensor of class numbers 0 to 9")
    return value.tolist()


ClassNumbers = Annotated[Seq[Annotated[Int, Field(ge=0, le=9)]], BeforeValidator(_class_numbers)]


class BatchLoader:
    """Minibatches of equally long tensors, drawn by index (shuffled anew each pass).

    A shuffled pass takes its order from PyTorch's global generator exactly as
    ``DataLoader(..., shuffle=True)`` does, so after the same ``seed`` both
    visit the examples in the same order: same batches, same maths, no workers.

    What that covers, with a trainer that runs a training pass and then a
    validation pass every epoch: the first epoch's batches are those of stock
    d2l; later epochs are too only if the generator is seeded again before each
    epoch (``tools/bench.py`` does). A DataLoader's *unshuffled* pass also draws
    one number from the global generator (its workers' base seed) and this
    loader's does not, so without re-seeding stock d2l's second epoch is
    shuffled differently. Drawing that number here would change every stored
    notebook output after the first epoch; ``tests/test_data.py`` pins down
    exactly this behaviour.
    """

    @validated
    def __init__(self, *tensors: torch.Tensor, batch_size: Annotated[Int, Field(ge=1, le=2**63 - 1)],
                 shuffle: bool = False):
        if not tensors:
            raise TypeError("tensors must be one or more torch tensors, got none")
        n = len(tensors[0])
        if any(len(t) != n for t in tensors):
            raise ValueError(f"tensors must all have the same length, got {[len(t) for t in tensors]}")
        self.tensors = tensors
        self.batch_size, self.shuffle = batch_size, shuffle

    def __len__(self) -> int:
        return math.ceil(len(self.tensors[0]) / self.batch_size)

    def __iter__(self):
        n, size = len(self.tensors[0]), self.batch_size
        if self.shuffle:
            order = torch.randperm(n, generator=_sampler_generator())
            for start in range(0, n, size):
                idx = order[start:start + size]
                yield tuple(t[idx] for t in self.tensors)
        else:
            for start in range(0, n, size):
                yield tuple(t[start:start + size] for t in self.tensors)


def _sampler_generator() -> torch.Generator:
    """The generator a DataLoader's RandomSampler would use now (two draws from the global one)."""
    torch.empty((), dtype=torch.int64).random_()  # the loader's base seed for its workers
    seed = int(torch.empty((), dtype=torch.int64).random_().item())
    return torch.Generator().manual_seed(seed)


@validated
def images_to_float(images: torch.Tensor, resize: ImageSize = (28, 28)) -> torch.Tensor:
    """uint8 images (N, H, W) → float32 in [0, 1] of shape (N, 1, *resize), bilinear when resized."""
    if images.dtype != torch.uint8 or images.dim() != 3:
        raise TypeError(f"images must be a uint8 tensor of shape (N, H, W), got {images.dtype} {tuple(images.shape)}")
    x = images.unsqueeze(1).float().div_(255)
    if tuple(x.shape[-2:]) != resize:
        x = F.interpolate(x, size=resize, mode="bilinear", align_corners=False, antialias=True)
        x.clamp_(0, 1)
    return x


class FashionMNIST(d2l.FashionMNIST):
    """d2l's FashionMNIST data module, offline-first and held in memory.

    Same attributes as the book's (``train``, ``val``, ``text_labels``,
    ``visualize``, ``get_dataloader``); the files come from
    :mod:`d2lplus.fashion_mnist`, verified, and minibatches are slices of
    one tensor instead of a multi-process DataLoader.
    """

    @validated
    def __init__(self, batch_size: Annotated[Int, Field(ge=1, le=60000)] = 64, resize: ImageSize = (28, 28),
                 download: bool = True):
        d2l.DataModule.__init__(self, root=str(cache_dir().parent), num_workers=0)
        self.save_hyperparameters()
        arrays = load_fashion_mnist(download=download)
        self.train = torch.utils.data.TensorDataset(
            images_to_float(arrays.train_images, resize), arrays.train_labels)
        self.val = torch.utils.data.TensorDataset(
            images_to_float(arrays.val_images, resize), arrays.val_labels)

    @validated
    def text_labels(self, indices: ClassNumbers) -> list[str]:
        """Names of the classes with the given indices (0–9): a sequence or a 1-D tensor."""
        return [TEXT_LABELS[i] for i in indices]

    @validated
    def get_dataloader(self, train: bool) -> BatchLoader:
        data = self.train if train else self.val
        return BatchLoader(*data.tensors, batch_size=self.batch_size, shuffle=train)

    @validated
    def visualize(self, batch: Pair[torch.Tensor], nrows: Annotated[Int, Field(ge=1, le=50)] = 1,
                  ncols: Annotated[Int, Field(ge=1, le=50)] = 8, labels: Seq[str] | None = None):
        """Show the first ``nrows * ncols`` images of a batch with their labels."""
        X, y = batch
        if not labels:
            labels = self.text_labels(y)
        return show_images(X.squeeze(1), nrows, ncols, titles=labels)
