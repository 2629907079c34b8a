"""Where tensors live: the GPU when there is one (Colab), the CPU otherwise."""

from __future__ import annotations

import torch

from ._checks import check_int


def num_gpus() -> int:
    """Number of CUDA devices PyTorch can use."""
    return torch.cuda.device_count()


def try_gpu(i: int = 0) -> torch.device:
    """Return GPU ``i`` if it exists, otherwise the CPU (as d2l's ``try_gpu``, validated)."""
    i = check_int("i", i, low=0, high=1023)
    return torch.device(f"cuda:{i}") if num_gpus() > i else torch.device("cpu")
