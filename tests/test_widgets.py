"""Widget wiring: live controls recompute; static ones switch precomputed figures by a front-end link."""

import ipywidgets as widgets
import pytest
from ipywidgets.widgets.widget import _instances
from ipywidgets.widgets.widget_link import Link
from matplotlib.figure import Figure

from d2lplus import widgets as w


def links_between(source, target):
    return [obj for obj in _instances.values()
            if isinstance(obj, Link) and obj.source == (source, "index")
            and obj.target == (target, "selected_index")]


def test_live_learning_rate_widget_redraws_on_change():
    box = w.learning_rate_widget(0.03, live=True)
    slider, shown = box.children
    before = shown.value
    slider.value = 2.5
    assert bytes(shown.value) != bytes(before) and bytes(shown.value).startswith(b"\x89PNG")


def test_live_activation_widget_redraws_for_name_and_alpha():
    dropdown, slider, shown = w.activation_widget("prelu", 0.1, live=True).children
    first = shown.value
    slider.value = 0.5
    second = shown.value
    dropdown.value = "tanh"
    assert len({bytes(first), bytes(second), bytes(shown.value)}) == 3


def test_static_learning_rate_widget_is_a_linked_stack_of_precomputed_figures():
    slider, stack = w.learning_rate_widget(0.03, live=False).children
    assert isinstance(stack, widgets.Stack) and len(stack.children) == len(w.LR_GRID)
    assert stack.selected_index == w.LR_GRID.index(0.03) == slider.index
    assert links_between(slider, stack), "the slider must drive the stack in the browser"
    assert len({bytes(img.value) for img in stack.children}) == len(w.LR_GRID)


def test_static_activation_widget_nests_stacks_per_activation_and_alpha():
    dropdown, slider, outer = w.activation_widget("relu", 0.1, live=False).children
    assert len(outer.children) == len(dropdown.options)
    assert all(links_between(slider, inner) for inner in outer.children)
    assert links_between(dropdown, outer)
    prelu = outer.children[[v for _, v in dropdown.options].index("prelu")]
    assert len({bytes(img.value) for img in prelu.children}) == len(w.ALPHA_GRID)


@pytest.mark.parametrize("call, error, message", [
    (lambda: w.learning_rate_widget(0), ValueError, "lr must be in"),
    (lambda: w.activation_widget("cosine"), ValueError, "name must be one of"),
    (lambda: w.activation_widget("elu", 1.5), ValueError, "alpha must be in"),
    (lambda: w.mlp_widget(0.1, "gelu"), ValueError, "activation_name must be one of 'relu'"),
    (lambda: w.learning_rate_widget(0.1, live="yes"), TypeError, "live must be True, False or None"),
    (lambda: w.png("not a figure"), TypeError, "fig must be a matplotlib Figure"),
])
def test_bad_arguments(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_png_renders_a_figure():
    fig = Figure()
    fig.subplots().plot([0, 1], [0, 1])
    assert w.png(fig).startswith(b"\x89PNG")
