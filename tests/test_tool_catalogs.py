"""The tooling's own catalogs: every interface string translated in every edition of the book.

Both Sphinx extensions mark their strings with ``_()`` and keep one babel catalog per language
in ``<package>/locale/<lang>/LC_MESSAGES/``. A language of the book (a folder of ``locales/``)
without a complete catalog would show English labels, a banner or a status page in English.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from babel.messages.extract import extract_from_file

from book_tools.ext import messages as book_messages
from book_tools.languages import SOURCE_LANGUAGE, discover_codes
from landscape_directive import i18n as landscape_messages

REPO = Path(__file__).resolve().parent.parent
EDITIONS = [code for code in discover_codes(REPO / "locales") if code != SOURCE_LANGUAGE]
PACKAGES = {
    "book_tools": (book_messages.LOCALE_DIR, book_messages.CATALOG, ["*.py"]),
    "landscape_directive": (landscape_messages.LOCALE_DIR, landscape_messages.CATALOG, ["*.py"]),
}


def source_messages(package_dir: Path, patterns: list[str]) -> set[str]:
    """Every ``_()`` string in the modules of one package folder."""
    found = set()
    for pattern in patterns:
        for module in sorted(package_dir.glob(pattern)):
            for _line, message, _comments, _context in extract_from_file(
                "python", str(module), keywords={"_": None}
            ):
                found.add(message)
    return found


def test_the_book_has_a_third_language() -> None:
    # what the parametrized tests below run over, worked out by hand from locales/
    assert EDITIONS == ["ja", "zh_CN"]


@pytest.mark.parametrize("package", sorted(PACKAGES))
@pytest.mark.parametrize("lang", EDITIONS)
def test_every_interface_string_is_translated(package: str, lang: str) -> None:
    locale_dir, catalog_name, patterns = PACKAGES[package]
    po_path = locale_dir / lang / "LC_MESSAGES" / f"{catalog_name}.po"
    assert po_path.is_file(), f"{lang} has no {po_path}"
    catalog = polib.pofile(str(po_path))
    translated = {e.msgid for e in catalog if e.msgstr and not e.fuzzy and not e.obsolete}
    # a string taken from Sphinx's own catalog (sphinx_locale._) lives in the theme fallback
    theme = locale_dir / lang / "LC_MESSAGES" / "sphinx.po"
    theme_ids = {e.msgid for e in polib.pofile(str(theme))} if theme.is_file() else set()
    wanted = source_messages(locale_dir.parent, patterns) - theme_ids
    assert len(wanted) > 10
    assert sorted(wanted - translated) == []
    assert sorted(translated - wanted) == [], f"stale entries in {po_path}"
    assert len(catalog) == len({e.msgid for e in catalog}), f"duplicate msgid in {po_path}"


@pytest.mark.parametrize("lang", EDITIONS)
def test_theme_fallback_catalog_covers_the_theme_strings_in_every_language(lang: str) -> None:
    # the theme strings the Chinese catalog needed; an edition may need more (Japanese: the
    # search's result count, which Sphinx's own Japanese catalog leaves empty)
    reference = polib.pofile(str(book_messages.LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "sphinx.po"))
    catalog = polib.pofile(str(book_messages.LOCALE_DIR / lang / "LC_MESSAGES" / "sphinx.po"))
    translated = {e.msgid for e in catalog if e.msgstr or any(e.msgstr_plural.values())}
    assert {e.msgid for e in reference} <= translated


def test_japanese_search_gets_the_result_count_sphinx_leaves_empty() -> None:
    from book_tools.ext.search_messages import script_messages, search_messages

    count = "Search finished, found one page matching the search query."
    assert count in script_messages()  # searchtools.js asks for it with ngettext
    assert search_messages("ja") == {
        count: ["検索が完了しました。検索条件に一致するページが${resultCount}件見つかりました。"]
    }
    assert search_messages("zh_CN") == {}  # Sphinx's Chinese catalog has every search string
