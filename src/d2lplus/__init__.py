"""Shared helpers for the bilingual *Dive into Deep Learning* notes.

Stands on upstream ``d2l`` (the API the book teaches) and adds what it lacks:
offline, verified FashionMNIST held in memory; seeding; the GPU when present;
PNG figures and a progress board that suit executed notebooks.
"""

from __future__ import annotations

import torch
from d2l import torch as d2l

from ._checks import check_int
from .board import ProgressBoard
from .data import BatchLoader, FashionMNIST
from .device import num_gpus, try_gpu
from .fashion_mnist import DataError, load_fashion_mnist
from .plotting import show_images, use_png_display
from .seeding import seed
from .training import Trainer, evaluate

__all__ = ["BatchLoader", "DataError", "FashionMNIST", "ProgressBoard", "Trainer",
           "evaluate", "init_notebook", "load_fashion_mnist", "num_gpus", "seed", "show_images",
           "try_gpu", "use_png_display"]

__version__ = "0.1.0"


def init_notebook(seed_value: int = 0, num_threads: int | None = 1) -> None:
    """Prepare a notebook: PNG figures, d2l's board and image grid replaced, RNGs seeded.

    d2l's own functions look these names up at call time, so after this call
    ``d2l.plot``, ``d2l.Module`` and ``FashionMNIST.visualize`` draw with the
    fixed versions. PyTorch computes on ``num_threads`` CPU threads (``None``:
    its default). One thread makes every printed number independent of the
    number of cores, and on a busy two-core machine it is also the fastest.
    """
    if num_threads is not None:
        torch.set_num_threads(check_int("num_threads", num_threads, low=1, high=256))
    seed(seed_value)
    use_png_display()
    d2l.use_svg_display = use_png_display
    d2l.ProgressBoard = ProgressBoard
    d2l.show_images = show_images
