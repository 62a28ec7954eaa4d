"""Docutils default settings built once per process for MyST, not once per translated message.

Profiling a Chinese one-page rebuild (issue 18) showed Sphinx's ``Locale`` transform parsing every
translated message of the page (about 440 on a long chapter) with the MyST parser, and MyST's
renderer building a throwaway document for each of them: ``setup_render`` evaluates
``options.get("document", make_document())``, whose default argument runs eagerly even though the
real document is always passed, and ``make_document`` builds docutils' default settings each time
(a full ``OptionParser`` over every docutils component). That was about 40 % of the time spent
reading a translated page, and none of it is spent for English.

:func:`install` replaces ``make_document`` in MyST's renderer module by one that computes the
default settings of a parser class once and gives each new document its own copy of them. The
settings are docutils' defaults for the class, which do not change within a process; nothing is
kept between builds, so no rebuild can be made stale by it. It also installs
:mod:`book_tools.ext.myst_parsers`, the other per-message cost: a new Markdown parser each time.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser as RSTParser
from docutils.utils import new_document

from book_tools.ext import myst_parsers


@functools.cache
def _default_settings(parser_cls: type) -> Any:
    return get_default_settings(parser_cls)


def make_document(source_path: str = "notset", parser_cls: type = RSTParser) -> nodes.document:
    """A new docutils document with *parser_cls*'s default settings (computed once, then copied)."""
    return new_document(source_path, settings=copy.copy(_default_settings(parser_cls)))


def install() -> bool:
    """Use :func:`make_document` in MyST's renderer and pooled Markdown parsers.

    ``False`` if MyST has no ``make_document`` to replace.
    """
    myst_parsers.install()
    try:
        from myst_parser.mdit_to_docutils import base
    except ImportError:
        return False
    if not callable(getattr(base, "make_document", None)):
        return False
    base.make_document = make_document
    return True
