"""The header buttons of each page (sphinx-book-theme), corrected and extended.

* "edit this page" points at the real source: ``examples/*.ipynb`` live outside ``book/``;
* translated editions get a "suggest a translation" button that edits the page's ``.po`` file.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from book_tools.ext.messages import _
from book_tools.ext.urls import catalog_edit_url

MIRRORED_PREFIX = "examples/"  # docnames mirrored from the top-level examples/ folder


def _rewrite(buttons: list[dict[str, Any]], old: str, new: str) -> None:
    for button in buttons:
        if "url" in button:
            button["url"] = button["url"].replace(old, new)
        if "buttons" in button:
            _rewrite(button["buttons"], old, new)


def header_buttons(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` (after sphinx-book-theme's): fix and extend the header buttons."""
    buttons = context.get("header_buttons")
    if buttons is None or doctree is None:
        return
    if pagename.startswith(MIRRORED_PREFIX):
        _rewrite(
            buttons,
            f"/{app.config.html_theme_options.get('path_to_docs', 'book')}/{MIRRORED_PREFIX}",
            f"/{MIRRORED_PREFIX}",
        )
    language = app.config.language or "en"
    if language != "en" and app.config.book_repository_url:
        buttons.append(
            {
                "type": "link",
                "url": catalog_edit_url(app.config, pagename),
                "tooltip": str(_("Suggest a translation")),
                "icon": "fas fa-language",
                "label": "suggest-translation-button",
            }
        )
