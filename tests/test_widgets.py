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
    assert bytes(shown.value) != bytes(before) and bytes(shown.value)[8:12] == b"WEBP"


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


def test_the_mlp_widget_offers_the_activations_the_study_ran():  # other bad input: tests/test_bad_input.py
    with pytest.raises(ValueError, match="activation_name must be 'relu', 'sigmoid' or 'tanh', got 'gelu'"):
        w.mlp_widget(0.1, "gelu")


def test_a_frame_is_the_figure_in_lossless_webp_with_a_small_palette():
    import io

    import numpy as np
    from PIL import Image

    fig = Figure(figsize=(4, 3))
    fig.subplots().plot([0, 1], [0, 1], color="C0")
    data = w.frame(fig)
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    picture = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
    assert picture.shape == (3 * w.DPI, 4 * w.DPI, 3)
    assert len(np.unique(picture.reshape(-1, 3), axis=0)) <= w.COLOURS
    assert (picture[0, 0] == 255).all()  # the background stays white


def test_static_mlp_widget_shows_every_stored_run_beside_a_table_of_final_accuracies():
    (controls, outer) = w.mlp_widget(0.1, "relu", live=False).children
    (dropdown, slider), table = controls.children[0].children, controls.children[1]
    assert isinstance(outer, widgets.Stack) and len(outer.children) == len(w.MLP_ACTIVATIONS)
    assert [v for _, v in dropdown.options] == list(w.MLP_ACTIVATIONS) and links_between(dropdown, outer)
    assert slider.index == w.MLP_LR_GRID.index(0.1)
    for inner in outer.children:
        assert links_between(slider, inner)
        assert len({bytes(img.value) for img in inner.children}) == len(w.MLP_LR_GRID)
    study = w.load_lr_study()
    for run in study["runs"]:  # every final accuracy is in the table, every diverged run marked
        assert f"{run['val_accuracy'][-1]:.3f}" in table.value
    assert table.value.count(" ✗</td>") == sum(w.run_diverged(r) for r in study["runs"]) > 0


def test_live_mlp_widget_shows_stored_runs_at_once_and_trains_only_between_them(monkeypatch):
    calls = []

    def fake_run(lr, act):
        calls.append((lr, act))
        return {**w.study_run(w.load_lr_study(), 0.1, act), "lr": lr}

    monkeypatch.setattr(w, "mlp_run", fake_run)
    (controls, shown) = w.mlp_widget(0.1, "relu", live=True).children
    dropdown, slider, status = controls.children[0].children
    before = bytes(shown.value)
    slider.value = 3.0  # stored: no training
    dropdown.value = "tanh"
    assert calls == [] and bytes(shown.value) != before and status.value == "stored run"
    slider.value = 0.05  # between stored rates: trains anew
    assert calls == [(0.05, "tanh")] and "trained just now" in status.value


def test_a_figure_with_a_tooltip_also_carries_the_description_ipywidgets_8_views_read_first():
    """ipywidgets 8's DOMWidgetView.updateTooltip reads ``description.length``, which a plain Image lacks:
    the view then fails to render ("Could not create a view"), live in JupyterLab and on the static site."""
    fig = Figure()
    fig.add_subplot().plot([0, 1], [1, 0])
    state = w.image(fig).get_state()
    assert state["_model_name"] == "ImageModel"
    if "tooltip" in widgets.Image.class_trait_names():  # ipywidgets 8 (Colab's 7 has neither)
        assert state["tooltip"] and state["description"] == ""
