"""The reader's experience in a real browser: Debian's Chromium, driven by Playwright, against
the built site served on 127.0.0.1 by the suite itself."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

import pytest

from conftest import BOOK, EDITIONS, REPO, BuiltBook
from landscape_directive.model import load

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


def page_url(site_url: str, lang: str, rel: str) -> str:
    return f"{site_url}/{lang}/{rel}"


@pytest.mark.parametrize(
    ("locale", "edition"),
    [("zh-CN", "zh_CN"), ("ja-JP", "ja"), ("en-US", "en"), ("fr-FR", "en")],
)
def test_root_sends_reader_to_their_language(
    browser: Any, site_url: str, locale: str, edition: str
) -> None:
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(f"{site_url}/")
    page.wait_for_url(f"{site_url}/{edition}/index.html")
    assert page.locator("html").get_attribute("lang") == edition.replace("_", "-")
    context.close()


def test_every_page_switches_language_and_loads_nothing_from_outside(
    browser: Any, built_book: BuiltBook, site_url: str
) -> None:
    """Click the switcher on every page of every edition; record every request made."""
    context = browser.new_context()
    outside: list[str] = []
    context.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if urlparse(request.url).scheme in {"http", "https", "ws", "wss"}
            and urlparse(request.url).hostname != "127.0.0.1"
            else None
        ),
    )
    page = context.new_page()
    switched = 0
    for lang in built_book.languages:
        for rel in built_book.pages(lang):
            rel = rel.as_posix()
            for other in built_book.languages:
                if other == lang:
                    continue
                # the way back is the other edition's own switch, clicked in its turn
                page.goto(page_url(site_url, lang, rel), wait_until="load")
                page.locator(f'a.book-language-link[hreflang="{other.replace("_", "-")}"]').click()
                page.wait_for_url(page_url(site_url, other, rel))
                switched += 1
    context.close()
    assert outside == []
    # every page of every edition, to each of the other editions
    others = len(built_book.languages) - 1
    assert switched == sum(len(built_book.pages(lang)) * others for lang in built_book.languages)


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("zh_CN", "调度器", "kubernetes/scheduling-optimization.html"),
        ("zh_CN", "推理服务", "inference/index.html"),
        ("zh_CN", "DRA", "kubernetes/dra.html"),
        ("zh_CN", "KV Cache", "inference/caching.html"),
        ("en", "scheduler", "kubernetes/scheduling-optimization.html"),
        ("en", "ResourceClaim", "kubernetes/dra.html"),
        # Japanese as readers type it: one run of characters, or words with a space between
        ("ja", "スケジューラー", "kubernetes/scheduling-optimization.html"),
        ("ja", "コントロールプレーン", "kubernetes/large-scale-clusters.html"),
        ("ja", "プリフィルとデコード", "inference/pd-disaggregation.html"),
        ("ja", "プリフィル デコード", "inference/pd-disaggregation.html"),
        ("ja", "ResourceClaim", "kubernetes/dra.html"),
    ],
)
def test_search(page: Any, site_url: str, lang: str, query: str, expected: str) -> None:
    page.goto(page_url(site_url, lang, "search.html") + f"?q={query}")
    # searchtools.js heads the results with "Searching" and a span of pulsing dots, and replaces
    # that heading's text once every result is listed. Its pulse is no signal: stopPulse() sets
    # it to -1, but a tick already scheduled sets it back to 0 and goes on pulsing, so -1 lasts
    # at most 500 ms (a loaded machine's polling missed it and the test waited for ever).
    page.wait_for_function(
        "() => document.querySelector('#search-results h2')"
        " && !document.querySelector('#search-results h2 span')",
        timeout=60000,  # generous: a loaded machine is slow; a wrong result still fails
    )
    summary = page.locator("#search-results p.search-summary").inner_text()
    assert re.search(r"\d", summary), f"the result count is not shown: {summary!r}"
    results = page.locator("#search-results ul.search li > a")
    hrefs = [a.get_attribute("href") for a in results.all()]
    assert any(h.split("?")[0].endswith(expected) for h in hrefs), hrefs[:10]


@pytest.mark.parametrize("lang", EDITIONS)
def test_landscape_map_links_and_tooltips(page: Any, site_url: str, lang: str) -> None:
    page.goto(page_url(site_url, lang, "landscape/index.html"))
    svg = page.locator("svg").filter(has=page.locator("a")).first
    projects = svg.locator("a")
    # one linked box per project of the data set, whatever its size
    assert projects.count() == len(load(BOOK / "_data" / "landscape.yaml").landscape.projects)
    hrefs = projects.evaluate_all(
        "els => els.map(a => a.getAttribute('href') || a.getAttribute('xlink:href'))"
    )
    assert all(urlparse(h).scheme in {"http", "https"} and urlparse(h).netloc for h in hrefs)
    tooltips = projects.evaluate_all(
        "els => els.map(a => (a.querySelector('title') || {}).textContent || '')"
    )
    assert all(t.strip() for t in tooltips)
    assert page.locator("article table").count() >= 20  # statistics + one table per category


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize(
    "notebook", ["serving-memory", "roofline", "kv-cache-numpy", "training-memory", "lora"]
)
def test_notebook_pages_show_their_figures(
    page: Any, site_url: str, lang: str, notebook: str
) -> None:
    page.goto(page_url(site_url, lang, f"examples/{notebook}.html"), wait_until="load")
    images = page.locator("article .cell_output img")
    assert images.count() >= 1
    widths = images.evaluate_all("els => els.map(i => i.complete ? i.naturalWidth : 0)")
    assert all(w > 0 for w in widths)


@pytest.mark.parametrize("lang", EDITIONS)
def test_math_is_typeset_by_the_books_own_mathjax(page: Any, site_url: str, lang: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_url(site_url, lang, "training/parallelism.html"), wait_until="networkidle")
    assert page.locator("mjx-container").count() >= 1
    assert any("/_static/mathjax/tex-chtml.js" in url for url in requests)


A11Y_PAGES = ["index.html", "kubernetes/dra.html", "landscape/index.html", "examples/roofline.html"]


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("rel", A11Y_PAGES)
def test_accessibility(page: Any, site_url: str, lang: str, rel: str) -> None:
    assert AXE.is_file(), "run 'npm ci' to install axe-core"
    page.goto(page_url(site_url, lang, rel), wait_until="load")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target)}))"
    )
    assert violations == []


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("rel", ["landscape/index.html", "kubernetes/dra.html"])
def test_phone_viewport_has_no_horizontal_overflow(
    browser: Any, site_url: str, lang: str, rel: str
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    page.goto(page_url(site_url, lang, rel), wait_until="load")
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    context.close()
    assert widths[0] <= widths[1], widths


# The header's menus and tooltips and the back-to-top button: theme-widgets.js, which stands in
# for Bootstrap's script (book_tools.ext.theme_assets)
CHAPTER = "kubernetes/dra.html"
IS_FOCUSED = "selector => document.activeElement === document.querySelector(selector)"


@pytest.mark.parametrize("lang", EDITIONS)
def test_header_menu_opens_closes_and_is_walked_by_keyboard(
    page: Any, site_url: str, lang: str
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(page_url(site_url, lang, CHAPTER), wait_until="load")
    toggle_selector = ".dropdown-download-buttons > button"
    toggle = page.locator(toggle_selector)
    menu = page.locator(".dropdown-download-buttons .dropdown-menu")
    items = menu.locator(".dropdown-item")
    assert items.count() == 3  # the page's source, print to PDF, the whole book's PDF
    toggle.click()
    page.mouse.move(0, 600)  # the pointer leaves: the menu stays open (not only on hover)
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()
    assert page.evaluate(IS_FOCUSED, toggle_selector)  # focus is back on the toggle
    # arrow keys open the menu and walk its items, round from the last to the first
    page.keyboard.press("ArrowDown")
    assert menu.is_visible()
    assert items.nth(0).evaluate("item => item === document.activeElement")
    page.keyboard.press("ArrowDown")
    assert items.nth(1).evaluate("item => item === document.activeElement")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert items.nth(2).evaluate("item => item === document.activeElement")
    page.locator("article p").first.click()  # a click elsewhere closes it
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()
    assert errors == []


@pytest.mark.parametrize("lang", EDITIONS)
def test_header_button_shows_its_tooltip_on_hover_and_focus(
    page: Any, site_url: str, lang: str
) -> None:
    page.goto(page_url(site_url, lang, CHAPTER), wait_until="load")
    button = page.locator(".btn-fullscreen-button")
    title = button.get_attribute("data-bs-original-title")
    assert title
    assert button.get_attribute("title") is None  # no second tooltip drawn by the browser
    tip = page.locator(".tooltip[role=tooltip]")
    button.hover()
    tip.wait_for(state="visible")
    assert tip.inner_text() == title
    assert button.get_attribute("aria-describedby") == tip.get_attribute("id")
    box, under = button.bounding_box(), tip.bounding_box()
    assert under["y"] >= box["y"] + box["height"]  # data-bs-placement="bottom"
    assert "bs-tooltip-bottom" in tip.get_attribute("class")
    page.mouse.move(0, 600)
    tip.wait_for(state="detached")
    assert button.get_attribute("aria-describedby") is None
    button.focus()
    tip.wait_for(state="visible")
    page.keyboard.press("Escape")  # dismissed without moving focus (WCAG 1.4.13)
    tip.wait_for(state="detached")


def test_colour_mode_menu_sets_the_mode(page: Any, site_url: str) -> None:
    page.goto(page_url(site_url, "en", CHAPTER), wait_until="load")
    page.locator(".theme-switch-button").click()
    menu = page.locator(".theme-switch-container .dropdown-menu")
    assert menu.is_visible()
    page.locator(".theme-change-button[data-mode=dark]").click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.locator(".theme-switch-button").click()
    page.locator(".theme-change-button[data-mode=light]").click()
    assert page.evaluate("document.documentElement.dataset.theme") == "light"


# Every value the page gives the colour mode and theme of <html>, as [attribute, value], noted by
# an observer installed before any of the page's scripts runs (the parser's own attributes are
# not mutations, so the first values noted are the ones the head's inline script sets)
WATCH_COLOUR = """
window.colourValues = [];
new MutationObserver(records => {
  for (const r of records) colourValues.push([r.attributeName, r.target.getAttribute(r.attributeName)]);
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-mode", "data-theme"]});
"""


@pytest.mark.parametrize(
    ("stored", "scheme", "mode", "theme"),
    [
        (None, "light", "auto", "light"),  # first visit: the system's scheme
        (None, "dark", "auto", "dark"),
        ("dark", "light", "dark", "dark"),  # a mode the reader chose wins over the system
        ("light", "dark", "light", "light"),
        ("auto", "dark", "auto", "dark"),
    ],
)
def test_colour_mode_is_set_once_before_the_page_renders(
    browser: Any, site_url: str, stored: str | None, scheme: str, mode: str, theme: str
) -> None:
    # The theme's script sets both attributes again on DOMContentLoaded; with other values than
    # the head's, the browser restyled the whole page then, and an unset mode was logged as an
    # error ("Got invalid theme mode") on every first visit.
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.location.get("url", "").endswith("favicon.ico")
            and errors.append(message.text)
        ),
    )
    page.add_init_script(
        WATCH_COLOUR + (f"localStorage.setItem('mode', '{stored}');" if stored else "")
    )
    page.goto(page_url(site_url, "en", CHAPTER), wait_until="load")
    values = {tuple(pair) for pair in page.evaluate("colourValues")}
    assert values == {("data-mode", mode), ("data-theme", theme)}
    assert errors == []
    context.close()


def test_back_to_top_button_appears_when_scrolling_up(browser: Any, site_url: str) -> None:
    # sphinx-book-theme shows the button below 1200 px only
    context = browser.new_context(viewport={"width": 900, "height": 800})
    page = context.new_page()
    page.goto(page_url(site_url, "en", CHAPTER), wait_until="load")
    button = page.locator("#pst-back-to-top")
    # each scroll waits for its scroll event (after the page's own listener has seen it)
    scroll = "y => new Promise(done => { addEventListener('scroll', done, {once: true}); scrollTo(0, y); })"
    page.evaluate(scroll, 3000)
    assert not button.is_visible()  # scrolling down does not show it
    page.evaluate(scroll, 2000)
    assert button.is_visible()
    button.click()
    page.wait_for_function("window.scrollY === 0")
    context.close()
