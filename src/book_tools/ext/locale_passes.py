"""Sphinx's ``Locale`` transform without the work whose result it throws away.

``Locale`` translates a page in two passes over its messages (Sphinx 9.2,
``sphinx/transforms/i18n.py``):

1. The first pass parses every translated message into a throwaway document, but keeps the
   result only for a section title (whose new name goes into the page's name-to-id mapping) or a
   glossary term. For any other node it drops the parsed message, and the second pass parses the
   same text again. Counted in a cold build of the Chinese book: 8,209 of the 16,512 parses.
2. For each translated section title, ``_NodeUpdater.update_title_mapping`` walks the whole page
   looking for ``target`` nodes whose ``refname`` is the title's old name, to rename them. A MyST
   page has no such targets, so every walk finds nothing: about 900 walks of whole pages in a
   cold build, 1.3–1.6 s of it on the development machine (issue 18).

This module removes both costs and changes nothing the build keeps:

* :func:`publish_msgstr` does not parse a message in the first pass unless its node is a section
  title or a glossary term. It returns an empty element, which the first pass treats as it treats
  a message that is not a paragraph: it leaves the node to the second pass, which sets the node's
  ``translated`` flag exactly as before (the first pass only ever set it to ``False`` for these
  nodes, and the second pass starts with ``setdefault('translated', False)``). Parsing a message
  has one lasting effect beyond the throwaway document: MyST records the message's word count in
  the page's metadata, the last message's count winning. When the skipped parse was the last one
  the transform would have made, :func:`apply` makes it at the end, so the page keeps the same
  count. A message with markup that warns is still parsed, and warns, in the second pass: once,
  where Sphinx warned twice.
* The title walk is skipped while the page has no ``target`` with a ``refname``: the first
  renamed title of a page walks it once to look (:class:`TitleTargetMatcher`), and
  :func:`update_leaves` looks at every translation the transform puts into the page after that
  (it puts nodes in nowhere else). As soon as the page has such a target, every walk is made as
  before.

Sphinx offers no hook inside the transform, so :func:`install` replaces the module's
``_publish_msgstr``, ``extract_messages`` and ``NodeMatcher`` and wraps ``Locale.apply`` and
``_NodeUpdater.update_leaves``; each replacement calls the original. The test builds translated
pages with and without it and compares the doctrees, the metadata and the warnings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import i18n
from sphinx.util.nodes import NodeMatcher

_ORIGINALS: dict[str, Any] = {}


class _Pass:
    """What the ``Locale`` transform of the current page is doing."""

    def __init__(self) -> None:
        self.document: nodes.document | None = None
        self.number = 0  # 1 or 2 while a pass runs over the messages
        self.node: nodes.Element | None = None  # the node whose message is being translated
        self.skipped: tuple[tuple[Any, ...], dict[str, Any]] | None = None
        self.refname_targets: bool | None = None  # whether the page has a target with a refname


_current = _Pass()


def kept_by_first_pass(node: nodes.Element | None) -> bool:
    """Whether the first pass uses the parsed message of *node* (a section title or a term)."""
    return (isinstance(node, nodes.title) and isinstance(node.parent, nodes.section)) or isinstance(
        node, nodes.term
    )


def has_refname_target(tree: nodes.Node) -> bool:
    """Whether *tree* holds a ``target`` node with a ``refname``."""
    return any("refname" in target for target in tree.findall(nodes.target))


def extract_messages(doctree: nodes.Element) -> Iterator[tuple[nodes.Element, str]]:
    """Sphinx's ``extract_messages``, noting which pass runs and which node it is at."""
    original: Callable[[nodes.Element], Iterable[tuple[nodes.Element, str]]]
    original = _ORIGINALS["extract_messages"]
    state = _current
    if state.document is not doctree:
        yield from original(doctree)
        return
    state.number += 1
    try:
        for node, message in original(doctree):
            state.node = node
            yield node, message
    finally:
        state.node = None


def publish_msgstr(*args: Any, **kwargs: Any) -> nodes.Element:
    """Sphinx's ``_publish_msgstr``, except in the first pass for a node that pass does not
    keep: then an empty element, which the first pass passes over."""
    state = _current
    if state.document is not None and state.number == 1 and not kept_by_first_pass(state.node):
        state.skipped = (args, kwargs)
        return nodes.Element()
    state.skipped = None
    return _ORIGINALS["_publish_msgstr"](*args, **kwargs)


class TitleTargetMatcher(NodeMatcher):  # type: ignore[type-arg]
    """Sphinx's ``NodeMatcher``; looking for the targets of a renamed title in a page that has
    no target with a refname, it finds nothing without walking the page."""

    def findall(self, node: nodes.Node) -> Iterator[Any]:
        state = _current
        if (
            node is state.document
            and self.classes == (nodes.target,)
            and set(self.attrs) == {"refname"}
        ):
            if state.refname_targets is None:  # the first renamed title of the page
                state.refname_targets = has_refname_target(node)
            if not state.refname_targets:
                return iter(())
        return super().findall(node)


def update_leaves(self: Any) -> None:
    """``_NodeUpdater.update_leaves``, noting a translation that brings in a refname target."""
    state = _current
    if self.document is state.document and state.refname_targets is False:
        state.refname_targets = any(has_refname_target(child) for child in self.patch.children)
    _ORIGINALS["update_leaves"](self)


def apply(self: Any, **kwargs: Any) -> None:
    """``Locale.apply`` with the shortcuts above, and the last skipped parse made at the end if
    no parse followed it."""
    state = _current
    if state.document is not None:  # a page within a page: no shortcuts for the inner one
        _ORIGINALS["apply"](self, **kwargs)
        return
    state.document = self.document
    state.number = 0
    state.skipped = None
    state.refname_targets = None
    try:
        _ORIGINALS["apply"](self, **kwargs)
        skipped = state.skipped
    finally:
        state.__init__()  # type: ignore[misc]
    if skipped is not None:
        args, kwargs_ = skipped
        _ORIGINALS["_publish_msgstr"](*args, **kwargs_)


def install(app: Sphinx | None = None) -> None:
    """``builder-inited``: give Sphinx's ``Locale`` transform the shortcuts (once per process;
    only when the build translates)."""
    if app is not None and (not app.config.language or app.config.language == "en"):
        return
    if _ORIGINALS:
        return
    _ORIGINALS.update(
        extract_messages=i18n.extract_messages,
        _publish_msgstr=i18n._publish_msgstr,
        NodeMatcher=i18n.NodeMatcher,
        apply=i18n.Locale.apply,
        update_leaves=i18n._NodeUpdater.update_leaves,
    )
    i18n.extract_messages = extract_messages  # type: ignore[assignment]
    i18n._publish_msgstr = publish_msgstr
    i18n.NodeMatcher = TitleTargetMatcher  # type: ignore[misc]
    i18n.Locale.apply = apply  # type: ignore[method-assign]
    i18n._NodeUpdater.update_leaves = update_leaves  # type: ignore[method-assign]


def uninstall() -> None:
    """Give Sphinx back its own functions (for tests)."""
    if not _ORIGINALS:
        return
    i18n.extract_messages = _ORIGINALS["extract_messages"]
    i18n._publish_msgstr = _ORIGINALS["_publish_msgstr"]
    i18n.NodeMatcher = _ORIGINALS["NodeMatcher"]
    i18n.Locale.apply = _ORIGINALS["apply"]  # type: ignore[method-assign]
    i18n._NodeUpdater.update_leaves = _ORIGINALS["update_leaves"]  # type: ignore[method-assign]
    _ORIGINALS.clear()
