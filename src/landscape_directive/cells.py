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
    node = cls.__new__(cls)
    node.rawsource = rawsource
    node.children = list(children)
    for child in children:
        child.parent = node
    node.attributes = {"ids": [], "classes": [], "names": [], "dupnames": []}
    if attributes:
        for name, value in attributes.items():
            node.attributes[name] = value[:] if name in _LIST_ATTRIBUTES else value
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
    if translatable:
        return element(nodes.paragraph, text or "", *children, at=at)
    return element(nodes.paragraph, "", *children, at=at, translatable=False)


def cell(
    *content: nodes.Node | str, translatable: bool = False, at: Location = None
) -> nodes.entry:
    """A table cell: one paragraph of ``content``, or nothing when ``content`` is empty; the
    cell and its paragraph located ``at``."""
    if not content:
        return element(nodes.entry, at=at)
    return element(nodes.entry, "", paragraph(*content, translatable=translatable, at=at), at=at)


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
