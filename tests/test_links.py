"""No broken internal link or anchor on any page of any language."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import EDITIONS, BuiltBook


@cache
def ids_of(page: Path) -> frozenset[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return frozenset(
        [el["id"] for el in soup.find_all(id=True)]
        + [el["name"] for el in soup.find_all("a", attrs={"name": True})]
    )


def broken_links(page: Path, site: Path) -> list[str]:
    """Internal links of *page* whose file or anchor does not exist."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    broken = []
    for a in soup.find_all("a", href=True):
        href = a["href"]
        url = urlparse(href)
        if url.scheme or url.netloc or href.startswith(("mailto:", "javascript:")):
            continue
        target = page if not url.path else (page.parent / unquote(url.path)).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() or site.resolve() not in target.parents:
            broken.append(f"{href} (no file)")
        elif (
            url.fragment
            and target.suffix == ".html"
            and unquote(url.fragment) not in ids_of(target)
        ):
            broken.append(f"{href} (no anchor)")
    return broken


@pytest.mark.parametrize("lang", EDITIONS)
def test_no_broken_internal_links(built_book: BuiltBook, lang: str) -> None:
    site = built_book.html
    problems = {
        str(rel): broken
        for rel in built_book.pages(lang)
        # the 404 page links with absolute paths under the published base URL, on purpose
        if rel.name != "404.html" and (broken := broken_links(site / lang / rel, site))
    }
    assert problems == {}


def test_the_checker_finds_a_broken_anchor(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<a href="b.html#there">x</a><a href="c.html">y</a>', "utf-8")
    (tmp_path / "b.html").write_text('<h1 id="here">b</h1>', "utf-8")
    assert broken_links(tmp_path / "a.html", tmp_path) == [
        "b.html#there (no anchor)",
        "c.html (no file)",
    ]
