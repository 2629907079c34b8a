"""The first code cell of every notebook: install what Colab lacks, and nothing else.

The cell is generated from ``_config.yml`` (``repository.url`` and
``repository.branch``), the one place that names the repository, and checked
by the tests; ``python tools/notebooks.py install-cell`` rewrites it in every
notebook. It installs d2l 1.0.3 with ``--no-deps`` (its pins would downgrade
Colab's numpy, pandas, matplotlib and scipy) and this package, whose own
requirements Colab already meets, so nothing preinstalled changes.
Set ``D2LPLUS_SOURCE`` to install the helpers from elsewhere (a local checkout).
"""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATE = '''\
# Colab (or any fresh environment): install the course helpers. Does nothing where they are installed.
# Colab(또는 새 환경): 강의 도우미 패키지를 설치합니다. 이미 설치되어 있으면 아무것도 하지 않습니다.
import importlib.util, os, subprocess, sys
if importlib.util.find_spec("d2lplus") is None or importlib.util.find_spec("d2l") is None:
    source = os.environ.get("D2LPLUS_SOURCE", "git+{url}@{branch}")
    pip = [sys.executable, "-m", "pip", "install", "--quiet"]
    subprocess.run(pip + ["--no-deps", "d2l==1.0.3"], check=True)
    subprocess.run(pip + [source], check=True)'''


def repository(config: Path) -> tuple[str, str]:
    """``(url, branch)`` from the ``repository`` section of a Jupyter Book ``_config.yml``."""
    text = Path(config).read_text(encoding="utf-8")
    section = re.search(r"^repository:\n((?:[ \t]+.*\n?)+)", text, re.MULTILINE)
    if not section:
        raise ValueError(f"config has no repository section: {config}")
    fields = dict(re.findall(r"^[ \t]+(\w+):[ \t]*(.*?)[ \t]*$", section.group(1), re.MULTILINE))
    url, branch = fields.get("url", "").strip("'\""), fields.get("branch", "").strip("'\"")
    if not url.startswith("https://") or not branch:
        raise ValueError(f"config must set repository.url (https://…) and repository.branch: {config}")
    return url, branch


def install_cell(url: str, branch: str) -> str:
    """The source of the install cell for the repository ``url`` at ``branch``."""
    return TEMPLATE.format(url=url.rstrip("/"), branch=branch)
