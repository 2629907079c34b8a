"""Figures that suit all three uses: PNG in stored notebooks, crisp on the site.

d2l switches the inline backend to SVG, whose random ids and dates change on
every run, so nbval could never compare a cell that draws. PNG (at twice the
pixel density, "retina") is skipped by nbval and stays sharp on the website.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Annotated

import numpy as np
import torch
from IPython import get_ipython
from matplotlib import pyplot as plt
from matplotlib.figure import Figure
from matplotlib_inline import backend_inline
from pydantic import Field
from typing_extensions import TypedDict

from ._validate import Int, Real, Seq, Unchanged, validated

ENV_HEADLESS = "D2LPLUS_HEADLESS"


def headless() -> bool:
    """True while notebooks are executed with no one watching (book build, nbval)."""
    return os.environ.get(ENV_HEADLESS) == "1"


@validated
def use_png_display(retina: bool = True) -> None:
    """Show matplotlib figures as PNG (``retina``: at double resolution), described in plain text."""
    backend_inline.set_matplotlib_formats("retina" if retina else "png")
    # Setting the formats drops every formatter for Figure: describe figures again.
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/plain"].for_type(
            Figure, lambda fig, printer, cycle: printer.text(describe_figure(fig)))


class DisplaySettings(TypedDict):
    """What ``save_display_settings`` returns (None where there is no IPython shell)."""

    formats: set[str] | None
    printer: Callable | None


def save_display_settings() -> DisplaySettings:
    """The inline backend's figure formats and the text form of figures, as ``use_png_display`` finds them."""
    shell = get_ipython()
    formats = set(backend_inline.InlineBackend.instance().figure_formats) if shell is not None else None
    printer = None
    if shell is not None:
        printer = shell.display_formatter.formatters["text/plain"].type_printers.get(Figure)
    return {"formats": formats, "printer": printer}


@validated
def restore_display_settings(saved: Unchanged[DisplaySettings]) -> None:
    """Put back what ``save_display_settings`` returned."""
    shell = get_ipython()
    if shell is None or saved.get("formats") is None:
        return
    backend_inline.set_matplotlib_formats(*saved["formats"])
    plain = shell.display_formatter.formatters["text/plain"]
    plain.type_printers.pop(Figure, None)
    if saved["printer"] is not None:
        plain.for_type(Figure, saved["printer"])


@validated
def show_images(imgs: torch.Tensor | np.ndarray | Seq[object], num_rows: Annotated[Int, Field(ge=1, le=50)],
                num_cols: Annotated[Int, Field(ge=1, le=50)], titles: Seq[object] | None = None,
                scale: Annotated[Real, Field(gt=0, le=10)] = 1.5) -> np.ndarray:
    """Plot a grid of grey-scale images with optional titles; return the axes.

    Section 4.2 shows ``d2l.show_images`` only as a stub that raises ``NotImplementedError``; d2l 1.0.3
    defines a working version further down its ``torch.py`` (matplotlib's default colour map, no checks).
    This one draws the inverted grey scale of these notes and checks its arguments;
    ``init_notebook`` puts it in place of ``d2l.show_images``.
    """
    if len(imgs) < 1:
        raise ValueError("imgs must hold at least one image, got none")
    shown = min(len(imgs), num_rows * num_cols)
    if titles is not None and len(titles) < shown:
        raise ValueError(f"titles must have one entry per shown image ({shown}), got {len(titles)}")
    _, axes = plt.subplots(num_rows, num_cols, figsize=(num_cols * scale, num_rows * scale),
                           squeeze=False)
    axes = axes.flatten()
    for i, ax in enumerate(axes):
        ax.axis("off")
        if i >= shown:
            continue
        img = imgs[i]
        img = img.detach().cpu().numpy() if torch.is_tensor(img) else np.asarray(img)
        if img.ndim == 3 and img.shape[0] == 1:
            img = img[0]
        if img.ndim != 2:
            raise ValueError(f"imgs must hold 2-D (or 1×H×W) images, got an image of shape {img.shape}")
        ax.imshow(img, cmap="gray_r")
        if titles is not None:
            ax.set_title(str(titles[i]), fontsize=8)
    return axes


@validated
def describe_figure(fig: Figure) -> str:
    """A one-line text description of a matplotlib figure (titles, axis labels, legends).

    Used as the figure's plain-text form in notebooks, so the stored output
    says what the PNG shows: nbval compares it, and the website uses it as
    the image's alternative text.
    """
    parts = []
    if fig._suptitle is not None and fig._suptitle.get_text():
        parts.append(fig._suptitle.get_text())
    axes = [ax for ax in fig.axes if ax.get_visible() and (ax.axison or ax.images or ax.get_title())]
    images = [ax for ax in axes if ax.images]
    if images and len(images) == len(axes):
        titles = [ax.get_title() for ax in images if ax.get_title()]
        text = f"{len(images)} image{'s' if len(images) > 1 else ''}"
        parts.append(text + (f" labelled {', '.join(titles)}" if titles else ""))
    else:
        for ax in axes[:4]:
            bits = [ax.get_title()] if ax.get_title() else []
            labels = [f"{name} {label}" for name, label in (("x:", ax.get_xlabel()), ("y:", ax.get_ylabel()))
                      if label]
            if labels:
                bits.append(", ".join(labels))
            legend = ax.get_legend()
            if legend is not None:
                bits.append("lines: " + ", ".join(t.get_text() for t in legend.get_texts()))
            if bits:
                parts.append("; ".join(bits))
    return "Figure: " + (" | ".join(parts) if parts else "a plot")
