"""The built site in a real browser (Debian's chromium, no network): math, widgets, no outside requests."""

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

import pytest

from test_site import site  # noqa: F401  (the module-scoped fixture that builds the book)

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's chromium: `make setup` installs it")
        pytest.skip("no chromium here: `make setup` installs it where apt-get can")
    return found


@pytest.fixture(scope="module")
def server(site):  # noqa: F811
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Page:
    """A page opened with every request to another host refused and recorded, and errors collected."""

    def __init__(self, browser, url):
        self.outside, self.errors = [], []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.route("**/*", self._route)
        self.page.goto(url, wait_until="load")

    def _route(self, route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def visible_image(self, scope):
        """The src of the one figure the widget shows now."""
        self.page.wait_for_timeout(300)
        shown = [img for img in scope.locator("img").all() if img.is_visible()]
        assert len(shown) == 1, f"{len(shown)} figures visible"
        return shown[0].get_attribute("src")


def widget(page):
    box = page.page.locator(".jupyter-widgets.widget-vbox").first
    box.wait_for(state="visible", timeout=30000)
    return box


def move_slider(page, box, steps):
    handle = box.locator(".noUi-handle").first
    handle.focus()
    for _ in range(abs(steps)):
        handle.press("ArrowRight" if steps > 0 else "ArrowLeft")


def test_math_renders_and_nothing_comes_from_outside(browser, server):
    page = Page(browser, f"{server}/chapters/ch02/2_1_data_manipulation.html")
    page.page.wait_for_selector("mjx-container", timeout=30000)
    assert page.page.locator("mjx-container").count() >= 10
    assert page.outside == [] and page.errors == []


def test_learning_rate_slider_changes_the_figure_on_the_static_page(browser, server):
    page = Page(browser, f"{server}/chapters/ch03/3_4_linear_regression_scratch.html")
    box = widget(page)
    before = page.visible_image(box)
    move_slider(page, box, 5)  # 0.03 → 3: the diverging run
    assert page.visible_image(box) != before
    assert page.outside == [] and page.errors == []


def test_activation_and_alpha_change_the_figure_on_the_static_page(browser, server):
    page = Page(browser, f"{server}/chapters/ch05/5_1_mlp.html")
    box = widget(page)
    relu = page.visible_image(box)
    box.locator("select").first.select_option(label="pReLU")
    prelu = page.visible_image(box)
    assert prelu != relu
    move_slider(page, box, 3)
    assert page.visible_image(box) not in (relu, prelu)
    assert page.outside == [] and page.errors == []


def test_learning_rate_and_activation_change_the_figure_on_the_static_page(browser, server):
    page = Page(browser, f"{server}/chapters/ch05/5_2_mlp_implementation.html")
    box = widget(page)
    first = page.visible_image(box)
    move_slider(page, box, 1)
    second = page.visible_image(box)
    box.locator("select").first.select_option(label="tanh")
    assert len({first, second, page.visible_image(box)}) == 3
    assert page.outside == [] and page.errors == []
