"""Run the whole suite as two pytest processes at once, so that both cores stay busy.   (make test)

    python tools/run_tests.py [extra pytest arguments, given to both parts]

Run one after the other, the suite leaves a core idle most of the time: a kernel
importing torch, Sphinx reading pages, XeLaTeX and pip are single-threaded.
So it runs in two parts, each a whole pytest session with its own fixtures:

- ``notebooks``: nbval over every stored notebook (the training ones under the
  second CPU kernel choice), the tests that read what nbval ran, and every
  notebook run in Colab's environment;
- ``rest``: everything else (unit tests, the planted regressions, the PDFs, the
  site, the browser).

No test is in both except ``tests/test_tree.py`` (each part checks that it left
the working tree as it found it). Each part writes its report to
``_build/tests/<part>.log``; the report is printed as soon as its part ends.
The exit status is 1 if either part failed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOGS = ROOT / "_build" / "tests"
# The files that read what nbval ran, and Colab's run of every notebook (about 4 minutes, so that the two
# parts take about as long); every other test file, the planted regressions among them, belongs to "rest".
NOTEBOOK_TESTS = ("tests/test_nbval_kernels.py", "tests/test_gpu.py", "tests/test_colab_notebooks.py")
PARTS = {
    "notebooks": ["chapters", "exercises", *NOTEBOOK_TESTS, "tests/test_tree.py"],
    "rest": ["tests", *(f"--ignore={path}" for path in NOTEBOOK_TESTS)],
}


def main(argv: list[str] | None = None) -> int:
    extra = list(sys.argv[1:] if argv is None else argv)
    LOGS.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    running = {}
    for name, args in PARTS.items():
        log = (LOGS / f"{name}.log").open("w", encoding="utf-8")
        running[name] = (subprocess.Popen([sys.executable, "-m", "pytest", *args, *extra], cwd=ROOT,
                                          stdout=log, stderr=subprocess.STDOUT), log)
    print(f"tests: {len(running)} parts at once ({', '.join(running)}); each report follows when its part ends",
          flush=True)
    failed = []
    while running:
        for name, (process, log) in list(running.items()):
            if process.poll() is None:
                continue
            log.close()
            del running[name]
            print(f"\n======== tests, part '{name}': exit {process.returncode} after "
                  f"{(time.monotonic() - start) / 60:.1f} min ========", flush=True)
            print((LOGS / f"{name}.log").read_text(encoding="utf-8"), flush=True)
            if process.returncode != 0:
                failed.append(name)
        time.sleep(1)
    total = (time.monotonic() - start) / 60
    print(f"tests: {'failed: ' + ', '.join(failed) if failed else 'both parts passed'} ({total:.1f} min in all)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
