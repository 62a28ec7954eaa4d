"""The sitemap of each edition (sphinx-sitemap), with the other editions as alternates."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config


def configure(app: Sphinx, config: Config) -> None:
    """``config-inited`` (after the language list is known): sphinx-sitemap's URL settings."""
    if not config.book_base_url or "sitemap_url_scheme" not in config:
        return
    language = config.language or "en"
    config.site_url = config.book_base_url.rstrip("/") + "/"
    config.sitemap_url_scheme = "{lang}{link}"
    config.sitemap_locales = [c for c in config.book_language_codes if c != language] or [None]
