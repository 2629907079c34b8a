import math
import re

import pytest
import torch

from d2lplus.activations import ACTIVATIONS, activation, activation_curve, plot_activation


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_autograd_derivative_matches_finite_differences(name):
    curve = activation_curve(name, alpha=0.3, lo=-3, hi=3, num=61)
    x = curve["x"][1:-1].double()
    f = activation(name, alpha=0.3)
    h = 1e-4
    numeric = (f(x + h) - f(x - h)) / (2 * h)
    away_from_kink = x.abs() > 1e-3  # ReLU-like functions have no derivative at 0
    assert torch.allclose(curve["grad"][1:-1].double()[away_from_kink], numeric[away_from_kink], atol=1e-3)


def test_known_values():
    x = torch.tensor([-2.0, 0.0, 3.0])
    assert activation("relu")(x).tolist() == [0.0, 0.0, 3.0]
    assert activation("prelu", alpha=0.25)(x).tolist() == [-0.5, 0.0, 3.0]
    assert activation("leaky_relu", alpha=0.25)(x).tolist() == [-0.5, 0.0, 3.0]
    assert math.isclose(activation("elu", alpha=0.5)(x)[0].item(), 0.5 * (math.exp(-2) - 1), rel_tol=1e-6)
    assert torch.allclose(activation("tanh")(x) + 1, 2 * activation("sigmoid")(2 * x))
    assert torch.allclose(activation("silu")(x), x * torch.sigmoid(x))


def test_relu_gradient_is_a_step():
    curve = activation_curve("relu", lo=-1, hi=1, num=5)
    assert curve["grad"].tolist() == [0.0, 0.0, 0.0, 1.0, 1.0]


@pytest.mark.parametrize("kwargs, message", [  # types and names: tests/test_bad_input.py
    (dict(name="swish2"), "name must be 'relu', 'leaky_relu', 'prelu', 'elu', 'sigmoid', 'tanh', 'gelu' or 'silu'"),
    (dict(name="relu", alpha=-0.1), "alpha must be greater than or equal to 0"),  # α is a slope in [0, 1]
    (dict(name="relu", alpha=1.5), "alpha must be less than or equal to 1"),
])
def test_alpha_and_name_are_what_the_widget_offers(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        activation(**kwargs)


def test_curve_needs_an_interval_and_two_points():
    with pytest.raises(ValueError, match="lo must be smaller than hi"):
        activation_curve("relu", lo=1, hi=1)
    with pytest.raises(ValueError, match="num must be greater than or equal to 2"):
        activation_curve("relu", num=1)


def test_plot_has_function_and_derivative_panels():
    fig = plot_activation("prelu", alpha=0.2)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["pReLU (α = 0.2): f(x)", "pReLU (α = 0.2): f′(x)"]
