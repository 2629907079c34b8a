"""Fixtures shared by the site, link and browser tests."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"


@pytest.fixture(autouse=True)
def _undo_init_notebook():
    """No test depends on another's order: whatever init_notebook patched is put back after each test."""
    yield
    if "d2lplus" in sys.modules:
        sys.modules["d2lplus"].reset_notebook()


@pytest.fixture(scope="session")
def pdfs() -> dict[str, Path]:
    """Build the three printable editions once per test run (`make pdf`): edition → PDF."""
    if shutil.which("latexmk") is None:  # under CI the root conftest turns this skip into a failure
        pytest.skip("no TeX Live here: `make setup` installs it (as root, with apt-get)")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "pdf.py")], capture_output=True, text=True,
                          cwd=ROOT, timeout=1800)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return {e: ROOT / "_build" / "pdf" / f"d2l-notes-{e}.pdf" for e in ("en", "ko", "both")}


@pytest.fixture(scope="session")
def site(pdfs) -> Path:
    """Build the book once per test run (shared by the site, link and browser tests), warnings as errors.

    As `make book` does, after the PDFs: the site serves them and every page links them.
    """
    jb = Path(sys.executable).parent / "jupyter-book"
    done = subprocess.run([str(jb), "build", str(ROOT), "--warningiserror", "--keep-going"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return HTML
