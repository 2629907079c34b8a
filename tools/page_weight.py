"""What each page of the built site weighs in a browser: HTML plus everything it loads, as served.

    python tools/page_weight.py [SITE_DIR]        (default _build/html; `make weight`)

Opens every page of the table of contents in Debian's chromium (playwright), waits until the
network is idle (MathJax fetches its fonts late), and adds up the bodies of every response:
uncompressed, and gzipped at level 9 per file, as GitHub Pages serves text files.
"""

from __future__ import annotations

import functools
import gzip
import shutil
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bookconfig import toc_pages  # tools/ is on sys.path: a script's own folder

ROOT = Path(__file__).resolve().parents[1]
# Budgets (issue 23): a page of text, and a page with an interactive figure, in bytes, uncompressed.
TEXT_BUDGET, WIDGET_BUDGET = 1_500_000, 3_500_000
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg", "application/xml")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_port}"


def weigh(browser, url: str) -> dict:
    """{'files': {path: (bytes, gzip bytes)}, 'bytes': total, 'gzip': total, 'widgets': bool} of one page."""
    files: dict[str, tuple[int, int]] = {}
    page = browser.new_page(viewport={"width": 1280, "height": 900})

    def record(response):
        if not response.url.startswith("http"):  # blob: and data: URLs hold bytes the page already has
            return
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            return
        kind = response.headers.get("content-type", "")
        packed = len(gzip.compress(body, 9)) if kind.startswith(COMPRESSED_TYPES) else len(body)
        files[response.url.split("?")[0].split("#")[0]] = (len(body), packed)

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    widgets = page.locator(".jupyter-widgets, script[type='application/vnd.jupyter.widget-state+json']").count() > 0
    page.close()
    return {"files": files, "bytes": sum(b for b, _ in files.values()),
            "gzip": sum(g for _, g in files.values()), "widgets": widgets}


def weigh_site(site: Path) -> dict[str, dict]:
    import playwright.sync_api as playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    httpd, base = serve(site)
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            weights = {name: weigh(browser, f"{base}/{name}.html") for name in toc_pages()}
            browser.close()
    finally:
        httpd.shutdown()
    return weights


def budget(weight: dict) -> int:
    return WIDGET_BUDGET if weight["widgets"] else TEXT_BUDGET


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "_build" / "html"
    weights = weigh_site(site)
    print(f"{'page':58} {'kind':6} {'loaded (MB)':>11} {'gzip (MB)':>9} {'budget':>6}")
    for name, w in weights.items():
        print(f"{name:58} {'widget' if w['widgets'] else 'text':6} {w['bytes'] / 1e6:11.2f} "
              f"{w['gzip'] / 1e6:9.2f} {budget(w) / 1e6:6.1f}")
    heaviest = max(weights.items(), key=lambda kv: kv[1]["bytes"])
    print(f"\nheaviest: {heaviest[0]}; its five largest files:")
    for url, (b, g) in sorted(heaviest[1]["files"].items(), key=lambda kv: -kv[1][0])[:5]:
        print(f"  {b / 1e6:6.2f} MB ({g / 1e6:.2f} gzip)  {url.split('/', 3)[-1]}")
    over = [name for name, w in weights.items() if w["bytes"] > budget(w)]
    print(f"\n{len(over)} of {len(weights)} pages over budget" + (f": {', '.join(over)}" if over else ""))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
