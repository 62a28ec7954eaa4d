"""The catalogs' statistics, counted once per catalog text, and ahead on the other core.

Two things in a build count catalogs: the out-of-date banner (:mod:`book_tools.ext.banner`),
for each page it writes, and the ``translation-status`` directive (:mod:`book_tools.ext.statuspage`),
for every page of every language. Counting one catalog means checking it with GNU ``msgfmt`` and
parsing it (:func:`book_tools.catalogs.stats.page_stats`), about 10 ms. A cold build spent
0.8–0.9 s on the banner and 1.7–2.5 s reading the status page, in every language, and since the
status page depends on every catalog, a translator's edit to one message cost a zh_CN rebuild
2.4–2.5 s of recounting all 158 catalogs (issue 18).

* **Counts kept by content.** Each build keeps the counts it made in
  ``<doctrees>/catalog-counts.marshal``, by the SHA-256 of the catalog's bytes, under a key of
  everything else the counts depend on: this module's format, polib's version and the ``msgfmt``
  program (its path, size and time stamp). A catalog whose bytes were counted before is not
  counted again; any change to it is a new text and is counted. Only catalogs that counted
  without problems are kept, so a malformed one is checked, and reported, in every build. The
  file keeps the counts of the catalogs the locales folder has when the build ends.
* **Counted ahead.** A build that reads many pages (the setting ``book_worker_pages``) sends the
  catalogs whose texts it has no counts for, its own language's first, to a worker process as it
  starts reading (:mod:`book_tools.catalogs.stats_worker`, run by :mod:`book_tools.workers`),
  which counts them with the same function while the build reads. The worker answers with the
  SHA-256 of the bytes it counted; an answer for bytes the file no longer has is not used.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from book_tools import workers
from book_tools.catalogs import stats_worker
from book_tools.catalogs.stats import PageStats, page_stats
from book_tools.files import replace_file
from book_tools.languages import locales_dir

FORMAT = 1
FILE_NAME = "catalog-counts.marshal"
"""The file of the counts, in the doctree folder."""


def digest(data: bytes) -> str:
    """What a catalog's counts are kept by: the SHA-256 of its bytes."""
    return hashlib.sha256(data).hexdigest()


def memo_key() -> tuple[Any, ...]:
    """Everything the counts depend on besides the catalog's bytes."""
    import polib

    msgfmt = shutil.which("msgfmt")
    tool: tuple[Any, ...] = ()
    if msgfmt is not None:
        with contextlib.suppress(OSError):
            info = Path(msgfmt).stat()
            tool = (msgfmt, info.st_size, info.st_mtime_ns)
    return (FORMAT, polib.__version__, tool)


class Counts:
    """One build's counts: those kept by the last build, those made now, and its worker."""

    def __init__(self, path: Path, locales: Path) -> None:
        self.path = path
        self.locales = locales
        self.key = memo_key()
        self.kept: dict[str, tuple[int, int, int]] = {}
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
            key, kept = marshal.loads(path.read_bytes())
            if tuple(key) == self.key and isinstance(kept, dict):
                self.kept = kept
        self.changed = False
        self.worker: workers.Worker | None = None

    def catalogs(self, language: str) -> list[Path]:
        """Every catalog under the locales folder, *language*'s first."""
        found = sorted(self.locales.glob("*/LC_MESSAGES/**/*.po"))
        return sorted(found, key=lambda po: po.relative_to(self.locales).parts[0] != language)

    def start_worker(self, language: str) -> None:
        """Send the catalogs whose texts have no counts to a worker (if any)."""
        todo = [po for po in self.catalogs(language) if self._digest_of(po) not in self.kept]
        if not todo:
            return
        try:
            self.worker = workers.Worker(workers.command(stats_worker.__name__, ""))
        except OSError:
            return
        for po in todo:
            self.worker.send(str(po), str(po))

    @staticmethod
    def _digest_of(po: Path) -> str | None:
        try:
            return digest(po.read_bytes())
        except OSError:
            return None

    def stats(self, po: Path, page: str) -> PageStats:
        """The statistics of the catalog *po* of *page*; raises
        :class:`~book_tools.catalogs.loading.CatalogError` for a malformed one."""
        now = self._digest_of(po)
        counts = self.kept.get(now) if now is not None else None
        if counts is not None:
            return PageStats(page, *counts)
        answer = self.worker.take(str(po)) if self.worker is not None else None
        if answer is not None and answer[0] != "problems" and answer[-1] == now:
            stats = stats_worker.stats_of(answer, page)
        else:
            stats = page_stats(po, page)
        if now is not None:
            self.kept[now] = (stats.translated, stats.fuzzy, stats.untranslated)
            self.changed = True
        return stats

    def finish(self) -> None:
        """Stop the worker; keep the counts of the catalogs there are now, if any are new."""
        if self.worker is not None:
            self.worker.close()
            self.worker = None
        if not self.changed:
            return
        current = {self._digest_of(po) for po in self.catalogs("")}
        kept = {text: counts for text, counts in self.kept.items() if text in current}
        with contextlib.suppress(OSError):
            replace_file(self.path, marshal.dumps((self.key, kept)))


_running: dict[int, Counts] = {}
"""The counts of each build (by ``id`` of its environment)."""


def start(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: load the kept counts; have a worker count the catalogs of a
    build that reads many pages."""
    if id(env) in _running:
        return
    counts = Counts(
        Path(app.doctreedir) / FILE_NAME, locales_dir(app.srcdir, app.config.locale_dirs)
    )
    _running[id(env)] = counts
    if len(docnames) >= getattr(app.config, "book_worker_pages", workers.MIN_PAGES):
        counts.start_worker(app.config.language or "")


def page_stats_for(env: BuildEnvironment, po: Path, page: str) -> PageStats:
    """The statistics of the catalog *po* of *page*, kept, counted by the worker or counted
    here."""
    counts = _running.get(id(env))
    return counts.stats(po, page) if counts is not None else page_stats(po, page)


def stop(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: stop the worker and keep the counts."""
    counts = _running.pop(id(app.env), None)
    if counts is not None:
        counts.finish()
