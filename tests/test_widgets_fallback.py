"""The widgets under ipywidgets 7 (Colab's 7.7.1 has no Stack), and their one-line plain-text form."""

import ipywidgets
import pytest

from d2lplus import widgets as w


@pytest.fixture
def ipywidgets7(monkeypatch):
    """ipywidgets as Colab has it: no ``Stack``."""
    monkeypatch.delattr(ipywidgets, "Stack", raising=False)


def test_stack_falls_back_to_a_linked_tab_under_ipywidgets_7(ipywidgets7):
    children = [ipywidgets.Label(str(i)) for i in range(3)]
    box = w.stack(children, 2, titles=["a", "b", "c"])
    assert isinstance(box, ipywidgets.Tab) and box.selected_index == 2
    assert [box.get_title(i) for i in range(3)] == ["a", "b", "c"]
    slider = ipywidgets.SelectionSlider(options=["a", "b", "c"], value="c")
    ipywidgets.jslink((slider, "index"), (box, "selected_index"))  # the static site's link still applies


@pytest.mark.parametrize("make", [lambda: w.learning_rate_widget(0.1, live=False),
                                  lambda: w.activation_widget("prelu", 0.2, live=False)])
def test_static_widgets_build_under_ipywidgets_7(ipywidgets7, make):
    panel = make()
    tabs = [c for c in panel.children if isinstance(c, ipywidgets.Tab)]
    assert tabs and not any(type(c).__name__ == "Stack" for c in panel.children)


def test_stack_is_a_stack_under_ipywidgets_8():
    if not hasattr(ipywidgets, "Stack"):
        pytest.fail("the project's environment pins ipywidgets 8, which has Stack")
    assert isinstance(w.stack([ipywidgets.Label("x")], 0), ipywidgets.Stack)


@pytest.mark.parametrize("make", [lambda: w.learning_rate_widget(0.1, live=False),
                                  lambda: w.learning_rate_widget(0.1, live=True),
                                  lambda: w.activation_widget("relu", live=False)])
def test_plain_text_form_is_one_line_that_says_what_the_widget_is(make):
    """What GitHub or a notebook that has not run shows instead of VBox(children=(SelectionSlider(…"""
    panel = make()
    text = panel._repr_mimebundle_()["text/plain"] if hasattr(panel, "_repr_mimebundle_") else repr(panel)
    assert text.startswith("Widget: ") and "\n" not in text and "children" not in text and len(text) <= 110


def test_panel_refuses_a_description_ipywidgets_would_cut():
    with pytest.raises(ValueError, match="description must have at most 110 characters"):
        w.Panel([], "x" * 111)
