"""The extension's own message catalogs: its interface strings and the themes' missing ones.

``locale/<lang>/LC_MESSAGES/`` in this package holds two catalogs:

* ``sphinx.po`` — theme strings that pydata-sphinx-theme and sphinx-book-theme leave
  untranslated; added as a fallback of Sphinx's own ``sphinx`` catalog, which templates use;
* ``book_tools.po`` — the strings this extension writes into pages (banner, status table).

They are compiled into the build's doctree folder (compiled catalogs are never committed).
"""

from __future__ import annotations

from pathlib import Path

import polib
from sphinx import locale as sphinx_locale
from sphinx.application import Sphinx

CATALOG = "book_tools"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

#: Translate a string of this extension (lazily, in the build's language).
_ = sphinx_locale.get_translation(CATALOG)


def load(app: Sphinx) -> None:
    """Compile this package's catalogs for the build's language and register them."""
    language = app.config.language or "en"
    source = LOCALE_DIR / language / "LC_MESSAGES"
    target_dir = Path(app.doctreedir) / "book_tools_locale"
    for name in ("sphinx", CATALOG):
        po_path = source / f"{name}.po"
        if po_path.is_file():
            mo_path = target_dir / language / "LC_MESSAGES" / f"{name}.mo"
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    sphinx_locale.init([target_dir], language, "sphinx")
    sphinx_locale.init([target_dir], language, CATALOG)
