"""Build the printable editions of the book: English, Korean and both languages.

    python tools/pdf.py [en] [ko] [both]      (default: all three; `make pdf`)

Each edition is Jupyter Book's own LaTeX route — ``jupyter-book build
--builder pdflatex``, XeLaTeX through latexmk — run with
``D2LPLUS_PDF_EDITION`` set, which ``_ext/pdf_edition.py`` reads. The books
land in ``_build/pdf/d2l-notes-<edition>.pdf`` (``make book`` copies them
into the website); the LaTeX sources and logs stay in
``_build/latex-<edition>/_build/latex/``. A build fails when XeLaTeX reports a
character missing from every font, or a reference it could not resolve.
The three build at once: each spends most of its time in single-threaded
XeLaTeX, so on two cores this takes about two minutes instead of three.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))
from pdf_edition import EDITIONS, pdf_name  # noqa: E402  (the editions and their file names, in one place)

OUT = ROOT / "_build" / "pdf"
JB = Path(sys.executable).parent / "jupyter-book"
# Problems XeLaTeX reports in its log without failing the run.
PROBLEMS = re.compile(r"^(Missing character: .*|LaTeX Warning: There were undefined references\.|"
                      r"LaTeX Warning: Reference .* undefined.*)$", re.MULTILINE)


def latex_dir(edition: str) -> Path:
    """Where the LaTeX sources, the log and the PDF of ``edition`` are built."""
    return ROOT / "_build" / f"latex-{edition}" / "_build" / "latex"


def pdf_path(edition: str) -> Path:
    return OUT / pdf_name(edition)


def problems(log: str) -> list[str]:
    """The log's missing characters and unresolved references (XeLaTeX does not fail on them)."""
    # XeTeX wraps its log at 79 columns: join the lines before matching.
    return PROBLEMS.findall(re.sub(r"(?m)^(.{79})\n", r"\1", log))


def build(edition: str) -> str:
    """Build one edition; return a one-line summary, or raise with the tail of the build's output."""
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {', '.join(EDITIONS)}; got {edition!r}")
    start = time.monotonic()
    out = latex_dir(edition)
    shutil.rmtree(out, ignore_errors=True)  # never report a PDF left over from an earlier run
    env = {**os.environ, "D2LPLUS_PDF_EDITION": edition, "LATEXMKOPTS": "-interaction=nonstopmode -halt-on-error"}
    done = subprocess.run([str(JB), "build", str(ROOT), "--builder", "pdflatex",
                           "--path-output", str(out.parents[1])],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    pdf = out / pdf_name(edition)
    log = pdf.with_suffix(".log")
    if done.returncode != 0 or not pdf.is_file():
        raise RuntimeError(f"the {edition} edition did not build (log: {log}):\n"
                           + (done.stdout[-3000:] + done.stderr[-3000:]))
    found = problems(log.read_text(encoding="utf-8", errors="replace"))
    if found:
        raise RuntimeError(f"the {edition} edition has {len(found)} problem(s) in {log}:\n" + "\n".join(found[:20]))
    OUT.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, pdf_path(edition))
    pages = re.search(r"Output written on .*?\((\d+) pages", log.read_text(encoding="utf-8", errors="replace"))
    return (f"{pdf_path(edition).relative_to(ROOT)}: {pages.group(1) if pages else '?'} pages, "
            f"{pdf.stat().st_size / 1e6:.1f} MB, {time.monotonic() - start:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("editions", nargs="*", metavar="EDITION", help="en, ko or both (default: all three)")
    editions = parser.parse_args(argv).editions or list(EDITIONS)
    wrong = [e for e in editions if e not in EDITIONS]
    if wrong:
        parser.error(f"EDITION must be one of {', '.join(EDITIONS)}; got {', '.join(wrong)}")
    for edition in editions:
        pdf_path(edition).unlink(missing_ok=True)
    failed = 0
    with ThreadPoolExecutor(max_workers=3) as pool:
        for future in [pool.submit(build, e) for e in editions]:
            try:
                print(f"pdf: {future.result()}", flush=True)
            except RuntimeError as error:
                print(f"pdf: {error}", file=sys.stderr, flush=True)
                failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
