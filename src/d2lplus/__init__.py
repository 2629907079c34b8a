"""Shared helpers for the bilingual *Dive into Deep Learning* notes.

Stands on upstream ``d2l`` (the API the book teaches) and adds what it lacks:
offline, verified FashionMNIST held in memory; seeding; the GPU when present;
PNG figures and a progress board that suit executed notebooks.
"""

from __future__ import annotations

from typing import Annotated

import torch
from d2l import torch as d2l
from pydantic import Field

from ._validate import Int, Seed, validated
from .board import ProgressBoard
from .data import BatchLoader, FashionMNIST
from .device import num_gpus, try_gpu
from .fashion_mnist import DataError, load_fashion_mnist
from .plotting import headless, restore_display_settings, save_display_settings, show_images, use_png_display
from .seeding import seed
from .training import Trainer, evaluate

__all__ = ["BatchLoader", "DataError", "FashionMNIST", "ProgressBoard", "Trainer",
           "evaluate", "init_notebook", "load_fashion_mnist", "num_gpus", "reset_notebook", "seed", "show_images",
           "try_gpu", "use_png_display"]

__version__ = "0.1.0"


_SAVED: dict = {}  # what init_notebook replaced, for reset_notebook


@validated
def init_notebook(seed_value: Seed = 0, num_threads: Annotated[Int, Field(ge=1, le=256)] | None = None) -> None:
    """Prepare a notebook: PNG figures, d2l's board and image grid replaced, RNGs seeded.

    d2l's own functions look these names up at call time, so after this call
    ``d2l.plot``, ``d2l.Module`` and ``FashionMNIST.visualize`` draw with the
    fixed versions. ``num_threads`` sets PyTorch's CPU threads; by default
    (``None``) they are limited to one only while notebooks run unattended
    (``D2LPLUS_HEADLESS=1``: the book build and the tests), so that every
    printed number is the same on any machine, and a reader's session keeps
    PyTorch's own setting. ``reset_notebook()`` undoes all of it.
    """
    if num_threads is None and headless():
        num_threads = 1
    if not _SAVED:
        _SAVED.update(threads=torch.get_num_threads(), use_svg_display=d2l.use_svg_display,
                      ProgressBoard=d2l.ProgressBoard, show_images=d2l.show_images,
                      display=save_display_settings())
    if num_threads is not None:
        torch.set_num_threads(num_threads)
    seed(seed_value)
    use_png_display()
    d2l.use_svg_display = use_png_display
    d2l.ProgressBoard = ProgressBoard
    d2l.show_images = show_images


def reset_notebook() -> None:
    """Undo ``init_notebook``: d2l's own board, image grid and SVG switch, the figure formats and threads."""
    if not _SAVED:
        return
    torch.set_num_threads(_SAVED["threads"])
    d2l.use_svg_display = _SAVED["use_svg_display"]
    d2l.ProgressBoard = _SAVED["ProgressBoard"]
    d2l.show_images = _SAVED["show_images"]
    restore_display_settings(_SAVED["display"])
    _SAVED.clear()
