"""Partly translated pages carry a banner; fully translated ones and the source language do not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOTS, sphinx_build


def build(root: Path, builder: str, language: str) -> Path:
    """Build a test root in one language; return the output folder."""
    out = root / "_build" / f"{builder}-{language}"
    result = sphinx_build(
        builder, out, out / ".doctrees", "-D", f"language={language}", srcdir=root
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("banner") / "src"
    shutil.copytree(ROOTS / "test-banner", target)
    return target


def banner(page: Path) -> BeautifulSoup | None:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
        "div.translation-banner"
    )


def test_partly_translated_page_shows_counts_and_link(root: Path) -> None:
    out = build(root, "html", "zh_CN")
    found = banner(out / "partial.html")
    assert found is not None
    text = found.get_text()
    assert "有 1 段尚未翻译、1 段译文已过时" in text
    link = found.select_one("a")
    assert link["href"] == "https://example.org/book/edit/main/locales/zh_CN/LC_MESSAGES/partial.po"
    assert banner(out / "full.html") is None


def test_partly_translated_japanese_page_shows_the_banner_in_japanese(root: Path) -> None:
    out = build(root, "html", "ja")
    found = banner(out / "partial.html")
    assert found is not None
    text = found.get_text()
    assert "翻訳作業中" in text
    assert "未翻訳の1段落と、翻訳後に英語の原文が変わった1段落は英語で表示しています" in text
    link = found.select_one("a")
    assert link.get_text() == "このページの翻訳にご協力ください。"
    assert link["href"] == "https://example.org/book/edit/main/locales/ja/LC_MESSAGES/partial.po"
    assert banner(out / "full.html") is None


def test_source_language_has_no_banner(root: Path) -> None:
    out = build(root, "html", "en")
    assert banner(out / "partial.html") is None


def test_banner_is_not_extracted_for_translation(root: Path) -> None:
    out = build(root, "gettext", "zh_CN")
    assert "translate this page" not in (out / "partial.pot").read_text(encoding="utf-8")


def test_status_table_lists_pages_least_complete_first(root: Path) -> None:
    out = build(root, "html", "zh_CN")
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    # one table per translated edition, in the order of their codes, captioned in the page's
    # language with each edition's own name
    captions = [
        t.select_one("caption .caption-text").get_text()
        for t in page.select("table.translation-status")
    ]
    assert captions == ["翻译进度：日本語", "翻译进度：简体中文"]
    table = page.select("table.translation-status")[1]
    rows = [[c.get_text(strip=True) for c in r.select("td")] for r in table.select("tbody tr")]
    # partial: 2 of 4 translated (title, one sentence), 1 fuzzy, 1 untranslated
    assert rows == [
        ["部分页面", "2", "1", "1", "50%"],
        ["完整页面", "2", "0", "0", "100%"],
        ["全部页面", "4", "1", "1", "67%"],
    ]
    links = [a["href"] for a in table.select("tbody a")]
    assert links == ["partial.html", "full.html"]


# counted in the build, or by the catalog-counting worker (book_tools.ext.catalog_counts)
@pytest.mark.parametrize("counted_by", [(), ("-D", "book_worker_pages=1")], ids=["build", "worker"])
def test_a_malformed_catalog_fails_the_build_with_its_location(
    root: Path, counted_by: tuple[str, ...]
) -> None:
    broken = root.parent / f"broken{len(counted_by)}"
    shutil.copytree(root, broken)
    po = broken / "locales" / "zh_CN" / "LC_MESSAGES" / "partial.po"
    lines = po.read_text(encoding="utf-8").split("\n")
    line = next(i for i, text in enumerate(lines) if text.startswith("msgstr ") and i > 5)
    lines[line] = 'msgstr "an unterminated string'  # line (line + 1) of the file
    po.write_text("\n".join(lines), encoding="utf-8")
    out = broken / "_build" / "html-zh_CN"
    result = sphinx_build(
        "html", out, out / ".doctrees", "-D", "language=zh_CN", *counted_by, srcdir=broken
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Extension error" not in result.stderr
    assert f"{po}:{line + 1}: WARNING:" in result.stderr


def test_catalogs_counted_by_a_worker_give_the_same_pages(root: Path) -> None:
    alone = build(root, "html", "zh_CN")
    # every build that reads a page hands the counting to the worker (book_tools.workers): the
    # banners and the status table of index.html
    out = root / "_build" / "html-zh_CN-worker"
    result = sphinx_build(
        "html", out, out / ".doctrees", "-D", "language=zh_CN", "-D", "book_worker_pages=1",
        srcdir=root,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for page in ("partial.html", "full.html", "index.html"):
        assert (out / page).read_bytes() == (alone / page).read_bytes(), page
    assert "有 1 段尚未翻译、1 段译文已过时" in banner(out / "partial.html").get_text()
