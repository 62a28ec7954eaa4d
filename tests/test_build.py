"""The whole book builds in every language, and the editions link to each other."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from book_tools.languages import discover
from conftest import EDITIONS, BuiltBook

SPHINX_PROBLEM = re.compile(r"\b(WARNING|ERROR|CRITICAL):")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_languages_are_discovered_from_locales(tmp_path: Path) -> None:
    """English first, then every folder with LC_MESSAGES, by code; nothing else counts."""
    for folder in ("zh_CN/LC_MESSAGES", "ja/LC_MESSAGES", "ko", "en/LC_MESSAGES", "fr/notes"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "terminology.yaml").write_text("terms: []\n", encoding="utf-8")
    (tmp_path / "ko" / "language.yaml").write_text("script: Kore\n", encoding="utf-8")
    found = discover(tmp_path)
    assert [lang.code for lang in found] == ["en", "ja", "zh_CN"]
    assert [lang.native_name for lang in found] == ["English", "日本語", "简体中文"]
    assert [lang.code for lang in discover(tmp_path / "missing")] == ["en"]


def test_the_book_builds_every_discovered_language(built_book: BuiltBook) -> None:
    assert built_book.languages[0] == "en"
    assert "zh_CN" in built_book.languages
    assert {built_book.html / lang for lang in built_book.languages} <= set(
        built_book.html.iterdir()
    )


@pytest.mark.parametrize("lang", EDITIONS)
def test_builds_with_zero_warnings(built_book: BuiltBook, lang: str) -> None:
    problems = [line for line in built_book.logs[lang].splitlines() if SPHINX_PROBLEM.search(line)]
    assert problems == []
    assert built_book.returncodes[lang] == 0, built_book.logs[lang]
    assert (built_book.html / lang / "index.html").is_file()


def test_every_language_has_the_same_pages(built_book: BuiltBook) -> None:
    english = built_book.pages("en")
    assert len(english) > 50
    for lang in built_book.languages[1:]:
        assert built_book.pages(lang) == english


def test_chinese_pages_are_chinese(built_book: BuiltBook) -> None:
    page = soup(built_book.html / "zh_CN" / "kubernetes" / "dra.html")
    assert page.html["lang"] == "zh-CN"
    assert "动态资源分配" in page.title.get_text()
    assert "动态资源分配" in page.find("h1").get_text()
    english = soup(built_book.html / "en" / "kubernetes" / "dra.html")
    assert english.html["lang"] == "en"
    assert "Dynamic Resource Allocation" in english.find("h1").get_text()


def test_japanese_pages_are_japanese(built_book: BuiltBook) -> None:
    page = soup(built_book.html / "ja" / "inference" / "index.html")
    assert page.html["lang"] == "ja"
    assert "LLM推論の概要" in page.title.get_text()
    assert "LLM推論の概要" in page.find("h1").get_text()


@pytest.mark.parametrize(
    ("lang", "captions"), [("zh_CN", {"推理", "训练", "实验"}), ("ja", {"推論", "学習", "ラボ"})]
)
def test_part_captions_are_translated(built_book: BuiltBook, lang: str, captions: set[str]) -> None:
    nav = soup(built_book.html / lang / "index.html").select("nav.bd-docs-nav p.caption")
    found = {c.get_text(strip=True) for c in nav}
    assert captions <= found, found


@pytest.mark.parametrize(("lang", "placeholder"), [("zh_CN", "搜索…"), ("ja", "検索…")])
def test_theme_interface_is_translated(built_book: BuiltBook, lang: str, placeholder: str) -> None:
    page = soup(built_book.html / lang / "kubernetes" / "dra.html")
    search = page.select_one("input[name=q]")
    assert search is not None and search["placeholder"] == placeholder
    english_labels = {"Search...", "Color mode", "Toggle primary sidebar", "Main", "Languages"}
    labels = {
        el.get(attr)
        for el in page.find_all(True)
        for attr in ("aria-label", "title", "placeholder")
        if el.get(attr)
    }
    assert labels.isdisjoint(english_labels), labels & english_labels


def _switcher_links(page: Path) -> dict[str, tuple[Path, Path]]:
    """The switcher's links of *page*: language -> (target page, fallback home), resolved."""
    nav = soup(page).select_one("nav.book-language-switcher")
    assert nav is not None, f"{page}: no language switcher"
    links = {}
    for a in nav.select("a.book-language-link"):
        target = (page.parent / a["href"]).resolve()
        home = (page.parent / a["data-fallback"]).resolve()
        links[a["hreflang"].replace("-", "_")] = (target, home)
    return links


def test_switcher_round_trips_on_every_page(built_book: BuiltBook) -> None:
    checked = 0
    for lang in built_book.languages:
        base = built_book.html / lang
        for rel in built_book.pages(lang):
            page = (base / rel).resolve()
            links = _switcher_links(page)
            assert set(links) == set(built_book.languages) - {lang}, page
            for other, (target, home) in links.items():
                assert target == (built_book.html / other / rel).resolve()
                assert target.is_file(), f"{page} -> {target}"
                assert home == (built_book.html / other / "index.html").resolve()
                back, _ = _switcher_links(target)[lang]
                assert back == page
                checked += 1
    assert checked >= 2 * len(built_book.pages("en"))


def _redirect_target(index_html: Path, languages: list[str]) -> str:
    """Run the root page's script in node with the given browser languages."""
    script = soup(index_html).find("script").string
    harness = (
        "let target = null;\n"
        f"const navigator = {{ languages: {languages!r}, language: {languages[0]!r} }};\n"
        "const window = { location: { hash: '', replace: (u) => { target = u; } } };\n"
        f"{script}\n"
        "process.stdout.write(target);\n"
    )
    return subprocess.run(
        ["node", "-e", harness], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize(
    ("browser", "edition"),
    [
        (["zh-CN", "zh", "en"], "zh_CN"),
        (["zh-TW"], "zh_CN"),  # the only Chinese edition
        (["en-US", "en"], "en"),
        (["fr-FR", "de"], "en"),  # fallback
        (["de-DE", "zh-CN"], "zh_CN"),  # first language the book has
        (["ja-JP", "ja", "en-US"], "ja"),
        (["ja"], "ja"),
        (["ko-KR", "ja-JP", "zh-CN"], "ja"),  # Korean is not an edition; Japanese comes next
    ],
)
def test_root_page_sends_readers_to_their_language(
    built_book: BuiltBook, browser: list[str], edition: str
) -> None:
    index = built_book.html / "index.html"
    assert _redirect_target(index, browser) == f"{edition}/index.html"
    links = [a["href"] for a in soup(index).select("li a")]
    assert links == [f"{lang}/index.html" for lang in built_book.languages]
