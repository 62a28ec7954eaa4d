"""Building blocks for docutils tables (``table/tgroup/colspec/thead/tbody/row/entry``).

Public so that other directives of the book can build their tables the same way (the
translation-status table, for instance). Plain table nodes render in every builder.

Nodes are assembled bottom-up, before they belong to a document: :func:`element` makes a node
with its children and :func:`adopt` links more children to it, as docutils' constructor and
``append`` do for a node outside a document, minus a failed ``document`` lookup per child (a
table of 5,000 rows has about 100,000 elements), and :func:`gc_paused` keeps the garbage
collector from traversing them while they are made. The tree is attached to the document in one
step by whoever inserts the table.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from docutils import nodes
from sphinx import addnodes

_LIST_ATTRIBUTES = nodes.Element.list_attributes
"""The attributes every element starts with as empty lists; :func:`element` writes them out
(a test checks that they are docutils' own)."""


type Location = tuple[str, int] | None
"""Where a generated node comes from: ``(source, line)``, or ``None`` to leave it unlocated."""


def element[E: nodes.Element](
    cls: type[E],
    rawsource: str = "",
    *children: nodes.Node,
    at: Location = None,
    **attributes: Any,
) -> E:
    """A new ``cls`` node that is not (yet) part of a document, equal to what
    ``cls(rawsource, *children, **attributes)`` makes (same instance attributes), without
    docutils' per-child document lookup and attribute-name normalisation: ``attributes`` must be
    lower-case, as every docutils attribute is. ``cls`` must not define an ``__init__`` of its
    own beyond :class:`~docutils.nodes.Element`'s or :class:`~docutils.nodes.TextElement`'s
    (with ``text`` given as a :class:`~docutils.nodes.Text` child). ``at`` locates the node."""
    attrs = _attributes()
    for name, value in attributes.items():
        attrs[name] = value[:] if name in _LIST_ATTRIBUTES else value
    return _made(cls, rawsource, list(children), attrs, at)


def _made[E: nodes.Element](
    cls: type[E], rawsource: str, children: list[nodes.Node], attributes: dict[str, Any],
    at: Location,
) -> E:  # fmt: skip
    """:func:`element` without packing its arguments: ``children`` and ``attributes`` (with the
    list attributes) are the node's own from now on. The cells of a large table are made here
    directly: 45,000 cells of a 5,000-row table, each an entry and a paragraph."""
    node = cls.__new__(cls)
    node.rawsource = rawsource
    node.children = children
    for child in children:
        child.parent = node
    node.attributes = attributes
    if cls.tagname is None:
        node.tagname = cls.__name__
    if at is not None:
        node.source, node.line = at
    return node


@contextmanager
def gc_paused() -> Iterator[None]:
    """Assemble a large tree with the cyclic garbage collector paused, then move what was made
    straight to the collector's oldest generation.

    A table of 5,000 rows is about 750,000 tracked objects (each node has a dictionary and five
    lists), none of them garbage: they live as long as the doctree. With the collector running,
    every few thousand allocations start a collection that traverses the young ones, so that the
    time doubles and grows faster than the row count; once it is re-enabled, the first collection
    would still traverse all of them once. ``gc.freeze()`` and ``gc.unfreeze()`` move every
    tracked object to the oldest generation without traversing any, where the next full
    collection sees them as usual (nothing stays frozen). The collector is restored as it was,
    also on an error."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def adopt[E: nodes.Element](parent: E, *children: nodes.Node) -> E:
    """Append ``children`` to ``parent``, a node that is not (yet) part of a document."""
    parent.children.extend(children)
    for child in children:
        child.parent = parent
    return parent


def paragraph(
    *content: nodes.Node | str, translatable: bool = False, at: Location = None
) -> nodes.paragraph:
    """A paragraph of ``content`` (strings become text), located ``at``. A translatable
    paragraph holds one string, which is also its ``rawsource``: the message the gettext builder
    extracts."""
    text = content[0] if len(content) == 1 and isinstance(content[0], str) else None
    if text is not None:  # the usual cell: one string
        children: list[nodes.Node] = [nodes.Text(text)]
    else:
        children = [nodes.Text(c) if isinstance(c, str) else c for c in content]
    attrs = _attributes()
    if translatable:
        return _made(nodes.paragraph, text or "", children, attrs, at)
    attrs["translatable"] = False
    return _made(nodes.paragraph, "", children, attrs, at)


def cell(
    *content: nodes.Node | str, translatable: bool = False, at: Location = None
) -> nodes.entry:
    """A table cell: one paragraph of ``content``, or nothing when ``content`` is empty; the
    cell and its paragraph located ``at``."""
    if len(content) == 1:  # the usual cell: made without the general paths
        return text_cell(content[0], translatable=translatable, at=at)
    if not content:
        return _made(nodes.entry, "", [], _attributes(), at)
    return _made(nodes.entry, "", [paragraph(*content, translatable=translatable, at=at)],
                 _attributes(), at)  # fmt: skip


def text_cell(
    content: nodes.Node | str,
    *,
    translatable: bool = False,
    at: Location = None,
    text_at: Location = None,
) -> nodes.entry:
    """A cell of one string or node, as :func:`cell` makes it; its paragraph is located
    ``text_at`` if given (text from a data file), else ``at``. A translatable paragraph holds one
    string, which is also its ``rawsource``."""
    if isinstance(content, str):
        child: nodes.Node = nodes.Text(content)
        rawsource = content if translatable else ""
    else:
        child, rawsource = content, ""
    attrs = {"ids": [], "classes": [], "names": [], "dupnames": []}  # (inline: the hot path)
    if not translatable:
        attrs["translatable"] = False
    para = _made(nodes.paragraph, rawsource, [child], attrs, text_at or at)
    return _made(
        nodes.entry, "", [para], {"ids": [], "classes": [], "names": [], "dupnames": []}, at
    )


def _attributes() -> dict[str, Any]:
    """A new element's attributes: docutils' list attributes, empty."""
    return {"ids": [], "classes": [], "names": [], "dupnames": []}


def row(cells: Iterable[nodes.entry | nodes.Node | str], at: Location = None) -> nodes.row:
    """A table row located ``at``; anything that is not already an entry is put in a
    :func:`cell` located ``at``."""
    entries = [c if isinstance(c, nodes.entry) else cell(c, at=at) for c in cells]
    return element(nodes.row, "", *entries, at=at)


def grid(
    widths: Sequence[int],
    head: Sequence[nodes.row],
    body: Sequence[nodes.row],
    *,
    classes: Sequence[str] = (),
    title: nodes.title | None = None,
    at: Location = None,
) -> nodes.table:
    """A table with these relative column ``widths``, header rows and body rows; the nodes made
    here (table, group, column specifications, head and body) are located ``at``."""
    tgroup = element(
        nodes.tgroup,
        "",
        *(element(nodes.colspec, at=at, colwidth=w) for w in widths),
        element(nodes.thead, "", *head, at=at),
        element(nodes.tbody, "", *body, at=at),
        at=at,
        cols=len(widths),
    )
    parts = (tgroup,) if title is None else (title, tgroup)
    return element(nodes.table, "", *parts, at=at, classes=list(classes))


def locate(node: nodes.Element, source: str, line: int) -> nodes.Element:
    """Give ``node`` and every descendant element without a location this ``source`` and
    ``line`` (text nodes take their location from their parent)."""
    stack: list[nodes.Node] = [node]
    while stack:
        each = stack.pop()
        if isinstance(each, nodes.Element):
            if each.source is None:
                each.source, each.line = source, line
            stack.extend(each.children)
    return node


def doc_link(docname: str, refdoc: str, text: str | None = None) -> addnodes.pending_xref:
    """A link to the page *docname* from *refdoc*, resolved like ``{doc}`` (its title, unless
    *text* is given) by Sphinx's references resolver for every builder."""
    xref = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="doc",
        reftarget="/" + docname,
        refexplicit=text is not None,
        refwarn=True,
        refdoc=refdoc,
    )
    return adopt(
        xref, nodes.inline(text or docname, text or docname, classes=["xref", "std", "std-doc"])
    )
