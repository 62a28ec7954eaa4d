"""Benchmark of the landscape extension: table nodes and map rendering for N projects.

Run ``PYTHONPATH=src python benchmarks/landscape_bench.py [SIZE ...]`` (sizes default to 1,000,
2,500 and 5,000). For each size it builds a synthetic landscape (deterministic), then times the
best of three runs of: building the docutils table nodes for every project (all nine columns),
and laying out and rendering the map (SVG and TikZ). The garbage collector stays on, as in a
build; the garbage of the previous run is collected before each timed run so that it is not
charged to the next one. Memory (tracemalloc's peak) is measured in a separate, untimed run:
tracing slows every allocation down.

Target: table + map at 5,000 projects in 0.5 s or less, with time growing linearly (the
``us/project`` column stays flat). Exit status 1 when the largest size misses the target.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from landscape_directive.layout import MapItem, MapSpec, layout
from landscape_directive.model import LAYER_IDS, STAGE_IDS, Facet, Landscape, Project
from landscape_directive.svg import num, render_svg
from landscape_directive.table import COLUMNS, Context, Section, build_table
from landscape_directive.tikz import render_tikz

SIZES = (1000, 2500, 5000)
TARGET_S = 0.5


def synthetic(n: int, seed: int = 1) -> Landscape:
    """A valid landscape of ``n`` projects over 22 categories."""
    rng = random.Random(seed)
    stages = tuple(Facet(s, s.title(), f"Stage {s}.", i + 2) for i, s in enumerate(STAGE_IDS))
    layers = tuple(Facet(s, f"Layer {s}", f"Layer {s}.", i + 20) for i, s in enumerate(LAYER_IDS))
    categories = tuple(
        Facet(f"category-{i}", f"Category {i}", f"Category {i}.", 40 + i, LAYER_IDS[i % 6])
        for i in range(22)
    )
    projects = []
    for i in range(n):
        category = categories[rng.randrange(22)]
        name = f"Project {i:05d}" + " extra words"[: rng.randrange(12)]
        projects.append(
            Project(
                name=name,
                homepage_url=f"https://example.org/p/{i}",
                description=f"Project {i} does one thing well for {category.name.lower()}.",
                category=category.id,
                layer=category.layer,
                stage=STAGE_IDS[min(4, int(rng.triangular(0, 5, 2.5)))],
                last_checked=dt.date(2026, 11, 27),
                repo_url=f"https://github.com/example/p{i}",
                project=rng.choice([None, "sandbox", "incubating", "graduated"]),
                tags=("tag-a", "tag-b")[: rng.randrange(3)],
                chapters=("chapters/a",) if i % 3 == 0 else (),
                line=100 + 10 * i,
                field_lines={"description": 103 + 10 * i},
                chapter_lines=(104 + 10 * i,) if i % 3 == 0 else (),
            )
        )
    return Landscape("landscape.yaml", stages, layers, categories, tuple(projects))


def table_nodes(landscape: Landscape) -> Any:
    """The full table (every column), as the ``landscape`` directive builds it."""
    ctx = Context(landscape, "index.md", 1, "index", frozenset({"chapters/a"}))
    return build_table(ctx, [Section(landscape.projects)], COLUMNS)


def map_outputs(landscape: Landscape) -> tuple[str, str]:
    """Layout, SVG and TikZ, as the HTML and LaTeX writers produce them (the coordinate cache
    emptied first, as at the start of a build)."""
    if hasattr(num, "cache_clear"):  # (versions before the cache have nothing to empty)
        num.cache_clear()
    spec = MapSpec(
        stages=[(s.id, s.name) for s in landscape.stages],
        layers=[(s.id, s.name) for s in landscape.layers],
        categories=[(c.id, c.name, c.layer) for c in landscape.categories],
        items=[
            MapItem(p.name, p.homepage_url, f"{p.name} — {p.description}", p.category, p.layer,
                    p.stage, p.dashed)
            for p in landscape.projects
        ],
    )  # fmt: skip
    geometry = layout(spec)
    return render_svg(geometry, "Landscape map", "bench", "m"), render_tikz(geometry)


def best_time(func: Callable[[], Any], repeat: int = 3) -> float:
    """Best wall time in s of ``func`` (no memory tracing; earlier garbage collected first)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def peak_memory(func: Callable[[], Any]) -> float:
    """Peak traced memory in MiB of one run of ``func`` (a separate, untimed run)."""
    gc.collect()
    tracemalloc.start()
    try:
        func()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def main(argv: list[str]) -> int:
    """Print one line per size; exit 1 if table + map at the largest size misses the target."""
    sizes = [int(a) for a in argv] or list(SIZES)
    print(f"{'projects':>8} {'table s':>8} {'map s':>7} {'total s':>8} {'us/project':>10} "
          f"{'table MiB':>9} {'map MiB':>8} {'SVG KiB':>8}")  # fmt: skip
    total = 0.0
    for n in sizes:
        landscape = synthetic(n)
        t_table = best_time(lambda landscape=landscape: table_nodes(landscape))
        t_map = best_time(lambda landscape=landscape: map_outputs(landscape))
        m_table = peak_memory(lambda landscape=landscape: table_nodes(landscape))
        m_map = peak_memory(lambda landscape=landscape: map_outputs(landscape))
        svg_kib = len(map_outputs(landscape)[0].encode()) / 1024
        total = t_table + t_map
        print(f"{n:>8} {t_table:>8.3f} {t_map:>7.3f} {total:>8.3f} {1e6 * total / n:>10.1f} "
              f"{m_table:>9.1f} {m_map:>8.1f} {svg_kib:>8.0f}")  # fmt: skip
    print(
        f"target: {TARGET_S} s at {sizes[-1]} projects: {'met' if total <= TARGET_S else 'missed'}"
    )
    return 0 if total <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
