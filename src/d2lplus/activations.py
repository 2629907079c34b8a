"""Activation functions by name, their derivatives by autograd, and a plot of both.

The pure part of the activation widget in 5.1: ``activation_curve`` returns
numbers, ``plot_activation`` a figure; the widget only wires controls to them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

import torch
import torch.nn.functional as F
from matplotlib.figure import Figure
from pydantic import Field

from ._validate import FigSize, Int, Real, validated

ALPHA_RANGE = (0.0, 1.0)  # the slope/scale α of leaky ReLU, pReLU and ELU

_FUNCTIONS: dict[str, Callable[[torch.Tensor, float], torch.Tensor]] = {
    "relu": lambda x, a: torch.relu(x),
    "leaky_relu": lambda x, a: F.leaky_relu(x, negative_slope=a),
    "prelu": lambda x, a: torch.where(x > 0, x, a * x),
    "elu": lambda x, a: F.elu(x, alpha=a),
    "sigmoid": lambda x, a: torch.sigmoid(x),
    "tanh": lambda x, a: torch.tanh(x),
    "gelu": lambda x, a: F.gelu(x),
    "silu": lambda x, a: F.silu(x),
}

#: Display names, English · 한국어 where it helps.
LABELS = {"relu": "ReLU", "leaky_relu": "leaky ReLU", "prelu": "pReLU", "elu": "ELU",
          "sigmoid": "sigmoid", "tanh": "tanh", "gelu": "GELU", "silu": "SiLU / Swish"}
ACTIVATIONS = tuple(_FUNCTIONS)
USES_ALPHA = ("leaky_relu", "prelu", "elu")
ActivationName = Literal[ACTIVATIONS]
Alpha = Annotated[Real, Field(ge=ALPHA_RANGE[0], le=ALPHA_RANGE[1])]


@validated
def activation(name: ActivationName, alpha: Alpha = 0.1) -> Callable[[torch.Tensor], torch.Tensor]:
    """The activation ``name`` (one of ``ACTIVATIONS``) as a function of a tensor."""
    function = _FUNCTIONS[name]
    return lambda x: function(x, alpha)


@validated
def activation_curve(name: ActivationName, alpha: Alpha = 0.1, lo: Real = -6.0, hi: Real = 6.0,
                     num: Annotated[Int, Field(ge=2, le=100_000)] = 241) -> dict[str, torch.Tensor]:
    """``x``, ``f(x)`` and ``f'(x)`` (by autograd) on ``num`` points of ``[lo, hi]``."""
    f = activation(name, alpha)
    if not lo < hi:
        raise ValueError(f"lo must be smaller than hi, got lo={lo}, hi={hi}")
    x = torch.linspace(lo, hi, num, requires_grad=True)
    y = f(x)
    (grad,) = torch.autograd.grad(y.sum(), x)
    return {"x": x.detach(), "y": y.detach(), "grad": grad}


@validated
def plot_activation(name: ActivationName, alpha: Alpha = 0.1, figsize: FigSize = (6.0, 2.6)) -> Figure:
    """Two panels: the activation and its derivative, for one α."""
    curve = activation_curve(name, alpha)
    fig = Figure(figsize=figsize, layout="constrained")
    left, right = fig.subplots(1, 2)
    title = LABELS[name] + (f" (α = {alpha:g})" if name in USES_ALPHA else "")
    for ax, key, label in [(left, "y", "f(x)"), (right, "grad", "f′(x)")]:
        ax.plot(curve["x"], curve[key], color="C0" if key == "y" else "C1")
        ax.axhline(0, color="0.6", lw=0.8)
        ax.axvline(0, color="0.6", lw=0.8)
        ax.set_xlabel("x")
        ax.set_title(f"{title}: {label}", fontsize=10)
        ax.grid(alpha=0.3)
    left.set_ylim(-2, 6)
    right.set_ylim(-0.2, 1.3)
    return fig
