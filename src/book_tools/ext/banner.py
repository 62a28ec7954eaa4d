"""The out-of-date banner: a translated page tells its reader what is still in English.

A build that reads many pages has their catalogs counted ahead, on the other core
(:mod:`book_tools.catalogs.stats_worker`); a page the worker did not count is counted when it is
written, with the same function.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from book_tools import workers
from book_tools.catalogs import stats_worker
from book_tools.catalogs.loading import CatalogError
from book_tools.catalogs.stats import PageStats, page_stats
from book_tools.ext.messages import _
from book_tools.ext.urls import catalog_edit_url
from book_tools.languages import locales_dir

logger = logging.getLogger(__name__)


def catalog_path(app: Sphinx, docname: str) -> Path:
    """The ``.po`` file of *docname* in the build's language (one catalog per page)."""
    locale_dir = locales_dir(app.srcdir, app.config.locale_dirs)
    return locale_dir / app.config.language / "LC_MESSAGES" / f"{docname}.po"


def banner_node(stats: PageStats | None, url: str) -> nodes.admonition:
    """The banner for a page with these statistics (``None``: the page has no catalog)."""
    if stats is None:
        text = str(_("This page has not been translated yet, so it is shown in English."))
    else:
        text = str(
            _(
                "This page is not fully translated: {untranslated} untranslated and {fuzzy} "
                "outdated passages (the English changed since they were translated) are shown "
                "in English."
            )
        ).format(untranslated=stats.untranslated, fuzzy=stats.fuzzy)
    node = nodes.admonition(classes=["translation-banner", "attention"])
    node += nodes.title("", str(_("Translation in progress")))
    para = nodes.paragraph("", f"{text} ")
    para += nodes.reference("", str(_("Help translate this page.")), refuri=url, internal=False)
    node += para
    for child in node.findall(nodes.Element):
        child["translatable"] = False  # already in the reader's language
    return node


def report_catalog_problems(error: CatalogError) -> None:
    """Warn (and so fail a ``-W`` build) at the file and line of each problem of a catalog."""
    for problem in error.problems:
        logger.warning(
            problem.message,
            location=f"{problem.path}:{problem.line}",
            type="book",
            subtype="catalog",
        )


_counting: dict[int, workers.Worker] = {}
"""The catalog-counting worker of each build (by ``id`` of its application)."""


def _translated_html(app: Sphinx) -> bool:
    return app.builder.format == "html" and (app.config.language or "en") != "en"


def start_counting(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: a translated HTML build that reads many pages (the setting
    ``book_worker_pages``) has their catalogs counted by a worker process
    (:mod:`book_tools.catalogs.stats_worker`) while it reads them."""
    least = getattr(app.config, "book_worker_pages", 10)
    if not _translated_html(app) or len(docnames) < least or id(app) in _counting:
        return
    try:
        worker = workers.Worker(workers.command(stats_worker.__name__, ""))
    except OSError:
        return
    _counting[id(app)] = worker
    for docname in sorted(docnames):
        po = catalog_path(app, docname)
        if po.is_file():
            worker.send(docname, str(po))


def stop_counting(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: stop the worker."""
    worker = _counting.pop(id(app), None)
    if worker is not None:
        worker.close()


def counted(app: Sphinx, docname: str, po: Path) -> PageStats | None:
    """The statistics of *docname*'s catalog *po* (``None`` without one), from the worker if it
    counted it, else counted here; raises :class:`CatalogError` for a malformed catalog."""
    worker = _counting.get(id(app))
    answer = worker.take(docname) if worker is not None else None
    if answer is not None:
        return stats_worker.stats_of(answer, docname)
    return page_stats(po, docname) if po.is_file() else None


def add_banner(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: put the banner under the title of a page that is not fully translated."""
    if not _translated_html(app):
        return
    po = catalog_path(app, docname)
    try:
        stats = counted(app, docname, po)
    except CatalogError as exc:
        report_catalog_problems(exc)
        return
    if stats is not None and stats.untranslated == 0 and stats.fuzzy == 0:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    parent = section if section is not None else doctree
    index = (
        1
        if section is not None and section.children and isinstance(section.children[0], nodes.title)
        else 0
    )
    parent.insert(index, banner_node(stats, catalog_edit_url(app.config, docname)))
