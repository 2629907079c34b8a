"""The code follows the project's lint settings, and the pre-commit hooks are what the tests run."""

import shlex
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def hooks() -> dict[str, list[str]]:
    """id → command of every hook in .pre-commit-config.yaml (all local: nothing is fetched)."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    return {hook["id"]: shlex.split(hook["entry"]) for repo in config["repos"] for hook in repo["hooks"]}


def test_ruff_finds_nothing():
    command = hooks()["ruff"]
    assert command[:4] == [".venv/bin/python", "-m", "ruff", "check"]
    done = subprocess.run([sys.executable, *command[1:]], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


def test_the_pre_commit_hooks_are_the_checks_the_suite_runs():
    """Each hook runs a check that a test here also runs, so a commit that passes its hooks passes those tests."""
    assert set(hooks()) == {"ruff", "notebooks-in-step"}
    assert hooks()["notebooks-in-step"][1:] == ["tools/notebooks.py", "check"]  # tests/test_notebooks.py: in step
