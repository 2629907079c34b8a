import math

import pytest

from d2lplus._checks import check_bool, check_choice, check_float, check_float_pair, check_int, check_size_pair


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


def test_check_bool_refuses_truthy_strings_and_numbers():
    assert check_bool("download", False) is False
    for bad in ("no", 1, 0, None):
        with pytest.raises(TypeError, match=r"^download must be True or False, got "):
            check_bool("download", bad)


@pytest.mark.parametrize("huge", [10**400, -10**400])
def test_huge_integers_are_refused_by_name_not_with_overflow(huge):
    with pytest.raises(ValueError, match=r"^lr must be a finite number in \(0, 100\], got an integer with 401 digits"):
        check_float("lr", huge, low=0, high=100, low_open=True)
    with pytest.raises(ValueError, match=r"^n must be an integer in \[1, 10\], got an integer with 401 digits"):
        check_int("n", huge, low=1, high=10)


def test_bounds_are_written_as_a_reader_would():
    with pytest.raises(ValueError, match=r"value must be an integer in \[0, 4294967295\], got 4294967296"):
        check_int("value", 2**32, low=0, high=2**32 - 1)
    with pytest.raises(ValueError, match=r"n must be an integer in \[1, 2\*\*63 - 1\], got 0"):
        check_int("n", 0, low=1, high=2**63 - 1)
    with pytest.raises(ValueError, match=r"x must be in \[0.001, 0.5\], got 1.0"):
        check_float("x", 1, low=0.001, high=0.5)


def test_check_float_pair():
    assert check_float_pair("figsize", (6, 2.5), low=0.5, high=40) == (6.0, 2.5)
    with pytest.raises(TypeError, match=r"^figsize must be a \(width, height\) pair of numbers, got '12'"):
        check_float_pair("figsize", "12", low=0.5, high=40)
    with pytest.raises(ValueError, match=r"^figsize\[1\] must be in \[0.5, 40\], got 100.0"):
        check_float_pair("figsize", (6, 100), low=0.5, high=40)
