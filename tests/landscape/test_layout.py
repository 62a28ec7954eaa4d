"""Unit tests of the map: layout geometry, SVG and TikZ output."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from itertools import combinations

from landscape_directive.layout import (
    MAX_LABEL_W,
    MapItem,
    MapSpec,
    Text,
    fit,
    layout,
    text_fallback,
    text_width,
)
from landscape_directive.model import LAYER_IDS, STAGE_IDS
from landscape_directive.svg import render_svg
from landscape_directive.tikz import render_tikz, tex_escape, tex_url

from .util import bbox, overlaps

SVG = "{http://www.w3.org/2000/svg}"
CATEGORIES = [(f"cat-{i}", f"Category number {i}", LAYER_IDS[i % 6]) for i in range(22)]


def synthetic(n: int, seed: int = 7) -> MapSpec:
    """``n`` projects with names of varied length, spread unevenly over the cells."""
    rng = random.Random(seed)
    items = []
    for i in range(n):
        category, _label, layer = CATEGORIES[rng.randrange(len(CATEGORIES))]
        stage = STAGE_IDS[min(4, int(rng.triangular(0, 5, 2.5)))]
        name = f"Project {i} " + "x" * rng.randrange(0, 40)
        items.append(
            MapItem(
                name,
                f"https://example.org/{i}",
                f"{name} — does {i}",
                category,
                layer,
                stage,
                stage in ("prototype", "early"),
            )
        )
    return MapSpec(
        stages=[(s, s.title()) for s in STAGE_IDS],
        layers=[(s, f"Layer {s}") for s in LAYER_IDS],
        categories=CATEGORIES,
        items=items,
    )


def test_same_data_gives_the_same_bytes_whatever_the_order() -> None:
    spec = synthetic(300)
    first = render_svg(layout(spec), "Map", "desc", "m")
    again = render_svg(layout(synthetic(300)), "Map", "desc", "m")
    items = list(spec.items)
    random.Random(1).shuffle(items)
    shuffled = MapSpec(spec.stages, spec.layers, spec.categories, items)
    assert first == again
    assert render_svg(layout(shuffled), "Map", "desc", "m") == first
    assert render_tikz(layout(shuffled)) == render_tikz(layout(spec))


def test_no_overlapping_labels_or_boxes_at_300_projects() -> None:
    geometry = layout(synthetic(300))
    assert len(geometry.boxes) == 300
    labels = [bbox(t) for t in geometry.texts] + [bbox(b.label) for b in geometry.boxes]
    # sort-and-sweep on x: every pair that could overlap is compared
    labels.sort()
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            if b[0] >= a[2]:
                break
            assert not overlaps(a, b), (a, b)
    boxes = sorted((b.rect.x, b.rect.y, b.rect.x + b.rect.w, b.rect.y + b.rect.h)
                   for b in geometry.boxes)  # fmt: skip
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if b[0] >= a[2]:
                break
            assert not overlaps(a, b)
    for box in geometry.boxes:  # each label sits inside its box
        x0, y0, x1, y1 = bbox(box.label)
        assert box.rect.x < x0 and x1 < box.rect.x + box.rect.w
        assert box.rect.y <= y0 and y1 <= box.rect.y + box.rect.h
    for x0, y0, x1, y1 in labels:  # and everything inside the picture
        assert x0 >= 0 and x1 <= geometry.width and y0 >= 0 and y1 <= geometry.height


def test_overlap_check_can_fail() -> None:
    a = Text(10, 20, "Label", 11)
    b = Text(20, 22, "Label", 11)
    assert overlaps(bbox(a), bbox(b))
    assert not overlaps(bbox(a), bbox(Text(10, 40, "Label", 11)))


def test_projects_sit_in_their_layer_row_and_stage_column() -> None:
    spec = synthetic(60)
    geometry = layout(spec)
    by_name = {b.name: b for b in geometry.boxes}
    stage_x = {t.text: t.x for t in geometry.texts if t.text in {s.title() for s in STAGE_IDS}}
    layer_y = {t.text: t.y for t in geometry.texts if t.text.startswith("Layer ")}
    for item in spec.items:
        box = by_name[item.name]
        # rows: applications at the top, runtime at the bottom
        others = [layer_y[f"Layer {ly}"] for ly in LAYER_IDS]
        assert others == sorted(others, reverse=True)
        # columns: the stage header closest to the box is the project's stage
        nearest = min(stage_x, key=lambda s: abs(stage_x[s] - (box.rect.x + box.rect.w / 2)))
        assert nearest == item.stage.title()
        assert box.rect.dashed is (item.stage in ("prototype", "early"))


def test_long_names_are_shortened_to_fit() -> None:
    name = "A project with a really very long name that goes on"
    short = fit(name, 11, MAX_LABEL_W)
    assert short.endswith("…") and short != name
    assert text_width(short, 11) <= MAX_LABEL_W
    assert fit("vLLM", 11, MAX_LABEL_W) == "vLLM"


def test_svg_is_well_formed_accessible_and_escaped() -> None:
    items = [
        MapItem("A<b>&c", "https://example.org/?a=1&b=2", "A<b>&c — <script>alert(1)</script>",
                "cat-0", "runtime", "prototype", True),
        MapItem("Evil", "javascript:alert(1)", "Evil", "cat-0", "runtime", "growing"),
    ]  # fmt: skip
    spec = MapSpec([(s, s) for s in STAGE_IDS], [(s, s) for s in LAYER_IDS], CATEGORIES[:1], items)
    svg = render_svg(layout(spec), "Title <x>", "Desc & more", "map-1")
    root = ET.fromstring(svg)
    assert root.get("role") == "group"
    assert root.get("aria-labelledby") == "map-1-title map-1-desc"
    assert root.find(f"{SVG}title").text == "Title <x>"
    assert root.find(f"{SVG}desc").text == "Desc & more"
    links = root.findall(f".//{SVG}a")
    assert [a.get("href") for a in links] == ["https://example.org/?a=1&b=2"]
    assert links[0].find(f"{SVG}title").text == "A<b>&c — <script>alert(1)</script>"
    assert links[0].find(f"{SVG}rect").get("stroke-dasharray") == "4 2"
    assert "<script>" not in svg and "javascript:" not in svg
    assert root.find(f".//{SVG}script") is None


def test_tikz_uses_the_same_geometry() -> None:
    spec = synthetic(20)
    geometry = layout(spec)
    tikz = render_tikz(geometry)
    assert tikz.startswith("\\begingroup\n\\definecolor{")
    assert "\\begin{tikzpicture}" in tikz and "\\end{tikzpicture}}" in tikz
    assert tikz.count("\\href{https://example.org/") == 20
    # every early-stage project, and the legend's dashed swatch
    assert tikz.count("dash pattern=on 3pt off 1.5pt") == sum(i.dashed for i in spec.items) + 1
    assert tex_escape("a_b & {c} 50% #1 ~ \\") == (
        "a\\_b \\& \\{c\\} 50\\% \\#1 \\textasciitilde{} \\textbackslash{}"
    )
    assert tex_url("https://x.org/~a?b=1&c=2#d%20") == ("https://x.org/\\%7Ea?b=1\\&c=2\\#d\\%20")


def test_text_fallback_lists_every_project() -> None:
    spec = synthetic(40)
    lines = text_fallback(spec, "[Landscape map: 40 projects]")
    assert lines[0] == "[Landscape map: 40 projects]"
    body = "\n".join(lines[1:])
    assert all(item.name in body for item in spec.items)
    assert lines[1].startswith("Layer applications / ")


def test_no_label_overlap_with_long_translated_labels() -> None:
    spec = synthetic(120)
    long = MapSpec(
        stages=[(s, "成熟度阶段" * 3) for s in STAGE_IDS],
        layers=[(s, "很长的层级名称" * 2) for s in LAYER_IDS],
        categories=[(c, label * 2, ly) for c, label, ly in CATEGORIES],
        items=spec.items,
        x_title="成熟度：原型 → 标准",
        y_title="层级：基础设施 → 应用" * 3,
    )
    geometry = layout(long)
    labels = [bbox(t) for t in geometry.texts] + [bbox(b.label) for b in geometry.boxes]
    for a, b in combinations(labels, 2):
        assert not overlaps(a, b)
