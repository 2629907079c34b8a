"""Property-based: every public helper refuses invalid input with a message naming the parameter.

Hypothesis draws values of the wrong type, non-finite numbers, out-of-range
sizes and unknown names; each call must raise ValueError or TypeError whose
message starts with the parameter's name — never another exception, never a
hang (each example has a deadline).
"""

import math

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import d2lplus
from d2lplus import activations, experiments, widgets
from d2lplus.board import ProgressBoard
from d2lplus.data import BatchLoader, images_to_float

SETTINGS = settings(max_examples=40, deadline=2000, suppress_health_check=[HealthCheck.too_slow])

not_a_number = st.one_of(st.none(), st.text(max_size=5), st.lists(st.integers(), max_size=2),
                         st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
                         st.complex_numbers(allow_nan=False, allow_infinity=False).filter(lambda z: z.imag))
non_finite = st.sampled_from([math.nan, math.inf, -math.inf])
huge = st.sampled_from([10**400, -10**400, 2**1024])  # beyond float's range: once an OverflowError
bad_int = st.one_of(not_a_number, st.floats(allow_nan=True), st.integers(max_value=0), st.booleans(), huge)
bad_lr = st.one_of(not_a_number, non_finite, huge, st.booleans(), st.floats(max_value=0.0),
                   st.floats(min_value=100.001, max_value=1e300))
# not_a_number draws short strings too, which may spell a real name ('elu'): filter the union
bad_name = st.one_of(not_a_number, st.text(max_size=12)).filter(lambda s: s not in activations.ACTIVATIONS)
bad_alpha = st.one_of(not_a_number, non_finite, huge, st.booleans(),
                      st.floats(max_value=-1e-9, allow_nan=False, allow_infinity=False),
                      st.floats(min_value=1.000001, allow_nan=False, allow_infinity=False))


def refuses(call, parameter):
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    assert str(info.value).startswith(parameter), str(info.value)


# (helper called with the drawn value, the parameter its message must name, the invalid values)
CASES = {
    "seed": (lambda v: d2lplus.seed(v), "value",
             st.one_of(not_a_number, st.floats(), st.booleans(), st.integers(max_value=-1),
                       st.integers(min_value=2**32))),
    "try_gpu": (lambda v: d2lplus.try_gpu(v), "i",
                st.one_of(not_a_number, st.integers(max_value=-1), st.floats())),
    "BatchLoader.batch_size": (lambda v: BatchLoader(torch.arange(4), batch_size=v), "batch_size", bad_int),
    "images_to_float.resize": (
        lambda v: images_to_float(torch.zeros(1, 28, 28, dtype=torch.uint8), v), "resize",
        st.one_of(st.none(), st.text(max_size=5), st.integers(), st.floats(),  # not a pair ([1, 1] is one)
                  st.tuples(st.integers(max_value=0), st.integers(1, 64)),
                  st.lists(st.integers(1, 64), min_size=3, max_size=4))),
    "FashionMNIST.batch_size": (lambda v: d2lplus.FashionMNIST(batch_size=v), "batch_size",
                                st.one_of(not_a_number, st.integers(max_value=0), st.integers(min_value=60001))),
    "show_images.num_rows": (lambda v: d2lplus.show_images(torch.zeros(1, 4, 4), v, 1), "num_rows", bad_int),
    "ProgressBoard.every_n": (lambda v: ProgressBoard().draw(0, 1.0, "loss", every_n=v), "every_n",
                              st.one_of(st.integers(max_value=0), not_a_number)),
    "Trainer.max_epochs": (lambda v: d2lplus.Trainer(max_epochs=v), "max_epochs",
                           st.one_of(bad_int, st.integers(min_value=10_001))),
    "Trainer.gradient_clip_val": (lambda v: d2lplus.Trainer(max_epochs=1, gradient_clip_val=v),
                                  "gradient_clip_val",
                                  st.one_of(not_a_number, non_finite, st.floats(max_value=-1e-9))),
    "activation.name": (lambda v: activations.activation(v), "name", bad_name),
    "activation.alpha": (lambda v: activations.activation("prelu", v), "alpha", bad_alpha),
    "linear_regression_run.lr": (lambda v: experiments.linear_regression_run(v), "lr", bad_lr),
    "mlp_run.lr": (lambda v: experiments.mlp_run(v), "lr", bad_lr),
    "mlp_run.activation_name": (lambda v: experiments.mlp_run(0.1, v), "activation_name", bad_name),
    "learning_rate_widget.lr": (lambda v: widgets.learning_rate_widget(v), "lr", bad_lr),
    "activation_widget.alpha": (lambda v: widgets.activation_widget("elu", v), "alpha", bad_alpha),
    "mlp_widget.activation_name": (lambda v: widgets.mlp_widget(0.1, v), "activation_name",
                                   st.one_of(not_a_number, st.sampled_from(["gelu", "silu", "ReLU", ""]))
                                   .filter(lambda s: s not in widgets.MLP_ACTIVATIONS)),
}


@pytest.mark.parametrize("case", CASES)
@SETTINGS
@given(data=st.data())
def test_helper_refuses_invalid_values(case, data):
    call, parameter, values = CASES[case]
    value = data.draw(values, label=parameter)
    refuses(lambda: call(value), parameter)
