"""A rebuild that writes one page leaves the sitemap and the search index a full build writes."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from xml.etree import ElementTree

from book_tools.ext import search_entries, sitemap
from conftest import ROOTS, sphinx_build

NS = {"s": sitemap.SITEMAP_NS, "x": sitemap.XHTML_NS}


def build(root: Path, out: Path) -> None:
    result = sphinx_build("html", out / "html", out / "doctrees", srcdir=root)
    assert result.returncode == 0, result.stderr


def index_of(out: Path) -> dict:
    text = (out / "html" / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[len("Search.setIndex(") : -1])


def test_a_one_page_rebuild_writes_what_a_full_build_writes(tmp_path: Path) -> None:
    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-rebuild-site", root)
    build(root, tmp_path / "full")
    tree = ElementTree.parse(tmp_path / "full" / "html" / sitemap.FILE_NAME).getroot()
    locs = [url.findtext("s:loc", namespaces=NS) for url in tree.findall("s:url", NS)]
    # the documents in sorted order, then the pages that are not documents as they were written
    base = "https://example.org/book/en/"
    pages = ["a", "b", "index", "genindex", "search"]
    assert locs == [f"{base}{page}.html" for page in pages]
    links = tree.find("s:url", NS).findall("x:link", NS)  # type: ignore[union-attr]
    assert [(link.get("hreflang"), link.get("href")) for link in links] == [
        ("zh-CN", "https://example.org/book/zh_CN/a.html"),
        ("ja", "https://example.org/book/ja/a.html"),
    ]
    entries = index_of(tmp_path / "full")["indexentries"]
    assert sorted(entries) == ["decode", "gpu", "home page", "prefill", "scheduler"]

    # the same folder again, after one page changed: only a.html (and its parents) is written
    later = time.time() + 5
    os.utime(root / "a.rst", (later, later))
    rebuilt = tmp_path / "full"
    before = (rebuilt / "html" / "b.html").stat().st_mtime_ns
    shutil.copytree(rebuilt, tmp_path / "first")
    build(root, rebuilt)
    assert (rebuilt / "html" / "b.html").stat().st_mtime_ns == before  # not written again
    for name in (sitemap.FILE_NAME, "searchindex.js"):
        fresh = (tmp_path / "first" / "html" / name).read_bytes()
        assert (rebuilt / "html" / name).read_bytes() == fresh, name


def test_the_entries_of_a_page_come_back_as_sphinx_keeps_them() -> None:
    frozen = {
        "docnames": ["a", "b", "index"],
        "indexentries": {
            "gpu": [[0, "index-0", False]],
            "prefill": [[1, "term-Prefill", False], [0, "index-1", True]],
        },
    }
    assert search_entries.entries_by_page(frozen, {"a", "b"}) == {
        "a": [("gpu", "index-0", ""), ("prefill", "index-1", "main")],
        "b": [("prefill", "term-Prefill", "")],
    }
    assert search_entries.entries_by_page(frozen, {"index"}) == {}
    assert search_entries.entries_by_page({}, {"a"}) == {}


def test_page_links_of_the_directory_builder() -> None:
    assert sitemap.page_link("a/b", ".html", False) == "a/b.html"
    assert sitemap.page_link("index", ".html", True) == ""
    assert sitemap.page_link("guide/index", ".html", True) == "guide/"
    assert sitemap.page_link("guide/intro", ".html", True) == "guide/intro/"
