"""Colab-safe install: a notebook's first cell adds the helpers and d2l, and changes nothing else.

`make setup` builds `.venv-colab` holding only what Colab preinstalls
(tests/colab-preinstalled.txt: torch, torchvision, numpy, pandas, matplotlib,
ipywidgets 7, scipy, requests, ipykernel) — no project, no d2l. This test
runs a chapter's stored .ipynb top to bottom in a kernel of that
environment, install cell included, with the install source pointed at this
checkout (D2LPLUS_SOURCE) and pip limited to a local folder of wheels, and
compares `pip freeze` before and after.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
COLAB_PY = ROOT / ".venv-colab" / "bin" / "python"
WHEELS = ROOT / ".cache" / "colab-wheels"
NOTEBOOK = ROOT / "chapters" / "ch02" / "2_1_data_manipulation.ipynb"


def freeze() -> set[str]:
    out = subprocess.run([str(COLAB_PY), "-m", "pip", "freeze", "--all"], check=True,
                         capture_output=True, text=True).stdout
    return {line for line in out.splitlines() if line and not line.startswith("#")}


@pytest.fixture
def colab_env():
    if not COLAB_PY.exists():
        if os.environ.get("CI"):
            pytest.fail(".venv-colab is missing: `make setup` builds it")
        pytest.skip(".venv-colab is missing: run `make setup`")
    # Start from what Colab has: remove what an earlier run of this test installed.
    subprocess.run([str(COLAB_PY), "-m", "pip", "uninstall", "--yes", "--quiet", "d2l", "d2lplus"],
                   check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV", "PYTHON"))}
    env.update(D2LPLUS_SOURCE=str(ROOT), D2LPLUS_HEADLESS="1", PIP_CONFIG_FILE=os.devnull,
               PIP_NO_INDEX="1", PIP_FIND_LINKS=str(WHEELS), PIP_DISABLE_PIP_VERSION_CHECK="1",
               PATH=f"{COLAB_PY.parent}{os.pathsep}{env.get('PATH', '')}")
    return env


def test_install_cell_adds_only_the_helpers_and_d2l(colab_env, tmp_path):
    before = freeze()
    assert not any(line.startswith(("d2l==", "d2lplus")) for line in before)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    kernels = tmp_path / "kernels" / "colab"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [str(COLAB_PY), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Colab-like Python", "language": "python"}))
    km = KernelManager(kernel_name="colab",
                       kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels.parent)]))
    client = NotebookClient(nb, km=km, timeout=600, resources={"metadata": {"path": str(tmp_path)}})
    old_env = dict(os.environ)
    os.environ.clear()
    os.environ.update(colab_env)  # the kernel inherits this environment
    try:
        client.execute()  # raises on any cell error (except those tagged raises-exception)
    finally:
        os.environ.clear()
        os.environ.update(old_env)
    after = freeze()
    assert before - after == set(), f"changed by the install cell: {sorted(before - after)}"
    added = sorted(after - before)
    assert [line.split("==")[0].split(" @ ")[0] for line in added] == ["d2l", "d2lplus"], added
    assert "d2l==1.0.3" in added
    text = [o.get("data", {}).get("text/plain", "") for c in nb.cells if c.cell_type == "code"
            for o in c.outputs]
    assert any("tensor([ 0.,  1.,  2.," in t for t in text)  # the chapter really ran
    assert sys.executable not in "".join(map(str, text))
