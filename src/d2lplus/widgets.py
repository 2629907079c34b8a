"""Controls for the learning rate, the activation function and α.

Each widget is a thin layer over a pure function (``activations``,
``experiments``) and comes in two forms:

* **live** (a running kernel: Jupyter, Colab): continuous controls whose
  callbacks recompute the figure;
* **static** (the notebook executed for the website, ``D2LPLUS_HEADLESS=1``):
  a precomputed grid of figures in ``widgets.Stack`` containers, tied to the
  controls by ``widgets.jslink`` — a link kept by the browser alone, so the
  website's controls change the figure with no kernel and no network.

Both forms work under ipywidgets 7 too (Colab ships 7.7.1): it has no
``Stack``, so there the static form shows its figures in a ``Tab`` whose tabs
are the same choices as the control (``stack``). Each widget's plain-text form,
what GitHub or a notebook that has not run shows, is a one-line description
(``Panel``) rather than ipywidgets' ``VBox(children=(…``.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from typing import Annotated, Literal

import ipywidgets as widgets
import traitlets
from matplotlib.figure import Figure
from PIL import Image
from pydantic import Field

from ._validate import Int, Seq, Unchanged, validated
from .activations import ACTIVATIONS, ALPHA_RANGE, LABELS, USES_ALPHA, ActivationName, Alpha, plot_activation
from .plotting import describe_figure, headless
from .run_plots import plot_linear_regression_run, plot_mlp_run
from .runs import LearningRate, linear_regression_run, mlp_run, run_diverged
from .study import LR_STUDY, Study, load_lr_study, study_run

LR_GRID = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 1.5, 1.9, 2.0, 3.0)  # 1.5, 1.9: either side of 3.4's limit
ALPHA_GRID = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0)
MLP_LR_GRID = tuple(LR_STUDY["rates"])  # the stored study of section 5.2: 0.003 … 3 (3 diverges)
MLP_ACTIVATIONS = tuple(LR_STUDY["activations"])
MLPActivationName = Literal[MLP_ACTIVATIONS]
DPI = 144  # drawn at 1.5× the size shown (96 px per inch): crisp lines and text on a 2× screen
COLOURS = 64  # a plot has a handful of colours; 64 keep the anti-aliased edges of lines and letters
FORMAT = "webp"


@validated
def frame(fig: Figure) -> bytes:
    """The figure as an image for an ``Image`` widget: 64 colours, stored as lossless WebP.

    A static page stores every frame of a widget (5.2: 21), so their size is the page's size. A
    plot keeps its look with a palette of 64 colours (no dithering), and lossless WebP stores that
    palette image in three quarters of the bytes of the same image as PNG (a quarter of a
    full-colour PNG). Lossless, so lines and letters stay exact, which JPEG or lossy WebP would blur.
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None}, facecolor="white")
    picture = Image.open(buffer).convert("RGB").quantize(COLOURS, method=Image.Quantize.MEDIANCUT,
                                                       dither=Image.Dither.NONE)
    out = io.BytesIO()
    picture.save(out, format=FORMAT, lossless=True, quality=100, method=4)
    return out.getvalue()


class _Figure(widgets.Image):
    """An ``Image`` whose model also carries an empty ``description``.

    ipywidgets 8's views (JupyterLab and the site's HTML manager alike) set a widget's tooltip only
    after reading ``description.length``, which an ``Image`` lacks: its view would fail to render.
    """

    description = traitlets.Unicode("").tag(sync=True)


@validated
def image(fig: Figure) -> widgets.Image:
    """An ``Image`` widget showing ``fig`` at its natural size, described in text for screen readers."""
    width = int(fig.get_figwidth() * 96)
    shown = _Figure(format=FORMAT, layout=widgets.Layout(width=f"{width}px"))
    _show(shown, fig)
    return shown


def _show(shown: widgets.Image, fig: Figure) -> None:
    """Put ``fig`` into the ``Image`` widget ``shown``, with its text description as the image's title
    (ipywidgets 8's ``tooltip``; the site's script makes it the alt text), so that both change together."""
    shown.value = frame(fig)
    if "tooltip" in shown.trait_names():  # ipywidgets 8; Colab's 7 has no tooltip on an Image
        shown.tooltip = describe_figure(fig).removeprefix("Figure: ")


class Panel(widgets.VBox):
    """A widget's outer box, whose plain-text form is a one-line description of the widget."""

    @validated
    def __init__(self, children: Seq[widgets.Widget],
                 description: Annotated[str, Field(min_length=1, max_length=110)]):  # ipywidgets cuts longer ones
        super().__init__(list(children))
        self._description = description

    def __repr__(self) -> str:
        return self._description


@validated
def stack(children: Seq[widgets.Widget], selected: Annotated[Int, Field(ge=0, le=10_000)],
          titles: Seq[object] | None = None) -> widgets.Box:
    """A box that shows only child ``selected``; link a control to its ``selected_index``.

    ipywidgets 8: a ``Stack``. ipywidgets 7 has none, so there a ``Tab`` titled
    ``titles`` (default: the positions), which links the same way.
    """
    children = list(children)
    if selected > max(len(children) - 1, 0):
        raise ValueError(f"selected must be the position of a child, 0 to {len(children) - 1}, got {selected}")
    if titles is not None and len(titles) != len(children):
        raise ValueError(f"titles must hold one label per child ({len(children)}), got {len(titles)}")
    if hasattr(widgets, "Stack"):
        return widgets.Stack(children, selected_index=selected)
    tab = widgets.Tab(children=children)
    for i, title in enumerate(titles if titles is not None else range(len(children))):
        tab.set_title(i, str(title))
    tab.selected_index = selected
    return tab


def _static(figures: Sequence[Figure], selected: int, titles: Sequence[object] | None = None) -> widgets.Box:
    return stack([image(f) for f in figures], selected, titles)


def _live(draw: Callable[..., Figure], controls: dict[str, widgets.Widget], description: str) -> Panel:
    """Controls plus one image, redrawn by ``draw(**values)`` whenever a control changes."""
    shown = image(draw(**{k: c.value for k, c in controls.items()}))

    def redraw(_change=None):
        _show(shown, draw(**{k: c.value for k, c in controls.items()}))

    for control in controls.values():
        control.observe(redraw, names="value")
    return Panel([*controls.values(), shown], description)


def _selection_slider(description: str, values: Sequence[float], value: float) -> widgets.SelectionSlider:
    return widgets.SelectionSlider(options=[(f"{v:g}", v) for v in values], value=value,
                                   description=description, continuous_update=True,
                                   style={"description_width": "initial"})


def _is_live(live: bool | None) -> bool:
    return not headless() if live is None else live


# The vertical range of the f(x) panel, per function, so that each curve fills its panel (the
# squashing functions too) and α moves the curve, not the axis; every f′(x) panel keeps the
# common range of ``plot_activation`` so that the derivatives' peaks can be compared.
VALUE_LIMITS = {"relu": (-0.5, 6.2), "leaky_relu": (-6.2, 6.2), "prelu": (-6.2, 6.2), "elu": (-1.2, 6.2),
                "sigmoid": (-0.1, 1.1), "tanh": (-1.2, 1.2), "gelu": (-0.5, 6.2), "silu": (-0.5, 6.2)}


@validated
def activation_figure(name: ActivationName, alpha: Alpha = 0.1) -> Figure:
    """``plot_activation`` with the f(x) panel scaled for the function (``VALUE_LIMITS``)."""
    fig = plot_activation(name, alpha)
    fig.axes[0].set_ylim(*VALUE_LIMITS[name])
    return fig


LR_DESCRIPTION = "Widget: training loss at a learning rate you choose · 위젯: 직접 고른 학습률에서의 학습 손실"
ACTIVATION_DESCRIPTION = ("Widget: an activation function and its derivative, for the function and α you choose"
                          " · 위젯: 고른 활성화 함수와 그 도함수")


@validated
def learning_rate_widget(lr: LearningRate = 0.03, live: bool | None = None) -> Panel:
    """Linear regression (section 3.4 data) trained for 3 epochs at the chosen learning rate."""
    if _is_live(live):
        slider = widgets.FloatLogSlider(value=lr, base=10, min=-3, max=0.6, step=0.05,
                                        description="learning rate", continuous_update=False,
                                        style={"description_width": "initial"})
        return _live(lambda lr: plot_linear_regression_run(linear_regression_run(lr)), {"lr": slider},
                     LR_DESCRIPTION)
    value = min(LR_GRID, key=lambda v: abs(v - lr))
    slider = _selection_slider("learning rate", LR_GRID, value)
    figures = _static([plot_linear_regression_run(linear_regression_run(v)) for v in LR_GRID],
                      LR_GRID.index(value), [f"{v:g}" for v in LR_GRID])
    widgets.jslink((slider, "index"), (figures, "selected_index"))
    return Panel([slider, figures], LR_DESCRIPTION)


@validated
def activation_widget(name: ActivationName = "relu", alpha: Alpha = 0.1, live: bool | None = None) -> Panel:
    """An activation function and its derivative; α applies to leaky ReLU, pReLU and ELU."""
    options = [(LABELS[a], a) for a in ACTIVATIONS]
    dropdown = widgets.Dropdown(options=options, value=name, description="activation",
                                style={"description_width": "initial"})
    if _is_live(live):
        slider = widgets.FloatSlider(value=alpha, min=ALPHA_RANGE[0], max=ALPHA_RANGE[1], step=0.01,
                                     description="α", continuous_update=True)
        return _live(lambda name, alpha: activation_figure(name, alpha), {"name": dropdown, "alpha": slider},
                     ACTIVATION_DESCRIPTION)
    value = min(ALPHA_GRID, key=lambda v: abs(v - alpha))
    slider = _selection_slider("α", ALPHA_GRID, value)
    per_activation = []
    for act in ACTIVATIONS:
        if act in USES_ALPHA:
            inner = _static([activation_figure(act, a) for a in ALPHA_GRID], ALPHA_GRID.index(value),
                            [f"α = {a:g}" for a in ALPHA_GRID])
        else:  # one figure, shown whatever α is
            same = image(activation_figure(act))
            inner = stack([same] * len(ALPHA_GRID), ALPHA_GRID.index(value), [f"α = {a:g}" for a in ALPHA_GRID])
        widgets.jslink((slider, "index"), (inner, "selected_index"))
        per_activation.append(inner)
    outer = stack(per_activation, ACTIVATIONS.index(name), [LABELS[a] for a in ACTIVATIONS])
    widgets.jslink((dropdown, "index"), (outer, "selected_index"))
    return Panel([dropdown, slider, outer], ACTIVATION_DESCRIPTION)


@validated
def mlp_table_html(study: Unchanged[Study]) -> str:
    """Final validation accuracy of every stored run, learning rate × activation, as an HTML table.

    The best rate of each activation is in bold; a run whose rate was too large carries ✗.
    """
    acts = study["budget"]["activations"]
    best = {a: max((r["val_accuracy"][-1] for r in study["runs"] if r["activation"] == a and r["val_accuracy"]),
                   default=None) for a in acts}
    head = "".join(f"<th style='padding:0 8px'>{LABELS[a]}</th>" for a in acts)
    rows = []
    for lr in study["budget"]["rates"]:
        cells = []
        for a in acts:
            run = study_run(study, lr, a)
            acc = run["val_accuracy"][-1] if run["val_accuracy"] else None
            text = "—" if acc is None else f"{acc:.3f}"
            if acc is not None and acc == best[a]:
                text = f"<b>{text}</b>"
            if run_diverged(run):
                text += " ✗"
            cells.append(f"<td style='text-align:right;padding:0 8px'>{text}</td>")
        rows.append(f"<tr><td style='text-align:right;padding:0 8px'>{lr:g}</td>{''.join(cells)}</tr>")
    b = study["budget"]
    caption = (f"validation accuracy after {b['epochs']} epochs ({b['num_train']:,} images, batch "
               f"{b['batch_size']}); <b>bold</b>: best rate; ✗: spiked, diverged or collapsed (rate too large)")
    return (f"<table style='font-size:12px;border-collapse:collapse'><caption style='caption-side:bottom;"
            f"font-size:11px'>{caption}</caption><tr><th style='padding:0 8px'>lr</th>{head}</tr>"
            f"{''.join(rows)}</table>")


def _mlp_live_rates(study: dict) -> tuple[float, ...]:
    """The stored rates plus a few between them (those train anew when chosen)."""
    extra = (0.005, 0.02, 0.05, 0.2, 0.5, 2.0, 10.0)
    return tuple(sorted({*study["budget"]["rates"], *extra}))


MLP_DESCRIPTION = ("Widget: MLP validation accuracy and loss for a learning rate and activation you pick"
                   " · 위젯: MLP 검증 정확도와 손실")


@validated
def mlp_widget(lr: LearningRate = 0.1, activation_name: MLPActivationName = "relu", live: bool | None = None) -> Panel:
    """The MLP of section 5.2 for a learning rate and an activation, on the budget of its learning-rate study.

    Every run is the one stored by ``lr_study`` (all 60,000 training images,
    batch 256, 20 epochs): the figure shows its training loss on a log scale
    and the validation accuracy of every rate for that activation, and a table
    of final accuracies (rate × activation) sits beside the controls. In a live
    kernel a rate between the stored ones trains anew (about half a minute).
    """
    study = load_lr_study()
    options = [(LABELS[a], a) for a in MLP_ACTIVATIONS]
    dropdown = widgets.Dropdown(options=options, value=activation_name, description="activation",
                                style={"description_width": "initial"})
    table = widgets.HTML(mlp_table_html(study))
    nearest = min(MLP_LR_GRID, key=lambda v: abs(math.log(v / lr)))
    if _is_live(live):
        rates = _mlp_live_rates(study)
        value = min(rates, key=lambda v: abs(math.log(v / lr)))
        slider = _selection_slider("learning rate", rates, value)
        slider.continuous_update = False
        status = widgets.HTML()

        def run_for(rate: float, act: str) -> dict:
            try:
                return study_run(study, rate, act)
            except KeyError:
                status.value = f"training {LABELS[act]} at lr = {rate:g} on 60,000 images for 20 epochs …"
                return mlp_run(rate, act)

        def draw(rate: float, act: str) -> Figure:
            stored = rate in MLP_LR_GRID
            fig = plot_mlp_run(run_for(rate, act), study)
            status.value = "stored run" if stored else "trained just now (not in the stored table)"
            return fig

        shown = image(plot_mlp_run(run_for(value, activation_name), study))
        status.value = "stored run" if value in MLP_LR_GRID else "trained just now (not in the stored table)"

        def redraw(_change=None):
            _show(shown, draw(slider.value, dropdown.value))

        for control in (slider, dropdown):
            control.observe(redraw, names="value")
        return Panel([widgets.HBox([widgets.VBox([dropdown, slider, status]), table]), shown], MLP_DESCRIPTION)
    slider = _selection_slider("learning rate", MLP_LR_GRID, nearest)
    per_activation = []
    for act in MLP_ACTIVATIONS:
        figures = [plot_mlp_run(study_run(study, v, act), study) for v in MLP_LR_GRID]
        inner = _static(figures, MLP_LR_GRID.index(nearest), [f"lr = {v:g}" for v in MLP_LR_GRID])
        widgets.jslink((slider, "index"), (inner, "selected_index"))
        per_activation.append(inner)
    outer = stack(per_activation, MLP_ACTIVATIONS.index(activation_name), [LABELS[a] for a in MLP_ACTIVATIONS])
    widgets.jslink((dropdown, "index"), (outer, "selected_index"))
    return Panel([widgets.HBox([widgets.VBox([dropdown, slider]), table]), outer], MLP_DESCRIPTION)
