"""The catalogs' statistics counted ahead, on the other core, for the pages that show them.

Two things in a build count catalogs: the out-of-date banner (:mod:`book_tools.ext.banner`),
for each page it writes, and the ``translation-status`` directive (:mod:`book_tools.ext.statuspage`),
for every page of every language. Counting one catalog means checking it with GNU ``msgfmt`` and
parsing it (:func:`book_tools.catalogs.stats.page_stats`), about 10 ms; a cold build spent
0.8–0.9 s on the banner and 1.7–2.0 s reading the status page, in every language (issue 18).

A build that reads many pages (the setting ``book_worker_pages``) sends every catalog under the
locales folder, its own language's first, to a worker process as it starts reading
(:mod:`book_tools.catalogs.stats_worker`, run by :mod:`book_tools.workers`), which counts them
with the same function while the build reads. :func:`page_stats_for` then gives a catalog's
statistics from the worker's answer (kept for the build's other readers of the same catalog), or
counts the catalog itself when the worker did not. A catalog that changes while the build runs
is counted as it was when the build started reading, as Sphinx's own ``.mo`` files are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from book_tools import workers
from book_tools.catalogs import stats_worker
from book_tools.catalogs.stats import PageStats, page_stats
from book_tools.languages import locales_dir

MIN_PAGES = 10
"""A build that reads fewer pages counts the catalogs it needs itself."""


class Counts:
    """The worker counting one build's catalogs, and the answers taken from it."""

    def __init__(self, worker: workers.Worker) -> None:
        self.worker = worker
        self._answers: dict[str, Any] = {}

    def stats(self, po: Path, page: str) -> PageStats:
        """The statistics of the catalog *po* of *page*; raises
        :class:`~book_tools.catalogs.loading.CatalogError` for a malformed one."""
        key = str(po)
        answer = self._answers.get(key)
        if answer is None:
            answer = self.worker.take(key)
            if answer is not None:
                self._answers[key] = answer
        if answer is None:
            return page_stats(po, page)
        return stats_worker.stats_of(answer, page)


_running: dict[int, Counts] = {}
"""The counts of each build (by ``id`` of its environment)."""


def catalogs(app: Sphinx) -> list[Path]:
    """Every catalog under the book's locales folder, the build's language first."""
    locales = locales_dir(app.srcdir, app.config.locale_dirs)
    own = app.config.language or ""
    found = sorted(locales.glob("*/LC_MESSAGES/**/*.po"))
    return sorted(found, key=lambda po: po.relative_to(locales).parts[0] != own)


def start(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: have a worker count the catalogs of a build that reads many
    pages."""
    least = getattr(app.config, "book_worker_pages", MIN_PAGES)
    if len(docnames) < least or id(env) in _running:
        return
    found = catalogs(app)
    if not found:
        return
    try:
        worker = workers.Worker(workers.command(stats_worker.__name__, ""))
    except OSError:
        return
    _running[id(env)] = Counts(worker)
    for po in found:
        worker.send(str(po), str(po))


def page_stats_for(env: BuildEnvironment, po: Path, page: str) -> PageStats:
    """The statistics of the catalog *po* of *page*: counted by the build's worker if it has
    one, else here."""
    counts = _running.get(id(env))
    return counts.stats(po, page) if counts is not None else page_stats(po, page)


def stop(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: stop the worker."""
    counts = _running.pop(id(app.env), None)
    if counts is not None:
        counts.worker.close()
