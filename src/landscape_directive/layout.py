"""Geometry of the landscape map, shared by the SVG (HTML) and TikZ (LaTeX) renderers.

The map has stages on the X axis (left to right) and layers on the Y axis (bottom to top). Each
layer x stage cell holds a grid of project boxes; every size is computed from the content (number
of projects, estimated text widths), so labels never overlap whatever the data or the language.
The function is pure and deterministic: the same input gives the same geometry, whatever the
order of the items.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

# sizes in px (SVG user units); the TikZ renderer maps 1 px to 0.75 pt
MARGIN = 16.0
FONT = 11.0  # project labels
HEAD_FONT = 13.0  # stage and layer names
TITLE_FONT = 14.0  # axis titles
CAT_FONT = 11.0  # category labels on the right
LEGEND_FONT = 11.0
BOX_H = 20.0
BOX_PAD_X = 6.0
GAP = 4.0
CELL_PAD = 8.0
MIN_BOX_W = 56.0
MAX_LABEL_W = 150.0
SWATCH = 10.0
CAT_LINE = 16.0
MIN_ROW_H = 44.0
HEADER_H = 30.0
ELLIPSIS = "…"

TEXT_COLOUR = "#1f2328"
MUTED = "#57606a"
GRID_LINE = "#d0d7de"
ROW_FILLS = ("#f6f8fa", "#ffffff")

PALETTE: tuple[str, ...] = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
    "#e6550d", "#31a354", "#756bb1", "#636363", "#a55194", "#6b6ecf", "#b5cf6b", "#e7969c",
)  # fmt: skip
"""Outline colours, one per category in data order (cycled past 24)."""


@functools.cache
def tint(colour: str, amount: float = 0.22) -> str:
    """``colour`` mixed with white (``amount`` of the colour): the box fill."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(255 - (255 - c) * amount) for c in (r, g, b))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _char_width(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    if ch in "iljI.,:;'|!()[]{} ":
        return 0.34
    if ch in "mwMW@%":
        return 0.9
    if ch.isupper() or ch.isdigit():
        return 0.68
    return 0.58


class _Widths(dict[str, float]):
    """Width of each character in ems, computed on first use (a map has few distinct ones)."""

    def __missing__(self, ch: str) -> float:
        self[ch] = width = _char_width(ch)
        return width


_WIDTHS = _Widths()


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of the rendered width of ``text`` in a sans-serif font."""
    width = sum(map(_WIDTHS.__getitem__, text)) * size
    return width * 1.08 if bold else width


def fit(text: str, size: float, max_width: float) -> str:
    """``text`` shortened with an ellipsis so that it fits ``max_width``."""
    if text_width(text, size) <= max_width:
        return text
    budget = max_width - text_width(ELLIPSIS, size)
    used = 0.0
    for end, ch in enumerate(text):
        used += _WIDTHS[ch]
        if used * size > budget:
            return text[:end].rstrip() + ELLIPSIS
    return text  # pragma: no cover - the whole text fits (checked above)


@dataclass(frozen=True, slots=True)
class MapItem:
    """A project as the map sees it."""

    name: str
    url: str
    tooltip: str
    category: str
    layer: str
    stage: str
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class MapSpec:
    """Everything the map shows, with labels already translated."""

    stages: Sequence[tuple[str, str]]  # (id, label), left to right
    layers: Sequence[tuple[str, str]]  # (id, label), bottom to top
    categories: Sequence[tuple[str, str, str]]  # (id, label, home layer id), data order
    items: Sequence[MapItem]
    x_title: str = "Maturity"
    y_title: str = "Layer"
    legend: Sequence[str] = ("Prototype or early", "Growing, mature or standard", "")


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle (``dashed`` outline for early-stage projects)."""

    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str = "none"
    dashed: bool = False
    stroke_width: float = 1.0
    rx: float = 0.0


@dataclass(frozen=True, slots=True)
class Line:
    """A straight line, optionally ending in an arrow head."""

    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = GRID_LINE
    width: float = 1.0
    arrow: bool = False
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Text:
    """A label; ``y`` is the baseline, ``rotate`` is -90 for the vertical axis title."""

    x: float
    y: float
    text: str
    size: float
    anchor: str = "start"  # start | middle | end
    bold: bool = False
    fill: str = TEXT_COLOUR
    rotate: int = 0


@dataclass(frozen=True, slots=True)
class Box:
    """A project: an outlined, linked box with its label and tooltip."""

    rect: Rect
    label: Text
    url: str
    tooltip: str
    name: str


@dataclass(frozen=True, slots=True)
class Geometry:
    """The whole map: background shapes, lines, labels and project boxes."""

    width: float
    height: float
    rects: tuple[Rect, ...] = ()
    lines: tuple[Line, ...] = ()
    texts: tuple[Text, ...] = ()
    boxes: tuple[Box, ...] = ()
    colours: dict[str, str] = field(default_factory=dict)


def layout(spec: MapSpec) -> Geometry:
    """Place every element of the map; see the module docstring."""
    stage_ids = [s for s, _ in spec.stages]
    layer_ids = [s for s, _ in spec.layers]
    cat_index = {c: i for i, (c, _, _) in enumerate(spec.categories)}
    colours = {c: PALETTE[i % len(PALETTE)] for c, i in cat_index.items()}

    cells: dict[tuple[str, str], list[MapItem]] = {
        (ly, s): [] for ly in layer_ids for s in stage_ids
    }
    for item in spec.items:
        cells[item.layer, item.stage].append(item)
    for members in cells.values():
        members.sort(key=lambda i: (cat_index.get(i.category, len(cat_index)), i.name.casefold(),
                                    i.name, i.url))  # fmt: skip

    labels = {item.name: fit(item.name, FONT, MAX_LABEL_W) for item in spec.items}
    box_w = max([MIN_BOX_W, *(text_width(t, FONT) + 2 * BOX_PAD_X for t in labels.values())])

    # columns of boxes per stage, from the fullest cell of that stage
    cols = {}
    for s in stage_ids:
        fullest = max(len(cells[ly, s]) for ly in layer_ids) if layer_ids else 0
        cols[s] = max(1, math.ceil(math.sqrt(fullest / 2.5)))
    col_w = {
        s: max(
            cols[s] * box_w + (cols[s] - 1) * GAP + 2 * CELL_PAD,
            text_width(label, HEAD_FONT, bold=True) + 2 * CELL_PAD,
        )
        for s, label in spec.stages
    }

    # categories labelled at the right of each layer row: home categories, then visitors
    row_cats: dict[str, list[str]] = {ly: [] for ly in layer_ids}
    for c, _, home in spec.categories:
        if home in row_cats:
            row_cats[home].append(c)
    for item in sorted(spec.items, key=lambda i: cat_index.get(i.category, 0)):
        if item.category in cat_index and item.category not in row_cats[item.layer]:
            row_cats[item.layer].append(item.category)
    for ly in layer_ids:
        row_cats[ly].sort(key=cat_index.__getitem__)
    cat_label = {c: label for c, label, _ in spec.categories}

    row_h = {}
    for ly in layer_ids:
        rows = max(math.ceil(len(cells[ly, s]) / cols[s]) for s in stage_ids) if stage_ids else 0
        row_h[ly] = max(
            rows * (BOX_H + GAP) - GAP + 2 * CELL_PAD,
            len(row_cats[ly]) * CAT_LINE + 2 * CELL_PAD,
            MIN_ROW_H,
        )

    # the vertical axis title must fit along the grid: share any missing height between rows
    y_title_len = text_width(spec.y_title, TITLE_FONT, bold=True) + 24
    missing = y_title_len - sum(row_h.values())
    if missing > 0 and row_h:
        for ly in row_h:
            row_h[ly] += missing / len(row_h)

    y_title_w = TITLE_FONT + 12
    layer_col_w = max([0.0, *(text_width(t, HEAD_FONT, bold=True) for _, t in spec.layers)]) + 20
    right_w = (
        max([0.0, *(SWATCH + 6 + text_width(t, CAT_FONT) for _, t, _ in spec.categories)])
        + 2 * CELL_PAD
    )

    grid_x = MARGIN + y_title_w + layer_col_w
    grid_y = MARGIN + HEADER_H
    grid_w = sum(col_w.values())
    grid_h = sum(row_h.values())
    right_x = grid_x + grid_w + 8

    rects: list[Rect] = []
    lines: list[Line] = []
    texts: list[Text] = []
    boxes: list[Box] = []

    # stage headers and columns
    x = grid_x
    col_x = {}
    for s, label in spec.stages:
        col_x[s] = x
        texts.append(Text(x + col_w[s] / 2, MARGIN + HEADER_H - 10, label, HEAD_FONT, "middle",
                          bold=True))  # fmt: skip
        x += col_w[s]

    # layer rows, top (last layer) to bottom (first layer)
    y = grid_y
    row_y = {}
    for index, (ly, label) in enumerate(reversed(spec.layers)):
        row_y[ly] = y
        rects.append(Rect(MARGIN + y_title_w, y, layer_col_w + grid_w, row_h[ly],
                          ROW_FILLS[index % 2]))  # fmt: skip
        texts.append(Text(grid_x - 10, y + row_h[ly] / 2 + HEAD_FONT * 0.35, label, HEAD_FONT,
                          "end", bold=True))  # fmt: skip
        cy = y + CELL_PAD
        for c in row_cats[ly]:
            colour = colours[c]
            rects.append(Rect(right_x + CELL_PAD, cy + (CAT_LINE - SWATCH) / 2 - 2, SWATCH,
                              SWATCH, tint(colour), colour, rx=2))  # fmt: skip
            texts.append(Text(right_x + CELL_PAD + SWATCH + 6, cy + CAT_LINE / 2 + CAT_FONT * 0.3,
                              cat_label[c], CAT_FONT, fill=MUTED))  # fmt: skip
            cy += CAT_LINE
        y += row_h[ly]

    # grid lines
    lines.extend(Line(col_x[s], grid_y, col_x[s], grid_y + grid_h, dashed=True)
                 for s in stage_ids[1:])  # fmt: skip
    lines.extend(
        Line(grid_x, row_y[ly], grid_x + grid_w, row_y[ly]) for ly in layer_ids[:-1] if ly in row_y
    )
    rects.append(Rect(grid_x, grid_y, grid_w, grid_h, "none", GRID_LINE))

    # project boxes
    for ly in layer_ids:
        for s in stage_ids:
            for i, item in enumerate(cells[ly, s]):
                col, row = i % cols[s], i // cols[s]
                bx = col_x[s] + CELL_PAD + col * (box_w + GAP)
                by = row_y[ly] + CELL_PAD + row * (BOX_H + GAP)
                colour = colours.get(item.category, MUTED)
                rect = Rect(bx, by, box_w, BOX_H, tint(colour), colour, dashed=item.dashed,
                            stroke_width=1.2, rx=3)  # fmt: skip
                text = Text(bx + BOX_PAD_X, by + BOX_H / 2 + FONT * 0.35, labels[item.name], FONT)
                boxes.append(Box(rect, text, item.url, item.tooltip, item.name))

    # axes: Y title (vertical, reads upwards) with an arrow; X arrow and title under the grid
    axis_x = MARGIN + TITLE_FONT * 0.8
    texts.append(Text(axis_x, grid_y + grid_h / 2, spec.y_title, TITLE_FONT, "middle", bold=True,
                      rotate=-90))  # fmt: skip
    lines.append(Line(axis_x + 8, grid_y + grid_h, axis_x + 8, grid_y, MUTED, 1.5, arrow=True))
    y = grid_y + grid_h + 12
    lines.append(Line(grid_x, y, grid_x + grid_w, y, MUTED, 1.5, arrow=True))
    y += 8 + TITLE_FONT
    texts.append(Text(grid_x + grid_w / 2, y, spec.x_title, TITLE_FONT, "middle", bold=True))

    # legend: dashed box, solid box, then the colour note; flows onto new lines when narrow
    width = max(right_x + right_w + MARGIN, text_width(spec.x_title, TITLE_FONT, True) + 2 * MARGIN)
    y += 14
    x = grid_x
    line_top = y
    entries: list[tuple[bool | None, str]] = [
        (True, spec.legend[0]), (False, spec.legend[1]), (None, spec.legend[2])
    ]  # fmt: skip
    for dashed, label in entries:
        if not label:
            continue
        need = (28 if dashed is not None else 0) + text_width(label, LEGEND_FONT) + 24
        if x > grid_x and x + need > width - MARGIN:
            x = grid_x
            line_top += BOX_H + 6
        if dashed is not None:
            rects.append(Rect(x, line_top, 22, 14, "#ffffff", MUTED, dashed=dashed, rx=3))
            x += 28
        texts.append(Text(x, line_top + 11, label, LEGEND_FONT, fill=MUTED))
        x += text_width(label, LEGEND_FONT) + 24
        width = max(width, x + MARGIN)
    height = line_top + 14 + MARGIN

    return Geometry(
        width=math.ceil(width),
        height=math.ceil(height),
        rects=tuple(rects),
        lines=tuple(lines),
        texts=tuple(texts),
        boxes=tuple(boxes),
        colours=colours,
    )


def text_fallback(spec: MapSpec, header: str) -> list[str]:
    """The map as lines of text (for the text, man and texinfo builders): nothing is lost."""
    out = [header]
    for ly, layer_label in reversed(spec.layers):
        for s, stage_label in spec.stages:
            names = sorted((i.name for i in spec.items if i.layer == ly and i.stage == s),
                           key=lambda n: (n.casefold(), n))  # fmt: skip
            if names:
                out.append(f"{layer_label} / {stage_label}: {', '.join(names)}")
    return out
