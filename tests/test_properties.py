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
bad_int = st.one_of(not_a_number, st.floats(allow_nan=True), st.integers(max_value=0), st.booleans())
bad_lr = st.one_of(not_a_number, non_finite, st.floats(max_value=0.0), st.floats(min_value=100.001, max_value=1e300))
bad_name = st.one_of(not_a_number, st.text(max_size=12).filter(lambda s: s not in activations.ACTIVATIONS))
bad_alpha = st.one_of(not_a_number, non_finite, st.floats(max_value=-1e-9, allow_nan=False, allow_infinity=False),
                      st.floats(min_value=1.000001, allow_nan=False, allow_infinity=False))


def refuses(call, parameter):
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    assert str(info.value).startswith(parameter), str(info.value)


@SETTINGS
@given(st.one_of(not_a_number, st.floats(), st.booleans(), st.integers(max_value=-1), st.integers(min_value=2**32)))
def test_seed(value):
    refuses(lambda: d2lplus.seed(value), "value")


@SETTINGS
@given(st.one_of(not_a_number, st.integers(max_value=-1), st.floats()))
def test_try_gpu(i):
    refuses(lambda: d2lplus.try_gpu(i), "i")


@SETTINGS
@given(bad_int)
def test_batch_loader_batch_size(size):
    refuses(lambda: BatchLoader(torch.arange(4), batch_size=size), "batch_size")


@SETTINGS
@given(st.one_of(not_a_number, st.tuples(st.integers(max_value=0), st.integers(1, 64)),
                 st.lists(st.integers(1, 64), min_size=3, max_size=4)))
def test_images_to_float_resize(resize):
    refuses(lambda: images_to_float(torch.zeros(1, 28, 28, dtype=torch.uint8), resize), "resize")


@SETTINGS
@given(st.one_of(not_a_number, st.integers(max_value=0), st.integers(min_value=60001)))
def test_fashion_mnist_batch_size(size):
    refuses(lambda: d2lplus.FashionMNIST(batch_size=size), "batch_size")


@SETTINGS
@given(bad_int)
def test_show_images_rows(rows):
    refuses(lambda: d2lplus.show_images(torch.zeros(1, 4, 4), rows, 1), "num_rows")


@SETTINGS
@given(st.one_of(st.integers(max_value=0), not_a_number))
def test_board_every_n(n):
    refuses(lambda: ProgressBoard().draw(0, 1.0, "loss", every_n=n), "every_n")


@SETTINGS
@given(st.one_of(bad_int, st.integers(min_value=10_001)))
def test_trainer_max_epochs(epochs):
    refuses(lambda: d2lplus.Trainer(max_epochs=epochs), "max_epochs")


@SETTINGS
@given(st.one_of(not_a_number, non_finite, st.floats(max_value=-1e-9)))
def test_trainer_clip(value):
    refuses(lambda: d2lplus.Trainer(max_epochs=1, gradient_clip_val=value), "gradient_clip_val")


@SETTINGS
@given(bad_name)
def test_activation_name(name):
    refuses(lambda: activations.activation(name), "name")


@SETTINGS
@given(bad_alpha)
def test_activation_alpha(alpha):
    refuses(lambda: activations.activation("prelu", alpha), "alpha")


@SETTINGS
@given(bad_lr)
def test_linear_regression_run_lr(lr):
    refuses(lambda: experiments.linear_regression_run(lr), "lr")


@SETTINGS
@given(bad_lr)
def test_mlp_run_lr(lr):
    refuses(lambda: experiments.mlp_run(lr), "lr")


@SETTINGS
@given(bad_name)
def test_mlp_run_activation(name):
    refuses(lambda: experiments.mlp_run(0.1, name), "activation_name")


@SETTINGS
@given(bad_lr)
def test_learning_rate_widget(lr):
    refuses(lambda: widgets.learning_rate_widget(lr), "lr")


@SETTINGS
@given(bad_alpha)
def test_activation_widget_alpha(alpha):
    refuses(lambda: widgets.activation_widget("elu", alpha), "alpha")


@SETTINGS
@given(st.one_of(not_a_number, st.sampled_from(["gelu", "silu", "ReLU", ""])))
def test_mlp_widget_activation(name):
    refuses(lambda: widgets.mlp_widget(0.1, name), "activation_name")
