"""Running the suite (nbval executes every notebook) leaves the working tree as it found it."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def status() -> list[str]:
    done = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip("not a git checkout")
    return sorted(done.stdout.splitlines())


@pytest.mark.after_notebooks
def test_executing_every_notebook_writes_nothing_outside_ignored_folders(request):
    before = request.config._git_status_at_start
    assert status() == before, "files appeared or changed while the notebooks ran"
