"""MyST's Markdown parser made once per configuration, not once per translated message.

Sphinx's ``Locale`` transform parses every translated message of a page on its own, through the
page's source parser; for a MyST page that is ``MystParser.parse``, which builds a new
``MarkdownIt`` parser and renderer (``create_md_parser``: the token rules of CommonMark and of
every MyST plugin, and the renderer's table of ``render_*`` methods) for each message. Profiling a
Chinese one-page rebuild (issue 18) put that at about a fifth of the time spent reading the page.

:func:`install` replaces ``create_md_parser`` in ``myst_parser.parsers.sphinx_`` by
:func:`pooled_md_parser`, which keeps the parsers it made, keyed by the renderer class and the
``repr`` of every field of the parser configuration (so a changed configuration gets a new
parser), and
hands out one that is not in use. A parser is in use from the moment it is handed out until its
``render`` returns (or raises), so a parse that starts inside another one (a directive in a
message parsing more Markdown into a new document) gets a parser of its own instead of resetting
the outer one's renderer. Everything a render depends on is set again by each render
(``setup_render``: document, environment, options, section levels), and the parser's options
point at the caller's configuration object, as a new parser's would. Nothing read from the
sources is kept, so no rebuild can be made stale by it.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt

#: parsers kept per configuration; more than this many at once (deeply nested parses) are made
#: and dropped as MyST itself does
POOL_LIMIT = 4

_Factory = Callable[[Any, Any], MarkdownIt]

_lock = threading.Lock()
_pools: dict[tuple[Any, ...], list[MarkdownIt]] = {}
_busy: set[int] = set()


def _release(parser: MarkdownIt) -> None:
    with _lock:
        _busy.discard(id(parser))
    parser.options.pop("document", None)  # do not keep the last message's document alive


def _track(parser: MarkdownIt) -> MarkdownIt:
    """Make *parser*'s ``render`` mark it free again when it returns."""
    render = parser.render

    def tracked_render(src: str, env: Any = None) -> Any:
        try:
            return render(src, env)
        finally:
            _release(parser)

    parser.render = tracked_render  # type: ignore[method-assign]
    return parser


def pooled_md_parser(config: Any, renderer: Any, *, create: _Factory) -> MarkdownIt:
    """A MyST parser for *config* and *renderer*: a free one made before, or a new one.

    *create* is MyST's own ``create_md_parser``; the parser handed out is marked in use until
    its ``render`` finishes.
    """
    if not dataclasses.is_dataclass(config):
        return create(config, renderer)
    key = (renderer, *(repr(getattr(config, f.name)) for f in dataclasses.fields(config)))
    with _lock:
        pool = _pools.setdefault(key, [])
        for parser in pool:
            if id(parser) not in _busy:
                _busy.add(id(parser))
                break
        else:
            parser = None
    if parser is None:
        parser = _track(create(config, renderer))
        with _lock:
            if len(pool) < POOL_LIMIT:
                pool.append(parser)
            _busy.add(id(parser))
    parser.options["myst_config"] = config
    if hasattr(parser.renderer, "_inventories"):
        parser.renderer._inventories = None  # MyST loads these lazily from the configuration
    return parser


def clear() -> None:
    """Forget every kept parser (for tests)."""
    with _lock:
        _pools.clear()
        _busy.clear()


def install() -> bool:
    """Make ``MystParser`` use :func:`pooled_md_parser`; ``False`` if MyST has no such hook."""
    try:
        from myst_parser.parsers import sphinx_
    except ImportError:
        return False
    current = getattr(sphinx_, "create_md_parser", None)
    if not callable(current):
        return False
    if getattr(current, "_book_pooled", False):
        return True
    create = current

    def create_md_parser(config: Any, renderer: Any) -> MarkdownIt:
        return pooled_md_parser(config, renderer, create=create)

    create_md_parser._book_pooled = True  # type: ignore[attr-defined]
    sphinx_.create_md_parser = create_md_parser
    return True
