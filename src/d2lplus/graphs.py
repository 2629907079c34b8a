"""Small computational graphs drawn with matplotlib: variables in boxes, operators in circles.

Used in section 5.3 to draw the graph of a one-hidden-layer network's forward
pass, and the same graph with its arrows reversed — the order in which
backpropagation visits it; ``draw_layers`` draws the fully connected networks
of sections 4.1 and 5.1 from their layer sizes.
"""

from __future__ import annotations

import itertools
import numbers
from collections.abc import Iterable, Mapping, Sequence

from matplotlib import pyplot as plt
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch

from ._checks import check_float, check_int

FORWARD_COLOR = "#1f77b4"
BACKWARD_COLOR = "#d62728"


def _check_nodes(nodes: object) -> dict[str, tuple[float, float]]:
    if not isinstance(nodes, Mapping):
        raise TypeError(f"nodes must be a mapping of name -> (x, y), got {type(nodes).__name__}")
    if not nodes:
        raise ValueError("nodes must hold at least one node, got none")
    checked = {}
    for name, pos in nodes.items():
        if not isinstance(name, str) or not name:
            raise TypeError(f"nodes must be keyed by non-empty strings, got {name!r}")
        if isinstance(pos, (str, bytes)) or not isinstance(pos, Iterable):
            raise TypeError(f"nodes[{name!r}] must be an (x, y) pair of numbers, got {pos!r}")
        pair = tuple(pos)
        if len(pair) != 2 or not all(isinstance(v, numbers.Real) and not isinstance(v, bool)
                                     for v in pair):
            raise ValueError(f"nodes[{name!r}] must be an (x, y) pair of numbers, got {pos!r}")
        checked[name] = (check_float(f"nodes[{name!r}][0]", pair[0]),
                         check_float(f"nodes[{name!r}][1]", pair[1]))
    return checked


def _check_edges(edges: object, names: Iterable[str]) -> list[tuple[str, str]]:
    names = set(names)
    if isinstance(edges, (str, bytes)) or not isinstance(edges, Iterable):
        raise TypeError(f"edges must be a sequence of (source, target) pairs, got {type(edges).__name__}")
    checked = []
    for edge in edges:
        if isinstance(edge, (str, bytes)) or not isinstance(edge, Iterable) or len(tuple(edge)) != 2:
            raise ValueError(f"edges must hold (source, target) pairs, got {edge!r}")
        source, target = tuple(edge)
        for end in (source, target):
            if end not in names:
                raise ValueError(f"edges must join names of nodes ({', '.join(sorted(names))}); "
                                 f"got {end!r} in {edge!r}")
        if source == target:
            raise ValueError(f"edges must join two different nodes, got {edge!r}")
        checked.append((source, target))
    return checked


def draw_graph(nodes: Mapping[str, tuple[float, float]], edges: Sequence[tuple[str, str]],
               operators: Iterable[str] = (), labels: Mapping[str, str] | None = None,
               backward: bool = False, ax: Axes | None = None,
               figsize: tuple[float, float] = (8.0, 3.0), fontsize: float = 12.0,
               title: str | None = None) -> Axes:
    """Draw a computational graph and return its axes.

    ``nodes`` maps each node's name to its ``(x, y)`` position (data units);
    ``edges`` lists ``(source, target)`` pairs: the value of ``source`` is an
    input of ``target``. Names in ``operators`` are drawn as circles, every
    other node (a variable) as a box. ``labels`` gives the text shown for a
    node (MathText such as ``r"$\\mathbf{W}^{(1)}$"`` is fine); the name is used
    otherwise. With ``backward=True`` every arrow is reversed and red: the
    path gradients travel during backpropagation. ``title`` is written above the graph.
    """
    nodes = _check_nodes(nodes)
    edges = _check_edges(edges, nodes)
    if isinstance(operators, str) or not isinstance(operators, Iterable):
        raise TypeError(f"operators must be a collection of node names, got {operators!r}")
    operators = set(operators)
    unknown = operators - set(nodes)
    if unknown:
        raise ValueError(f"operators must be names of nodes, got {', '.join(sorted(unknown))}")
    if labels is not None and not isinstance(labels, Mapping):
        raise TypeError(f"labels must be a mapping of node name -> text, or None; got {type(labels).__name__}")
    labels = dict(labels or {})
    if set(labels) - set(nodes):
        raise ValueError(f"labels must be keyed by names of nodes, got "
                         f"{', '.join(sorted(set(labels) - set(nodes)))}")
    if not isinstance(backward, bool):
        raise TypeError(f"backward must be True or False, got {backward!r}")
    fontsize = check_float("fontsize", fontsize, low=1, high=72)
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a string or None, got {type(title).__name__}")
    if ax is None:
        width, height = (check_float(f"figsize[{i}]", v, low=0.5, high=40) for i, v in
                         enumerate(_pair("figsize", figsize)))
        _, ax = plt.subplots(figsize=(width, height))
    elif not isinstance(ax, Axes):
        raise TypeError(f"ax must be matplotlib Axes or None, got {type(ax).__name__}")

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


def draw_layers(sizes: Mapping[str, int], ax: Axes | None = None,
                figsize: tuple[float, float] | None = None, fontsize: float = 12.0,
                title: str | None = None) -> Axes:
    """Draw a fully connected network, one column per layer, and return its axes (sections 4.1, 5.1).

    ``sizes`` maps each layer's letter to its number of units, inputs first, for example
    ``{"x": 4, "h": 5, "o": 3}``. Unit ``i`` of layer ``"h"`` is labelled $h_i$; every unit
    feeds every unit of the next layer (one arrow per weight). The inputs only hold values,
    so they are boxes; the units of every later layer compute, so they are circles.
    """
    if not isinstance(sizes, Mapping):
        raise TypeError(f"sizes must be a mapping of layer letter -> number of units, "
                        f"such as {{'x': 4, 'o': 3}}; got {type(sizes).__name__}")
    if len(sizes) < 2:
        raise ValueError(f"sizes must name at least two layers (inputs and outputs), got {len(sizes)}")
    columns = []
    for name, size in sizes.items():
        if not isinstance(name, str) or not name:
            raise TypeError(f"sizes must be keyed by layer letters (non-empty strings), got {name!r}")
        columns.append((name, check_int(f"sizes[{name!r}]", size, low=1, high=12)))
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


def _pair(name: str, value: object) -> tuple:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a (width, height) pair of numbers, got {value!r}")
    items = tuple(value)
    if len(items) != 2:
        raise ValueError(f"{name} must be a (width, height) pair of numbers, got {len(items)} values")
    return items
