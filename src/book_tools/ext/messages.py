"""The extension's own message catalogs: its interface strings and the themes' missing ones.

``locale/<lang>/LC_MESSAGES/`` in this package holds two catalogs:

* ``sphinx.po`` — theme strings that pydata-sphinx-theme and sphinx-book-theme leave
  untranslated; added as a fallback of Sphinx's own ``sphinx`` catalog, which templates use;
* ``book_tools.po`` — the strings this extension writes into pages (banner, status table, the
  PDF download link).

They are compiled with babel into the build's doctree folder by the same function as the
landscape extension's catalog (:func:`landscape_directive.i18n.compile_catalogs`); compiled
catalogs are never committed.
"""

from __future__ import annotations

from pathlib import Path

from sphinx import locale as sphinx_locale
from sphinx.application import Sphinx

from landscape_directive.i18n import compile_catalogs

CATALOG = "book_tools"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

#: Translate a string of this extension (lazily, in the build's language).
_ = sphinx_locale.get_translation(CATALOG)


def load(app: Sphinx) -> None:
    """Compile this package's catalogs (when stale) and register them for the build's language."""
    language = app.config.language or "en"
    target_dir = compile_catalogs(Path(app.doctreedir) / "book_tools_locale", LOCALE_DIR)
    sphinx_locale.init([target_dir], language, "sphinx")
    sphinx_locale.init([target_dir], language, CATALOG)
