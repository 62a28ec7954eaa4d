"""Selecting, sorting, grouping and counting projects (pure functions, no Sphinx)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import CNCF_STATUSES, FACETS, Landscape, Project
from .schema import suggest

CNCF_FILTERS: tuple[str, ...] = (*CNCF_STATUSES, "none")
"""Values accepted by the ``cncf`` filter (``none``: not a CNCF project)."""
SORT_KEYS: tuple[str, ...] = ("name", "category", "layer", "stage", "cncf")
GROUP_KEYS: tuple[str, ...] = FACETS
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
    known = {kind: [f.id for f in landscape.facets(kind)] for kind in FACETS}
    known["tag"] = sorted({t for p in landscape.projects for t in p.tags})
    known["cncf"] = list(CNCF_FILTERS)
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


def order(landscape: Landscape, kind: str) -> dict[str, int]:
    """Position of each category, layer or stage id in the data (``kind`` in ``FACETS``)."""
    return {f.id: i for i, f in enumerate(landscape.facets(kind))}


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
        rank = order(landscape, key)
        result.sort(key=lambda p, key=key: rank[getattr(p, key)], reverse=descending)
    return result


def group(
    landscape: Landscape, projects: Sequence[Project], key: str
) -> list[tuple[str, list[Project]]]:
    """Split projects into groups by category, layer or stage, in the data's order; empty
    groups are left out, and each group keeps the order of ``projects``."""
    ids = [f.id for f in landscape.facets(key)]
    buckets: dict[str, list[Project]] = {i: [] for i in ids}
    for project in projects:
        buckets[getattr(project, key)].append(project)
    return [(i, buckets[i]) for i in ids if buckets[i]]


def count(
    landscape: Landscape, projects: Iterable[Project], rows: str = "category"
) -> tuple[list[str], list[str], dict[tuple[str, str], int]]:
    """Counts by ``rows`` (category or layer) x stage: (row ids, stage ids, counts)."""
    row_ids = [f.id for f in landscape.facets(rows)]
    stage_ids = [s.id for s in landscape.stages]
    counts = {(r, s): 0 for r in row_ids for s in stage_ids}
    for project in projects:
        counts[getattr(project, rows), project.stage] += 1
    return row_ids, stage_ids, counts
