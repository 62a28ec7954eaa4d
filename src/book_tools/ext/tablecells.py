"""Locate the text of Markdown table cells, so that translation sees it.

MyST builds the paragraphs of pipe-table cells without ``source`` and ``line``. Sphinx's gettext
builder and its translation transform skip every text node without a source, so the cells of a
Markdown table would silently stay in English in every translation. :class:`LocateTableCells`
copies the location of the nearest located ancestor (the table) onto each cell's text elements,
before Sphinx's translation transform (priority 20).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform


def _located_ancestor(node: nodes.Node) -> nodes.Element | None:
    parent = node.parent
    while parent is not None:
        if getattr(parent, "source", None) and getattr(parent, "line", None):
            return parent
        parent = parent.parent
    return None


class LocateTableCells(SphinxTransform):
    """Copy a location onto table-cell text that has none (before i18n, priority 20)."""

    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        """Locate every unlocated text element inside a table entry."""
        for entry in self.document.findall(nodes.entry):
            for element in entry.findall(nodes.TextElement):
                if element.source and element.line:
                    continue
                anchor = _located_ancestor(element)
                if anchor is not None:
                    element.source = element.source or anchor.source
                    element.line = element.line or anchor.line
