"""Helpers shared by the landscape tests."""

from __future__ import annotations

from pathlib import Path

from landscape_directive.layout import Text, text_width

ROOTS = Path(__file__).resolve().parent / "roots"
DATA = ROOTS / "test-landscape-basic" / "_data" / "landscape.yaml"
INVALID = ROOTS / "test-landscape-invalid" / "_data"

Box = tuple[float, float, float, float]


def bbox(text: Text) -> Box:
    """(x0, y0, x1, y1) of the estimated ink box of a map label."""
    width = text_width(text.text, text.size, text.bold)
    start = {"start": 0.0, "middle": -width / 2, "end": -width}[text.anchor]
    if text.rotate == -90:  # reads bottom to top; x is the baseline
        return (text.x - 0.8 * text.size, text.y - start - width, text.x + 0.2 * text.size,
                text.y - start)  # fmt: skip
    return (text.x + start, text.y - 0.8 * text.size, text.x + start + width,
            text.y + 0.2 * text.size)  # fmt: skip


def overlaps(a: Box, b: Box) -> bool:
    """True when two (x0, y0, x1, y1) boxes share some area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
