"""Accessible Graphviz diagrams in HTML.

``sphinx.ext.graphviz`` embeds an SVG diagram as ``<object>`` with no accessible name and, as
its fallback text, the DOT source. This visitor renders the SVG with Sphinx's own
:func:`~sphinx.ext.graphviz.render_dot` and writes an ``<img>`` instead, named (``alt``) after
the figure's (translated) caption. An image, unlike an ``<object>``, can be loaded lazily: a
diagram below the first screen is fetched when the reader scrolls near it and does not hold up
the page's ``load`` event (issue 18). The book's diagrams have no links inside, which is what an
``<object>`` would keep. Other output formats are left to Sphinx's visitor, with the name as
their ``alt`` text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

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


_SVG_SIZE = re.compile(r'<svg\s[^>]*?width="([\d.]+)pt"\s+height="([\d.]+)pt"')


def svg_size(svg: str) -> tuple[int, int] | None:
    """The CSS pixel size of a Graphviz SVG (its root's ``width``/``height`` in points), so that
    the page keeps the diagram's room before the image arrives; ``None`` if not given in points."""
    match = _SVG_SIZE.search(svg)
    if match is None:
        return None
    width, height = (float(v) * 4 / 3 for v in match.groups())
    return round(width), round(height)


def svg_image(src: str, name: str, classes: list[str], size: tuple[int, int] | None) -> str:
    """The HTML of an SVG diagram at *src* of *size*, accessible under *name*, loaded lazily."""
    label = html.escape(name, quote=True)
    cls = html.escape(" ".join(["graphviz", *classes]), quote=True)
    dimensions = f'width="{size[0]}" height="{size[1]}" ' if size else ""
    return (
        f'<div class="graphviz"><img src="{html.escape(src, quote=True)}" class="{cls}" '
        f'alt="{label}" {dimensions}loading="lazy" decoding="async" /></div>\n'
    )


def html_visit_graphviz(self: HTML5Translator, node: graphviz.graphviz) -> None:
    """Render an SVG diagram with an accessible name (other formats: Sphinx's visitor)."""
    name = diagram_name(node)
    if self.builder.config.graphviz_output_format != "svg" or "align" in node:
        node["alt"] = html.escape(name)
        graphviz.html_visit_graphviz(self, node)
        return
    try:
        fname, outfn = graphviz.render_dot(
            self, node["code"], node["options"], "svg", "graphviz", node.get("filename")
        )
    except graphviz.GraphvizError as exc:
        logger.warning("dot code %r: %s", node["code"], exc, location=node)
        raise nodes.SkipNode from exc
    if fname is None:
        self.body.append(self.encode(node["code"]))
    else:
        size = svg_size(Path(outfn).read_text(encoding="utf-8")) if outfn else None
        self.body.append(svg_image(fname.as_posix(), name, node.get("classes", []), size))
    raise nodes.SkipNode
