"""Catalog counts kept by the catalog's text: counted once, counted again when it changes."""

from __future__ import annotations

import marshal
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from book_tools.catalogs.loading import CatalogError
from book_tools.catalogs.stats import PageStats
from book_tools.ext import catalog_counts
from conftest import ROOTS, sphinx_build

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def catalog(path: Path, *entries: tuple[str, str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n' for msgid, msgstr in entries)
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages counted with page_stats (not taken from the kept counts)."""
    pages: list[str] = []
    real = catalog_counts.page_stats

    def page_stats(po: Path, page: str) -> PageStats:
        pages.append(page)
        return real(po, page)

    monkeypatch.setattr(catalog_counts, "page_stats", page_stats)
    return pages


def test_a_catalog_is_counted_again_only_when_its_text_changes(
    tmp_path: Path, counted: list[str]
) -> None:
    locales = tmp_path / "locales"
    a = catalog(locales / "zh_CN/LC_MESSAGES/a.po", ("One", "一"), ("Two", ""))
    b = catalog(locales / "ja/LC_MESSAGES/b.po", ("One", "一つ"))
    memo = tmp_path / "doctrees" / catalog_counts.FILE_NAME
    first = catalog_counts.Counts(memo, locales)
    assert first.stats(a, "a") == PageStats("a", 1, 0, 1)
    assert first.stats(b, "b") == PageStats("b", 1, 0, 0)
    first.finish()
    assert counted == ["a", "b"]
    key, kept = marshal.loads(memo.read_bytes())
    assert tuple(key) == catalog_counts.memo_key()
    assert kept == {
        catalog_counts.digest(a.read_bytes()): (1, 0, 1),
        catalog_counts.digest(b.read_bytes()): (1, 0, 0),
    }

    # the next build: b unchanged is not counted; a, translated further, is
    catalog(a, ("One", "一"), ("Two", "二"))
    second = catalog_counts.Counts(memo, locales)
    assert second.stats(b, "b") == PageStats("b", 1, 0, 0)
    assert second.stats(a, "a") == PageStats("a", 2, 0, 0)
    assert counted == ["a", "b", "a"]
    # the kept counts are those of the catalogs there are now
    b.unlink()
    second.finish()
    assert marshal.loads(memo.read_bytes())[1] == {catalog_counts.digest(a.read_bytes()): (2, 0, 0)}


def test_a_malformed_catalog_is_checked_in_every_build(tmp_path: Path, counted: list[str]) -> None:
    locales = tmp_path / "locales"
    broken = locales / "zh_CN/LC_MESSAGES/broken.po"
    broken.parent.mkdir(parents=True)
    broken.write_text(HEADER + 'msgid "One"\nmsgstr "open\n', encoding="utf-8")
    memo = tmp_path / catalog_counts.FILE_NAME
    for _build in range(2):
        counts = catalog_counts.Counts(memo, locales)
        with pytest.raises(CatalogError) as raised:
            counts.stats(broken, "broken")
        assert raised.value.problems[0].path == broken
        counts.finish()
    assert counted == ["broken", "broken"]
    assert not memo.exists()  # nothing was counted, so nothing is kept


def test_counts_kept_under_another_key_are_not_used(tmp_path: Path, counted: list[str]) -> None:
    locales = tmp_path / "locales"
    a = catalog(locales / "zh_CN/LC_MESSAGES/a.po", ("One", "一"))
    memo = tmp_path / catalog_counts.FILE_NAME
    # counts of another msgfmt or polib, or of another format of this file: 5 untranslated
    other = (catalog_counts.FORMAT + 1, *catalog_counts.memo_key()[1:])
    memo.write_bytes(marshal.dumps((other, {catalog_counts.digest(a.read_bytes()): (0, 0, 5)})))
    assert catalog_counts.Counts(memo, locales).stats(a, "a") == PageStats("a", 1, 0, 0)
    memo.write_bytes(b"not marshal data")
    assert catalog_counts.Counts(memo, locales).stats(a, "a") == PageStats("a", 1, 0, 0)
    assert counted == ["a", "a"]


def test_the_worker_counts_ahead_and_an_answer_for_old_bytes_is_not_used(
    tmp_path: Path, counted: list[str]
) -> None:
    locales = tmp_path / "locales"
    a = catalog(locales / "zh_CN/LC_MESSAGES/a.po", ("One", "一"), ("Two", ""))
    b = catalog(locales / "ja/LC_MESSAGES/b.po", ("One", ""))
    counts = catalog_counts.Counts(tmp_path / catalog_counts.FILE_NAME, locales)
    assert counts.catalogs("ja") == [b, a]  # the build's own language first
    counts.start_worker("zh_CN")
    assert counts.worker is not None
    # the worker answers in the order it was sent: once "sync" is answered, a and b are too
    counts.worker.send("sync", str(a))
    assert counts.worker.take("sync", timeout=30) is not None
    catalog(b, ("One", "一つ"))  # a translator saves b while the build reads
    assert counts.stats(a, "a") == PageStats("a", 1, 0, 1)
    assert counts.stats(b, "b") == PageStats("b", 1, 0, 0)
    counts.finish()
    assert counted == ["b"]  # a from the worker; b's answer was for its old bytes


def test_a_rebuild_after_a_catalog_changed_shows_the_new_counts(tmp_path: Path) -> None:
    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-banner", root)
    out = tmp_path / "out"

    def build() -> BeautifulSoup:
        result = sphinx_build("html", out, out / ".doctrees", "-D", "language=zh_CN", srcdir=root)
        assert result.returncode == 0, result.stderr
        return BeautifulSoup((out / "partial.html").read_text(encoding="utf-8"), "html.parser")

    assert "有 1 段尚未翻译、1 段译文已过时" in build().select_one("div.translation-banner").text
    assert (out / ".doctrees" / catalog_counts.FILE_NAME).is_file()
    # index.rst holds the status tables: made when the page is written, not when it is read
    status_read = (out / ".doctrees" / "index.doctree").stat().st_mtime_ns
    status_written = (out / "index.html").stat().st_mtime_ns
    build()  # nothing changed: the status page is neither read nor written
    assert (out / "index.html").stat().st_mtime_ns == status_written
    po = root / "locales" / "zh_CN" / "LC_MESSAGES" / "partial.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "New sentence."\nmsgstr ""', 'msgid "New sentence."\nmsgstr "新的句子。"'
        ),
        encoding="utf-8",
    )
    assert "有 0 段尚未翻译、1 段译文已过时" in build().select_one("div.translation-banner").text
    status = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = [
        [cell.get_text(strip=True) for cell in row.select("td")]
        for row in status.select("table.translation-status")[1].select("tbody tr")
    ]
    assert rows[0] == ["部分页面", "3", "1", "0", "75%"]
    # written again with the new counts, but not read again (only the edited catalog's page is)
    assert (out / ".doctrees" / "index.doctree").stat().st_mtime_ns == status_read
    assert (out / "index.html").stat().st_mtime_ns > status_written
