import math

import matplotlib
import numpy as np
import pytest
import torch
from d2l import torch as d2l

import d2lplus
from d2lplus.board import ProgressBoard

matplotlib.use("Agg")


def test_show_images_titles_and_checks():
    axes = d2lplus.show_images(torch.rand(3, 1, 5, 5), 1, 4, titles=["a", "b", "c"])
    assert [ax.get_title() for ax in axes] == ["a", "b", "c", ""]
    with pytest.raises(ValueError, match="titles must have one entry per shown image"):
        d2lplus.show_images(torch.rand(2, 5, 5), 1, 2, titles=["a"])
    with pytest.raises(ValueError, match="imgs must hold 2-D"):
        d2lplus.show_images(torch.rand(1, 3, 5, 5), 1, 1)


def test_init_notebook_replaces_d2l_drawing():
    d2lplus.init_notebook(0)
    assert d2l.ProgressBoard is ProgressBoard
    assert d2l.show_images is d2lplus.show_images
    assert d2l.Module().board.__class__ is ProgressBoard


def test_board_averages_every_n_points_into_one_line_per_label():
    board = ProgressBoard(xlabel="x")
    for i in range(10):
        board.draw(i, i * 2.0, "double", every_n=5)
        board.draw(i, 1.0, "one", every_n=2)
    assert board.data["double"] == [(2.0, 4.0), (7.0, 14.0)]
    assert len(board.data["one"]) == 5
    lines = board.axes.get_lines()
    assert [line.get_label() for line in lines] == ["double", "one"]  # updated, not re-added
    assert list(lines[0].get_xdata()) == [2.0, 7.0]


def test_board_shows_divergence_as_a_gap():
    board = ProgressBoard()
    board.draw(0, 1.0, "loss")
    board.draw(1, math.inf, "loss")
    board.draw(2, torch.tensor(float("nan")), "loss")
    assert board.data["loss"][0] == (0.0, 1.0)
    assert all(math.isnan(y) for _, y in board.data["loss"][1:])


def test_board_takes_a_loss_as_a_number_or_a_one_element_tensor():
    board = ProgressBoard(display=False)
    board.draw(0, np.float32(0.5), "loss")  # d2l's Module.plot passes NumPy scalars
    assert board.data["loss"] == [(0.0, 0.5)]
    with pytest.raises(TypeError, match="y must be a real number or a one-element tensor, got Tensor"):
        board.draw(1, torch.zeros(3), "loss")


def test_init_notebook_sets_threads_and_checks_them():
    before = torch.get_num_threads()
    d2lplus.init_notebook(0, num_threads=1)
    assert torch.get_num_threads() == 1
    with pytest.raises(ValueError, match="num_threads must be greater than or equal to 1, got 0"):
        d2lplus.init_notebook(0, num_threads=0)
    d2lplus.reset_notebook()
    assert torch.get_num_threads() == before


@pytest.mark.parametrize("headless, expected", [("1", 1), ("", None)])
def test_init_notebook_limits_threads_only_when_unattended(monkeypatch, headless, expected):
    """One thread belongs to the build and the tests; a reader's session keeps PyTorch's own setting."""
    torch.set_num_threads(2)
    monkeypatch.setenv("D2LPLUS_HEADLESS", headless)
    d2lplus.init_notebook(0)
    assert torch.get_num_threads() == (expected or 2)
    d2lplus.reset_notebook()
    assert torch.get_num_threads() == 2


def test_reset_notebook_undoes_everything_init_notebook_patched():
    originals = (d2l.ProgressBoard, d2l.show_images, d2l.use_svg_display, torch.get_num_threads())
    d2lplus.init_notebook(0, num_threads=1)
    d2lplus.init_notebook(1, num_threads=1)  # twice: reset still returns to the very first state
    assert d2l.ProgressBoard is ProgressBoard
    d2lplus.reset_notebook()
    assert (d2l.ProgressBoard, d2l.show_images, d2l.use_svg_display, torch.get_num_threads()) == originals
    d2lplus.reset_notebook()  # harmless when nothing is patched


def test_describe_figure_names_what_the_plot_shows():
    from d2lplus.plotting import describe_figure

    board = ProgressBoard(xlabel="epoch", ylabel="loss")
    for i in range(4):
        board.draw(i, 1.0 / (i + 1), "train_loss")
    assert describe_figure(board.fig) == "Figure: x: epoch, y: loss; lines: train_loss"
    axes = d2lplus.show_images(torch.rand(2, 4, 4), 1, 2, titles=["coat", "bag"])
    assert describe_figure(axes[0].figure) == "Figure: 2 images labelled coat, bag"
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        describe_figure("plot")
