"""The 404 page (sphinx-notfound-page): translated text and absolute links to this edition."""

from __future__ import annotations

from urllib.parse import urlparse

from sphinx.application import Sphinx
from sphinx.config import Config

from book_tools.ext.messages import _
from book_tools.ext.urls import edition_url


def configure(app: Sphinx, config: Config) -> None:
    """``config-inited``: the 404 page's resource prefix and its translated text."""
    if not config.book_base_url or "notfound_urls_prefix" not in config:
        return
    path = urlparse(edition_url(config.book_base_url, config.language or "en")).path
    config.notfound_urls_prefix = path
    config.notfound_context = {
        "title": str(_("Page not found")),
        "body": (
            f"<h1>{_('Page not found')}</h1>\n<p>{_('There is no page at this address.')} "
            f'<a href="{path}index.html">{_("Go to the home page.")}</a></p>'
        ),
    }
