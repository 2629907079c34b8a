"""In a live kernel (as in Jupyter or Colab): controls recompute, and a wrong answer gets a hint, not the answer."""

import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

LIVE = '''
import os
os.environ["D2LPLUS_HEADLESS"] = "0"  # as in Colab: a person is watching
from d2lplus.widgets import activation_widget, learning_rate_widget
box = learning_rate_widget(0.03)
slider, shown = box.children
before = bytes(shown.value)
slider.value = 2.5
print("learning rate:", type(slider).__name__, bytes(shown.value) != before)
dropdown, alpha, shown = activation_widget("prelu", 0.1).children
before = bytes(shown.value)
alpha.value = 0.6
print("alpha:", type(alpha).__name__, bytes(shown.value) != before)
'''

WRONG_ANSWER = '''
from d2lplus.selfcheck import check_number, check_softmax
import torch
ok = check_number("2.4.6", 123.0)
naive = lambda X: torch.exp(X) / torch.exp(X).sum(1, keepdim=True)
ok2 = check_softmax(naive)
print("returned:", ok, ok2)
'''


def run(*sources: str) -> list[str]:
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    return ["".join(o.get("text", "") for o in c.outputs if o.output_type == "stream") for c in nb.cells]


@pytest.mark.slow
def test_live_controls_recompute_and_wrong_answers_get_hints():
    live, wrong = run(LIVE, WRONG_ANSWER)
    assert "learning rate: FloatLogSlider True" in live  # a continuous control, and the figure changed
    assert "alpha: FloatSlider True" in live
    assert wrong.count("✗") == 2 and wrong.count("Hint") == 2 and "returned: None None" in wrong
    assert "4.0" not in wrong  # d/dx (x^3 - 1/x) at x = 1 is 4: never printed
