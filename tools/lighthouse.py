"""Lighthouse scores of every page of the built site: accessibility, best practices, performance.

    python tools/lighthouse.py [SITE_DIR] [--json FILE]     (default _build/html; `make lighthouse`)

Serves the site on localhost and runs Lighthouse (npm, vendored in vendor/node_modules; version in
vendor/package.json) against Debian's chromium, headless, for every page of the table of contents,
with Lighthouse's default settings: a mid-range phone on a throttled network, simulated. Nothing is
fetched from another host. Prints a Markdown table (README's *Lighthouse* section is its output).
Exits non-zero if a page scores below 95 in accessibility or best practices (issue 23).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bookconfig import toc_pages  # tools/ is not a package: run as a script, its folder is on sys.path
from page_weight import ROOT, serve

LIGHTHOUSE = ROOT / "vendor" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices", "performance")
FLOOR = 95  # accessibility and best practices, every page


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise SystemExit("lighthouse: chromium not found (make browser installs it)")
    return found


def score(url: str, out: Path) -> dict[str, int]:
    """The page's scores, 0–100, one per category."""
    subprocess.run([str(LIGHTHOUSE), url, f"--only-categories={','.join(CATEGORIES)}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                    "--output=json", f"--output-path={out}", "--quiet"],
                   check=True, env={"CHROME_PATH": chromium(), "PATH": "/usr/bin:/bin"}, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    return {c: round(100 * report["categories"][c]["score"]) for c in CATEGORIES}


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--json")]
    json_out = next((Path(a.split("=", 1)[1]) for a in argv if a.startswith("--json=")), None)
    site = Path(args[0]) if args else ROOT / "_build" / "html"
    if not (site / "index.html").exists():
        raise SystemExit(f"lighthouse: {site} holds no built site (jupyter-book build . first)")
    if not LIGHTHOUSE.exists():
        raise SystemExit("lighthouse: vendor/node_modules has no lighthouse (make vendor installs it)")
    httpd, base = serve(site)
    rows, low = {}, []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for page in toc_pages():
                rows[page] = score(f"{base}/{page}.html", Path(tmp) / "report.json")
                low += [f"{page}: {c} {rows[page][c]}" for c in CATEGORIES[:2] if rows[page][c] < FLOOR]
                print(f"lighthouse: {page}: {rows[page]}", file=sys.stderr)
    finally:
        httpd.shutdown()
    print("| page | accessibility | best practices | performance |")
    print("|---|---:|---:|---:|")
    for page, s in rows.items():
        print(f"| {page} | {s['accessibility']} | {s['best-practices']} | {s['performance']} |")
    if json_out:
        json_out.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    if low:
        print("lighthouse: below " + str(FLOOR) + ":\n  " + "\n  ".join(low), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
