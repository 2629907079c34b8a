import random

import numpy as np
import pytest
import torch

import d2lplus


def test_seed_makes_every_generator_repeat():
    d2lplus.seed(123)
    first = (random.random(), np.random.rand(), torch.rand(3))
    d2lplus.seed(123)
    second = (random.random(), np.random.rand(), torch.rand(3))
    assert first[0] == second[0] and first[1] == second[1]
    assert torch.equal(first[2], second[2])


@pytest.mark.parametrize("bad, error", [(-1, ValueError), (2**32, ValueError), (1.5, TypeError), ("0", TypeError)])
def test_seed_rejects_bad_values(bad, error):
    with pytest.raises(error, match="value must be an integer"):
        d2lplus.seed(bad)


def test_try_gpu_falls_back_to_cpu():
    expected = "cuda:0" if torch.cuda.is_available() else "cpu"
    assert str(d2lplus.try_gpu()) == expected
    assert str(d2lplus.try_gpu(d2lplus.num_gpus())) == "cpu"  # one past the last GPU
    with pytest.raises(ValueError, match="i must be an integer"):
        d2lplus.try_gpu(-1)
