"""On a GPU runtime (Colab's) the trainer moves models to the GPU: nothing in a notebook may then break.

Two checks. A static one, everywhere: the code of every notebook is read for
the patterns that break once a model lives on a GPU — ``.numpy()`` without
``.cpu()`` in a notebook that trains, a tensor made without ``device=`` inside
a model's forward or loss, a trained model called on data not moved to its
device, plain tensors with ``requires_grad`` trained without ``num_gpus=0``,
and ``.cuda()`` itself. And a run, where PyTorch sees a GPU: every notebook
executed there; where there is none it is skipped, and says so.
"""

import ast
import os
import re
from pathlib import Path

import jupytext
import pytest
import torch
from nbclient import NotebookClient

import notebooks  # tools/notebooks.py: the one list of pages

ROOT = Path(__file__).resolve().parents[1]
SOURCES = notebooks.sources()
IDS = [str(p.relative_to(ROOT)) for p in SOURCES]
CONSTRUCTORS = {"zeros", "ones", "rand", "randn", "randint", "tensor", "arange", "empty", "full", "eye",
                "normal", "linspace"}
DEVICE_METHODS = {"forward", "loss", "training_step", "validation_step", "__call__"}


def code_of(md: Path) -> str:
    """The notebook's code cells as one Python module (IPython magics and shell lines dropped)."""
    cells = [c.source for c in jupytext.read(md).cells if c.cell_type == "code"]
    return "\n".join(line for cell in cells for line in cell.splitlines() if not line.lstrip().startswith(("%", "!")))


def called(node: ast.AST) -> str:
    return ast.unparse(node.func) if isinstance(node, ast.Call) else ""


def problems(code: str) -> list[str]:
    """What would break in this notebook on a GPU runtime (empty: nothing found)."""
    tree = ast.parse(code)
    found = []
    trainers = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and called(n).endswith("Trainer")]
    trains_on_gpu = any(not any(k.arg == "num_gpus" and ast.unparse(k.value) == "0" for k in t.keywords)
                        for t in trainers)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "cuda":
                found.append(f"line {node.lineno}: .cuda() — use d2lplus.try_gpu() and .to(device)")
            if node.func.attr == "numpy" and trains_on_gpu and ".cpu()" not in ast.unparse(node.func.value) \
                    and ".cpu()" not in ast.unparse(node):
                found.append(f"line {node.lineno}: .numpy() without .cpu() in a notebook that trains on the GPU")
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        for method in (m for m in cls.body if isinstance(m, ast.FunctionDef)):
            if method.name in DEVICE_METHODS:
                for node in ast.walk(method):
                    name = called(node)
                    if name.startswith("torch.") and name.split(".")[-1] in CONSTRUCTORS and \
                            not any(k.arg == "device" for k in node.keywords):
                        found.append(f"line {node.lineno}: {name}(…) in {cls.name}.{method.name} "
                                     f"makes a CPU tensor; pass device=")
            if method.name == "__init__" and trains_on_gpu:
                for node in ast.walk(method):
                    if isinstance(node, ast.Assign) and any(isinstance(t, ast.Attribute) for t in node.targets) \
                            and isinstance(node.value, ast.Call) and called(node.value).startswith("torch.") \
                            and any(k.arg == "requires_grad" for k in node.value.keywords):
                        found.append(f"line {node.lineno}: {cls.name} keeps a plain tensor with requires_grad; "
                                     f"use nn.Parameter or Trainer(..., num_gpus=0)")
    if trains_on_gpu:  # a model called on data after it was trained (and not replaced since)
        fits = [(n.lineno, ast.unparse(n.args[0])) for n in ast.walk(tree)
                if isinstance(n, ast.Call) and called(n).endswith(".fit") and n.args]
        assigned = [(n.lineno, ast.unparse(t)) for n in ast.walk(tree) if isinstance(n, ast.Assign) for t in n.targets]
        for node in ast.walk(tree):
            name = called(node)
            last_fit = max((line for line, n in fits if n == name and line < node.lineno), default=None)
            last_set = max((line for line, n in assigned if n == name and line < node.lineno), default=0)
            if last_fit is not None and last_fit > last_set and node.args and \
                    not re.search(r"\.to\(|try_gpu|device", ast.unparse(node)):
                found.append(f"line {node.lineno}: {ast.unparse(node)[:60]} calls a model that may be on the GPU "
                             f"with data that is not moved there")
    return found


@pytest.mark.parametrize("md", SOURCES, ids=IDS)
def test_nothing_breaks_when_the_model_is_on_a_gpu(md):
    assert problems(code_of(md)) == []


@pytest.mark.parametrize("code, expected", [
    ("t = d2lplus.Trainer(max_epochs=1)\nt.fit(model, data)\nmodel(X).argmax(1).numpy()",
     [".numpy() without .cpu()", "calls a model that may be on the GPU"]),
    ("t = d2lplus.Trainer(max_epochs=1)\nt.fit(model, data)\nmodel(X.to(model.W.device)).argmax(1).cpu().numpy()", []),
    ("t = d2lplus.Trainer(max_epochs=1, num_gpus=0)\nt.fit(model, data)\nmodel(X).numpy()", []),
    ("class M(d2l.Module):\n    def forward(self, X):\n        return X + torch.zeros(3)\n", ["makes a CPU tensor"]),
    ("class M(d2l.Module):\n    def forward(self, X):\n        return X + torch.zeros(3, device=X.device)\n", []),
    ("class M(d2l.Module):\n    def __init__(self):\n        self.w = torch.zeros(2, requires_grad=True)\n"
     "d2lplus.Trainer(max_epochs=1).fit(M(), data)", ["keeps a plain tensor"]),
    ("x = torch.ones(2).cuda()", [".cuda()"]),
])
def test_the_static_check_finds_what_breaks_on_a_gpu(code, expected):
    found = problems(code)
    assert len(found) == len(expected) and all(e in f for e, f in zip(expected, found, strict=True)), found


@pytest.mark.gpu
@pytest.mark.parametrize("md", SOURCES, ids=IDS)
def test_every_notebook_runs_on_a_gpu(md):
    if not torch.cuda.is_available():
        pytest.skip("no GPU here: the notebooks run on a GPU only where PyTorch sees one (the static check ran)")
    nb = jupytext.read(md)
    os.environ["D2LPLUS_HEADLESS"] = "1"
    NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(md.parent)}}).execute()


def test_a_simulated_gpu_is_a_gpu_to_the_helpers_and_the_cpu_to_torch(monkeypatch):
    import d2lplus

    monkeypatch.setenv("D2LPLUS_SIMULATE_GPU", "1")
    if torch.cuda.is_available():
        pytest.skip("a real GPU is here: nothing is simulated")
    assert d2lplus.num_gpus() == 1 and d2lplus.try_gpu() == torch.device("cpu")
    assert d2lplus.Trainer(max_epochs=1).gpus == [torch.device("cpu")]
    monkeypatch.setenv("D2LPLUS_SIMULATE_GPU", "0")
    assert d2lplus.num_gpus() == 0 and d2lplus.Trainer(max_epochs=1).gpus == []


def test_a_simulated_gpu_catches_a_model_that_cannot_move_to_a_gpu(monkeypatch):
    """Exercise 3.4.1 crashed on Colab's GPU: d2l's scratch model keeps plain tensors. Here it fails too."""
    from d2l import torch as d2l

    import d2lplus

    monkeypatch.setenv("D2LPLUS_SIMULATE_GPU", "1")
    if torch.cuda.is_available():
        pytest.skip("a real GPU is here: test_every_notebook_runs_on_a_gpu covers it")
    model = d2l.LinearRegressionScratch(2, lr=0.03)
    data = d2l.SyntheticRegressionData(w=torch.tensor([2.0, -3.4]), b=4.2, num_train=64, num_val=64)
    with pytest.raises(ValueError, match=r"model holds tensors that are not nn.Parameter \(w, b\)"):
        d2lplus.Trainer(max_epochs=1).fit(model, data)
    d2lplus.Trainer(max_epochs=1, num_gpus=0).fit(model, data)  # the CPU path the fix names still works


@pytest.mark.after_notebooks
def test_the_notebooks_ran_with_a_simulated_gpu(request):
    ran_notebooks = any(item.path.suffix == ".ipynb" for item in request.session.items)
    if ran_notebooks:  # (a run of the unit tests alone has nothing to check here)
        assert getattr(request.config, "_notebooks_saw_a_simulated_gpu", False)
