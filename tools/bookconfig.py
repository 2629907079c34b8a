"""What the book's ``_config.yml`` says about where the notes live, and what follows from it.

``_config.yml`` is the one place that names the repository (``repository.url``,
``repository.branch``) and the published site (``html.baseurl``). From them
come the install cell at the top of every notebook (which pins the helpers to
the last commit that changed them, ``helpers_commit``), the links between pages
(absolute, so that they work in Colab as well as on the site) and the Colab
links of the student notebooks. Reading the config imports neither torch nor
d2l: this is tooling, not part of the package readers import.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "_config.yml"
COLAB = "https://colab.research.google.com/github"

INSTALL_CELL = '''\
#@title Set-up: install d2l and the course helpers · 준비: d2l과 강의 도우미 설치 {{ display-mode: "form" }}
# Adds d2l 1.0.3 and the helpers with --no-deps, so what the runtime already has (Colab's IPython 7.34,
# numpy, torch, ...) stays exactly as it is. Does nothing where both are installed.
# The helpers are pinned to the commit this notebook was executed with.
# d2l 1.0.3과 도우미를 --no-deps로 설치하므로 이미 있는 패키지(Colab의 IPython 7.34, numpy, torch 등)는
# 그대로 남습니다. 둘 다 설치되어 있으면 아무것도 하지 않습니다. 도우미는 이 노트북을 실행한 커밋으로 고정됩니다.
import importlib.util, os, subprocess, sys
if importlib.util.find_spec("d2lplus") is None or importlib.util.find_spec("d2l") is None:
    source = os.environ.get("D2LPLUS_SOURCE", "git+{url}@{pin}")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "d2l==1.0.3", source],
                   check=True)
print("Ready: d2l and the course helpers are installed · 준비 완료")'''


@dataclass(frozen=True)
class Book:
    """The repository and the published site of the notes."""

    url: str       # https://github.com/OWNER/NAME
    branch: str
    site: str      # the published site's base URL, ending in "/"
    path_to_book: str = ""

    @property
    def owner_repo(self) -> str:
        return self.url.removeprefix("https://github.com/").strip("/")

    def page_url(self, page: str, anchor: str = "") -> str:
        """The published URL of ``page`` (a path without suffix, e.g. ``chapters/ch02/2_1_data_manipulation``)."""
        return f"{self.site}{page}.html" + (f"#{anchor}" if anchor else "")

    def colab_url(self, notebook: str) -> str:
        """The URL that opens ``notebook`` (a path in the repository, ``….ipynb``) in Colab."""
        path = "/".join(p for p in (self.path_to_book.strip("/"), notebook) if p)
        return f"{COLAB}/{self.owner_repo}/blob/{self.branch}/{path}"

    def install_cell(self, pin: str | None = None) -> str:
        """The source of the first code cell of every notebook; the helpers pinned to ``pin``
        (default: ``helpers_commit()``, the helpers the notebooks are executed with)."""
        return INSTALL_CELL.format(url=self.url.rstrip("/"), pin=pin or helpers_commit())


HELPERS = ("src", "pyproject.toml")  # what the install cell installs from the repository


def _git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"git {' '.join(args)} failed in {ROOT}: {done.stderr.strip()}")
    return done.stdout.strip()


def helpers_commit() -> str:
    """The last commit that changed the helpers (``src/``, ``pyproject.toml``): what the install cell pins.

    A notebook stored today then installs in Colab exactly the helpers it was
    executed with, not whatever the branch holds tomorrow. Needs the full
    history (a shallow clone would name its own tip).
    """
    if _git("rev-parse", "--is-shallow-repository") == "true":
        raise RuntimeError("the install cell pins the helpers' last commit: needs the full history (not shallow)")
    commit = _git("log", "-1", "--format=%H", "--", *HELPERS)
    if not commit:
        raise RuntimeError(f"no commit has changed {', '.join(HELPERS)} yet: commit the helpers first")
    return commit


def helpers_changed_since(commit: str) -> list[str]:
    """Files of the helpers that differ, in the work tree, from ``commit`` (empty: the pin holds)."""
    return [line for line in _git("diff", "--name-only", commit, "--", *HELPERS).splitlines() if line]


def load(config: Path = CONFIG) -> Book:
    """Read ``repository`` and ``html.baseurl`` from a Jupyter Book ``_config.yml``."""
    data = yaml.safe_load(Path(config).read_text(encoding="utf-8")) or {}
    repository = data.get("repository")
    if not isinstance(repository, dict):
        raise ValueError(f"config has no repository section: {config}")
    url, branch = str(repository.get("url") or ""), str(repository.get("branch") or "")
    if not url.startswith("https://github.com/") or not branch:
        raise ValueError(f"config must set repository.url (https://github.com/OWNER/NAME) and "
                         f"repository.branch: {config}")
    site = str((data.get("html") or {}).get("baseurl") or "")
    if not site.startswith("https://"):
        raise ValueError(f"config must set html.baseurl, the published site (https://…/): {config}")
    return Book(url=url.rstrip("/"), branch=branch, site=site.rstrip("/") + "/",
                path_to_book=str(repository.get("path_to_book") or ""))


def toc_pages(toc: Path = ROOT / "_toc.yml") -> list[str]:
    """Every page of the book in ``_toc.yml``'s order, as paths without suffix: the landing page first."""
    data = yaml.safe_load(Path(toc).read_text(encoding="utf-8"))
    return [data["root"]] + [entry["file"] for part in data.get("parts", []) for entry in part["chapters"]]
