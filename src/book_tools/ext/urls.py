"""Where things live: the published address of each edition and the repository's editors.

Two settings drive every URL the book prints: ``book_base_url`` (where the site is published)
and ``book_repository_url`` / ``book_repository_branch`` (where its sources live). Every other
module asks here, so an edition URL or a "suggest a translation" link is built one way only.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config


def edition_url(base_url: str, language: str) -> str:
    """The URL of one edition of the book: ``<base>/<language>/``."""
    return f"{base_url.rstrip('/')}/{language}/"


def repository_edit_url(config: Config, path: str) -> str:
    """The repository's web editor for *path* (relative to the repository root)."""
    base = config.book_repository_url.rstrip("/")
    return f"{base}/edit/{config.book_repository_branch}/{path}"


def catalog_edit_url(config: Config, docname: str) -> str:
    """The web editor of *docname*'s catalog in the build's language (one ``.po`` per page)."""
    return repository_edit_url(config, f"locales/{config.language}/LC_MESSAGES/{docname}.po")


def configure(app: Sphinx, config: Config) -> None:
    """``config-inited``: canonical links (``html_baseurl``) point at this edition's URL."""
    if config.book_base_url:
        config.html_baseurl = edition_url(config.book_base_url, config.language or "en")
