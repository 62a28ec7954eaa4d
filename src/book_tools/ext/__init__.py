"""Sphinx glue for the book (``extensions = ["book_tools.ext"]``).

* ``examples/`` mirrored into the sources (:mod:`book_tools.ext.examples_sync`);
* the language switcher (:mod:`book_tools.ext.switcher`), with editions discovered from ``locales/``;
* search per edition (:mod:`book_tools.ext.search`): the search language, its options and its
  query splitter come from the edition's settings (:mod:`book_tools.languages`); Chinese is
  segmented by jieba (loaded only when a page is indexed) with the book's user dictionary, and
  the CJK query splitter cuts the reader's query into the index's own words, so ``推理服务``
  finds pages indexed as ``推理 服务``;
* Markdown table cells located for translation (:mod:`book_tools.ext.tablecells`) and display
  math kept out of the catalogs (:mod:`book_tools.ext.mathblocks`); translated messages without
  markup made into paragraphs without the Markdown parser (:mod:`book_tools.ext.plain_messages`),
  and Sphinx's ``Locale`` transform spared the parses and page walks whose results it drops
  (:mod:`book_tools.ext.locale_passes`);
* translated part captions (:mod:`book_tools.ext.toc_i18n`) and theme strings
  (:mod:`book_tools.ext.messages`);
* every URL from two settings, the published base and the repository
  (:mod:`book_tools.ext.urls`), used by the sitemap (:mod:`book_tools.ext.sitemap`), the 404
  page (:mod:`book_tools.ext.notfound`), Open Graph (:mod:`book_tools.ext.opengraph`) and the
  header buttons (:mod:`book_tools.ext.header_buttons`);
* theme components with translated, accessible labels, derived from the installed theme
  (:mod:`book_tools.ext.theme_templates`);
* lean pages: the theme's stylesheet and icon fonts cut down to what the pages use
  (:mod:`book_tools.ext.lean_theme`), extension stylesheets only on pages that use them
  (:mod:`book_tools.ext.page_assets`), scripts deferred (:mod:`book_tools.ext.script_loading`),
  the theme's own stylesheets and scripts given to Sphinx as page assets
  (:mod:`book_tools.ext.theme_assets`), each page's stylesheets and deferred scripts served as
  one file each (:mod:`book_tools.ext.bundles`) and diagrams loaded lazily
  (:mod:`book_tools.ext.diagrams`);
* the sidebar's toctree resolved from the documents' titles, not their whole section trees
  (:mod:`book_tools.ext.sidebar_toctree`);
* compiled page templates kept between builds (:mod:`book_tools.ext.jinja_cache`), the
  garbage collector kept off what a build keeps until it ends (:mod:`book_tools.ext.collector`),
  and the search index, search and 404 pages left alone by a build that changes nothing
  (:mod:`book_tools.ext.settled_output`);
* dated status boxes for what will age, and a page listing them oldest first
  (:mod:`book_tools.ext.status`);
* a "Practise this chapter" box on every chapter a lab names in its front matter
  (:mod:`book_tools.ext.labs`);
* accessible Graphviz diagrams named after their captions (:mod:`book_tools.ext.diagrams`);
* MathJax served by the book itself (:mod:`book_tools.ext.mathjax_local`);
* the out-of-date banner on partly translated pages (:mod:`book_tools.ext.banner`) and the
  ``translation-status`` directive (:mod:`book_tools.ext.statuspage`), their catalogs counted
  ahead by a worker process (:mod:`book_tools.ext.catalog_counts`);
* Chinese texts segmented ahead for search by a worker process
  (:mod:`book_tools.ext.jieba_prefetch`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx import locale as sphinx_locale
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.ext import graphviz

from book_tools import __version__, workers
from book_tools.ext import (
    banner,
    bundles,
    catalog_counts,
    collector,
    diagrams,
    examples_sync,
    header_buttons,
    jieba_prefetch,
    jinja_cache,
    labs,
    lean_theme,
    locale_passes,
    mathblocks,
    mathjax_local,
    messages,
    myst_settings,
    notfound,
    opengraph,
    page_assets,
    plain_messages,
    script_loading,
    search,
    search_messages,
    status,
    switcher,
    tablecells,
    theme_assets,
    toc_i18n,
    translated_nodes,
    urls,
)
from book_tools.ext.edition import check_codes, current_edition
from book_tools.languages import discover_codes, locales_dir

_HERE = Path(__file__).resolve().parent
PYDATA_THEMES = {"pydata_sphinx_theme", "sphinx_book_theme"}


def _config_inited(app: Sphinx, config: Config) -> None:
    locales = locales_dir(app.srcdir, config.locale_dirs)
    config.book_language_codes = discover_codes(locales)
    check_codes(config.book_language_codes, locales)
    current_edition(app, config, report=True)  # a broken language.yaml is reported here, once
    messages.load(app)
    if config.html_theme in PYDATA_THEMES:
        # pydata-sphinx-theme prints this option as it is: give it the translated default
        theme_options = dict(config.html_theme_options or {})
        theme_options.setdefault("search_bar_text", str(sphinx_locale._("Search...")))
        config.html_theme_options = theme_options
    config.templates_path.append(str(_HERE / "templates"))
    config.html_static_path.append(str(_HERE / "static"))
    search.configure(app, config)


def _builder_inited(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.add_js_file("language-switcher.js")
    app.add_css_file("book-tools.css")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the book's glue with Sphinx."""
    app.add_config_value("book_language_codes", [], "html", types=[list])
    app.add_config_value("book_repository_url", "", "html", types=[str])
    app.add_config_value("book_repository_branch", "main", "html", types=[str])
    app.add_config_value("book_examples_dir", "", "env", types=[str])
    app.add_config_value("book_base_url", "", "html", types=[str])
    # how many pages a build must read to hand work to worker processes (book_tools.workers)
    app.add_config_value("book_worker_pages", workers.MIN_PAGES, "", types=[int])
    app.setup_extension("sphinx.ext.graphviz")
    app.setup_extension("book_tools.ext.sitemap")
    app.setup_extension("book_tools.ext.search_entries")
    app.setup_extension("book_tools.ext.settled_output")
    app.add_node(graphviz.graphviz, override=True, html=(diagrams.html_visit_graphviz, None))
    app.add_search_language(search.LazySearchChinese)
    app.add_transform(toc_i18n.TranslateTocCaptions)
    app.add_transform(tablecells.LocateTableCells)
    app.add_transform(mathblocks.KeepMathUntranslated)
    app.setup_extension("book_tools.ext.statuspage")
    app.setup_extension("book_tools.ext.sidebar_toctree")
    labs.setup(app)
    myst_settings.install()  # translated pages: docutils settings once, not per message
    collector.install()  # the process exits without a garbage collection over the build
    # once the builder has started (extensions, theme, saved environment), the collector skips it
    app.connect("builder-inited", collector.settle, priority=900)
    status.setup(app)
    app.connect("doctree-read", translated_nodes.forget_foreign_documents)
    app.connect("config-inited", _config_inited)
    app.connect("config-inited", examples_sync.on_config_inited)
    app.connect("config-inited", mathjax_local.use_local_mathjax)
    # after _config_inited, which knows the languages and loads the messages
    app.connect("config-inited", urls.configure, priority=600)
    app.connect("config-inited", notfound.configure, priority=600)
    app.setup_extension("book_tools.ext.theme_templates")
    app.connect("builder-inited", _builder_inited)
    app.connect("builder-inited", theme_assets.add_theme_assets)
    app.connect("builder-inited", jinja_cache.use_bytecode_cache)
    app.connect("builder-inited", plain_messages.install)
    app.connect("builder-inited", locale_passes.install)
    app.connect("builder-inited", mathjax_local.copy_into_output)
    app.connect("html-page-context", switcher.add_to_context)
    app.connect("html-page-context", header_buttons.header_buttons, priority=510)
    app.connect("html-page-context", opengraph.open_graph)
    app.connect("html-page-context", search_messages.add_to_search_page)
    app.connect("html-page-context", page_assets.drop_unused_assets)
    app.connect("html-page-context", script_loading.defer_scripts, priority=900)
    # after every handler that chooses or changes a page's assets
    app.connect("html-page-context", bundles.bundle_assets, priority=950)
    app.connect("build-finished", lean_theme.write_lean_theme)
    # after the lean stylesheet, one of the members, is written
    app.connect("build-finished", bundles.write_bundles, priority=800)
    app.connect("doctree-read", toc_i18n.drop_empty_captions, priority=400)
    app.connect("doctree-resolved", banner.add_banner)
    app.connect("env-before-read-docs", catalog_counts.start)
    app.connect("build-finished", catalog_counts.stop)
    app.connect("doctree-resolved", search.begin_page)
    app.connect("env-before-read-docs", jieba_prefetch.start)
    # late: the page as the other handlers leave it, closest to what is indexed
    app.connect("doctree-read", jieba_prefetch.send_page, priority=900)
    app.connect("build-finished", jieba_prefetch.stop)
    app.connect("build-finished", search.end_pages)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
