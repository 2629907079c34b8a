import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

import d2lplus
from d2lplus import seeding


def test_seed_makes_every_generator_repeat():
    d2lplus.seed(123)
    first = (random.random(), np.random.rand(), torch.rand(3))
    d2lplus.seed(123)
    second = (random.random(), np.random.rand(), torch.rand(3))
    assert first[0] == second[0] and first[1] == second[1]
    assert torch.equal(first[2], second[2])


@pytest.mark.parametrize("bad, message", [(-1, "greater than or equal to 0"),
                                          (2**32, "less than or equal to 4294967295")])
def test_a_seed_is_what_numpy_and_torch_both_take(bad, message):  # 0 to 2**32 - 1
    with pytest.raises(ValueError, match=f"value must be {message}"):
        d2lplus.seed(bad)


def test_pin_cpu_kernels_asks_for_avx2_only_where_the_cpu_has_it(monkeypatch):
    monkeypatch.delenv("ATEN_CPU_CAPABILITY", raising=False)
    assert seeding.pin_cpu_kernels({"sse2", "avx"}) is None and "ATEN_CPU_CAPABILITY" not in os.environ
    assert seeding.pin_cpu_kernels(["sse2", "avx2", "avx512f"]) == "avx2" == os.environ["ATEN_CPU_CAPABILITY"]
    monkeypatch.setenv("ATEN_CPU_CAPABILITY", "default")  # a choice already made is kept
    assert seeding.pin_cpu_kernels({"avx2"}) == "default"


@pytest.mark.parametrize("bad", ["avx2", 5, [b"avx2"]])
def test_pin_cpu_kernels_rejects_what_is_not_a_set_of_flag_names(bad):
    with pytest.raises(TypeError, match=r"^flags(\[0\])? must be a (collection of names|valid string)"):
        seeding.pin_cpu_kernels(bad)


def test_cpu_flags_are_read_from_every_flags_line(tmp_path):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx2\n\nprocessor\t: 1\nflags\t\t: fpu avx512f\n")
    assert seeding._cpu_flags(cpuinfo) == {"fpu", "sse2", "avx2", "avx512f"}
    assert seeding._cpu_flags(tmp_path / "absent") == frozenset()


def test_the_tests_and_the_kernels_they_start_run_the_avx2_kernels():
    """The stored outputs were computed with AVX2 kernels; a CPU with AVX-512 must not change them.

    Pinned by the root conftest before the first tensor operation, and inherited by
    every process the tests start (nbval's kernels among them).
    """
    cpuinfo = Path("/proc/cpuinfo")
    has_avx2 = cpuinfo.exists() and "avx2" in cpuinfo.read_text().split()
    child = subprocess.run([sys.executable, "-c", "import torch; torch.ones(4).sum(); "
                            "print(torch.backends.cpu.get_cpu_capability())"],
                           capture_output=True, text=True, timeout=120, check=True).stdout.strip()
    here = torch.backends.cpu.get_cpu_capability()
    if has_avx2 and os.environ.get("ATEN_CPU_CAPABILITY", "avx2") == "avx2":
        assert here == child == "AVX2"
    else:  # no AVX2 here, or a choice made by whoever runs the tests: left alone
        assert here == child


def test_try_gpu_falls_back_to_cpu():
    expected = "cuda:0" if torch.cuda.is_available() else "cpu"
    assert str(d2lplus.try_gpu()) == expected
    assert str(d2lplus.try_gpu(d2lplus.num_gpus())) == "cpu"  # one past the last GPU
    with pytest.raises(ValueError, match="i must be greater than or equal to 0, got -1"):
        d2lplus.try_gpu(-1)
