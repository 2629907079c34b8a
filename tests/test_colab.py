"""The Colab path as files: the install cell, the requirements Colab must already meet, the freeze we test against.

What Colab runs is in ``tools/colab/pip-freeze-cpu.txt``, Colab's own published
``pip freeze`` (dated in ``tools/colab/README.md``); these tests hold the
package and the notebooks to it. ``test_colab_notebooks.py`` runs every
notebook in an environment built from it.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import tomllib
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
import bookconfig  # noqa: E402
import colab_env  # noqa: E402
import notebooks  # noqa: E402

NOTEBOOKS = notebooks.stored_notebooks()
SHARED = ROOT.parent / "shared" / "colab"
# Colab's published freezes: tools/colab file → (its name in googlecolab/backend-info, git blob id there
# at commit a724079, as `git ls-tree a72407924822ea377410b69f0a290150bcb5c9c2` lists them).
PUBLISHED = {"pip-freeze-cpu.txt": ("pip-freeze.txt", "76bad008f8ceb23af821d5d5b5136d3a3fa2bf54"),
             "pip-freeze-gpu.txt": ("pip-freeze.gpu.txt", "70a0dd998b2704d4210bd8d7f1370ee8acb90879")}


def requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(r) for r in project["dependencies"]]


def test_the_freeze_is_colabs_published_one():
    """tools/colab holds Colab's published files byte for byte: git hashes them to the blobs of
    googlecolab/backend-info at the commit tools/colab/README.md names."""
    for ours, (theirs, blob) in PUBLISHED.items():
        path = ROOT / "tools" / "colab" / ours
        hashed = subprocess.run(["git", "hash-object", str(path)], capture_output=True, text=True,
                                check=True, timeout=60).stdout.strip()
        assert hashed == blob, f"tools/colab/{ours} is not {theirs} of googlecolab/backend-info at a724079"


def packages(freeze: Path) -> list[str]:
    """The lines of a ``pip freeze`` listing, without its comments."""
    return [line for line in freeze.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def test_the_freeze_is_the_one_the_team_keeps():
    """The team's ../shared/colab lists the same packages (its copies leave out Colab's header
    comment): when the team moves to a newer freeze, this fails until tools/colab follows."""
    if not SHARED.is_dir():
        if os.environ.get("GITHUB_ACTIONS") == "true":
            return  # a fork's runner has no team folder; test_the_freeze_is_colabs_published_one still holds
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing: CI runs with ../shared beside the project")
        pytest.skip("../shared/colab is not beside this checkout (it is in CI)")
    for name in PUBLISHED:
        assert packages(ROOT / "tools" / "colab" / name) == packages(SHARED / name), name


@pytest.mark.parametrize("freeze", ["pip-freeze-cpu.txt", "pip-freeze-gpu.txt"])
def test_colab_already_meets_every_declared_requirement(freeze):
    """Lower bounds at or below Colab's versions: installing the helpers never needs to change Colab."""
    versions = colab_env.read_freeze(ROOT / "tools" / "colab" / freeze)
    for requirement in requirements():
        name = colab_env.normalize(requirement.name)
        assert name in versions, f"{requirement.name} is not in Colab's runtime"
        assert requirement.specifier.contains(versions[name], prereleases=True), \
            f"Colab has {name}=={versions[name]}, which does not satisfy {requirement}"


def test_the_requirement_check_would_catch_a_freeze_that_breaks_them(tmp_path):
    freeze = tmp_path / "freeze.txt"
    freeze.write_text("ipython==7.34.0\n")
    versions = colab_env.read_freeze(freeze)
    assert not Requirement("ipython>=8.0").specifier.contains(versions["ipython"])
    assert Requirement("ipython>=7.34").specifier.contains(versions["ipython"])


def test_freeze_reader_takes_versions_from_urls():
    versions = colab_env.read_freeze()
    assert versions["torch"] == "2.11.0" and versions["torchvision"] == "0.26.0"
    assert versions["ipython"] == "7.34.0" and "jedi" not in versions


def test_book_config_is_read_with_a_yaml_parser(tmp_path):
    config = tmp_path / "_config.yml"
    config.write_text("title: x\n# where the notes live\nrepository:\n\n  # the fork\n  url: 'https://github.com/a/b'\n"
                      "  branch: dev   # the published branch\nhtml:\n  baseurl: https://a.github.io/b\n")
    book = bookconfig.load(config)
    assert (book.url, book.branch, book.site) == ("https://github.com/a/b", "dev", "https://a.github.io/b/")
    assert book.colab_url("exercises/student/ch02_exercises.ipynb") == \
        "https://colab.research.google.com/github/a/b/blob/dev/exercises/student/ch02_exercises.ipynb"
    config.write_text("title: x\nrepository:\n  url: https://github.com/a/b\nhtml:\n  baseurl: https://a.github.io/b\n")
    with pytest.raises(ValueError, match=r"repository.url .* and repository.branch"):
        bookconfig.load(config)
    config.write_text("title: x\n")
    with pytest.raises(ValueError, match="no repository section"):
        bookconfig.load(config)
    config.write_text("repository:\n  url: https://github.com/a/b\n  branch: main\n")
    with pytest.raises(ValueError, match="html.baseurl"):
        bookconfig.load(config)


def test_reading_the_config_imports_neither_torch_nor_d2l():
    code = ("import sys, bookconfig; bookconfig.load(); "
            "print(sorted(m for m in ('torch', 'd2l', 'd2lplus') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "tools", capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(ROOT)) for p in NOTEBOOKS])
def test_install_cell_is_a_collapsed_form_in_colab(path):
    """What Colab reads: the cell's metadata (cellView) and its #@title line."""
    cell = next(c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    assert cell.metadata.get("cellView") == "form"
    first = cell.source.splitlines()[0]
    assert re.fullmatch(r'#@title .+ \{ display-mode: "form" \}', first), first
    assert cell.source == bookconfig.load().install_cell()
    assert "remove-cell" in cell.metadata.get("tags", [])  # on the website it means nothing
    if cell.get("outputs"):
        printed = [o.get("text") for o in cell.outputs]
        assert printed == ["Ready: d2l and the course helpers are installed · 준비 완료\n"]


def test_install_cell_installs_with_no_dependencies():
    """--no-deps on every install: nothing Colab has can be upgraded, and nothing (jedi) pulled in."""
    cell = bookconfig.load().install_cell()
    installs = re.findall(r"subprocess\.run\((\[[^\]]*\])", cell)
    assert installs and all('"install"' in call and '"--no-deps"' in call for call in installs)
    assert '"d2l==1.0.3"' in cell


def test_install_cell_does_nothing_where_the_helpers_are_installed(monkeypatch, capsys):
    def no_pip(*args, **kwargs):
        raise AssertionError("pip was called although d2l and d2lplus are installed")

    cell = bookconfig.load().install_cell()  # (reads git) before pip is forbidden
    monkeypatch.setattr(subprocess, "run", no_pip)
    exec(cell, {})
    assert capsys.readouterr().out == "Ready: d2l and the course helpers are installed · 준비 완료\n"
