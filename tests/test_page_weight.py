"""Page-weight budget of a chapter page (issue 18): bytes, never times.

A cold load in a fresh browser context with the HTTP cache disabled; every file the page fetches
from the suite's own server is counted at its size on disk, which is exactly the body the server
sends (it does not compress). The budget is the issue's: JavaScript at most 200 KiB. The search
index and the Font Awesome script are fetched by no chapter page (the index only by the search
page, where the search field sends the reader).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

from conftest import BuiltBook

KIB = 1024
JS_BUDGET = 200 * KIB
CHAPTER = "kubernetes/dra.html"


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


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_chapter_page_javascript_within_budget(
    browser: Any, built_book: BuiltBook, site_url: str, lang: str
) -> None:
    files = fetched(browser, site_url, built_book.html, lang, CHAPTER)
    assert f"/{lang}/{CHAPTER}" in files  # the page itself was counted
    scripts = {path: size for path, size in files.items() if path.endswith((".js", ".mjs"))}
    assert sum(scripts.values()) <= JS_BUDGET, sorted(scripts.items(), key=lambda kv: -kv[1])
    assert f"/{lang}/searchindex.js" not in files
    assert not [path for path in files if path.endswith("/fontawesome.js")]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_search_page_still_loads_the_index(
    browser: Any, built_book: BuiltBook, site_url: str, lang: str
) -> None:
    files = fetched(browser, site_url, built_book.html, lang, "search.html")
    assert f"/{lang}/searchindex.js" in files
