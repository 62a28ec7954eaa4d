"""The extension's own message catalog (fixed labels such as column headers and axis titles).

The package ships ``locale/<lang>/LC_MESSAGES/landscape_directive.po``; :func:`compile_catalogs`
compiles them (with Babel, which Sphinx depends on) into the build's doctree directory when the
``.mo`` is missing or older than the ``.po``, so no compiled file lives in the repository.

Labels that come from the data (descriptions, category, layer and stage names) are translated by
the book's ordinary catalogs instead; see :mod:`landscape_directive.directives`.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.locale import get_translation

CATALOG = "landscape_directive"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_ = get_translation(CATALOG)


def compile_catalogs(target: Path, source: Path = LOCALE_DIR) -> Path:
    """Compile every ``.po`` under ``source`` into ``target`` (same layout) when stale."""
    for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
        mo = target / po.relative_to(source).with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime_ns >= po.stat().st_mtime_ns:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as handle:
            catalog = read_po(handle)
        partial = mo.with_name(mo.name + ".tmp")
        with partial.open("wb") as handle:
            write_mo(handle, catalog)
        partial.replace(mo)
    return target
