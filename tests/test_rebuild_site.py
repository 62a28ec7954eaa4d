"""A rebuild that writes one page leaves the sitemap and the search index a full build writes."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

from book_tools.ext import search_entries, settled_output, sitemap
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


EXTRA_FILES = ["genindex.html", "search.html", "searchindex.js", "objects.inv"]


def written(html: Path) -> dict[str, int]:
    """The modification times of the files every HTML build used to write."""
    return {name: (html / name).stat().st_mtime_ns for name in EXTRA_FILES}


def test_a_build_that_changes_nothing_leaves_the_extra_files_alone(tmp_path: Path) -> None:
    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-rebuild-site", root)
    out = tmp_path / "out"
    html = out / "html"
    build(root, out)
    first = written(html)
    content = {name: (html / name).read_bytes() for name in EXTRA_FILES}
    record = json.loads((out / "doctrees" / settled_output.RECORD).read_text(encoding="utf-8"))
    assert sorted(record["files"]) == sorted(EXTRA_FILES)

    build(root, out)  # nothing changed: none of them is written again
    assert written(html) == first

    # one of them gone: the build writes them all, the same bytes as before
    (html / "search.html").unlink()
    build(root, out)
    assert {name: (html / name).read_bytes() for name in EXTRA_FILES} == content
    assert written(html)["searchindex.js"] != first["searchindex.js"]
    again = written(html)
    build(root, out)
    assert written(html) == again

    # a page read again: the index is written with its new words, the same as a full build's
    later = time.time() + 5
    (root / "b.rst").write_text(
        (root / "b.rst").read_text(encoding="utf-8") + "\nZebras decode too.\n", encoding="utf-8"
    )
    os.utime(root / "b.rst", (later, later))
    build(root, out)
    assert "zebra" in index_of(out)["terms"]
    assert written(html)["searchindex.js"] != again["searchindex.js"]
    build(root, tmp_path / "full")
    for name in ("search.html", "searchindex.js"):
        assert (html / name).read_bytes() == (tmp_path / "full" / "html" / name).read_bytes()

    # the configuration changed (an HTML option): every page and extra file is written again
    settled = written(html)
    result = sphinx_build("html", html, out / "doctrees", "-D", "html_title=Another", srcdir=root)
    assert result.returncode == 0, result.stderr
    assert all(written(html)[name] != settled[name] for name in EXTRA_FILES)
    assert "Another" in (html / "search.html").read_text(encoding="utf-8")


def test_a_build_that_ends_with_an_error_leaves_no_record(tmp_path: Path) -> None:
    # the next build then writes the index and the extra pages, whatever this one left
    builder = settled_output.SettledHTMLBuilder.__new__(settled_output.SettledHTMLBuilder)
    builder.doctreedir = tmp_path
    record = tmp_path / settled_output.RECORD
    record.write_text('{"fingerprint": "", "files": {}}\n', encoding="utf-8")
    settled_output.keep_record(SimpleNamespace(builder=builder), RuntimeError("a handler failed"))
    assert not record.exists()
