"""A worker process that counts a build's catalogs while the build reads its pages.

It answers each catalog's path (:mod:`book_tools.workers`) with its counts of translated, outdated
and untranslated messages, from :func:`book_tools.catalogs.stats.page_stats`, and the SHA-256 of
the bytes it counted, or with the problems of a malformed file; :mod:`book_tools.ext.catalog_counts` sends the catalogs and takes the
answers.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from book_tools import workers
from book_tools.catalogs.loading import CatalogError
from book_tools.catalogs.problems import Problem
from book_tools.catalogs.stats import PageStats, page_stats


def count(path: str) -> tuple[Any, ...]:
    """The worker's answer for the catalog at *path*: its counts and the SHA-256 of the bytes it
    counted, or its problems."""
    try:
        text = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        text = ""  # page_stats says what is wrong with the file
    try:
        stats = page_stats(Path(path), "")
    except CatalogError as exc:
        return ("problems", [(str(p.path), p.line, p.message) for p in exc.problems])
    return ("stats", stats.translated, stats.fuzzy, stats.untranslated, text)


def stats_of(answer: tuple[Any, ...], page: str) -> PageStats:
    """The statistics of *page* from the worker's *answer*; raises
    :class:`~book_tools.catalogs.loading.CatalogError` as :func:`page_stats` would."""
    if answer[0] == "problems":
        raise CatalogError(
            [Problem(Path(path), line, message) for path, line, message in answer[1]]
        )
    _kind, translated, fuzzy, untranslated, _text = answer
    return PageStats(page, translated, fuzzy, untranslated)


if __name__ == "__main__":
    workers.serve(count)
