"""nbval's tolerance (tools/nbval_numbers.py) holds on any CPU.

The notebooks that train (the four training chapters and the exercise pages of chapters 4 and 5,
whose many short runs are the most sensitive) hold under PyTorch's other CPU kernels
(``ATEN_CPU_CAPABILITY=default``, the code path of a CPU without AVX2, e.g. an ARM laptop or an
old runner): the root conftest has nbval run exactly those notebooks that way, in the same run
that compares every notebook against its stored outputs (computed with AVX2), so each notebook
is executed once. This checks that it happened.
"""

from pathlib import Path

import pytest

from nbval_cells import SECOND_KERNEL  # tools/nbval_cells.py: the notebooks nbval runs under `default`

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.notebooks


@pytest.mark.after_notebooks
def test_training_notebooks_hold_under_another_cpu_kernel_choice(request):
    """nbval compared the training notebooks (their cells pass or the run fails) under `default`."""
    assert request.config._pinned_kernels != "default", "the other notebooks run with the stored outputs' kernels"
    assert {*SECOND_KERNEL} <= {p.relative_to(ROOT).as_posix() for p in ROOT.glob("*/**/*.ipynb")}
    ran = getattr(request.config, "_notebooks_on_another_kernel", set())
    assert ran == set(SECOND_KERNEL), f"nbval ran only {sorted(ran)} under ATEN_CPU_CAPABILITY=default"
