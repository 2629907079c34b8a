from collections import deque
from pathlib import Path

import numpy as np
import pytest
import torch

import d2lplus
from d2lplus.data import BatchLoader, images_to_float

ROOT = Path(__file__).resolve().parents[1]


def test_batch_loader_covers_every_example_once_per_pass():
    X, y = torch.arange(10).float().reshape(10, 1), torch.arange(10)
    loader = BatchLoader(X, y, batch_size=4, shuffle=True)
    assert len(loader) == 3
    batches = list(loader)
    assert [len(b[1]) for b in batches] == [4, 4, 2]
    seen = torch.cat([b[1] for b in batches])
    assert sorted(seen.tolist()) == list(range(10))
    assert all(torch.equal(bx[:, 0].long(), by) for bx, by in batches)  # pairs stay together


def test_batch_loader_keeps_order_without_shuffle():
    loader = BatchLoader(torch.arange(5), batch_size=2)
    assert [b[0].tolist() for b in loader] == [[0, 1], [2, 3], [4]]


def test_batch_loader_shuffle_is_seeded():
    loader = BatchLoader(torch.arange(100), batch_size=10, shuffle=True)
    d2lplus.seed(1)
    first = next(iter(loader))[0]
    d2lplus.seed(1)
    assert torch.equal(first, next(iter(loader))[0])


def test_batch_loader_needs_tensors_of_one_length_and_a_positive_batch_size():
    with pytest.raises(ValueError, match="batch_size must be greater than or equal to 1, got 0"):
        BatchLoader(torch.arange(3), batch_size=0)
    with pytest.raises(ValueError, match="tensors must all have the same length"):
        BatchLoader(torch.arange(3), torch.arange(4), batch_size=2)
    with pytest.raises(TypeError, match="tensors must be one or more torch tensors, got none"):
        BatchLoader(batch_size=2)
    with pytest.raises(TypeError, match=r"tensors\[0\] must be a torch tensor, got list"):
        BatchLoader([1, 2, 3], batch_size=2)


def test_images_to_float_scales_and_resizes():
    imgs = torch.full((2, 28, 28), 255, dtype=torch.uint8)
    out = images_to_float(imgs, (32, 32))
    assert out.shape == (2, 1, 32, 32) and out.dtype == torch.float32
    assert torch.allclose(out, torch.ones_like(out))
    with pytest.raises(TypeError, match="images must be a uint8 tensor"):
        images_to_float(imgs.float())


@pytest.fixture(scope="module")
def fmnist():
    return d2lplus.FashionMNIST(batch_size=256, resize=(32, 32), download=False)


def test_fashion_mnist_module_matches_the_book(fmnist):
    assert len(fmnist.train) == 60000 and len(fmnist.val) == 10000
    assert fmnist.train[0][0].shape == (1, 32, 32)
    X, y = next(iter(fmnist.train_dataloader()))
    assert X.shape == (256, 1, 32, 32) and X.dtype == torch.float32
    assert y.shape == (256,) and y.dtype == torch.int64
    assert 0.0 <= X.min() and X.max() <= 1.0
    assert len(fmnist.val_dataloader()) == 40  # ceil(10000 / 256)
    assert fmnist.text_labels([0, 9]) == ["t-shirt", "ankle boot"]


def test_fashion_mnist_module_rejects_sizes_it_cannot_serve():
    with pytest.raises(ValueError, match="batch_size must be less than or equal to 60000"):
        d2lplus.FashionMNIST(batch_size=60001)  # the training set has 60,000 images
    with pytest.raises(ValueError, match=r"resize\[0\] must be greater than or equal to 1, got 0"):
        d2lplus.FashionMNIST(resize=[0, 28])


def test_text_labels_take_class_numbers_0_to_9(fmnist):
    assert fmnist.text_labels(torch.tensor([9, 0])) == fmnist.text_labels([9, 0]) == ["ankle boot", "t-shirt"]
    # any sequence of integers, as a reader writes one (section 4.2 asks for range(10))
    assert fmnist.text_labels(range(10)) == fmnist.text_labels(np.arange(10)) == fmnist.text_labels(deque(range(10)))
    with pytest.raises(ValueError, match=r"indices\[0\] must be less than or equal to 9, got 10"):
        fmnist.text_labels([10])
    with pytest.raises(TypeError, match="indices must be a 1-D integer tensor"):
        fmnist.text_labels(torch.tensor([1.0]))


def test_visualize_draws_a_grid(fmnist):
    batch = next(iter(fmnist.val_dataloader()))
    axes = fmnist.visualize(batch, nrows=2, ncols=4)
    assert len(axes) == 8
    assert axes[0].get_title() == fmnist.text_labels(batch[1][:1])[0]


def test_shuffled_order_matches_torch_dataloader_for_the_same_seed():
    X = torch.arange(1000)
    d2lplus.seed(7)
    ours = [b[0].tolist() for b in BatchLoader(X, batch_size=64, shuffle=True)]
    d2lplus.seed(7)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X), batch_size=64, shuffle=True)
    theirs = [b[0].tolist() for b in loader]
    assert ours == theirs


@pytest.fixture(scope="module")
def stock_fashion_mnist(tmp_path_factory):
    """d2l's own FashionMNIST (4-worker DataLoader) reading the real files from where it looks: ../data."""
    import os

    home, environment = os.getcwd(), dict(os.environ)
    try:  # the benchmark sets MPLBACKEND for itself: later kernels (nbval) must not inherit it
        import bench  # tools/bench.py (tools/ is on pytest's pythonpath)

        stock = bench.stock_data(tmp_path_factory.mktemp("stock"))  # the benchmark's stock path, as it runs
    finally:
        os.chdir(home)
        os.environ.clear()
        os.environ.update(environment)
    # Only the order is compared: a trivial per-image transform keeps the test fast and changes no
    # draw from the generator (the order comes from the sampler and the loader, not the transform).
    stock.train.transform = stock.val.transform = lambda image: 0
    return stock


def _label_batches(data, epochs: int, reseed_each_epoch: bool) -> list[list[list[int]]]:
    """What d2l's Trainer sees: per epoch, a pass over the training loader, then over the validation loader."""
    d2lplus.seed(0)
    train, val = data.train_dataloader(), data.val_dataloader()  # made once, as Trainer.prepare_data does
    passes = []
    for epoch in range(epochs):
        if reseed_each_epoch:
            d2lplus.seed(epoch)
        passes.append([batch[1].tolist() for batch in train])
        passes.append([batch[1].tolist() for batch in val])
    return passes


@pytest.mark.slow
def test_same_batches_as_stock_d2l_in_the_first_epoch_and_whenever_reseeded(stock_fashion_mnist):
    ours = d2lplus.FashionMNIST(batch_size=256, download=False)
    stock = _label_batches(stock_fashion_mnist, 2, reseed_each_epoch=False)
    mine = _label_batches(ours, 2, reseed_each_epoch=False)
    assert stock[0] == mine[0] and stock[1] == mine[1]  # epoch 1: training and validation batches
    # Epoch 2 differs: stock d2l's validation pass drew its workers' base seed from the global
    # generator; ours draws nothing there (so the stored notebook outputs stay as they are).
    # If this ever holds, say so in the README and in BatchLoader's docstring.
    assert stock[2] != mine[2]
    assert sorted(sum(stock[2], [])) == sorted(sum(mine[2], []))  # the same examples, in another order
    assert _label_batches(stock_fashion_mnist, 2, True) == _label_batches(ours, 2, True)
