"""Settings for every pytest run: unit tests, nbval over the notebooks, site checks.

Under CI (the ``CI`` environment variable, set by ``.ci/run``) a skipped test
is a failed one: a guarantee that was not checked must not pass as checked.
The one exception is a test marked ``gpu``, which can only run where PyTorch
sees a GPU and says so when it is skipped. Outside CI, skips are listed with
their reasons at the end of the run (``-ra``).
"""

import os

import pytest

import nbval_numbers
from d2lplus.seeding import pin_cpu_kernels
from nbval_cells import IGNORE_TAGS, SECOND_KERNEL, ignore_reason, nbval_counts, output_kind

# Kernels started by nbval inherit this: progress boards draw one final figure
# instead of animating, exactly as when the notebooks were executed.
os.environ["D2LPLUS_HEADLESS"] = "1"
os.environ.setdefault("PYTHONHASHSEED", "0")
# ... and PyTorch's AVX2 kernels, which computed the stored outputs, also on a CPU with AVX-512.
PINNED_KERNELS = pin_cpu_kernels()
# ... except the notebooks that train, which run under the other kernels (SECOND_KERNEL, tools/nbval_cells.py).

# nbval compares a decimal within one unit of its last printed digit (tools/nbval_numbers.py): the stored
# outputs then hold whichever CPU kernels compute them.
nbval_numbers.install()

def pytest_configure(config):
    config._pinned_kernels = PINNED_KERNELS
    config.addinivalue_line("markers", "after_notebooks: run after nbval has executed every notebook")
    config.addinivalue_line("markers", "gpu: needs a CUDA device; skipped (and said so) where there is none")
    # The heavy tiers: `make test-fast` deselects them (see Makefile); `make test` runs everything.
    config.addinivalue_line("markers", "notebooks: nbval re-runs a stored notebook cell by cell")
    config.addinivalue_line("markers", "colab: runs notebooks in .venv-colab, Colab's environment")
    config.addinivalue_line("markers", "tex: builds the PDF editions (TeX Live)")
    config.addinivalue_line("markers", "site: builds the website (Jupyter Book) and checks it")
    config.addinivalue_line("markers", "browser: drives Debian's chromium")
    config.addinivalue_line("markers", "slow: a unit test over 10 s on two cores (real data, subprocesses)")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    expected_failure = hasattr(report, "wasxfail")  # reported as skipped, but it ran
    if report.skipped and not expected_failure and os.environ.get("CI") and item.get_closest_marker("gpu") is None:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, where every guarantee must be checked: {reason}"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """nbval's kernels see a simulated GPU (mapped to the CPU, see d2lplus.device); unit tests do not.

    So every notebook takes the trainer's GPU path here, as on Colab's GPU runtime, and code that
    breaks there (a model whose trainable tensors ``model.to`` cannot move) fails the suite.
    The kernel of a notebook starts in the setup of its first cell, after this hook.
    """
    kernels = PINNED_KERNELS
    if item.path.suffix == ".ipynb":
        os.environ["D2LPLUS_SIMULATE_GPU"] = "1"
        item.config._notebooks_saw_a_simulated_gpu = True
        notebook = item.path.relative_to(item.config.rootpath).as_posix()
        if notebook in SECOND_KERNEL:
            kernels = "default"
            item.config._notebooks_on_another_kernel = {*getattr(item.config, "_notebooks_on_another_kernel", ()),
                                                        notebook}
    else:
        os.environ.pop("D2LPLUS_SIMULATE_GPU", None)
    if kernels is None:
        os.environ.pop("ATEN_CPU_CAPABILITY", None)
    else:
        os.environ["ATEN_CPU_CAPABILITY"] = kernels


def pytest_sessionstart(session):
    import subprocess

    done = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                          capture_output=True, text=True, cwd=session.config.rootpath)
    session.config._git_status_at_start = sorted(done.stdout.splitlines())


def pytest_collection_modifyitems(session, config, items):
    items.sort(key=lambda item: item.get_closest_marker("after_notebooks") is not None)  # stable
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker("notebooks")
    cells = [item for item in items if hasattr(item, "cell") and item.cell.cell_type == "code"]
    config._nbval_counts = nbval_counts(item.cell for item in cells)
    config._nbval_ignored = [f"{item.path.relative_to(config.rootpath)}::{item.name} "
                             f"({', '.join(t for t in item.cell.metadata.get('tags', []) if t in IGNORE_TAGS)}: "
                             f"{ignore_reason(item.cell)})"
                             for item in cells if output_kind(item.cell) == "ignored"]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    counts = getattr(config, "_nbval_counts", None)
    if counts and sum(counts.values()):
        with_output = counts["text"] + counts["image"] + counts["ignored"]
        share = 100 * counts["text"] / with_output if with_output else 100.0
        terminalreporter.write_line(
            f"nbval: {counts['text']} code cells with textual output compared, {counts['none']} with no output, "
            f"{counts['image']} whose only output is an image, {counts['ignored']} ignored by tag "
            f"({share:.1f} % of the cells with output compared)")
        for line in getattr(config, "_nbval_ignored", []):
            terminalreporter.write_line(f"  ignored: {line}")
    if getattr(config, "_notebooks_on_another_kernel", None):
        terminalreporter.write_line(f"cpu kernels: nbval ran {len(config._notebooks_on_another_kernel)} training "
                                    f"notebooks under ATEN_CPU_CAPABILITY=default, the others under "
                                    f"{PINNED_KERNELS or 'the choice of this CPU'}")
    if getattr(config, "_notebooks_saw_a_simulated_gpu", False):
        terminalreporter.write_line("gpu: nbval ran every notebook with the helpers seeing a simulated GPU "
                                    "(D2LPLUS_SIMULATE_GPU=1, computed on the CPU)")
    for line in getattr(config, "_planted_regressions", []):
        terminalreporter.write_line(f"planted regression: {line} (tests/test_nbval_regressions.py)")
    colab = getattr(config, "_colab_summary", None)
    if colab:
        end = colab.get("end", {})
        terminalreporter.write_line(
            f"colab: {len(colab['ran'])} notebooks ran top to bottom in Colab's environment "
            f"(tools/colab/pip-freeze-cpu.txt; Python 3.11 here, 3.13 in Colab), not headless; "
            f"pip freeze changed by {', '.join(sorted(set(end) - set(colab['start']))) or 'nothing'} only; "
            f"ipython {end.get('ipython')}, traitlets {end.get('traitlets')}, "
            f"jedi {'present' if 'jedi' in end else 'absent'} before and after")
