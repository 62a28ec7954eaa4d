"""Selecting, sorting, grouping and counting projects (pure functions, no Sphinx)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import CNCF_STATUSES, Landscape, Project, suggest

CNCF_FILTERS: tuple[str, ...] = (*CNCF_STATUSES, "none")
"""Values accepted by the ``cncf`` filter (``none``: not a CNCF project)."""
SORT_KEYS: tuple[str, ...] = ("name", "category", "layer", "stage", "cncf")
GROUP_KEYS: tuple[str, ...] = ("category", "layer", "stage")
_CNCF_RANK = {"graduated": 0, "incubating": 1, "sandbox": 2, "archived": 3}


@dataclass(frozen=True, slots=True)
class Selection:
    """Filters: values within one filter are alternatives (OR); filters combine with AND."""

    categories: frozenset[str] = frozenset()
    layers: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    cncf: frozenset[str] = frozenset()
    chapters: frozenset[str] = frozenset()

    def matches(self, project: Project) -> bool:
        """True when the project passes every filter that is set."""
        return (
            (not self.categories or project.category in self.categories)
            and (not self.layers or project.layer in self.layers)
            and (not self.stages or project.stage in self.stages)
            and (not self.tags or not self.tags.isdisjoint(project.tags))
            and (not self.cncf or (project.project or "none") in self.cncf)
            and (not self.chapters or not self.chapters.isdisjoint(project.chapters))
        )


def check_selection(landscape: Landscape, selection: Selection) -> list[str]:
    """Messages for filter values that the data does not know (with a suggestion)."""
    known = {
        "category": [c.id for c in landscape.categories],
        "layer": [s.id for s in landscape.layers],
        "stage": [s.id for s in landscape.stages],
        "tag": sorted({t for p in landscape.projects for t in p.tags}),
        "cncf": list(CNCF_FILTERS),
    }
    given = {
        "category": selection.categories,
        "layer": selection.layers,
        "stage": selection.stages,
        "tag": selection.tags,
        "cncf": selection.cncf,
    }
    return [
        f"unknown {kind} '{value}' in the :{kind}: option{suggest(value, known[kind])}"
        for kind, values in given.items()
        for value in sorted(values)
        if value not in known[kind]
    ]


def select(landscape: Landscape, selection: Selection) -> list[Project]:
    """The projects that match, in file order."""
    return [p for p in landscape.projects if selection.matches(p)]


def _sort_value(landscape: Landscape, key: str) -> dict[str, int] | None:
    if key == "category":
        return {c.id: i for i, c in enumerate(landscape.categories)}
    if key == "layer":
        return {s.id: i for i, s in enumerate(landscape.layers)}
    if key == "stage":
        return {s.id: i for i, s in enumerate(landscape.stages)}
    return None


def sort_projects(
    landscape: Landscape, projects: Iterable[Project], keys: Sequence[str]
) -> list[Project]:
    """Sort by ``keys`` (``-key`` for descending), then by name; categories, layers and stages
    sort in the data's order, CNCF status from graduated to none."""
    result = sorted(projects, key=lambda p: (p.name.casefold(), p.name))
    for raw in reversed(keys):
        descending = raw.startswith("-")
        key = raw.lstrip("-")
        if key == "name":
            result.sort(key=lambda p: (p.name.casefold(), p.name), reverse=descending)
            continue
        if key == "cncf":
            result.sort(key=lambda p: _CNCF_RANK.get(p.project or "", 4), reverse=descending)
            continue
        order = _sort_value(landscape, key)
        assert order is not None, key
        attr = key
        result.sort(key=lambda p: order[getattr(p, attr)], reverse=descending)
    return result


def group(
    landscape: Landscape, projects: Sequence[Project], key: str
) -> list[tuple[str, list[Project]]]:
    """Split projects into groups by category, layer or stage, in the data's order; empty
    groups are left out, and each group keeps the order of ``projects``."""
    if key == "category":
        ids = [c.id for c in landscape.categories]
    elif key == "layer":
        ids = [s.id for s in landscape.layers]
    else:
        ids = [s.id for s in landscape.stages]
    buckets: dict[str, list[Project]] = {i: [] for i in ids}
    for project in projects:
        buckets[getattr(project, key)].append(project)
    return [(i, buckets[i]) for i in ids if buckets[i]]


def count(
    landscape: Landscape, projects: Iterable[Project], rows: str = "category"
) -> tuple[list[str], list[str], dict[tuple[str, str], int]]:
    """Counts by ``rows`` (category or layer) x stage: (row ids, stage ids, counts)."""
    row_ids = (
        [c.id for c in landscape.categories]
        if rows == "category"
        else [s.id for s in landscape.layers]
    )
    stage_ids = [s.id for s in landscape.stages]
    counts = {(r, s): 0 for r in row_ids for s in stage_ids}
    for project in projects:
        counts[getattr(project, rows), project.stage] += 1
    return row_ids, stage_ids, counts
