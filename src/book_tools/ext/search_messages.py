"""Search-page strings that Sphinx's own JavaScript catalog leaves untranslated in an edition.

Sphinx ships one ``sphinx.js`` per language with the strings of ``searchtools.js``. Its Japanese
catalog translates all of them but the result count ("Search finished, found N pages…"), so a
Japanese reader would see no count. The theme fallback catalog of this extension
(``locale/<lang>/LC_MESSAGES/sphinx.po``) may hold such strings: the ones Sphinx's search
scripts use are added on the search page only, through Sphinx's own
``Documentation.addTranslations``, after ``translations.js``.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import sphinx
from babel.messages.pofile import read_po
from sphinx.application import Sphinx

from book_tools.ext.messages import LOCALE_DIR
from book_tools.languages import babel_locale, plural_forms

#: Sphinx's scripts whose ``_()``/``ngettext()`` strings its ``sphinx.js`` catalogs translate
SCRIPTS = ("searchtools.js", "doctools.js", "sphinx_highlight.js")
_CALL = re.compile(r"""\b(?:_|gettext|ngettext)\(\s*["']([^"']+)["']""")


@cache
def script_messages() -> frozenset[str]:
    """The msgids Sphinx's search scripts ask their catalog for."""
    static = Path(sphinx.__file__).parent / "themes" / "basic" / "static"
    text = "".join((static / name).read_text(encoding="utf-8") for name in SCRIPTS)
    return frozenset(_CALL.findall(text))


@cache
def search_messages(language: str) -> dict[str, Any]:
    """The fallback catalog's translations of the search scripts' strings, as ``sphinx.js`` has them.

    A plural entry becomes a list of forms, keyed by its singular msgid.
    """
    po = LOCALE_DIR / language / "LC_MESSAGES" / "sphinx.po"
    if not po.is_file():
        return {}
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=babel_locale(language))
    wanted = script_messages()
    found: dict[str, Any] = {}
    for message in catalog:
        singular = message.id[0] if isinstance(message.id, tuple) else message.id
        if not singular or singular not in wanted or not message.string:
            continue
        strings = message.string
        if isinstance(strings, tuple):
            if not all(strings):
                continue
            found[singular] = list(strings)
        else:
            found[singular] = strings
    return found


def add_to_search_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On the search page, add the missing translations after Sphinx's ``translations.js``."""
    language = app.config.language or "en"
    if pagename != "search" or language == "en":
        return
    messages = search_messages(language)
    if not messages:
        return
    plural = plural_forms(language).split("plural=", 1)[1].rstrip(";").strip()
    catalog = {"messages": messages, "plural_expr": plural, "locale": language}
    body = (
        f"Documentation.addTranslations({json.dumps(catalog, ensure_ascii=False, sort_keys=True)});"
    )
    app.add_js_file(None, body=body, priority=900)
