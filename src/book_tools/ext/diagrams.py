"""Accessible Graphviz diagrams in HTML.

``sphinx.ext.graphviz`` embeds an SVG diagram as ``<object>`` with no accessible name and, as
its fallback text, the DOT source. This visitor names the diagram after its (translated)
caption, which becomes both the ``<object>``'s ``aria-label`` and its fallback text.
"""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.ext import graphviz
from sphinx.writers.html5 import HTML5Translator

from book_tools.ext.messages import _


def diagram_name(node: graphviz.graphviz) -> str:
    """The caption of the figure around *node*, else its ``alt``, else a generic name."""
    parent = node.parent
    if isinstance(parent, nodes.figure):
        for child in parent.children:
            if isinstance(child, nodes.caption):
                return child.astext()
    return node.get("alt") or str(_("Diagram"))


def html_visit_graphviz(self: HTML5Translator, node: graphviz.graphviz) -> None:
    """Render like Sphinx does, then name the embedded ``<object>``."""
    name = diagram_name(node)
    node["alt"] = html.escape(name)
    start = len(self.body)
    try:
        graphviz.html_visit_graphviz(self, node)
    except nodes.SkipNode:
        label = html.escape(name, quote=True)
        for i in range(start, len(self.body)):
            if self.body[i].startswith("<object "):
                self.body[i] = self.body[i].replace(
                    "<object ", f'<object role="img" aria-label="{label}" ', 1
                )
        raise
