"""Accessible Graphviz diagrams in HTML.

``sphinx.ext.graphviz`` embeds an SVG diagram as ``<object>`` with no accessible name and, as
its fallback text, the DOT source. This visitor renders the SVG with Sphinx's own
:func:`~sphinx.ext.graphviz.render_dot` and writes the ``<object>`` itself, named after the
figure's (translated) caption: the name is both its ``aria-label`` and its fallback text.
Other output formats are left to Sphinx's visitor, with the name as their ``alt`` text.
"""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.ext import graphviz
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from book_tools.ext.messages import _

logger = logging.getLogger(__name__)


def diagram_name(node: graphviz.graphviz) -> str:
    """The caption of the figure around *node*, else its ``alt``, else a generic name."""
    parent = node.parent
    if isinstance(parent, nodes.figure):
        for child in parent.children:
            if isinstance(child, nodes.caption):
                return child.astext()
    return node.get("alt") or str(_("Diagram"))


def svg_object(src: str, name: str, classes: list[str]) -> str:
    """The HTML of an SVG diagram at *src*, accessible under *name*."""
    label = html.escape(name, quote=True)
    cls = html.escape(" ".join(["graphviz", *classes]), quote=True)
    return (
        f'<div class="graphviz"><object data="{html.escape(src, quote=True)}" '
        f'type="image/svg+xml" class="{cls}" role="img" aria-label="{label}">\n'
        f'<p class="warning">{html.escape(name)}</p></object></div>\n'
    )


def html_visit_graphviz(self: HTML5Translator, node: graphviz.graphviz) -> None:
    """Render an SVG diagram with an accessible name (other formats: Sphinx's visitor)."""
    name = diagram_name(node)
    if self.builder.config.graphviz_output_format != "svg" or "align" in node:
        node["alt"] = html.escape(name)
        graphviz.html_visit_graphviz(self, node)
        return
    try:
        fname, _outfn = graphviz.render_dot(
            self, node["code"], node["options"], "svg", "graphviz", node.get("filename")
        )
    except graphviz.GraphvizError as exc:
        logger.warning("dot code %r: %s", node["code"], exc, location=node)
        raise nodes.SkipNode from exc
    if fname is None:
        self.body.append(self.encode(node["code"]))
    else:
        self.body.append(svg_object(fname.as_posix(), name, node.get("classes", [])))
    raise nodes.SkipNode
