"""Small computational graphs drawn with matplotlib: variables in boxes, operators in circles.

Used in section 5.3 to draw the graph of a one-hidden-layer network's forward
pass, and the same graph with its arrows reversed — the order in which
backpropagation visits it; ``draw_layers`` draws the fully connected networks
of sections 4.1 and 5.1 from their layer sizes.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence
from typing import Annotated

from matplotlib import pyplot as plt
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch
from pydantic import Field

from ._validate import FigSize, Int, Names, Pair, Real, Seq, Text, validated

FORWARD_COLOR = "#1f77b4"
BACKWARD_COLOR = "#d62728"

FontSize = Annotated[Real, Field(ge=1, le=72)]


def _check_names(nodes: Mapping[str, object], edges: Sequence[tuple[str, str]], operators: Collection[str],
                 labels: Mapping[str, str]) -> None:
    """Edges, operators and labels may name only nodes; an edge joins two different ones."""
    known = ", ".join(sorted(nodes))
    for edge in edges:
        if edge[0] not in nodes or edge[1] not in nodes:
            raise ValueError(f"edges must join names of nodes ({known}), got {edge!r}")
        if edge[0] == edge[1]:
            raise ValueError(f"edges must join two different nodes, got {edge!r}")
    for name, given in (("operators", operators), ("labels", labels)):
        unknown = set(given) - set(nodes)
        if unknown:
            raise ValueError(f"{name} must name nodes only ({known}), got {', '.join(sorted(unknown))}")


@validated
def draw_graph(nodes: Annotated[Mapping[Text, Pair[Real]], Field(min_length=1)], edges: Seq[Pair[Text]],
               operators: Names = frozenset(), labels: Mapping[str, str] | None = None,
               backward: bool = False, ax: Axes | None = None,
               figsize: FigSize = (8.0, 3.0), fontsize: FontSize = 12.0, title: str | None = None) -> Axes:
    """Draw a computational graph and return its axes.

    ``nodes`` maps each node's name to its ``(x, y)`` position (data units);
    ``edges`` lists ``(source, target)`` pairs: the value of ``source`` is an
    input of ``target``. Names in ``operators`` are drawn as circles, every
    other node (a variable) as a box. ``labels`` gives the text shown for a
    node (MathText such as ``r"$\\mathbf{W}^{(1)}$"`` is fine); the name is used
    otherwise. With ``backward=True`` every arrow is reversed and red: the
    path gradients travel during backpropagation. ``title`` is written above the graph.
    """
    labels = labels or {}
    _check_names(nodes, edges, operators, labels)
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)

    texts = {}
    for name, (x, y) in nodes.items():
        is_op = name in operators
        box = {"boxstyle": "circle,pad=0.3" if is_op else "square,pad=0.4",
               "facecolor": "#fff4d6" if is_op else "#e8f0fb",
               "edgecolor": "#8a6d00" if is_op else FORWARD_COLOR, "linewidth": 1.2}
        texts[name] = ax.text(x, y, labels.get(name, name), ha="center", va="center",
                              fontsize=fontsize, bbox=box, zorder=3)
    color = BACKWARD_COLOR if backward else FORWARD_COLOR
    for source, target in edges:
        start, end = (target, source) if backward else (source, target)
        arrow = FancyArrowPatch(nodes[start], nodes[end], arrowstyle="-|>", mutation_scale=16,
                                color=color, linewidth=1.4,
                                patchA=texts[start].get_bbox_patch(),
                                patchB=texts[end].get_bbox_patch(), shrinkA=2, shrinkB=2, zorder=4)
        arrow.graph_edge = (start, end)  # lets tests (and readers) see which way it points
        ax.add_patch(arrow)
    xs = [p[0] for p in nodes.values()]
    ys = [p[1] for p in nodes.values()]
    ax.set_xlim(min(xs) - 0.7, max(xs) + 0.7)
    ax.set_ylim(min(ys) - 0.7, max(ys) + 0.7)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=fontsize * 0.9)
    return ax


@validated
def draw_layers(sizes: Annotated[Mapping[Text, Annotated[Int, Field(ge=1, le=12)]], Field(min_length=2)],
                ax: Axes | None = None, figsize: FigSize | None = None, fontsize: FontSize = 12.0,
                title: str | None = None) -> Axes:
    """Draw a fully connected network, one column per layer, and return its axes (sections 4.1, 5.1).

    ``sizes`` maps each layer's letter to its number of units, inputs first, for example
    ``{"x": 4, "h": 5, "o": 3}``. Unit ``i`` of layer ``"h"`` is labelled $h_i$; every unit
    feeds every unit of the next layer (one arrow per weight). The inputs only hold values,
    so they are boxes; the units of every later layer compute, so they are circles.
    """
    columns = list(sizes.items())
    nodes = {f"{name}_{i}": (2.0 * column, (size - 1) / 2 - i)
             for column, (name, size) in enumerate(columns) for i in range(size)}
    edges = [(f"{a}_{i}", f"{b}_{j}") for (a, m), (b, n) in itertools.pairwise(columns)
             for i in range(m) for j in range(n)]
    labels = {f"{name}_{i}": f"${name}_{{{i + 1}}}$" for name, size in columns for i in range(size)}
    operators = [f"{name}_{i}" for name, size in columns[1:] for i in range(size)]
    if figsize is None:
        figsize = (1.8 * len(columns), 0.75 * max(size for _, size in columns) + 0.9)
    return draw_graph(nodes, edges, operators=operators, labels=labels, ax=ax, figsize=figsize,
                      fontsize=fontsize, title=title)

