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


@pytest.mark.parametrize("kwargs, message", [  # a graph's own rules; types and ranges: tests/test_bad_input.py
    ({"nodes": {}}, "nodes must have at least 1 item"),
    ({"nodes": {"x": (0, 0, 1)}}, r"nodes\['x'\] must be a pair of two values"),
    ({"edges": [("x", "y")]}, r"edges must join names of nodes \(W, mul, x, z\), got \('x', 'y'\)"),
    ({"edges": [("x", "x")]}, "edges must join two different nodes"),
    ({"operators": {"add"}}, "operators must name nodes only .*, got add"),
    ({"labels": {"y": "y"}}, "labels must name nodes only .*, got y"),
])
def test_edges_operators_and_labels_name_nodes(kwargs, message):
    with pytest.raises(ValueError, match=message):
        draw_graph(**({"nodes": NODES, "edges": EDGES} | kwargs))
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


@pytest.mark.parametrize("sizes, message", [
    ({"x": 4}, "sizes must have at least 2 items"),  # inputs and outputs
    ({"x": 4, "o": 13}, r"sizes\['o'\] must be less than or equal to 12"),  # more units do not fit the figure
])
def test_draw_layers_needs_two_layers_of_at_most_12_units(sizes, message):
    with pytest.raises(ValueError, match=message):
        draw_layers(sizes)
    plt.close("all")
