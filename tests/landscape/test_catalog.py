"""The extension's own zh_CN catalog: complete, and compiled at setup time."""

from __future__ import annotations

import gettext
from pathlib import Path

import polib
from babel.messages.extract import extract_from_file

from landscape_directive.i18n import CATALOG, LOCALE_DIR, compile_catalogs

PACKAGE = LOCALE_DIR.parent
PO = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / f"{CATALOG}.po"


def source_messages() -> set[str]:
    """Every ``_()`` string in the package's modules."""
    found = set()
    for module in sorted(PACKAGE.glob("*.py")):
        for _line, message, _comments, _context in extract_from_file(
            "python", str(module), keywords={"_": None}
        ):
            found.add(message)
    return found


def test_every_label_has_a_chinese_translation() -> None:
    catalog = polib.pofile(str(PO))
    translated = {e.msgid for e in catalog if e.msgstr and not e.fuzzy and not e.obsolete}
    messages = source_messages()
    assert "Project" in messages and "Maturity: prototype → standard" in messages
    assert messages - translated == set()
    assert translated - messages == set(), "stale entries in the .po"


def test_compiled_catalog_matches_the_po(tmp_path: Path) -> None:
    target = compile_catalogs(tmp_path)
    mo = target / "zh_CN" / "LC_MESSAGES" / f"{CATALOG}.mo"
    translations = gettext.translation(CATALOG, localedir=target, languages=["zh_CN"])
    for entry in polib.pofile(str(PO)):
        assert translations.gettext(entry.msgid) == entry.msgstr
    # up to date: not written again
    before = mo.stat().st_mtime_ns
    compile_catalogs(tmp_path)
    assert mo.stat().st_mtime_ns == before
