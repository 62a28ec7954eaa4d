"""The language switcher: links from a page to the same page in every edition."""

from __future__ import annotations

import posixpath
from typing import Any

from sphinx.application import Sphinx

from book_tools.languages import NATIVE_NAMES


def language_links(
    pagename: str, current: str, codes: list[str], suffix: str
) -> list[dict[str, Any]]:
    """Links from *pagename* in edition *current* to the same page in each edition of *codes*.

    Editions live side by side (``<root>/<code>/<page><suffix>``), so every link is relative and
    works from a web server, a file system and a sub-path alike.
    """
    up = "../" * (pagename.count("/") + 1)
    return [
        {
            "code": code,
            "name": NATIVE_NAMES.get(code, code),
            "html_lang": code.replace("_", "-"),
            "url": posixpath.join(up + code, pagename + suffix),
            "home": posixpath.join(up + code, "index" + suffix),
            "current": code == current,
        }
        for code in codes
    ]


def add_to_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: give the template ``book_languages``."""
    suffix = getattr(app.builder, "out_suffix", ".html")
    context["book_languages"] = language_links(
        pagename, app.config.language or "en", app.config.book_language_codes, suffix
    )
