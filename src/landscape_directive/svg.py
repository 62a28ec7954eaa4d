"""Render the map :class:`~landscape_directive.layout.Geometry` as an SVG document.

Pure and deterministic: the same geometry gives the same bytes. All text is escaped, every link is
an http(s) URL (checked again here), and the document is well-formed XML that can be inlined in
HTML5.
"""

from __future__ import annotations

import functools
import re
from xml.sax.saxutils import escape, quoteattr

from .layout import MUTED, Geometry, Line, Rect, Text
from .model import is_safe_url

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', sans-serif"
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@functools.lru_cache(maxsize=1 << 16)
def num(value: float) -> str:
    """A coordinate with at most one decimal, no trailing zero (cached: a map repeats its
    coordinates and sizes thousands of times)."""
    return f"{value:.1f}".removesuffix(".0")


def text_escape(text: str) -> str:
    """XML text content; characters XML forbids are dropped."""
    return escape(_XML_INVALID.sub("", text))


def attr(text: str) -> str:
    """A quoted XML attribute value."""
    return quoteattr(_XML_INVALID.sub("", text))


def _rect(r: Rect) -> str:
    parts = [f'<rect x="{num(r.x)}" y="{num(r.y)}" width="{num(r.w)}" height="{num(r.h)}"']
    if r.rx:
        parts.append(f' rx="{num(r.rx)}"')
    parts.append(f' fill="{r.fill}"')
    if r.stroke != "none":
        parts.append(f' stroke="{r.stroke}" stroke-width="{num(r.stroke_width)}"')
    if r.dashed:
        parts.append(' stroke-dasharray="4 2"')
    parts.append("/>")
    return "".join(parts)


def _line(line: Line, marker: str) -> str:
    out = (
        f'<line x1="{num(line.x1)}" y1="{num(line.y1)}" x2="{num(line.x2)}" y2="{num(line.y2)}"'
        f' stroke="{line.stroke}" stroke-width="{num(line.width)}"'
    )
    if line.dashed:
        out += ' stroke-dasharray="3 3"'
    if line.arrow:
        out += f' marker-end="url(#{marker})"'
    return out + "/>"


def _text(t: Text) -> str:
    anchor = "" if t.anchor == "start" else f' text-anchor="{t.anchor}"'
    weight = ' font-weight="bold"' if t.bold else ""
    rotate = f' transform="rotate({t.rotate} {num(t.x)} {num(t.y)})"' if t.rotate else ""
    fill = f' fill="{t.fill}"'
    return (
        f'<text x="{num(t.x)}" y="{num(t.y)}" font-size="{num(t.size)}"{anchor}{weight}{fill}'
        f"{rotate}>{text_escape(t.text)}</text>"
    )


def render_svg(geometry: Geometry, title: str, description: str, id_prefix: str) -> str:
    """The map as an SVG string, with ``<title>``/``<desc>`` for assistive technology, a
    ``<title>`` tooltip (name and description) and a link on every project.

    The root is ``role="group"``, not ``img``: an image's children are presentational, so its
    project links would be unreachable by keyboard and screen readers (axe: nested-interactive).
    """
    ident = re.sub(r"[^A-Za-z0-9_-]", "-", id_prefix) or "landscape-map"
    marker = f"{ident}-arrow"
    out: list[str] = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="landscape-map"'
            f' viewBox="0 0 {num(geometry.width)} {num(geometry.height)}"'
            f' width="{num(geometry.width)}" height="{num(geometry.height)}"'
            f' role="group" aria-labelledby="{ident}-title {ident}-desc"'
            f" font-family={attr(FONT_FAMILY)}>"
        ),
        f'<title id="{ident}-title">{text_escape(title)}</title>',
        f'<desc id="{ident}-desc">{text_escape(description)}</desc>',
        (
            f'<defs><marker id="{marker}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7"'
            f' markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="{MUTED}"/>'
            "</marker></defs>"
        ),
        f'<rect width="{num(geometry.width)}" height="{num(geometry.height)}" fill="#ffffff"/>',
    ]
    out.extend(_rect(r) for r in geometry.rects)
    out.extend(_line(line, marker) for line in geometry.lines)
    out.extend(_text(t) for t in geometry.texts)
    out.append('<g class="landscape-projects">')
    for box in geometry.boxes:
        inner = f"<title>{text_escape(box.tooltip)}</title>{_rect(box.rect)}{_text(box.label)}"
        if is_safe_url(box.url):
            out.append(f"<a href={attr(box.url)}>{inner}</a>")
        else:  # never reached with validated data; kept as a guard
            out.append(f"<g>{inner}</g>")
    out.append("</g></svg>")
    return "\n".join(out)
