"""Compiled page templates kept between builds (issue 18).

Every HTML build compiles the theme's Jinja templates anew before it writes its first page: a
no-op rebuild still writes the search page and the 404 page, and pydata-sphinx-theme renders
each of its sidebar and header templates once per page to drop the empty ones, so compiling
them was a steady part of every rebuild (``benchmarks/results/rebuild-profile.md``). Jinja can
keep compiled templates in a bytecode cache; :func:`use_bytecode_cache` gives Sphinx's template
environment one in the build's doctree folder (``<doctrees>/jinja``), next to the pickled
environment it belongs with. Jinja checks each entry against its template's source (a SHA-1 of
the text, and its own and Python's version), so a changed template is compiled again: the cache
can only save time, never serve an old page.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx

CACHE_DIR = "jinja"
"""The cache's folder inside the doctree folder."""


def use_bytecode_cache(app: Sphinx) -> None:
    """``builder-inited``: a bytecode cache for the HTML builder's template environment."""
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None or app.builder.format != "html":
        return
    directory = Path(app.doctreedir) / CACHE_DIR
    directory.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(directory))
