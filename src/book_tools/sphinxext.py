"""Sphinx glue for the book: language switcher and Chinese search.

* Every HTML page gets ``book_languages``: one entry per edition with a relative link to the same
  page in that edition and a fallback link to that edition's home page.
* Chinese editions get ``zh-search.js``, which segments the reader's query with the terms of the
  search index itself, so an unsegmented phrase (``推理服务``) finds the pages that jieba indexed as
  ``推理`` + ``服务``.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

import polib
from docutils import nodes
from sphinx import addnodes
from sphinx import locale as sphinx_locale
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain

from book_tools import __version__
from book_tools.languages import discover

logger = logging.getLogger(__name__)

_HERE = Path(__file__).resolve().parent


def language_links(
    pagename: str, current: str, codes: list[str], suffix: str
) -> list[dict[str, Any]]:
    """Links from *pagename* in edition *current* to the same page in each edition of *codes*.

    Editions live side by side (``<root>/<code>/<page><suffix>``), so every link is relative and
    works from a web server, a file system and a sub-path alike.
    """
    up = "../" * (pagename.count("/") + 1)
    links = []
    for code in codes:
        links.append(
            {
                "code": code,
                "html_lang": code.replace("_", "-"),
                "url": posixpath.join(up + code, pagename + suffix),
                "home": posixpath.join(up + code, "index" + suffix),
                "current": code == current,
            }
        )
    return links


def _config_inited(app: Sphinx, config: Config) -> None:
    locales = [Path(d) for d in config.locale_dirs]
    langs = discover(locales[0] if locales else Path("locales"))
    config.book_language_codes = [lang.code for lang in langs]
    _load_theme_catalog(app)
    # pydata-sphinx-theme prints this option as it is: give it the translated default
    theme_options = dict(config.html_theme_options or {})
    theme_options.setdefault("search_bar_text", str(sphinx_locale._("Search...")))
    config.html_theme_options = theme_options
    config.templates_path.append(str(_HERE / "templates"))
    config.html_static_path.append(str(_HERE / "static"))
    if (config.language or "").startswith("zh"):
        dict_path = Path(app.confdir, config.book_search_userdict)
        options = dict(config.html_search_options or {})
        if dict_path.is_file():
            options.setdefault("dict", str(dict_path))
        config.html_search_options = options


def _load_theme_catalog(app: Sphinx) -> None:
    """Add the book's translations of theme strings that the themes' own catalogs lack.

    The ``.po`` ships in the package; it is compiled into the doctree folder (compiled catalogs
    are never committed) and added as a fallback of Sphinx's ``sphinx`` catalog.
    """
    language = app.config.language or "en"
    po_path = _HERE / "locale" / language / "LC_MESSAGES" / "sphinx.po"
    if not po_path.is_file():
        return
    locale_dir = Path(app.doctreedir) / "book_tools_locale"
    mo_path = locale_dir / language / "LC_MESSAGES" / "sphinx.mo"
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    sphinx_locale.init([locale_dir], language, "sphinx")


def _builder_inited(app: Sphinx) -> None:
    if app.builder.format == "html" and (app.config.language or "").startswith("zh"):
        app.add_js_file("zh-search.js")
    if app.builder.format == "html":
        app.add_js_file("language-switcher.js")
        app.add_css_file("language-switcher.css")


def _drop_empty_captions(app: Sphinx, doctree: nodes.document) -> None:
    """Remove the empty ``rawcaption`` that sphinx-external-toc sets on caption-less toctrees.

    Sphinx extracts a toctree's ``rawcaption`` for translation; an empty one becomes a second
    ``msgid ""`` in the catalog, which gettext rejects as a duplicate of the header.
    """
    for toctree in doctree.findall(addnodes.toctree):
        if toctree.get("rawcaption") == "":
            del toctree["rawcaption"]


class TranslateTocCaptions(SphinxTransform):
    """Translate the part captions that sphinx-external-toc inserts from ``_toc.yml``.

    sphinx-external-toc adds its toctrees at transform priority 100, after Sphinx's own
    translation transform (priority 20) has run, so their captions would stay in English even
    though the gettext builder extracts them. This transform runs right after the insertion and
    looks the captions up in the page's own catalog, as Sphinx's transform does.
    """

    default_priority = 101

    def apply(self, **kwargs: Any) -> None:
        """Replace each toctree caption by its translation, when the catalog has one."""
        if not self.config.language or self.config.language == "en":
            return
        textdomain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        dirs = [Path(self.env.srcdir, d) for d in self.config.locale_dirs]
        catalog, has_catalog = sphinx_locale.init(dirs, self.config.language, textdomain)
        if not has_catalog:
            return
        for toctree in self.document.findall(addnodes.toctree):
            caption = toctree.get("rawcaption")
            if caption:
                toctree["caption"] = catalog.gettext(caption)


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    from book_tools.languages import NATIVE_NAMES

    suffix = getattr(app.builder, "out_suffix", ".html")
    links = language_links(
        pagename, app.config.language or "en", app.config.book_language_codes, suffix
    )
    for link in links:
        link["name"] = NATIVE_NAMES.get(link["code"], link["code"])
    context["book_languages"] = links


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the book's glue with Sphinx."""
    app.add_config_value("book_language_codes", [], "html", types=[list])
    app.add_config_value("book_search_userdict", "_data/jieba-userdict.txt", "html", types=[str])
    app.add_transform(TranslateTocCaptions)
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _page_context)
    app.connect("doctree-read", _drop_empty_captions, priority=400)  # before the toc collector
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
