"""Book furniture driven by two settings: the published base URL and the source repository.

* per-edition URLs: ``html_baseurl`` (canonical links), the sitemap's URL scheme and
  alternates, and the 404 page's absolute resource prefix, all derived from ``book_base_url``
  and the build's language;
* Open Graph metadata (title, URL, site name, locale, description) on every page, written here
  rather than by sphinxext-opengraph, which imports matplotlib on every build even with its
  social cards turned off;
* header buttons: "edit this page" points at the real source (``examples/*.ipynb`` live outside
  ``book/``), and translated editions get a "suggest a translation" button that edits the
  page's ``.po`` file.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlparse

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from book_tools.ext.messages import _

MIRRORED_PREFIX = "examples/"  # docnames mirrored from the top-level examples/ folder


def edition_url(base_url: str, language: str) -> str:
    """The URL of one edition of the book: ``<base>/<language>/``."""
    return f"{base_url.rstrip('/')}/{language}/"


def configure_urls(app: Sphinx, config: Config) -> None:
    """``config-inited``: derive every per-edition URL setting from ``book_base_url``."""
    if not config.book_base_url:
        return
    language = config.language or "en"
    edition = edition_url(config.book_base_url, language)
    path = urlparse(edition).path
    settings = {
        "html_baseurl": edition,
        "site_url": config.book_base_url.rstrip("/") + "/",
        "sitemap_url_scheme": "{lang}{link}",
        "sitemap_locales": [c for c in config.book_language_codes if c != language] or [None],
        "notfound_urls_prefix": path,
        "notfound_context": {
            "title": str(_("Page not found")),
            "body": (
                f"<h1>{_('Page not found')}</h1>\n<p>{_('There is no page at this address.')} "
                f'<a href="{path}index.html">{_("Go to the home page.")}</a></p>'
            ),
        },
    }
    for name, value in settings.items():
        if name in config:  # only for the extensions that are loaded
            setattr(config, name, value)


def _rewrite(buttons: list[dict[str, Any]], old: str, new: str) -> None:
    for button in buttons:
        if "url" in button:
            button["url"] = button["url"].replace(old, new)
        if "buttons" in button:
            _rewrite(button["buttons"], old, new)


def suggest_translation_url(app: Sphinx, pagename: str) -> str:
    """The repository's editor for this page's catalog in the build's language."""
    base = app.config.book_repository_url.rstrip("/")
    branch = app.config.book_repository_branch
    return f"{base}/edit/{branch}/locales/{app.config.language}/LC_MESSAGES/{pagename}.po"


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
                "url": suggest_translation_url(app, pagename),
                "tooltip": str(_("Suggest a translation")),
                "icon": "fas fa-language",
                "label": "suggest-translation-button",
            }
        )


OG_DESCRIPTION_LENGTH = 200


def description(doctree: nodes.document | None) -> str:
    """The page's first paragraph, shortened, for link previews."""
    if doctree is None:
        return ""
    for para in doctree.findall(nodes.paragraph):
        text = " ".join(para.astext().split())
        if text:
            if len(text) > OG_DESCRIPTION_LENGTH:
                text = text[: OG_DESCRIPTION_LENGTH - 1].rstrip() + "…"
            return text
    return ""


def open_graph(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: add Open Graph ``<meta>`` tags derived from ``html_baseurl``."""
    if not app.config.html_baseurl or doctree is None:
        return
    suffix = getattr(app.builder, "out_suffix", ".html")
    title = re.sub(r"<[^>]+>", "", context.get("title", ""))
    tags = {
        "og:title": html.unescape(title),
        "og:type": "website",
        "og:url": app.config.html_baseurl + pagename + suffix,
        "og:site_name": app.config.project,
        "og:locale": app.config.language or "en",
        "og:description": description(doctree),
    }
    meta = "".join(
        f'<meta property="{name}" content="{html.escape(value, quote=True)}" />\n'
        for name, value in tags.items()
        if value
    )
    context["metatags"] = context.get("metatags", "") + meta
