"""Controls for the learning rate, the activation function and α.

Each widget is a thin layer over a pure function (``activations``,
``experiments``) and comes in two forms:

* **live** (a running kernel: Jupyter, Colab): continuous controls whose
  callbacks recompute the figure;
* **static** (the notebook executed for the website, ``D2LPLUS_HEADLESS=1``):
  a precomputed grid of figures in ``widgets.Stack`` containers, tied to the
  controls by ``widgets.jslink`` — a link kept by the browser alone, so the
  website's controls change the figure with no kernel and no network.

The live form uses only widgets that ipywidgets 7 has too (Colab ships 7).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import ipywidgets as widgets
from matplotlib.figure import Figure

from ._checks import check_choice, check_float
from .activations import ACTIVATIONS, ALPHA_RANGE, LABELS, USES_ALPHA, plot_activation
from .experiments import linear_regression_run, mlp_run, plot_linear_regression_run, plot_mlp_run
from .plotting import headless

LR_GRID = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 2.0, 3.0)
ALPHA_GRID = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0)
MLP_LR_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
MLP_ACTIVATIONS = ("relu", "sigmoid", "tanh")
DPI = 144  # rendered at 1.5× and shown at 1×: sharp on high-density screens


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes (for an ``Image`` widget)."""
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def image(fig: Figure) -> widgets.Image:
    """An ``Image`` widget showing ``fig`` at its natural size."""
    width = int(fig.get_figwidth() * 96)
    return widgets.Image(value=png(fig), format="png", layout=widgets.Layout(width=f"{width}px"))


def _static(figures: Sequence[Figure], selected: int) -> widgets.Stack:
    return widgets.Stack([image(f) for f in figures], selected_index=selected)


def _live(draw: Callable[..., Figure], controls: dict[str, widgets.Widget]) -> widgets.VBox:
    """Controls plus one image, redrawn by ``draw(**values)`` whenever a control changes."""
    shown = image(draw(**{k: c.value for k, c in controls.items()}))

    def redraw(_change=None):
        shown.value = png(draw(**{k: c.value for k, c in controls.items()}))

    for control in controls.values():
        control.observe(redraw, names="value")
    return widgets.VBox([*controls.values(), shown])


def _selection_slider(description: str, values: Sequence[float], value: float) -> widgets.SelectionSlider:
    return widgets.SelectionSlider(options=[(f"{v:g}", v) for v in values], value=value,
                                   description=description, continuous_update=True,
                                   style={"description_width": "initial"})


def _is_live(live: bool | None) -> bool:
    if live is None:
        return not headless()
    if not isinstance(live, bool):
        raise TypeError(f"live must be True, False or None, got {live!r}")
    return live


def learning_rate_widget(lr: float = 0.03, live: bool | None = None) -> widgets.VBox:
    """Linear regression (section 3.4 data) trained for 3 epochs at the chosen learning rate."""
    check_float("lr", lr, low=0, high=100, low_open=True)
    if _is_live(live):
        slider = widgets.FloatLogSlider(value=lr, base=10, min=-3, max=0.6, step=0.05,
                                        description="learning rate", continuous_update=False,
                                        style={"description_width": "initial"})
        return _live(lambda lr: plot_linear_regression_run(linear_regression_run(lr)), {"lr": slider})
    value = min(LR_GRID, key=lambda v: abs(v - lr))
    slider = _selection_slider("learning rate", LR_GRID, value)
    stack = _static([plot_linear_regression_run(linear_regression_run(v)) for v in LR_GRID],
                    LR_GRID.index(value))
    widgets.jslink((slider, "index"), (stack, "selected_index"))
    return widgets.VBox([slider, stack])


def activation_widget(name: str = "relu", alpha: float = 0.1, live: bool | None = None) -> widgets.VBox:
    """An activation function and its derivative; α applies to leaky ReLU, pReLU and ELU."""
    check_choice("name", name, ACTIVATIONS)
    check_float("alpha", alpha, low=ALPHA_RANGE[0], high=ALPHA_RANGE[1])
    options = [(LABELS[a], a) for a in ACTIVATIONS]
    dropdown = widgets.Dropdown(options=options, value=name, description="activation",
                                style={"description_width": "initial"})
    if _is_live(live):
        slider = widgets.FloatSlider(value=alpha, min=ALPHA_RANGE[0], max=ALPHA_RANGE[1], step=0.01,
                                     description="α", continuous_update=True)
        return _live(lambda name, alpha: plot_activation(name, alpha), {"name": dropdown, "alpha": slider})
    value = min(ALPHA_GRID, key=lambda v: abs(v - alpha))
    slider = _selection_slider("α", ALPHA_GRID, value)
    per_activation = []
    for act in ACTIVATIONS:
        if act in USES_ALPHA:
            inner = _static([plot_activation(act, a) for a in ALPHA_GRID], ALPHA_GRID.index(value))
        else:  # one figure, shown whatever α is
            same = image(plot_activation(act))
            inner = widgets.Stack([same] * len(ALPHA_GRID), selected_index=ALPHA_GRID.index(value))
        widgets.jslink((slider, "index"), (inner, "selected_index"))
        per_activation.append(inner)
    outer = widgets.Stack(per_activation, selected_index=ACTIVATIONS.index(name))
    widgets.jslink((dropdown, "index"), (outer, "selected_index"))
    return widgets.VBox([dropdown, slider, outer])


def mlp_widget(lr: float = 0.1, activation_name: str = "relu", live: bool | None = None) -> widgets.VBox:
    """An MLP on a FashionMNIST subset (12 000 images, 3 epochs) for a learning rate and an activation."""
    check_float("lr", lr, low=0, high=100, low_open=True)
    check_choice("activation_name", activation_name, MLP_ACTIVATIONS)
    options = [(LABELS[a], a) for a in MLP_ACTIVATIONS]
    dropdown = widgets.Dropdown(options=options, value=activation_name, description="activation",
                                style={"description_width": "initial"})
    if _is_live(live):
        slider = widgets.FloatLogSlider(value=lr, base=10, min=-2.5, max=0.3, step=0.05,
                                        description="learning rate", continuous_update=False,
                                        style={"description_width": "initial"})
        return _live(lambda lr, act: plot_mlp_run(mlp_run(lr, act)), {"lr": slider, "act": dropdown})
    value = min(MLP_LR_GRID, key=lambda v: abs(v - lr))
    slider = _selection_slider("learning rate", MLP_LR_GRID, value)
    per_activation = []
    for act in MLP_ACTIVATIONS:
        inner = _static([plot_mlp_run(mlp_run(v, act)) for v in MLP_LR_GRID], MLP_LR_GRID.index(value))
        widgets.jslink((slider, "index"), (inner, "selected_index"))
        per_activation.append(inner)
    outer = widgets.Stack(per_activation, selected_index=MLP_ACTIVATIONS.index(activation_name))
    widgets.jslink((dropdown, "index"), (outer, "selected_index"))
    return widgets.VBox([dropdown, slider, outer])
