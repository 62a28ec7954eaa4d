"""The sitemap of each edition, with the other editions as alternates, whole after every build.

``<outdir>/sitemap.xml`` lists every page of the edition at ``<book_base_url><language>/<page>``,
each with a ``xhtml:link rel="alternate"`` to the same page of every other edition. The book
used sphinx-sitemap for this until 6 December 2026 and writes the same file itself (the same
elements, order and bytes on a full build) because of two things found in issue 18:

* sphinx-sitemap lists the pages written by the current build only, so a translator's one-page
  rebuild left a sitemap of five pages (the page, its parent, the translation status, 404 and
  search) in place of 80;
* it starts a ``multiprocessing`` manager process in every build for its queue of pages (about
  40 ms on the development machine, in no-op rebuilds too).

The pages are every document of the project in sorted order (the order a full build writes
them in), then the pages the HTML builder wrote this build that are not documents (the 404 page,
search), in the order they were written. A build that writes no page leaves the sitemap as it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary
from xml.etree import ElementTree

from sphinx.application import Sphinx
from sphinx.builders import Builder

from book_tools import __version__

FILE_NAME = "sitemap.xml"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"

_written: WeakKeyDictionary[Builder, list[str]] = WeakKeyDictionary()


def hreflang(code: str) -> str:
    """The ``hreflang`` of an edition: ``zh_CN`` is ``zh-CN``."""
    return code.replace("_", "-")


def page_link(pagename: str, suffix: str, directories: bool) -> str:
    """The path of *pagename* in its edition: ``<page><suffix>``, or for the directory HTML
    builder the page's folder (``""`` for the root page)."""
    if not directories:
        return pagename + suffix
    if pagename == "index":
        return ""
    if pagename.endswith("/index"):
        return pagename[: -len("index")]
    return pagename + "/"


def sitemap(base: str, language: str, others: list[str], links: list[str]) -> ElementTree.Element:
    """The ``urlset`` of the edition *language* at *base* with *links*, and their alternates in
    the editions *others*."""
    ElementTree.register_namespace("xhtml", XHTML_NS)
    root = ElementTree.Element("urlset", xmlns=SITEMAP_NS)
    for link in links:
        url = ElementTree.SubElement(root, "url")
        ElementTree.SubElement(url, "loc").text = f"{base}{language}/{link}"
        for other in others:
            ElementTree.SubElement(
                url,
                f"{{{XHTML_NS}}}link",
                rel="alternate",
                hreflang=hreflang(other),
                href=f"{base}{other}/{link}",
            )
    return root


def note_page(app: Sphinx, pagename: str, *_args: Any) -> None:
    """``html-page-context``: *pagename* is written by this build."""
    _written.setdefault(app.builder, []).append(pagename)


def write_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write the edition's sitemap, if the build wrote any page."""
    written = _written.pop(app.builder, [])
    base = app.config.book_base_url
    if exception is not None or not written or not base or app.builder.format != "html":
        return
    docs = sorted(app.env.found_docs)
    known = set(docs)
    extras = [name for name in dict.fromkeys(written) if name not in known]
    suffix = app.config.html_file_suffix or ".html"
    directories = app.builder.name == "dirhtml"
    links = [page_link(name, suffix, directories) for name in (*docs, *extras)]
    language = app.config.language or "en"
    others = [code for code in app.config.book_language_codes if code != language]
    root = sitemap(base.rstrip("/") + "/", language, others, links)
    path = Path(app.outdir) / FILE_NAME
    ElementTree.ElementTree(root).write(path, xml_declaration=True, encoding="utf-8", method="xml")


def setup(app: Sphinx) -> dict[str, Any]:
    """Write the sitemap (the book's glue, :mod:`book_tools.ext`, sets this up; a project of its
    own sets ``book_base_url`` and ``book_language_codes``)."""
    for name, default in (("book_base_url", ""), ("book_language_codes", [])):
        if name not in app.config:
            app.add_config_value(name, default, "html", types=[type(default)])
    app.connect("html-page-context", note_page)
    app.connect("build-finished", write_sitemap)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
