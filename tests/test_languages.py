"""Every per-language choice comes from babel or from data: a new language needs no code.

Unit tests for :mod:`book_tools.languages` (babel's facts, the script defaults, settings files
and their errors), then a small book (``roots/test-languages``) to which a throwaway Korean
edition and a Japanese one are added by data alone (``new-language`` and one translated entry),
built as HTML and LaTeX, and searched in Chromium.
"""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib
import pytest
from bs4 import BeautifulSoup

from book_tools import languages
from book_tools.languages import LanguageError
from conftest import REPO, ROOTS, serve, sphinx_build

# -- babel's facts, worked out by hand from CLDR -----------------------------------------------


@pytest.mark.parametrize(
    ("code", "name", "tag", "script", "direction", "plural"),
    [
        ("en", "English", "en", "Latn", "ltr", "nplurals=2; plural=(n != 1);"),
        ("zh_CN", "简体中文", "zh-CN", "Hans", "ltr", "nplurals=1; plural=0;"),
        ("zh_TW", "繁體中文", "zh-TW", "Hant", "ltr", "nplurals=1; plural=0;"),
        ("ja", "日本語", "ja", "Jpan", "ltr", "nplurals=1; plural=0;"),
        ("ko", "한국어", "ko", "Kore", "ltr", "nplurals=1; plural=0;"),
        ("de", "Deutsch", "de", "Latn", "ltr", "nplurals=2; plural=(n != 1);"),
        ("fr", "Français", "fr", "Latn", "ltr", None),  # the menu capitalises "français"
        ("he", "עברית", "he", "Hebr", "rtl", None),
    ],
)
def test_babel_facts(
    code: str, name: str, tag: str, script: str, direction: str, plural: str | None
) -> None:
    language = languages.load(code)
    assert language.native_name == name
    assert language.html_lang == tag
    assert language.script == script
    assert language.direction == direction
    if plural:
        assert language.plural_forms == plural


@pytest.mark.parametrize(
    ("code", "font", "search_language", "splitter", "ctex"),
    [
        ("zh_CN", "Noto Serif CJK SC", "zh", "cjk", True),
        ("zh_TW", "Noto Serif CJK TC", "zh", "cjk", True),
        ("ja", "Noto Serif CJK JP", "ja", "cjk", False),
        ("ko", "Noto Serif CJK KR", None, None, False),
        ("fr", "Noto Serif CJK SC", None, None, False),  # quoted CJK words in a Latin edition
    ],
)
def test_script_defaults(
    code: str, font: str, search_language: str | None, splitter: str | None, ctex: bool
) -> None:
    language = languages.load(code)
    assert language.pdf.cjk_fonts["main"] == font
    assert language.search.language == search_language
    assert language.search.query_splitter == splitter
    setup = language.pdf.latex_elements.get("fontenc", "") + language.pdf.cjk_setup
    assert ("{ctex}" in setup) is ctex


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_settings_file_overrides_the_script_defaults(tmp_path: Path) -> None:
    write(tmp_path / "ko" / "language.yaml", "pdf:\n  cjk_fonts:\n    main: UnBatang\n")
    language = languages.load("ko", tmp_path)
    assert language.pdf.cjk_fonts["main"] == "UnBatang"
    assert language.pdf.cjk_fonts["sans"] == "Noto Sans CJK KR"  # merged key by key


def test_search_files_are_resolved_next_to_the_settings_file(tmp_path: Path) -> None:
    write(tmp_path / "words.txt", "推理服务 10 n\n")
    write(tmp_path / "zh_CN" / "language.yaml", "search:\n  files:\n    dict: ../words.txt\n")
    options = languages.load("zh_CN", tmp_path).search.options
    assert options == {"dict": str((tmp_path / "words.txt").resolve())}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pdf:\n  fonts:\n    main: X\n", r"language\.yaml:2: pdf\.fonts: unknown key"),
        ("search:\n  language: [ja]\n", r"language\.yaml:2: search\.language: expected text"),
        ("pdf: 3\n", r"language\.yaml:1: pdf: expected a mapping"),
        ("pdf:\n  latex_elements:\n    babel: 1\n", r":3: pdf\.latex_elements\.babel: expected"),
        ("search: {language: ja\n", r"language\.yaml:2: not valid YAML"),
        ("search:\n  files:\n    dict: missing.txt\n", r"search\.files\.dict: no file"),
        ("- a list\n", r"language\.yaml:1: \(top level\): expected a mapping"),
        (
            "search: {}\ntypography:\n  doc_links: spaces\n",
            r"language\.yaml:3: typography\.doc_links: 'spaces' is not one of space, none, any",
        ),
    ],
)
def test_bad_settings_name_file_line_and_field(tmp_path: Path, text: str, expected: str) -> None:
    write(tmp_path / "ja" / "language.yaml", text)
    with pytest.raises(LanguageError, match=expected):
        languages.load("ja", tmp_path)


def test_settings_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "ja" / "language.yaml"
    path.parent.mkdir()
    path.write_bytes(b"script: \xff\xfe\n")
    with pytest.raises(LanguageError, match=r"language\.yaml: not UTF-8"):
        languages.load("ja", tmp_path)


def test_unknown_language_code() -> None:
    with pytest.raises(LanguageError, match="'xx' is not a language code that babel"):
        languages.load("xx")


def test_new_language_refuses_an_unknown_code(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "book_tools", "--locales", str(tmp_path), "new-language", "xx"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 1
    assert "'xx' is not a language code that babel" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "xx").exists()


# -- a throwaway language added by data alone --------------------------------------------------

ROOT = ROOTS / "test-languages"
BASE_URL = runpy.run_path(str(ROOT / "conf.py"))["book_base_url"]
TRANSLATED = {
    "ko": {"The scheduler places each Pod on a node.": "스케줄러는 각 Pod를 노드에 배치합니다."},
    "ja": {
        "Schedulers": "スケジューラー",
        "The scheduler places each Pod on a node.": "スケジューラーは各 Pod をノードに配置します。",
        "Inference serving needs accelerators.": "推論サービングにはアクセラレーターが必要です。",
    },
}


@dataclass
class Site:
    """The small book with its added editions, built as HTML and LaTeX."""

    root: Path
    out: Path

    def html(self, lang: str, page: str = "index.html") -> BeautifulSoup:
        text = (self.out / "html" / lang / page).read_text(encoding="utf-8")
        return BeautifulSoup(text, "html.parser")

    def tex(self, lang: str) -> str:
        return (self.out / "latex" / lang / "languages.tex").read_text(encoding="utf-8")


def _build(builder: str, lang: str, site: Site) -> None:
    result = sphinx_build(
        builder,
        site.out / builder / lang,
        site.out / "doctrees" / f"{builder}-{lang}",
        "-D",
        f"language={lang}",
        srcdir=site.root,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """``new-language ko`` and ``ja`` in a copy of the root, a few entries translated, built."""
    base = tmp_path_factory.mktemp("languages")
    site = Site(base / "book", base / "_build")
    shutil.copytree(ROOT, site.root)
    _build("gettext", "en", site)
    for code, entries in TRANSLATED.items():
        subprocess.run(
            [
                *(sys.executable, "-m", "book_tools", "--locales", "locales"),
                *("new-language", code, "--pot-dir", str(site.out / "gettext" / "en")),
            ],
            cwd=site.root,
            check=True,
            capture_output=True,
        )
        catalog = polib.pofile(str(site.root / "locales" / code / "LC_MESSAGES" / "index.po"))
        for entry in catalog:
            entry.msgstr = entries.get(entry.msgid, entry.msgstr)
        catalog.save()
    for lang in ("en", "zh_CN", "ko", "ja"):
        _build("html", lang, site)
    for lang in ("zh_CN", "ko", "ja"):
        _build("latex", lang, site)
    return site


def test_new_language_writes_settings_from_the_script(site: Site) -> None:
    settings = (site.root / "locales" / "ko" / "language.yaml").read_text(encoding="utf-8")
    assert "script: Kore" in settings
    assert "main: Noto Serif CJK KR" in settings
    header = (site.root / "locales" / "ko" / "LC_MESSAGES" / "index.po").read_text()
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in header


def test_html_lang_and_translation(site: Site) -> None:
    page = site.html("ko")
    assert page.html["lang"] == "ko"
    assert "스케줄러는 각 Pod를 노드에 배치합니다." in page.get_text()


@pytest.mark.parametrize("lang", ["en", "zh_CN", "ko", "ja"])
def test_switcher_lists_every_edition_by_its_babel_name(site: Site, lang: str) -> None:
    nav = site.html(lang, "second.html").select_one("nav.book-language-switcher")
    names = {a["hreflang"]: a.get_text(strip=True) for a in nav.select("a.book-language-link")}
    expected = {"en": "English", "zh-CN": "简体中文", "ko": "한국어", "ja": "日本語"}
    del expected[lang.replace("_", "-")]
    assert names == expected
    current = nav.select_one(".book-language-current")
    assert current["lang"] == lang.replace("_", "-")


def _pdf_link(site: Site, lang: str) -> Any:
    link = site.html(lang, "second.html").select_one("a.btn-download-book-pdf-button")
    assert link is not None
    return link


@pytest.mark.parametrize(
    ("lang", "text", "tooltip"),
    [
        ("en", "Book (PDF)", "Download the whole book as a PDF"),
        ("zh_CN", "全书 PDF", "下载全书的 PDF 版"),  # the extension's zh_CN catalog
        ("ko", "Book (PDF)", "Download the whole book as a PDF"),  # no ko catalog: English
    ],
)
def test_pdf_link_text_and_url(site: Site, lang: str, text: str, tooltip: str) -> None:
    link = _pdf_link(site, lang)
    assert link.get_text(strip=True) == text
    assert link["title"] == tooltip
    assert link["href"] == f"{BASE_URL.rstrip('/')}/{lang}/_downloads/ai-infra-book-{lang}.pdf"


def _preamble(tex: str) -> str:
    return tex[: tex.index("\\begin{document}")]


def test_korean_preamble_uses_korean_fonts_and_no_ctex(site: Site) -> None:
    preamble = _preamble(site.tex("ko"))
    assert "\\setCJKmainfont{Noto Serif CJK KR}" in preamble
    assert "\\setCJKsansfont{Noto Sans CJK KR}" in preamble
    assert "CJK SC" not in preamble
    assert "{ctex}" not in preamble
    assert "\\usepackage{xeCJK}" in preamble
    assert "polyglossia" not in preamble and "\\usepackage{babel}" not in preamble
    assert "\\renewcommand\\contentsname{차례}" in preamble


def test_chinese_preamble_uses_ctex_and_simplified_fonts(site: Site) -> None:
    preamble = _preamble(site.tex("zh_CN"))
    assert "scheme=chinese" in preamble and "{ctex}" in preamble
    assert "\\setCJKmainfont{Noto Serif CJK SC}" in preamble
    assert "CJK KR" not in preamble and "CJK JP" not in preamble


def test_japanese_preamble_and_document_class(site: Site) -> None:
    tex = site.tex("ja")
    preamble = _preamble(tex)
    assert "\\setCJKmainfont{Noto Serif CJK JP}" in preamble
    assert "{ctex}" not in preamble
    assert "jsbook" not in tex  # Sphinx's pLaTeX class for Japanese would not run with xelatex
    assert "\\renewcommand\\contentsname{目次}" in preamble


def test_table_of_contents_keeps_its_own_name(site: Site) -> None:
    """Sphinx would name the contents after the first toctree caption ("Part one")."""
    assert "\\renewcommand{\\contentsname}" not in site.tex("ko")
    assert "Part one}" not in _preamble(site.tex("zh_CN"))


def _language_data(site: Site, lang: str) -> str:
    return (site.out / "html" / lang / "_static" / "language_data.js").read_text(encoding="utf-8")


def test_query_splitter_is_the_search_languages_js_splitter_code(site: Site) -> None:
    for lang in ("zh_CN", "ja"):
        assert "function splitQuery(query)" in _language_data(site, lang), lang
    for lang in ("en", "ko"):
        assert "bookSplitQuery" not in _language_data(site, lang), lang


def test_japanese_index_is_segmented_by_sphinx(site: Site) -> None:
    index = (site.out / "html" / "ja" / "searchindex.js").read_text(encoding="utf-8")
    terms = index.encode().decode("unicode_escape")
    for word in ("推論", "サービング", "ノード", "配置"):  # TinySegmenter's words
        assert f'"{word}"' in terms, word


# -- Japanese search in the browser -------------------------------------------------------------


@pytest.fixture(scope="module")
def served(site: Site) -> Iterator[str]:
    with serve(site.out / "html") as url:
        yield url


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("ja", "推論サービング", "index.html"),  # typed without a space
        ("ja", "推論 サービング", "index.html"),
        ("ja", "ノードに配置", "index.html"),
        ("ja", "スケジューラー", "index.html"),  # a title word
        ("zh_CN", "推理服务", "index.html"),
        ("ko", "노드에", "index.html"),
    ],
)
def test_search_in_the_browser(
    browser: Any, served: str, lang: str, query: str, expected: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{served}/{lang}/search.html?q={query}")
    # searchtools.js replaces the results' heading ("Searching" and a span of pulsing dots) once
    # every result is listed; the summary line cannot tell (Sphinx's Japanese catalog translates
    # it as an empty string), nor can the pulse (a tick already scheduled restarts it after
    # stopPulse(), see test_browser.test_search)
    page.wait_for_function(
        "() => document.querySelector('#search-results h2')"
        " && !document.querySelector('#search-results h2 span')",
        timeout=60000,  # generous: a loaded machine is slow, a wrong result still fails
    )
    hrefs = [
        a.get_attribute("href") for a in page.locator("#search-results ul.search li > a").all()
    ]
    context.close()
    assert any(re.sub(r"[?#].*", "", h).endswith(expected) for h in hrefs), hrefs


# -- bad data stops the build with a located message --------------------------------------------


@pytest.mark.parametrize(
    ("lang", "files", "expected"),
    [
        (
            "zh_CN",
            {"locales/zh_CN/language.yaml": "script: Hans\npdf:\n  fonts: {main: X}\n"},
            r"locales/zh_CN/language\.yaml:3: pdf\.fonts: unknown key",
        ),
        (
            "zh_CN",
            {"locales/zh_CN/language.yaml": "search:\n  query_splitter: thai\n"},
            r"search\.query_splitter: no splitter 'thai' \(known: cjk\)",
        ),
        (
            "en",
            {"locales/xx/LC_MESSAGES/index.po": 'msgid ""\nmsgstr ""\n'},
            r"locales/xx: 'xx' is not a language code that babel \(CLDR\) knows",
        ),
    ],
)
def test_bad_language_data_fails_the_build_with_its_place(
    tmp_path: Path, lang: str, files: dict[str, str], expected: str
) -> None:
    root = tmp_path / "book"
    shutil.copytree(ROOT, root)
    for rel, text in files.items():
        write(root / rel, text)
    result = sphinx_build(
        "html", tmp_path / "html", tmp_path / "doctrees", "-D", f"language={lang}", srcdir=root
    )
    assert result.returncode != 0
    assert re.search(expected, result.stderr), result.stderr
    assert "Traceback" not in result.stderr


# -- the lazy Chinese search language -----------------------------------------------------------


def test_lazy_chinese_search_loads_the_dictionary_on_first_split(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sphinx.search.zh

    from book_tools.ext import search

    loaded: list[str] = []
    monkeypatch.setattr(sphinx.search.zh, "jieba_load_userdict", loaded.append)
    monkeypatch.setattr(search, "jieba_load_userdict", loaded.append)
    words = write(tmp_path / "words.txt", "推理服务 10 n\n")
    language = search.LazySearchChinese({"dict": str(words)})
    assert loaded == []  # the parent's __init__ ran (super()) and loaded nothing
    assert language.options == {"dict": str(words)}
    language.split("推理服务")
    language.split("调度器")
    assert loaded == [str(words)]  # once, on the first split


def test_root_page_names_each_edition_in_its_own_language() -> None:
    from book_tools import rootindex

    page = rootindex.render([languages.load(code) for code in ("en", "he", "ja", "zh_CN")])
    assert '<a href="ja/index.html" hreflang="ja" lang="ja" dir="ltr">日本語</a>' in page
    assert '<a href="he/index.html" hreflang="he" lang="he" dir="rtl">עברית</a>' in page
    assert '<a href="zh_CN/index.html" hreflang="zh-CN" lang="zh-CN" dir="ltr">简体中文</a>' in page
    assert '{"en": "en", "he": "he", "ja": "ja", "zh-cn": "zh_CN"}' in page
