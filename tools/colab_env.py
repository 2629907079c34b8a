"""Build a virtual environment that holds what Google Colab's CPU runtime holds, at Colab's versions.

    python tools/colab_env.py build VENV     create VENV from Colab's published pip freeze
    python tools/colab_env.py packages       print the packages (name==version) it would install

The source is ``tools/colab/pip-freeze-cpu.txt``, Colab's own ``pip freeze``
(``tools/colab/README.md`` says when and where it was published). From it we
take the helpers' dependencies (``pyproject.toml``, which covers what the
notebooks and d2l import) and Colab's Jupyter stack (``ROOTS``), then every
package those need *as Colab has them*: pip resolves the roots with the whole
freeze as constraints, and whatever it would add that
Colab does not have (IPython 7 declares ``jedi``; Colab has none) is left out.
Everything is then installed with ``--no-deps`` at exactly the freeze's
versions, so the environment is Colab's and nothing else.

Two differences remain, both stated in the tests that use the environment:
Python here is 3.11 (Colab runs 3.13), and torch/torchvision are PyPI's builds
of Colab's versions (Colab's CPU runtime installs the ``+cpu`` builds from
PyTorch's own index, which this machine cannot reach); PyPI's Linux build of
torch brings its CUDA libraries (``nvidia-*``, ``cuda-*``, ``triton``), which run
on the CPU here exactly as the GPU runtime's do.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
FREEZE = ROOT / "tools" / "colab" / "pip-freeze-cpu.txt"

# The helpers' dependencies (one list: pyproject.toml; d2l and the notebooks import nothing else) and the
# Jupyter stack a Colab kernel runs on.
_DEPENDENCIES = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
ROOTS = (*(re.split(r"[<>=!~ \[;]", d, maxsplit=1)[0] for d in _DEPENDENCIES),
         "ipykernel", "jupyter_client", "jupyter_core", "widgetsnbextension", "jupyterlab_widgets",
         "pip", "setuptools", "wheel")
# PyPI's torch for Linux carries its CUDA runtime as separate packages; Colab's +cpu build does not.
TORCH_CUDA_RUNTIME = re.compile(r"^(nvidia-.*|cuda-.*|triton)$")


def normalize(name: str) -> str:
    """A distribution name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_freeze(path: Path = FREEZE) -> dict[str, str]:
    """``{normalized name: version}`` of a ``pip freeze`` listing; URL lines give the version in the file name."""
    versions = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "==" in line:
            name, version = line.split("==", 1)
        elif " @ " in line:
            name, url = line.split(" @ ", 1)
            match = re.search(rf"/{re.escape(name)}-([0-9][^-/]*?)(?:%2B[^-]*)?-", url, re.IGNORECASE)
            if not match:
                continue  # a source tree or git checkout (google-colab, a kernel gateway): no version to pin
            version = match.group(1)
        else:
            continue
        versions[normalize(name)] = version
    return versions


def resolve(freeze: dict[str, str]) -> tuple[list[str], list[str]]:
    """The packages to install (``name==version``) and the ones pip would add that Colab lacks."""
    with tempfile.TemporaryDirectory() as tmp:
        constraints = Path(tmp) / "constraints.txt"
        constraints.write_text("".join(f"{n}=={v}\n" for n, v in sorted(freeze.items())
                                       if not TORCH_CUDA_RUNTIME.match(n)))
        report = Path(tmp) / "report.json"
        subprocess.run([sys.executable, "-m", "pip", "--isolated", "--disable-pip-version-check", "install",
                        "--quiet", "--dry-run", "--ignore-installed", "--report", str(report),
                        "-c", str(constraints), *(f"{n}=={freeze[normalize(n)]}" for n in ROOTS)],
                       check=True, timeout=1800)
        chosen = json.loads(report.read_text())["install"]
    keep, left_out = [], []
    for item in chosen:
        name, version = normalize(item["metadata"]["name"]), item["metadata"]["version"]
        if name in freeze or TORCH_CUDA_RUNTIME.match(name):
            keep.append(f"{name}=={version}")
        else:
            left_out.append(f"{name}=={version}")
    return sorted(keep), sorted(left_out)


def build(venv: Path) -> None:
    """Create ``venv`` holding Colab's packages and nothing else; record the list in ``venv/colab-packages.txt``."""
    freeze = read_freeze()
    keep, left_out = resolve(freeze)
    if not (venv / "pyvenv.cfg").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=600)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "--isolated", "--disable-pip-version-check", "install",
                    "--quiet", "--no-deps", *keep], check=True, timeout=3600)
    (venv / "colab-packages.txt").write_text("\n".join(keep) + "\n")
    print(f"colab-env: {len(keep)} packages at Colab's versions; left out (not in Colab): "
          f"{', '.join(left_out) or 'nothing'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build").add_argument("venv", type=Path)
    sub.add_parser("packages")
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.venv)
    else:
        keep, left_out = resolve(read_freeze())
        print("\n".join(keep))
        print(f"# left out (not in Colab): {', '.join(left_out) or 'nothing'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
