"""What readers expect around the pages: sitemap, link previews, 404, edit and translate links."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import EDITIONS, BuiltBook, book_setting, scripts_run

# what the build uses: conf.py's defaults, or a fork's BOOK_BASE_URL / BOOK_REPOSITORY_URL
BASE = book_setting("book_base_url").rstrip("/") + "/"
REPO = book_setting("repository_url").rstrip("/")
BRANCH = book_setting("repository_branch")
BASE_PATH = urlparse(BASE).path
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def soup(built_book: BuiltBook, lang: str, page: str) -> BeautifulSoup:
    return BeautifulSoup((built_book.html / lang / page).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", EDITIONS)
def test_sitemap_lists_every_page_with_its_translations(built_book: BuiltBook, lang: str) -> None:
    root = ET.parse(built_book.html / lang / "sitemap.xml").getroot()
    urls = {u.findtext("s:loc", namespaces=SITEMAP): u for u in root.findall("s:url", SITEMAP)}
    assert f"{BASE}{lang}/kubernetes/dra.html" in urls
    assert len(urls) >= len(built_book.pages(lang)) - 3  # all but search, 404 and the like
    other = next(code for code in built_book.languages if code != lang)
    links = urls[f"{BASE}{lang}/kubernetes/dra.html"].findall("x:link", SITEMAP)
    assert f"{BASE}{other}/kubernetes/dra.html" in {link.get("href") for link in links}


@pytest.mark.parametrize("lang", EDITIONS)
def test_open_graph_and_canonical_url(built_book: BuiltBook, lang: str) -> None:
    page = soup(built_book, lang, "kubernetes/dra.html")
    meta = {m["property"]: m["content"] for m in page.select("meta[property^='og:']")}
    assert meta["og:url"] == f"{BASE}{lang}/kubernetes/dra.html"
    assert meta["og:locale"] == lang
    assert "DRA" in meta["og:title"] and meta["og:description"]
    assert page.select_one("link[rel=canonical]")["href"] == meta["og:url"]


def test_not_found_pages(built_book: BuiltBook) -> None:
    root = BeautifulSoup((built_book.html / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert "Page not found" in root.get_text()
    css = [link["href"] for link in root.select("link[rel=stylesheet]")]
    assert css and all(href.startswith(f"{BASE_PATH}en/") for href in css)
    zh = soup(built_book, "zh_CN", "404.html")
    assert "页面不存在" in zh.get_text()


def test_edit_links_point_at_the_real_sources(built_book: BuiltBook) -> None:
    chapter = soup(built_book, "en", "kubernetes/dra.html")
    edits = {a["href"] for a in chapter.select("a.btn-source-edit-button")}
    assert edits == {f"{REPO}/edit/{BRANCH}/book/kubernetes/dra.md"}
    notebook = soup(built_book, "en", "examples/lora.html")
    edits = {a["href"] for a in notebook.select("a.btn-source-edit-button")}
    assert edits == {f"{REPO}/edit/{BRANCH}/examples/lora.ipynb"}
    downloads = [a["href"] for a in notebook.select("a.btn-download-source-button")]
    assert [d.rsplit("/", 1)[-1] for d in downloads] == ["lora.ipynb"]  # the notebook itself
    assert (built_book.html / "en" / "examples" / downloads[0]).is_file()


def test_translated_pages_offer_to_improve_the_translation(built_book: BuiltBook) -> None:
    zh = soup(built_book, "zh_CN", "kubernetes/dra.html")
    links = {a["href"] for a in zh.select("a.btn-suggest-translation-button")}
    assert links == {f"{REPO}/edit/{BRANCH}/locales/zh_CN/LC_MESSAGES/kubernetes/dra.po"}
    en = soup(built_book, "en", "kubernetes/dra.html")
    assert en.select("a.btn-suggest-translation-button") == []


def test_code_blocks_have_copy_buttons(built_book: BuiltBook) -> None:
    page = soup(built_book, "en", "kubernetes/dra.html")
    scripts = scripts_run(built_book.html / "en/kubernetes/dra.html")  # bundles: their members
    assert any("copybutton.js" in src for src in scripts)
    assert page.select("div.highlight pre")
