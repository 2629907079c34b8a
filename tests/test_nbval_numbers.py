"""nbval's number tolerance (tools/nbval_numbers.py): one unit in the last printed digit, everything else exact."""

import nbformat
import pytest
from nbval.plugin import IPyNbCell

import nbval_numbers
from nbval_numbers import close_enough, reconcile


@pytest.mark.parametrize("stored, computed", [
    ("accuracy 0.845", "accuracy 0.846"),            # the last digit, one unit
    ("val_acc=0.85, loss 0.4123", "val_acc=0.851, loss 0.4122"),  # printed with other digits: the finer unit
    ("tensor([0.1000, 2.5000])", "tensor([0.1001, 2.4999])"),
    ("lr 1.5e-03", "lr 1.6e-03"),                    # exponent notation: 1e-4
    ("-0.003", "-0.002"),
    ("0.85", "0.86"),                                # printed with two decimals, a unit is 0.01
    ("same text, 42 steps", "same text, 42 steps"),
])
def test_a_unit_in_the_last_printed_digit_is_equal(stored, computed):
    assert close_enough(stored, computed)


@pytest.mark.parametrize("stored, computed", [
    ("accuracy 0.845", "accuracy 0.847"),            # two units
    ("diverged at step 7", "diverged at step 8"),    # integers exactly
    ("shape (2, 3)", "shape (2, 4)"),
    ("accuracy 0.845", "accuracy 0.845 (best)"),     # other text
    ("accuracy 0.845", "loss 0.845"),
    ("0.845 0.850", "0.845"),                        # another count of numbers
    ("0.85", "0.87"),
])
def test_anything_more_is_a_difference(stored, computed):
    assert not close_enough(stored, computed)


def test_reconcile_takes_the_stored_text_only_where_close():
    stored = [nbformat.v4.new_output("stream", name="stdout", text="acc 0.845\nstep 7\n"),
              nbformat.v4.new_output("execute_result", data={"text/plain": "0.12", "image/png": "AAA"},
                                     execution_count=1)]
    close = [nbformat.v4.new_output("stream", name="stdout", text="acc 0.846\nstep 7\n"),
             nbformat.v4.new_output("execute_result", data={"text/plain": "0.13", "image/png": "BBB"},
                                    execution_count=1)]
    out = reconcile(close, stored)
    assert out[0]["text"] == stored[0]["text"] and out[1]["data"]["text/plain"] == "0.12"
    assert out[1]["data"]["image/png"] == "BBB" and close[0]["text"] == "acc 0.846\nstep 7\n"  # a copy
    far = [nbformat.v4.new_output("stream", name="stdout", text="acc 0.846\nstep 8\n")]
    assert reconcile(far, stored[:1])[0]["text"] == "acc 0.846\nstep 8\n"


def test_the_conftest_installed_it_into_nbval():
    assert getattr(IPyNbCell.compare_outputs, "_numbers_within_a_unit", False)
    nbval_numbers.install()  # idempotent
    assert getattr(IPyNbCell.compare_outputs, "_numbers_within_a_unit", False)


def test_reconciled_outputs_are_still_notebook_nodes():
    out = reconcile([nbformat.v4.new_output("stream", name="stdout", text="0.1\n")],
                    [nbformat.v4.new_output("stream", name="stdout", text="0.2\n")])
    assert out[0].output_type == "stream" and out[0].text == "0.2\n"
