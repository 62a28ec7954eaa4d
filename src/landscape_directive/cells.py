"""Building blocks for docutils tables (``table/tgroup/colspec/thead/tbody/row/entry``).

Public so that other directives of the book can build their tables the same way (the
translation-status table, for instance). Plain table nodes render in every builder.

Nodes are assembled bottom-up, before they belong to a document, with :func:`adopt`: it links
children to their parent directly, which is what docutils' ``append`` does for a node outside a
document, minus a failed ``document`` lookup per child (a table of 5,000 rows has 150,000
children). The tree is attached to the document in one step by whoever inserts the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes
from sphinx import addnodes


def adopt[E: nodes.Element](parent: E, *children: nodes.Node) -> E:
    """Append ``children`` to ``parent``, a node that is not (yet) part of a document."""
    parent.children.extend(children)
    for child in children:
        child.parent = parent
    return parent


def paragraph(*content: nodes.Node | str, translatable: bool = False) -> nodes.paragraph:
    """A paragraph of ``content`` (strings become text). A translatable paragraph holds one
    string, which is also its ``rawsource``: the message the gettext builder extracts."""
    children = [nodes.Text(c) if isinstance(c, str) else c for c in content]
    if translatable:
        text = content[0] if len(content) == 1 and isinstance(content[0], str) else ""
        return adopt(nodes.paragraph(text), *children)
    return adopt(nodes.paragraph(translatable=False), *children)


def cell(*content: nodes.Node | str, translatable: bool = False) -> nodes.entry:
    """A table cell: one paragraph of ``content``, or nothing when ``content`` is empty."""
    if not content:
        return nodes.entry()
    return adopt(nodes.entry(), paragraph(*content, translatable=translatable))


def row(cells: Iterable[nodes.entry | nodes.Node | str]) -> nodes.row:
    """A table row; anything that is not already an entry is put in a :func:`cell`."""
    entries = [c if isinstance(c, nodes.entry) else cell(c) for c in cells]
    return adopt(nodes.row(), *entries)


def grid(
    widths: Sequence[int],
    head: Sequence[nodes.row],
    body: Sequence[nodes.row],
    *,
    classes: Sequence[str] = (),
    title: nodes.title | None = None,
) -> nodes.table:
    """A table with these relative column ``widths``, header rows and body rows."""
    tgroup = adopt(
        nodes.tgroup(cols=len(widths)),
        *(nodes.colspec(colwidth=w) for w in widths),
        adopt(nodes.thead(), *head),
        adopt(nodes.tbody(), *body),
    )
    table = nodes.table(classes=list(classes))
    return adopt(table, tgroup) if title is None else adopt(table, title, tgroup)


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
