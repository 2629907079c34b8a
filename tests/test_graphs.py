import matplotlib
import pytest
from matplotlib import pyplot as plt
from matplotlib.patches import FancyArrowPatch

from d2lplus.graphs import BACKWARD_COLOR, draw_graph, draw_layers

matplotlib.use("Agg")

NODES = {"x": (0, 0), "mul": (1, 0), "W": (1, 1), "z": (2, 0)}
EDGES = [("x", "mul"), ("W", "mul"), ("mul", "z")]


def arrows(ax):
    return [p for p in ax.patches if isinstance(p, FancyArrowPatch)]


def test_draws_one_label_per_node_and_one_arrow_per_edge():
    ax = draw_graph(NODES, EDGES, operators={"mul"}, labels={"mul": "×"}, title="forward")
    assert ax.get_title() == "forward"
    assert sorted(t.get_text() for t in ax.texts) == sorted(["x", "×", "W", "z"])
    assert [a.graph_edge for a in arrows(ax)] == EDGES
    shapes = {t.get_text(): type(t.get_bbox_patch().get_boxstyle()).__name__ for t in ax.texts}
    assert shapes["×"] == "Circle" and shapes["x"] == "Square"
    ax.figure.canvas.draw()  # arrows clip to the boxes at draw time without error
    plt.close(ax.figure)


def test_backward_reverses_and_recolours_every_arrow():
    ax = draw_graph(NODES, EDGES, backward=True)
    drawn = arrows(ax)
    assert [a.graph_edge for a in drawn] == [(t, s) for s, t in EDGES]
    assert all(matplotlib.colors.to_hex(a.get_edgecolor()) == BACKWARD_COLOR for a in drawn)
    plt.close(ax.figure)


def test_draws_into_given_axes():
    fig, axes = plt.subplots(1, 2)
    assert draw_graph(NODES, EDGES, ax=axes[1]) is axes[1]
    assert not axes[0].texts
    plt.close(fig)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"nodes": {}}, ValueError, "nodes must hold at least one node"),
    ({"nodes": [("x", (0, 0))]}, TypeError, "nodes must be a mapping"),
    ({"nodes": {"x": (0, 0, 1)}}, ValueError, r"nodes\['x'\] must be an \(x, y\) pair"),
    ({"nodes": {"x": "ab"}}, TypeError, r"nodes\['x'\] must be an \(x, y\) pair"),
    ({"nodes": {"x": (0, float("nan"))}}, ValueError, "must be a finite number"),
    ({"edges": [("x", "y")]}, ValueError, "edges must join names of nodes"),
    ({"edges": [("x", "x")]}, ValueError, "edges must join two different nodes"),
    ({"edges": [("x",)]}, ValueError, r"edges must hold \(source, target\) pairs"),
    ({"edges": "x->z"}, TypeError, "edges must be a sequence"),
    ({"operators": {"add"}}, ValueError, "operators must be names of nodes, got add"),
    ({"operators": "mul"}, TypeError, "operators must be a collection"),
    ({"labels": {"y": "y"}}, ValueError, "labels must be keyed by names of nodes"),
    ({"backward": "yes"}, TypeError, "backward must be True or False"),
    ({"figsize": (0, 3)}, ValueError, r"figsize\[0\] must be in \[0.5, 40\]"),
    ({"figsize": (3,)}, ValueError, r"figsize must be a \(width, height\) pair"),
    ({"fontsize": 0}, ValueError, r"fontsize must be in \[1, 72\]"),
    ({"title": 3}, TypeError, "title must be a string or None"),
    ({"ax": "left"}, TypeError, "ax must be matplotlib Axes or None"),
])
def test_checks_its_arguments(kwargs, error, message):
    args = {"nodes": NODES, "edges": EDGES} | kwargs
    with pytest.raises(error, match=message):
        draw_graph(**args)
    plt.close("all")


def test_draw_layers_connects_every_unit_to_every_unit_of_the_next_layer():
    sizes = {"x": 4, "h": 5, "o": 3}
    ax = draw_layers(sizes, title="an MLP")
    drawn = [a.graph_edge for a in arrows(ax)]
    assert len(drawn) == 4 * 5 + 5 * 3  # one arrow per weight
    layer = {t.get_text(): t.get_text()[1] for t in ax.texts}
    assert sorted(layer) == sorted(f"${n}_{{{i}}}$" for n, k in sizes.items() for i in range(1, k + 1))
    pairs = {(s.split("_")[0], e.split("_")[0]) for s, e in drawn}
    assert pairs == {("x", "h"), ("h", "o")}
    shapes = {t.get_text(): type(t.get_bbox_patch().get_boxstyle()).__name__ for t in ax.texts}
    assert shapes["$x_{1}$"] == "Square" and shapes["$h_{1}$"] == shapes["$o_{3}$"] == "Circle"
    assert ax.get_title() == "an MLP"
    plt.close(ax.figure)


@pytest.mark.parametrize("sizes, error, message", [
    ({"x": 4}, ValueError, "sizes must name at least two layers"),
    ([("x", 4), ("o", 3)], TypeError, "sizes must be a mapping"),
    ({"x": 4, "o": 0}, ValueError, r"sizes\['o'\] must be an integer in \[1, 12\]"),
    ({"x": 4, "o": 2.5}, TypeError, r"sizes\['o'\] must be an integer"),
    ({"x": 4, 3: 2}, TypeError, "sizes must be keyed by layer letters"),
])
def test_draw_layers_checks_its_sizes(sizes, error, message):
    with pytest.raises(error, match=message):
        draw_layers(sizes)
    plt.close("all")
