"""Where tensors live: the GPU when there is one (Colab), the CPU otherwise.

With ``D2LPLUS_SIMULATE_GPU=1`` in the environment the helpers believe one GPU is present and map
it to the CPU: the trainer then takes the GPU path (it moves the model and the batches, and refuses
models whose trainable tensors ``model.to`` cannot move), so code that would break on Colab's GPU
runtime fails here too, on a machine without one. The test suite runs every notebook so.
"""

from __future__ import annotations

import os
from typing import Annotated

import torch
from pydantic import Field

from ._validate import Int, validated

SIMULATE_GPU = "D2LPLUS_SIMULATE_GPU"


def simulated_gpu() -> bool:
    """Whether the helpers pretend to have one GPU (mapped to the CPU): ``D2LPLUS_SIMULATE_GPU=1``."""
    return os.environ.get(SIMULATE_GPU) == "1" and torch.cuda.device_count() == 0


def num_gpus() -> int:
    """Number of CUDA devices PyTorch can use (one, mapped to the CPU, when simulated)."""
    return 1 if simulated_gpu() else torch.cuda.device_count()


@validated
def try_gpu(i: Annotated[Int, Field(ge=0, le=1023)] = 0) -> torch.device:
    """Return GPU ``i`` if it exists, otherwise the CPU (as d2l's ``try_gpu``, validated)."""
    if simulated_gpu():
        return torch.device("cpu")  # the simulated GPU computes on the CPU
    return torch.device(f"cuda:{i}") if num_gpus() > i else torch.device("cpu")
