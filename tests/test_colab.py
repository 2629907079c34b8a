"""The install cell: generated from _config.yml, first in every notebook, harmless where installed."""

from pathlib import Path

import pytest

from d2lplus.colab import install_cell, repository

ROOT = Path(__file__).resolve().parents[1]


def test_repository_comes_from_the_book_config():
    url, branch = repository(ROOT / "_config.yml")
    assert url.startswith("https://") and branch
    cell = install_cell(url, branch)
    assert f"git+{url}@{branch}" in cell
    assert '"--no-deps", "d2l==1.0.3"' in cell  # d2l's pins never reach a reader's environment
    compile(cell, "<install cell>", "exec")


def test_repository_requires_url_and_branch(tmp_path):
    config = tmp_path / "_config.yml"
    config.write_text("title: x\nrepository:\n  url: https://example.org/r\n")
    with pytest.raises(ValueError, match="repository.url .* and repository.branch"):
        repository(config)
    config.write_text("title: x\n")
    with pytest.raises(ValueError, match="no repository section"):
        repository(config)


def test_install_cell_does_nothing_when_the_helpers_are_installed():
    namespace: dict = {}
    url, branch = repository(ROOT / "_config.yml")
    exec(install_cell(url, branch), namespace)  # would call pip if anything were missing
    assert "source" not in namespace
