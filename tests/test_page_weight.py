"""Page-weight budget of a chapter page (issue 18): bytes, never times.

A cold load in a fresh browser context with the HTTP cache disabled; every file the page fetches
from the suite's own server is counted at its size on disk, which is exactly the body the server
sends (it does not compress), so the total can be checked by hand: ``ls -l`` the files listed in
the failure message and add them up. The budgets are the issue's: everything a cold load fetches
at most 500 KiB, JavaScript at most 200 KiB, in every language the suite builds. The search index
and the Font Awesome script are fetched by no chapter page (the index only by the search page,
where the search field sends the reader), and neither are the theme's full stylesheet and web
fonts (the page gets the cut-down ones of book_tools.ext.lean_theme).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest
from fontTools.ttLib import TTFont

from book_tools.languages import discover
from conftest import LOCALES, BuiltBook

KIB = 1024
JS_BUDGET = 200 * KIB
TOTAL_BUDGET = 500 * KIB
CHAPTER = "kubernetes/dra.html"
LANGUAGES = [lang.code for lang in discover(LOCALES)]  # every language the conftest builds


def fetched(browser: Any, site_url: str, root: Path, lang: str, rel: str) -> dict[str, int]:
    """Every site file one cold load of *rel* fetches, with its size in bytes."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    paths: list[str] = []
    page.on(
        "request",
        lambda request: (
            paths.append(unquote(urlparse(request.url).path))
            if request.url.startswith(site_url)
            else None
        ),
    )
    page.goto(f"{site_url}/{lang}/{rel}", wait_until="networkidle")
    context.close()
    return {path: (root / path.lstrip("/")).stat().st_size for path in paths}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chapter_page_transfer_within_budget(
    browser: Any, built_book: BuiltBook, site_url: str, lang: str
) -> None:
    files = fetched(browser, site_url, built_book.html, lang, CHAPTER)
    assert f"/{lang}/{CHAPTER}" in files  # the page itself was counted
    largest = sorted(files.items(), key=lambda kv: -kv[1])
    assert sum(files.values()) <= TOTAL_BUDGET, largest
    assert f"/{lang}/_static/styles/pydata-sphinx-theme.css" not in files
    assert not [path for path in files if "/fontawesome/webfonts/" in path]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chapter_page_javascript_within_budget(
    browser: Any, built_book: BuiltBook, site_url: str, lang: str
) -> None:
    files = fetched(browser, site_url, built_book.html, lang, CHAPTER)
    assert f"/{lang}/{CHAPTER}" in files  # the page itself was counted
    scripts = {path: size for path, size in files.items() if path.endswith((".js", ".mjs"))}
    assert sum(scripts.values()) <= JS_BUDGET, sorted(scripts.items(), key=lambda kv: -kv[1])
    assert f"/{lang}/searchindex.js" not in files
    assert not [path for path in files if path.endswith("/fontawesome.js")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_page_still_loads_the_index(
    browser: Any, built_book: BuiltBook, site_url: str, lang: str
) -> None:
    files = fetched(browser, site_url, built_book.html, lang, "search.html")
    assert f"/{lang}/searchindex.js" in files


def icon_codepoints(css: str) -> dict[str, int]:
    """``fa-<name>`` class -> the character its rule in *css* draws (``.fa-x{--fa:"\\f00d"}``)."""
    found: dict[str, int] = {}
    for selectors, code in re.findall(r"([^{}]+)\{--fa:\"\\([0-9a-f]+)\"\}", css):
        for selector in selectors.split(","):
            found[selector.strip().lstrip(".")] = int(code, 16)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_icon_of_a_chapter_page_is_in_the_subset_fonts(
    built_book: BuiltBook, lang: str
) -> None:
    site = built_book.html / lang
    html = (site / CHAPTER).read_text(encoding="utf-8")
    used = {
        cls
        for attr in re.findall(r'class="([^"]*)"', html)
        for cls in attr.split()
        if cls.startswith("fa-")
        and cls not in {"fa-solid", "fa-brands", "fa-regular", "fa-lg", "fa-fw"}
    }
    assert {"fa-magnifying-glass", "fa-bars", "fa-github"} <= used  # header icons, by hand
    icons = icon_codepoints((site / "_static/styles/book-theme.css").read_text(encoding="utf-8"))
    assert used <= icons.keys(), used - icons.keys()
    fonts = {
        name: set(TTFont(site / "_static/styles/book-icons" / f"{name}.woff2").getBestCmap())
        for name in ("fa-solid-900", "fa-brands-400")
    }
    assert icons["fa-magnifying-glass"] == 0xF002  # Font Awesome's search glyph
    assert 0xF002 in fonts["fa-solid-900"]
    assert icons["fa-github"] == 0xF09B and 0xF09B in fonts["fa-brands-400"]
    missing = {cls for cls in used if not any(icons[cls] in cmap for cmap in fonts.values())}
    assert not missing
    # a subset, not the whole font: a handful of glyphs (the full solid font has over 1,400)
    assert len(fonts["fa-solid-900"]) < 100
