"""The edition a build makes: its :class:`~book_tools.languages.Language`, from the build's config.

Every module of the extension that needs a per-language choice asks here, and finds it in the
language's data (:mod:`book_tools.languages`), never by testing the language code.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from book_tools.languages import (
    SOURCE_LANGUAGE,
    Language,
    LanguageError,
    babel_locale,
    load,
    locales_dir,
)

logger = logging.getLogger(__name__)


def current_edition(app: Sphinx, config: Config, *, report: bool = False) -> Language:
    """The edition of ``config.language``, with ``locales/<code>/language.yaml`` applied.

    A broken settings file or a code babel does not know is a warning naming the file, line and
    field when *report* is set (``-W`` fails the build); the build then goes on with the
    script's defaults (or the source language's), so one problem is reported, not a cascade.
    """
    code = config.language or SOURCE_LANGUAGE
    try:
        return load(code, locales_dir(app.srcdir, config.locale_dirs))
    except LanguageError as exc:
        if report:
            logger.warning("%s", exc, type="book", subtype="language")
    try:
        return load(code)
    except LanguageError:
        return load(SOURCE_LANGUAGE)


def check_codes(codes: list[str], locales: Path) -> None:
    """Warn, naming the folder, about an edition whose folder name babel does not know."""
    for code in codes:
        try:
            babel_locale(code)
        except LanguageError as exc:
            logger.warning("%s: %s", locales / code, exc, type="book", subtype="language")
