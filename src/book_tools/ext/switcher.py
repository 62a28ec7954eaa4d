"""The language switcher: links from a page to the same page in every edition."""

from __future__ import annotations

import posixpath
from functools import cache
from typing import Any

from sphinx.application import Sphinx

from book_tools.languages import LanguageError, load


@cache
def _facts(code: str) -> tuple[str, str, str]:
    """Name in itself, BCP 47 tag and direction of *code*, from babel (its code if unknown)."""
    try:
        language = load(code)
    except LanguageError:  # reported by the build's own edition check
        return code, code.replace("_", "-"), "ltr"
    return language.native_name, language.html_lang, language.direction


def language_links(
    pagename: str, current: str, codes: list[str], suffix: str
) -> list[dict[str, Any]]:
    """Links from *pagename* in edition *current* to the same page in each edition of *codes*.

    Editions live side by side (``<root>/<code>/<page><suffix>``), so every link is relative and
    works from a web server, a file system and a sub-path alike.
    """
    up = "../" * (pagename.count("/") + 1)
    links = []
    for code in codes:
        name, html_lang, direction = _facts(code)
        links.append(
            {
                "code": code,
                "name": name,
                "html_lang": html_lang,
                "dir": direction,
                "url": posixpath.join(up + code, pagename + suffix),
                "home": posixpath.join(up + code, "index" + suffix),
                "current": code == current,
            }
        )
    return links


def add_to_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: give the template ``book_languages``."""
    suffix = getattr(app.builder, "out_suffix", ".html")
    context["book_languages"] = language_links(
        pagename, app.config.language or "en", app.config.book_language_codes, suffix
    )
