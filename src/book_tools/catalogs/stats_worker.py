"""A worker process that counts a build's catalogs while the build reads its pages.

The out-of-date banner (:mod:`book_tools.ext.banner`) needs each page's counts of translated,
outdated and untranslated messages when it writes the page. Counting means checking the ``.po``
file with GNU ``msgfmt`` and parsing it (:func:`book_tools.catalogs.stats.page_stats`), about
11 ms a page, 0.8–0.9 s of a cold zh_CN build (issue 18). A build that reads many pages sends its
catalogs to this worker (:mod:`book_tools.workers`) instead, which counts them on the other core
with the same function and answers with the counts, or with the problems of a malformed file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from book_tools import workers
from book_tools.catalogs.loading import CatalogError
from book_tools.catalogs.problems import Problem
from book_tools.catalogs.stats import PageStats, page_stats


def count(path: str) -> tuple[Any, ...]:
    """The worker's answer for the catalog at *path*: its counts, or its problems."""
    try:
        stats = page_stats(Path(path), "")
    except CatalogError as exc:
        return ("problems", [(str(p.path), p.line, p.message) for p in exc.problems])
    return ("stats", stats.translated, stats.fuzzy, stats.untranslated)


def stats_of(answer: tuple[Any, ...], page: str) -> PageStats:
    """The statistics of *page* from the worker's *answer*; raises
    :class:`~book_tools.catalogs.loading.CatalogError` as :func:`page_stats` would."""
    if answer[0] == "problems":
        raise CatalogError(
            [Problem(Path(path), line, message) for path, line, message in answer[1]]
        )
    _kind, translated, fuzzy, untranslated = answer
    return PageStats(page, translated, fuzzy, untranslated)


if __name__ == "__main__":
    workers.serve(count)
