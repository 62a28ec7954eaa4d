"""Render the map :class:`~landscape_directive.layout.Geometry` as TikZ code for LaTeX/PDF.

The picture is drawn from the same geometry as the SVG, so the PDF shows the same vector map,
scaled to the text width (or height, for a tall map). It needs ``\\usepackage{tikz}``, which the
extension adds to the LaTeX preamble. Pure and deterministic.
"""

from __future__ import annotations

from .layout import Geometry, Line, Rect, Text
from .model import is_safe_url
from .svg import num

PX = 0.75  # pt per px
_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "%": r"\%",
    "…": r"\ldots{}",
    "→": r"$\rightarrow$",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}


_TEX_TABLE: dict[int, str | None] = {
    **{code: None for code in range(0x20) if code != ord("\t")},
    **{ord(ch): command for ch, command in _TEX_SPECIAL.items()},
}


def tex_escape(text: str) -> str:
    """Text safe for LaTeX (special characters become commands; control characters but the tab
    go)."""
    return text.translate(_TEX_TABLE)


def tex_url(url: str) -> str:
    """A URL for ``\\href`` used inside a macro argument: ``%``, ``#``, ``&`` escaped, ``~``
    percent-encoded (equivalent per RFC 3986)."""
    url = url.replace("~", "%7E")
    return url.replace("\\", "").replace("%", r"\%").replace("#", r"\#").replace("&", r"\&")


def _colour(colours: dict[str, str], value: str) -> str:
    if value in ("none", ""):
        return "none"
    name = "lsmap" + value.lstrip("#").upper()
    colours[name] = value.lstrip("#").upper()
    return name


def _rect(r: Rect, colours: dict[str, str]) -> str:
    opts = [f"fill={_colour(colours, r.fill)}"] if r.fill != "none" else []
    if r.stroke != "none":
        opts.append(f"draw={_colour(colours, r.stroke)}")
        opts.append(f"line width={num(r.stroke_width * PX)}pt")
    if r.dashed:
        opts.append("dash pattern=on 3pt off 1.5pt")
    if r.rx:
        opts.append(f"rounded corners={num(r.rx * PX)}pt")
    return f"\\path[{','.join(opts)}] ({num(r.x)},{num(r.y)}) rectangle ++({num(r.w)},{num(r.h)});"


def _line(line: Line, colours: dict[str, str]) -> str:
    opts = [f"draw={_colour(colours, line.stroke)}", f"line width={num(line.width * PX)}pt"]
    if line.arrow:
        opts.insert(0, "->")
    if line.dashed:
        opts.append("dash pattern=on 2pt off 2pt")
    return (
        f"\\draw[{','.join(opts)}] ({num(line.x1)},{num(line.y1)}) -- "
        f"({num(line.x2)},{num(line.y2)});"
    )


def _node(t: Text, colours: dict[str, str], content: str) -> str:
    anchor = {"start": "base west", "middle": "base", "end": "base east"}[t.anchor]
    size = t.size * PX
    font = f"\\fontsize{{{num(size)}}}{{{num(size * 1.2)}}}\\selectfont"
    if t.bold:
        font += "\\bfseries"
    opts = [f"anchor={anchor}", "inner sep=0pt", f"text={_colour(colours, t.fill)}", f"font={font}"]
    if t.rotate:
        opts.append(f"rotate={-t.rotate}")
    return f"\\node[{','.join(opts)}] at ({num(t.x)},{num(t.y)}) {{{content}}};"


def render_tikz(geometry: Geometry, *, tall_ratio: float = 1.3) -> str:
    """The map as a ``tikzpicture`` in a ``\\resizebox`` (to the line width, or to 85% of the
    text height when the map is taller than ``tall_ratio`` times its width)."""
    colours: dict[str, str] = {}
    body: list[str] = [
        f"\\fill[white] (0,0) rectangle ({num(geometry.width)},{num(geometry.height)});"
    ]
    body.extend(_rect(r, colours) for r in geometry.rects)
    body.extend(_line(line, colours) for line in geometry.lines)
    body.extend(_node(t, colours, tex_escape(t.text)) for t in geometry.texts)
    for box in geometry.boxes:
        body.append(_rect(box.rect, colours))
        label = tex_escape(box.label.text)
        if is_safe_url(box.url):
            label = f"\\href{{{tex_url(box.url)}}}{{{label}}}"
        body.append(_node(box.label, colours, label))
    size = (
        "{!}{0.85\\textheight}"
        if geometry.height > tall_ratio * geometry.width
        else "{\\linewidth}{!}"
    )
    head = [
        "\\begingroup",
        *(f"\\definecolor{{{name}}}{{HTML}}{{{hexa}}}" for name, hexa in sorted(colours.items())),
        f"\\resizebox{size}{{%",
        f"\\begin{{tikzpicture}}[x={PX}pt,y=-{PX}pt,font=\\sffamily]",
    ]
    return "\n".join([*head, *body, "\\end{tikzpicture}}", "\\endgroup", ""])
