"""The built site in a real browser (Debian's chromium, no network): math, widgets, no outside requests."""

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

import playwright.sync_api as playwright  # noqa: E402  (pinned in requirements.txt)
import pytest

import page_weight
from bookconfig import toc_pages
from d2lplus.widgets import LR_GRID

TO_THREE = LR_GRID.index(3.0) - LR_GRID.index(0.03)  # slider steps from 3.4's starting rate to 3
from test_site import ROOT

pytestmark = [pytest.mark.site, pytest.mark.browser]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's chromium: `make setup` installs it")
        pytest.skip("no chromium here: `make setup` installs it where apt-get can")
    return found


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(QuietHandler, directory=str(site))
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


AXE = ROOT / "vendor" / "node_modules" / "axe-core" / "axe.min.js"  # `make vendor` installs it (npm)


def _axe_version() -> str:
    import json

    return json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))["version"] if AXE.exists() else "?"


AXE_VERSION = _axe_version()


def axe_violations(p, impacts) -> list[str]:
    """What axe-core finds on the page at the given impacts: rule, count of elements, first element."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("CI needs axe-core: `make vendor` installs it from npm")
        pytest.skip("no axe-core here: `make vendor` installs it")
    p.add_script_tag(path=str(AXE))
    found = p.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => ({id: v.id, impact: v.impact, n: v.nodes.length, first: v.nodes[0].target.join(' ')}))""")
    return [f"{v['id']} ({v['impact']}, {v['n']}×, e.g. {v['first']})" for v in found if v["impact"] in impacts]


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
    """Math is MathML typeset at build time (_ext/static_math.py), laid out by the browser as math:
    a fraction stands taller than the text line beside it and its bar lies between its parts."""
    page = Page(browser, f"{server}/chapters/ch02/2_4_calculus.html")
    p = page.page
    assert p.locator("main math").count() >= 50
    fraction = p.evaluate("""() => {
        const frac = document.querySelector('main div.math mfrac');
        const [top, bottom] = Array.from(frac.children).map(c => c.getBoundingClientRect());
        const line = parseFloat(getComputedStyle(document.querySelector('main p')).lineHeight);
        return {height: frac.getBoundingClientRect().height, line: line, stacked: top.bottom <= bottom.top + 1};
    }""")
    assert fraction["stacked"] and fraction["height"] > 1.2 * fraction["line"], fraction
    assert page.outside == [] and page.errors == []


def test_learning_rate_slider_changes_the_figure_on_the_static_page(browser, server):
    page = Page(browser, f"{server}/chapters/ch03/3_4_linear_regression_scratch.html")
    box = widget(page)
    before = page.visible_image(box)
    move_slider(page, box, TO_THREE)  # 0.03 → 3: the diverging run
    assert page.visible_image(box) != before
    assert page.outside == [] and page.errors == []


def test_a_screen_reader_hears_the_slider_and_the_figure_it_chose(browser, server):
    """The slider's handle is named by its label and says its value; the figure's alt text follows it."""
    page = Page(browser, f"{server}/chapters/ch03/3_4_linear_regression_scratch.html")
    box = widget(page)
    handle = box.locator(".noUi-handle").first

    def shown_alt():
        page.page.wait_for_timeout(300)
        return next(img.get_attribute("alt") for img in box.locator("img").all() if img.is_visible())

    assert handle.get_attribute("aria-label") == "learning rate"
    before, value_before = shown_alt(), handle.get_attribute("aria-valuetext")
    assert "lr = 0.03" in before and value_before == "0.03"
    move_slider(page, box, TO_THREE)  # 0.03 → 3: the diverging run
    after = shown_alt()
    assert "lr = 3" in after and "diverged" in after and handle.get_attribute("aria-valuetext") == "3"


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


def test_report_a_problem_link_opens_a_filled_in_issue_and_nothing_is_requested_before_a_click(browser, server):
    """The link is on the page, names the page, and loading the page sent nothing to GitHub."""
    from urllib.parse import parse_qs, urlsplit

    from test_site import bookconfig

    book = bookconfig.load()
    page = Page(browser, f"{server}/chapters/ch05/5_1_mlp.html")
    requested = []
    page.page.on("request", lambda request: requested.append(request.url))
    page.page.wait_for_timeout(1000)
    link = page.page.locator("a.report-problem-link")
    assert link.count() == 1
    assert link.is_visible() and link.inner_text().strip() == "Report a problem · 문제 신고"
    href = link.get_attribute("href")
    assert href.startswith(f"{book.url}/issues/new?title=")
    fields = parse_qs(urlsplit(href).query)
    assert "chapters/ch05/5_1_mlp.html" in fields["title"][0] and "5.1" in fields["title"][0]
    assert "Path: chapters/ch05/5_1_mlp.html" in fields["body"][0]
    seen = page.outside + [url for url in requested if urlparse(url).hostname not in (None, "127.0.0.1")]
    assert not [url for url in seen if "github" in (urlparse(url).hostname or "")], seen
    assert page.outside == [] and page.errors == []


SCREENSHOTS = ROOT / "_build" / "screenshots"
WIDGET_PAGES = {"chapters/ch03/3_4_linear_regression_scratch", "chapters/ch05/5_1_mlp",
                "chapters/ch05/5_2_mlp_implementation"}


@pytest.mark.parametrize("name", toc_pages())
def test_every_page_loads_cleanly(browser, server, name):
    """No console error, no outside request, math typeset, every image loaded and described."""
    page = Page(browser, f"{server}/{name}.html")
    p = page.page
    assert p.locator("main .math:not(:has(math))").count() == 0, "a formula left as TeX"
    p.wait_for_timeout(500)
    text = p.evaluate("""() => { const main = document.querySelector('main').cloneNode(true);
        main.querySelectorAll('pre, code, script, math, .cell_output').forEach(e => e.remove());
        return main.innerText; }""")
    assert "$$" not in text and "\\(" not in text, "raw TeX left on the page"
    images = p.evaluate("""() => Array.from(document.querySelectorAll('main img')).map(img => ({
        src: img.getAttribute('src'), alt: img.getAttribute('alt') || '',
        loaded: img.complete && img.naturalWidth > 0, widget: !!img.closest('.jupyter-widgets')}))""")
    for image in images:
        assert image["loaded"], f"image not loaded: {image['src'][:80]}"
        assert image["alt"] and image["alt"] != image["src"], f"no alt text for {image['src'][:80]}"
    problems = axe_violations(p, ("serious", "critical"))
    assert problems == [], f"axe-core {AXE_VERSION}: " + "; ".join(problems)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    p.screenshot(path=str(SCREENSHOTS / f"{name.replace('/', '__')}.png"), full_page=True)
    assert page.outside == [], page.outside
    assert page.errors == [], page.errors


def test_every_page_keeps_to_its_weight_budget(browser, server):
    """All that a page loads, as the browser fetched it: at most 1.5 MB for a page of text and 3.5 MB
    for a page with a widget (issue 23; `make weight` prints the table)."""
    weights = {name: page_weight.weigh(browser, f"{server}/{name}.html") for name in toc_pages()}
    over = {name: f"{w['bytes'] / 1e6:.2f} MB > {page_weight.budget(w) / 1e6:g} MB"
            for name, w in weights.items() if w["bytes"] > page_weight.budget(w)}
    assert not over, over
    assert {name for name, w in weights.items() if w["widgets"]} == WIDGET_PAGES
    for name, w in weights.items():
        loaded = " ".join(w["files"])
        assert "mathjax" not in loaded.lower() and "fontawesome.js" not in loaded and "searchindex" not in loaded, name


def visible_paragraphs(p, cls):
    return p.evaluate(f"""() => Array.from(document.querySelectorAll('main .{cls}'))
        .filter(e => e.offsetParent !== null).length""")


def test_language_view_is_chosen_once_and_kept_across_pages(browser, server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    p.goto(f"{server}/chapters/ch02/2_1_data_manipulation.html")
    p.wait_for_selector("main math", state="attached")
    assert visible_paragraphs(p, "lang-en") > 10 and visible_paragraphs(p, "lang-ko") > 10  # both by default
    p.screenshot(path=str(SCREENSHOTS / "view-both__2_1.png"))
    p.click(".lang-switch button[value=ko]")
    assert visible_paragraphs(p, "lang-en") == 0 and visible_paragraphs(p, "lang-ko") > 10
    assert p.locator("article.bd-article h1").first.is_visible()
    assert p.locator("main div.cell:not(.tag_hide-input) .cell_input").first.is_visible()  # code stays
    p.screenshot(path=str(SCREENSHOTS / "view-ko__2_1.png"))
    p.goto(f"{server}/chapters/ch05/5_1_mlp.html")  # the choice is remembered
    p.wait_for_selector(".lang-switch")
    assert p.get_attribute("html", "data-lang-view") == "ko"
    assert visible_paragraphs(p, "lang-en") == 0 and visible_paragraphs(p, "lang-ko") > 5
    assert p.locator(".lang-switch button[value=ko]").get_attribute("aria-pressed") == "true"
    assert p.locator("main div.math math").first.is_visible()  # display equations stay
    p.screenshot(path=str(SCREENSHOTS / "view-ko__5_1.png"))
    p.click(".lang-switch button[value=en]")
    assert visible_paragraphs(p, "lang-ko") == 0 and visible_paragraphs(p, "lang-en") > 5
    p.screenshot(path=str(SCREENSHOTS / "view-en__5_1.png"))
    p.click(".lang-switch button[value=both]")
    assert visible_paragraphs(p, "lang-ko") > 5 and visible_paragraphs(p, "lang-en") > 5
    context.close()


def search(browser, server, query):
    page = Page(browser, f"{server}/search.html?q={query}")
    page.page.wait_for_selector("#search-results ul.search li", timeout=30000)
    links = page.page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(e => e.href)")
    assert page.outside == []
    return [link for link in links if link.endswith(".html") or ".html#" in link]


@pytest.mark.parametrize("query, page_name, rank", [
    ("역전파", "5_3_backprop", 2),
    ("backpropagation", "5_3_backprop", 3),
    ("텐서", "2_1_data_manipulation", 5),
    ("tensor", "2_1_data_manipulation", 5),
])
def test_search_finds_pages_by_english_and_korean_words(browser, server, query, page_name, rank):
    links = search(browser, server, query)
    assert any(page_name in link for link in links[:rank]), links[:8]


SPLIT_KOREAN_WORDS = """() => {
    // Every visible Hangul word (a run between spaces in one text node) must sit on one line.
    const split = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const word = /[^\\s]*[\\uac00-\\ud7a3][^\\s]*/g;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest('script, style, math, .lang-switch')) continue;
        let m;
        while ((m = word.exec(node.data)) !== null) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0)
                                 .map(r => Math.round(r.top)));
            if (tops.size > 1) split.push(m[0]);
        }
    }
    return split;
}"""


SPLIT_WIDTHS, PHONE_WIDTHS = (390, 768, 1280), (360, 390)


@pytest.fixture(scope="module")
def layouts(browser, server):
    """Each page loaded once, then laid out at every width of the two tests below (a resize reflows the page
    and its media queries apply, as on a reload, at a fraction of the time): {width: {page: finding}}."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    split, wider = {w: {} for w in SPLIT_WIDTHS}, {w: {} for w in PHONE_WIDTHS}
    try:
        for name in toc_pages():
            p = context.new_page()
            p.goto(f"{server}/{name}.html", wait_until="load")
            for width in sorted(set(SPLIT_WIDTHS) | set(PHONE_WIDTHS), reverse=True):
                p.set_viewport_size({"width": width, "height": 900})
                p.wait_for_timeout(250)
                if width in SPLIT_WIDTHS and (found := p.evaluate(SPLIT_KOREAN_WORDS)):
                    split[width][name] = found[:8]
                if width in PHONE_WIDTHS:
                    extra = p.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
                    if extra > 0:
                        wider[width][name] = extra
            p.close()
    finally:
        context.close()
    return {"split": split, "wider": wider}


@pytest.mark.parametrize("width", SPLIT_WIDTHS)
def test_no_korean_word_is_split_across_lines(layouts, width):
    """Korean is set with word-break: keep-all (bilingual.css on every lang="ko" text): measured with ranges."""
    found = layouts["split"][width]
    assert not found, f"Korean words broken across lines at {width} px: {found}"


def test_every_korean_text_says_it_is_korean(browser, server):
    """Screen readers switch voice by lang: no visible Hangul outside an element whose language is ko."""
    page = Page(browser, f"{server}/chapters/ch02/2_1_data_manipulation.html")
    unmarked = page.page.evaluate("""() => {
        const out = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            if (!el || !/[\\uac00-\\ud7a3]/.test(node.data) || el.closest('script, style, .lang-switch')) continue;
            const lang = el.closest('[lang]');
            if (!lang || lang.getAttribute('lang') !== 'ko') out.push(node.data.trim().slice(0, 40));
        }
        return out;
    }""")
    assert unmarked == [], unmarked[:10]
    assert page.page.evaluate("document.documentElement.lang") == "en"  # the default view: both, English first
    page.page.click(".lang-ko-button")
    assert page.page.evaluate("document.documentElement.lang") == "ko"


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_no_page_scrolls_sideways_on_a_phone(layouts, width):
    """The toolbar wraps (site.css), long inline code wraps: the page is never wider than the screen."""
    wider = layouts["wider"][width]
    assert not wider, f"pages wider than {width} px (by px): {wider}"
