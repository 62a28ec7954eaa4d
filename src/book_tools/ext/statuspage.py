"""The ``translation-status`` directive: a table of every language's progress, from the catalogs.

The tables are made when the page is written, not when it is read: the directive leaves a
placeholder, and :class:`FillTranslationStatus` (a post-transform) puts the tables in its place.
A translator's edit to any catalog changes the tables, and when they were made at reading, every
such edit made the build read the status page again (each catalog was a dependency of the page):
the page's ``Locale`` transform walked the 160 rows of generated cells twice, Sphinx writing a
debug representation of each skipped cell, 0.35-0.5 s of a 2.5 s one-message rebuild (issue 18).
Now :class:`TranslationStatusCollector` remembers which pages hold a placeholder and, when any
catalog's size or modification time differs from the last build's, has Sphinx write those pages
again (``env-get-updated``), which makes the tables from the catalogs as they are.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from book_tools.catalogs.loading import CatalogError
from book_tools.catalogs.stats import PageStats, language_stats, totals
from book_tools.ext import catalog_counts
from book_tools.ext.banner import report_catalog_problems
from book_tools.ext.messages import _
from book_tools.languages import SOURCE_LANGUAGE, discover_codes, locales_dir, native_name
from landscape_directive.cells import doc_link, grid, locate, row

PAGES = "book_translation_status_pages"
"""The environment's attribute: the docnames of the pages that hold a placeholder."""
CATALOGS = "book_translation_status_catalogs"
"""The environment's attribute: the catalogs as the last build found them (:func:`catalog_stats`)."""


class translation_status(nodes.General, nodes.Element):  # noqa: N801 (docutils node classes are lower case)
    """Where the tables go; replaced when the page is written."""


class TranslationStatus(SphinxDirective):
    """Leave a placeholder for one table per translated language (see the module)."""

    has_content = False
    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        """The placeholder, at the directive's location."""
        placeholder = translation_status()
        self.set_source_info(placeholder)
        return [placeholder]


def catalog_stats(env: BuildEnvironment) -> list[tuple[str, int, int]]:
    """Every translated edition's catalogs: path (under the locales folder), modification time
    and size."""
    locales = locales_dir(env.srcdir, env.config.locale_dirs)
    found = []
    for code in discover_codes(locales):
        if code == SOURCE_LANGUAGE:
            continue
        for po in (locales / code / "LC_MESSAGES").rglob("*.po"):
            info = po.stat()
            found.append((po.relative_to(locales).as_posix(), info.st_mtime_ns, info.st_size))
    return sorted(found)


class TranslationStatusCollector(EnvironmentCollector):
    """The pages with a placeholder, and whether the catalogs changed since the last build."""

    @staticmethod
    def pages(env: BuildEnvironment) -> set[str]:
        """The docnames of the pages that hold a placeholder (kept in the environment)."""
        if not hasattr(env, PAGES):
            setattr(env, PAGES, set())
        return getattr(env, PAGES)

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        """Forget a page that is read again or removed."""
        self.pages(env).discard(docname)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
    ) -> None:
        """Take what a parallel reader found."""
        self.pages(env).update(self.pages(other) & docnames)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        """Note the page if it holds a placeholder."""
        if any(True for _node in doctree.findall(translation_status)):
            self.pages(app.env).add(app.env.docname)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """The pages to write again: all of them when a catalog was added, removed or changed."""
        now = catalog_stats(env)
        before = getattr(env, CATALOGS, None)
        setattr(env, CATALOGS, now)  # pickled with the environment
        if before == now:
            return []
        return sorted(page for page in self.pages(env) if page in env.found_docs)


class FillTranslationStatus(SphinxPostTransform):
    """Replace each placeholder by one table per translated language."""

    default_priority = 5  # before the references resolver (10), which resolves the page links

    def run(self, **kwargs: Any) -> None:
        """Fill every placeholder of the document."""
        for placeholder in list(self.document.findall(translation_status)):
            placeholder.replace_self(self.tables(placeholder))

    def tables(self, where: nodes.Element) -> list[nodes.Node]:
        """The tables, from the catalogs as they are, at the placeholder's location."""
        locales = locales_dir(self.env.srcdir, self.config.locale_dirs)
        result: list[nodes.Node] = []
        for code in discover_codes(locales):
            if code == SOURCE_LANGUAGE:
                continue
            try:
                stats = language_stats(
                    locales / code / "LC_MESSAGES",
                    count=lambda po, page: catalog_counts.page_stats_for(self.env, po, page),
                )
            except CatalogError as exc:
                report_catalog_problems(exc)
                continue
            pages = [p for p in stats if p.page in self.env.found_docs]
            table = self._table(native_name(code), pages)
            # a captioned table needs an id (read-time tables get one from Sphinx's transforms):
            # one a reader can link to, the same in every build
            table["ids"] = [nodes.make_id(f"translation-status-{code}")]
            result.append(locate(table, where.source, where.line))
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
        for node in table.findall(nodes.TextElement):
            node["translatable"] = False  # generated in the reader's language already
        return table


def _skip(self: Any, node: translation_status) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive, its placeholder, the collector and the filling."""
    app.add_directive("translation-status", TranslationStatus)
    app.add_node(
        translation_status,
        **dict.fromkeys(("html", "latex", "text", "man", "texinfo"), (_skip, None)),
    )
    app.add_env_collector(TranslationStatusCollector)
    app.add_post_transform(FillTranslationStatus)
    return {
        "version": "1",
        # the pages and catalogs the collector keeps in the environment: an environment of an
        # earlier build (whose status page held the tables, read with the catalogs as
        # dependencies) is read again from scratch
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
