"""The out-of-date banner: a translated page tells its reader what is still in English.

The page's catalog is counted by :mod:`book_tools.ext.catalog_counts` (ahead, on the other core,
in a build that reads many pages).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from book_tools.catalogs.loading import CatalogError
from book_tools.catalogs.stats import PageStats
from book_tools.ext import catalog_counts
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


def _translated_html(app: Sphinx) -> bool:
    return app.builder.format == "html" and (app.config.language or "en") != "en"


def add_banner(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: put the banner under the title of a page that is not fully translated."""
    if not _translated_html(app):
        return
    po = catalog_path(app, docname)
    try:
        stats = catalog_counts.page_stats_for(app.env, po, docname) if po.is_file() else None
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
