"""Every notebook as a reader runs it in Colab: in Colab's environment, from its install cell, not headless.

``.venv-colab`` (built by ``make setup`` with ``tools/colab_env.py``) holds
what Colab's CPU runtime holds, at Colab's versions, taken from Colab's own
published ``pip freeze`` (``tools/colab/``): IPython 7.34.0, traitlets 5.7.1,
ipykernel 6.17.1, ipywidgets 7.7.1, numpy 2.1.3, pandas 2.2.3, matplotlib
3.10.0, torch 2.11.0, torchvision 0.26.0, …, and no jedi. Two differences
remain: Python here is 3.11 where Colab runs 3.13, and torch/torchvision are
PyPI's builds of Colab's versions (the ``+cpu`` builds come from an index this
machine cannot reach).

Each notebook starts with d2l and the helpers uninstalled. Its install cell
installs them as in Colab, except that the source is a wheel of this checkout
(``D2LPLUS_SOURCE``) and pip reads a local folder of wheels instead of PyPI,
so the test runs offline. ``D2LPLUS_HEADLESS`` is unset, as in Colab: the live
widgets (ipywidgets 7) are built and the progress board animates. No cell may
fail except those tagged ``raises-exception``; afterwards ``pip freeze``
differs from before by d2l and d2lplus only.
"""

import json
import os
import subprocess
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

pytestmark = pytest.mark.colab

ROOT = Path(__file__).resolve().parents[1]
COLAB = ROOT / ".venv-colab"
COLAB_PY = COLAB / "bin" / "python"
WHEELS = ROOT / ".cache" / "colab-wheels"
NOTEBOOKS = sorted([*(ROOT / "chapters").glob("*/*.ipynb"), *(ROOT / "exercises").glob("*.ipynb"),
                    *(ROOT / "exercises" / "student").glob("*.ipynb")])
IDS = [str(p.relative_to(ROOT)) for p in NOTEBOOKS]
ADDED = {"d2l", "d2lplus"}
COLAB_PINS = {"ipython": "7.34.0", "traitlets": "5.7.1", "ipykernel": "6.17.1", "ipywidgets": "7.7.1"}


def freeze() -> dict[str, str]:
    out = subprocess.run([str(COLAB_PY), "-m", "pip", "freeze", "--all"], check=True, capture_output=True,
                         text=True, timeout=300).stdout
    packages = {}
    for line in out.splitlines():
        if "==" in line:
            name, version = line.split("==", 1)
        elif " @ " in line:
            name, version = line.split(" @ ", 1)
        else:
            continue
        packages[name.lower().replace("_", "-")] = version
    return packages


class WatchingClient(NotebookClient):
    """Counts ``clear_output`` messages per cell: a progress board that animates sends them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cleared: dict[int, int] = {}

    def clear_output(self, outs, msg, cell_index):
        self.cleared[cell_index] = self.cleared.get(cell_index, 0) + 1
        return super().clear_output(outs, msg, cell_index)


@pytest.fixture(scope="module")
def colab(tmp_path_factory):
    """The Colab environment as Colab has it, a wheel of the helpers, and a kernel spec for it."""
    if not COLAB_PY.exists():  # under CI the root conftest turns this skip into a failure
        pytest.skip(".venv-colab is missing: `make setup` builds it (tools/colab_env.py)")
    subprocess.run([str(COLAB_PY), "-m", "pip", "uninstall", "--yes", "--quiet", *ADDED],
                   check=True, capture_output=True, timeout=300)
    start = freeze()
    for name, version in COLAB_PINS.items():
        assert start.get(name) == version, f"{name} {start.get(name)} in .venv-colab, Colab has {version}"
    assert "jedi" not in start
    work = tmp_path_factory.mktemp("colab")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "VIRTUAL_ENV", "PYTHON", "D2LPLUS_HEADLESS"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_FIND_LINKS=str(WHEELS),
               PIP_DISABLE_PIP_VERSION_CHECK="1", PATH=f"{COLAB_PY.parent}{os.pathsep}{env.get('PATH', '')}")
    wheel_dir = work / "wheel"
    subprocess.run([str(COLAB_PY), "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheel_dir), str(ROOT)],
                   check=True, capture_output=True, env=env, timeout=600)
    env["D2LPLUS_SOURCE"] = str(next(wheel_dir.glob("d2lplus-*.whl")))
    kernels = work / "kernels" / "colab"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [str(COLAB_PY), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Colab's environment", "language": "python"}))
    results = {"ran": [], "start": start}
    yield {"env": env, "kernels": kernels.parent, "work": work, "start": start, "results": results}
    results["end"] = freeze()


def run(path: Path, colab: dict) -> tuple[nbformat.NotebookNode, WatchingClient]:
    nb = nbformat.read(path, as_version=4)
    km = KernelManager(kernel_name="colab", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(colab["kernels"])]))
    folder = colab["work"] / "-".join(path.relative_to(ROOT).with_suffix("").parts)
    folder.mkdir()
    client = WatchingClient(nb, km=km, timeout=900, store_widget_state=True,
                            resources={"metadata": {"path": str(folder)}})
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(colab["env"])  # the kernel inherits this environment
    try:
        client.execute()  # raises on a cell error, except in cells tagged raises-exception
    finally:
        os.environ.clear()
        os.environ.update(saved)
        if km.has_kernel:  # a kernel manager handed to the client is not shut down by it
            km.shutdown_kernel(now=True)
    return nb, client


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_in_colabs_environment_and_changes_nothing_there(path, colab, request):
    subprocess.run([str(COLAB_PY), "-m", "pip", "uninstall", "--yes", "--quiet", *ADDED],
                   check=True, capture_output=True, timeout=300)
    before = freeze()
    assert before == colab["start"], "the environment changed between notebooks"
    nb, client = run(path, colab)
    after = freeze()
    changed = sorted(name for name in before if after.get(name) != before[name])
    added = sorted(set(after) - set(before))
    assert changed == [], f"the notebook changed {changed}"
    assert added == sorted(ADDED), f"the notebook added {added}"
    assert after["d2l"] == "1.0.3"
    install = next(c for c in nb.cells if c.cell_type == "code")
    printed = "".join(o.get("text", "") for o in install.outputs)
    assert printed == "Ready: d2l and the course helpers are installed · 준비 완료\n"
    models = {m["model_name"] for m in
              nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
              .get("state", {}).values()}
    if path.stem.startswith(("3_4", "5_1", "5_2")):
        assert models, "no widget was built"
        assert "StackModel" not in models  # ipywidgets 7 has none: the live form is used
        if path.stem.startswith("3_4"):
            assert "FloatLogSliderModel" in models  # the live learning-rate control
    if path.stem.startswith(("3_2", "3_4", "4_4", "5_2")):
        assert max(client.cleared.values(), default=0) >= 1, "the progress board did not animate"
    colab["results"]["ran"].append(str(path.relative_to(ROOT)))
    request.config._colab_summary = colab["results"]


def test_every_notebook_ran_and_the_environment_is_colabs_again(colab, request):
    """Runs last in this module: the count, and IPython, traitlets and ipykernel as Colab has them."""
    ran = colab["results"]["ran"]
    assert len(ran) == len(NOTEBOOKS), f"only {len(ran)} of {len(NOTEBOOKS)} notebooks ran"
    end = freeze()
    for name, version in COLAB_PINS.items():
        assert end[name] == version
    assert "jedi" not in end
    assert sorted(set(end) - set(colab["start"])) == sorted(ADDED)
    request.config._colab_summary = dict(colab["results"], end=end)
