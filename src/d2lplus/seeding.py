"""One call that makes every source of randomness the notebooks use repeatable,
and one that has PyTorch compute with the same CPU kernels on every x86-64 machine."""

from __future__ import annotations

import os
import random
from pathlib import Path

import numpy as np
import torch

from ._validate import Names, Seed, validated


@validated
def seed(value: Seed = 0) -> int:
    """Seed Python's ``random``, NumPy and PyTorch (CPU and every GPU); return the seed.

    Call it at the top of a notebook and again before any cell whose output
    should not depend on what ran before it.
    """
    random.seed(value)
    np.random.seed(value)
    torch.manual_seed(value)  # also seeds every CUDA device
    return value


CPU_KERNELS = "avx2"  # the PyTorch CPU kernels the stored outputs were computed with


def _cpu_flags(cpuinfo: str | Path = "/proc/cpuinfo") -> frozenset[str]:
    """The CPU's feature flags as Linux lists them (none where the file does not exist)."""
    try:
        text = Path(cpuinfo).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return frozenset()
    return frozenset(word for line in text.splitlines() if line.startswith("flags")
                     for word in line.partition(":")[2].split())


@validated
def pin_cpu_kernels(flags: Names | None = None) -> str | None:
    """Have PyTorch use its AVX2 CPU kernels, the ones every stored output was computed with.

    PyTorch picks the widest vectors the CPU has, and AVX-512 adds float32 numbers in
    another order: ten epochs of 5.2's MLP then end 0.001 apart in accuracy. This sets
    ``ATEN_CPU_CAPABILITY``, which PyTorch reads at the process's first tensor operation,
    so call it before that; processes started afterwards (notebook kernels) inherit it.
    It changes nothing where the variable is set already or the CPU (``flags``, by default
    this machine's) has no AVX2. Returns the value in force, or None.
    """
    flags = _cpu_flags() if flags is None else frozenset(flags)
    if "ATEN_CPU_CAPABILITY" not in os.environ and CPU_KERNELS in flags:
        os.environ["ATEN_CPU_CAPABILITY"] = CPU_KERNELS
    return os.environ.get("ATEN_CPU_CAPABILITY")
