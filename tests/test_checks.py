import math

import pytest

from d2lplus._checks import check_choice, check_float, check_int, check_size_pair


def test_check_int_accepts_and_bounds():
    assert check_int("n", 3, low=1, high=5) == 3
    with pytest.raises(ValueError, match=r"n must be an integer in \[1, 5\], got 6"):
        check_int("n", 6, low=1, high=5)
    with pytest.raises(TypeError, match="n must be an integer"):
        check_int("n", 2.0)
    with pytest.raises(TypeError, match="n must be an integer"):
        check_int("n", True)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_check_float_refuses_non_finite(bad):
    with pytest.raises(ValueError, match="lr must be a finite number"):
        check_float("lr", bad, low=0, low_open=True)


def test_check_float_open_lower_bound():
    assert check_float("lr", 0.1, low=0, low_open=True) == 0.1
    with pytest.raises(ValueError, match=r"lr must be in \(0, inf\), got 0.0"):
        check_float("lr", 0.0, low=0, low_open=True)
    with pytest.raises(TypeError, match="lr must be a real number"):
        check_float("lr", "0.1")


def test_check_choice_lists_the_choices():
    assert check_choice("act", "relu", ["relu", "tanh"]) == "relu"
    with pytest.raises(ValueError, match="act must be one of 'relu', 'tanh'; got 'gelu'"):
        check_choice("act", "gelu", ["relu", "tanh"])


def test_check_size_pair():
    assert check_size_pair("resize", [32, 32]) == (32, 32)
    with pytest.raises(ValueError, match="resize must be a .height, width. pair"):
        check_size_pair("resize", (1, 2, 3))
    with pytest.raises(TypeError, match="resize must be a .height, width. pair"):
        check_size_pair("resize", 32)
    with pytest.raises(ValueError, match=r"resize\[1\] must be an integer in \[1, 1024\]"):
        check_size_pair("resize", (32, 0))
