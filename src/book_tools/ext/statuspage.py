"""The ``translation-status`` directive: a table of every language's progress, from the catalogs."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from book_tools.catalogs.loading import CatalogError
from book_tools.catalogs.stats import PageStats, language_stats, totals
from book_tools.ext import catalog_counts
from book_tools.ext.banner import report_catalog_problems
from book_tools.ext.messages import _
from book_tools.languages import SOURCE_LANGUAGE, discover_codes, locales_dir, native_name
from landscape_directive.cells import doc_link, grid, row


class TranslationStatus(SphinxDirective):
    """Render, per language, a table of translated / outdated / untranslated messages per page.

    The page is re-read whenever any catalog changes (each catalog is a dependency).
    """

    has_content = False
    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        """Build one section-less table per translated language."""
        locales = locales_dir(self.env.srcdir, self.config.locale_dirs)
        result: list[nodes.Node] = []
        for code in discover_codes(locales):
            if code == SOURCE_LANGUAGE:
                continue
            lc = locales / code / "LC_MESSAGES"
            for po in sorted(lc.rglob("*.po")):
                self.env.note_dependency(str(po))
            try:
                stats = language_stats(
                    lc, count=lambda po, page: catalog_counts.page_stats_for(self.env, po, page)
                )
            except CatalogError as exc:
                report_catalog_problems(exc)
                continue
            pages = [p for p in stats if p.page in self.env.found_docs]
            result.append(self._table(native_name(code), pages))
        return result

    def _numbers(self, stats: PageStats) -> list[nodes.Node | str]:
        return [
            str(stats.translated),
            str(stats.fuzzy),
            str(stats.untranslated),
            f"{stats.percent:.0f}%",
        ]

    def _table(self, language_name: str, pages: list[PageStats]) -> nodes.table:
        headers = [_("Page"), _("Translated"), _("Outdated"), _("Untranslated"), _("Done")]
        title = nodes.title(
            "", str(_("Translation status: {language}")).format(language=language_name)
        )
        body = [
            row([doc_link(page.page, self.env.docname), *self._numbers(page)])
            for page in sorted(pages, key=lambda p: (p.percent, p.page))
        ]
        body.append(row([str(_("All pages")), *self._numbers(totals(pages))]))
        table = grid(
            (40, 15, 15, 15, 15),
            [row([str(h) for h in headers])],
            body,
            classes=["translation-status"],
            title=title,
        )
        for node in table.findall(nodes.Element):
            self.set_source_info(node)
            if isinstance(node, nodes.TextElement):
                node["translatable"] = False  # generated in the reader's language already
        return table
