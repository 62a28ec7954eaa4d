"""The extension's own catalogs are compiled at setup time (tests/test_tool_catalogs.py checks
that every label is translated in every edition)."""

from __future__ import annotations

import gettext
from pathlib import Path

import polib

from landscape_directive.i18n import CATALOG, LOCALE_DIR, compile_catalogs

PACKAGE = LOCALE_DIR.parent
PO = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / f"{CATALOG}.po"


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
