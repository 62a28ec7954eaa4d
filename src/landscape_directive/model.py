"""Landscape data: dataclasses, loading, and the checks a JSON Schema cannot express.

No Sphinx imports here: the build, the CLI and the benchmark share this module. Loading never
raises: every problem is collected as an :class:`Issue` that names the file, the line and the
field, as in ``landscape.yaml:67: project 'Kueue': category: unknown category 'x'``.

The shape of the data is checked by ``schema.json`` (see :mod:`landscape_directive.schema`);
this module adds only what a schema cannot say: unique category ids, unique project names
(ignoring case), categories that exist, and (in the build) chapters that name real pages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .schema import SCHEMA, enum, schema_errors, suggest, where
from .yamlsource import Issue, Lines, parse

STAGE_IDS: tuple[str, ...] = enum("stageId")
"""X axis, left (least mature) to right (most mature)."""
LAYER_IDS: tuple[str, ...] = enum("layerId")
"""Y axis, bottom (infrastructure) to top (applications)."""
CNCF_STATUSES: tuple[str, ...] = enum("cncfStatus")
"""Values of landscape2's ``project`` field."""
PROJECT_FIELDS: tuple[str, ...] = tuple(SCHEMA["$defs"]["project"]["properties"])
"""Every field of a project, in the schema's order."""
DASHED_STAGES = frozenset(STAGE_IDS[:2])
"""Stages drawn with a dashed outline on the map (prototype and early)."""
FACETS: tuple[str, ...] = ("category", "layer", "stage")
"""The ways projects are grouped: each is a project field holding the id of a :class:`Facet`."""
MAX_BYTES = 8 * 2**20
"""Largest data file accepted (the book's data is about 130 KiB)."""

_URL_RE = re.compile(SCHEMA["$defs"]["url"]["pattern"])


def is_safe_url(value: object) -> bool:
    """True for a URL the schema accepts (absolute http(s), RFC 3986 characters only)."""
    return isinstance(value, str) and bool(_URL_RE.match(value))


@dataclass(frozen=True, slots=True)
class Facet:
    """A stage (map column), a layer (map row) or a category (``layer``: its projects' home)."""

    id: str
    name: str
    description: str
    line: int = 0
    layer: str = ""


#: "Container Runtime Interface (CRI)": the full name, and the acronym in parentheses
_WITH_ACRONYM = re.compile(r"^(?P<full>.+?)\s*\((?P<short>[^()]+)\)$")


@dataclass(frozen=True, slots=True)
class Project:
    """One project. ``layer`` is already resolved (the category's layer when not given)."""

    name: str
    homepage_url: str
    description: str
    category: str
    layer: str
    stage: str
    last_checked: dt.date
    repo_url: str | None = None
    project: str | None = None
    tags: tuple[str, ...] = ()
    chapters: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    line: int = 0
    field_lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)
    chapter_lines: tuple[int, ...] = field(default=(), compare=False, hash=False)

    def line_of(self, name: str) -> int:
        """Line of field ``name`` in the data file (the project's line when absent)."""
        return self.field_lines.get(name, self.line)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the project is known by: its name, the two parts of a name written
        ``Full Name (ACRONYM)``, and its aliases."""
        found = [self.name]
        match = _WITH_ACRONYM.match(self.name)
        if match:
            found += [match["full"], match["short"]]
        found += self.aliases
        return tuple(dict.fromkeys(found))

    @property
    def dashed(self) -> bool:
        """True for the early stages, drawn with a dashed outline."""
        return self.stage in DASHED_STAGES


@dataclass(frozen=True, slots=True)
class Landscape:
    """The whole data set, in file order."""

    path: str
    stages: tuple[Facet, ...]
    layers: tuple[Facet, ...]
    categories: tuple[Facet, ...]
    projects: tuple[Project, ...]
    _index: dict[str, dict[str, Facet]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {kind: {f.id: f for f in self.facets(kind)} for kind in FACETS}
        object.__setattr__(self, "_index", index)

    def facets(self, kind: str) -> tuple[Facet, ...]:
        """The categories, layers or stages (``kind`` is one of :data:`FACETS`), in order."""
        return {"category": self.categories, "layer": self.layers, "stage": self.stages}[kind]

    def facet(self, kind: str, ident: str) -> Facet:
        """The category, layer or stage with this id."""
        return self._index[kind][ident]


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What :func:`load` returns: the valid part of the data (or None) and every issue found."""

    landscape: Landscape | None
    issues: tuple[Issue, ...]


def _facets(data: dict[str, Any], key: str, lines: Lines) -> list[Facet]:
    return [
        Facet(
            item["id"],
            item["name"].strip(),
            item["description"].strip(),
            lines.of((key, index)),
            item.get("layer", ""),
        )
        for index, item in enumerate(data[key])
    ]


def _project(item: dict[str, Any], at: tuple[Hashable, ...], lines: Lines, home: str) -> Project:
    chapters = item.get("chapters", [])
    return Project(
        name=item["name"].strip(),
        homepage_url=item["homepage_url"],
        description=item["description"].strip(),
        category=item["category"],
        layer=item.get("layer", home),
        stage=item["stage"],
        last_checked=dt.date.fromisoformat(item["last_checked"]),
        repo_url=item.get("repo_url"),
        project=item.get("project"),
        tags=tuple(item.get("tags", ())),
        chapters=tuple(chapters),
        aliases=tuple(a.strip() for a in item.get("aliases", ())),
        line=lines.of(at),
        field_lines={key: lines.of((*at, key)) for key in item},
        chapter_lines=tuple(lines.of((*at, "chapters", i)) for i in range(len(chapters))),
    )


def _cross_checks(data: dict[str, Any], lines: Lines, path: str, bad: set[int]) -> list[Issue]:
    """Unique category ids and project names, and categories that exist; ``bad`` collects
    the index of each project with a problem."""
    issues: list[Issue] = []

    def add(at: tuple[Hashable, ...], message: str) -> None:
        issues.append(Issue(path, lines.of(at), f"{where(data, at)}: {message}"))

    category_lines: dict[str, int] = {}
    for index, item in enumerate(data["categories"]):
        ident, at = item["id"], ("categories", index, "id")
        if ident in category_lines:
            add(at, f"'{ident}' is listed twice (first at line {category_lines[ident]})")
        category_lines.setdefault(ident, lines.of(at))
    names: dict[str, tuple[str, int]] = {}
    for index, item in enumerate(data["projects"]):
        if index in bad:
            continue
        category, name = item["category"], item["name"].strip()
        if category not in category_lines:
            hint = suggest(category, category_lines)
            add(("projects", index, "category"), f"unknown category '{category}'{hint}")
            bad.add(index)
        if name.casefold() in names:
            first, line = names[name.casefold()]
            add(("projects", index, "name"), f"duplicate name (first defined as '{first}' at "
                f"line {line})")  # fmt: skip
            bad.add(index)
        else:
            names[name.casefold()] = (name, lines.of(("projects", index, "name")))
    return issues


def validate(data: Any, lines: Lines, path: str) -> LoadResult:
    """Check parsed data against the schema and the cross-checks; build the :class:`Landscape`.

    Every issue is collected. Projects with a problem are left out of the landscape, so a build
    can still show the others while it reports (and, with ``-W``, fails on) the rest; a problem
    outside the projects leaves no landscape at all.
    """
    if data is None:
        return LoadResult(
            None,
            (
                Issue(
                    path, 1, "the file is empty; expected stages, layers, categories and projects"
                ),
            ),
        )
    located = schema_errors(data, lines, path)
    issues = [issue for _at, issue in located]
    bad = {at[1] for at, _ in located if len(at) >= 2 and at[0] == "projects"}
    if any(len(at) < 2 or at[0] != "projects" for at, _ in located):
        return LoadResult(None, tuple(issues))
    issues.extend(_cross_checks(data, lines, path, bad))
    stages = _facets(data, "stages", lines)
    layers = _facets(data, "layers", lines)
    categories = _facets(data, "categories", lines)
    home = {c.id: c.layer for c in categories}
    projects = [
        _project(item, ("projects", index), lines, home[item["category"]])
        for index, item in enumerate(data["projects"])
        if index not in bad
    ]
    landscape = Landscape(path, tuple(stages), tuple(layers), tuple(categories), tuple(projects))
    return LoadResult(landscape, tuple(sorted(issues, key=lambda i: i.line)))


def loads(text: str, path: str = "<string>") -> LoadResult:
    """Parse and validate YAML text; ``path`` is only used in messages."""
    data, lines, issues = parse(text, path)
    if issues and data is None:
        return LoadResult(None, tuple(issues))
    result = validate(data, lines, path)
    merged = sorted([*issues, *result.issues], key=lambda i: i.line)
    return LoadResult(result.landscape, tuple(merged))


def load(path: str | Path) -> LoadResult:
    """Read, parse and validate a landscape file (UTF-8, at most :data:`MAX_BYTES`)."""
    name = str(path)
    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return LoadResult(None, (Issue(name, 1, f"cannot read the data file: {exc.strerror}"),))
    if len(raw) > MAX_BYTES:
        return LoadResult(
            None,
            (
                Issue(
                    name,
                    1,
                    f"the file is larger than {MAX_BYTES // 2**20} "
                    "MiB; split it or remove what is not landscape data",
                ),
            ),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return LoadResult(
            None,
            (
                Issue(
                    name,
                    line,
                    f"not UTF-8: byte 0x{raw[exc.start]:02x} "
                    "cannot be decoded; save the file as UTF-8",
                ),
            ),
        )
    return loads(text, name)


def check_chapters(landscape: Landscape, docnames: Collection[str]) -> list[Issue]:
    """Issues for ``chapters`` entries that name no page of the build."""
    issues: list[Issue] = []
    for project in landscape.projects:
        for index, (chapter, line) in enumerate(
            zip(project.chapters, project.chapter_lines, strict=True)
        ):
            if chapter not in docnames:
                hint = suggest(chapter, sorted(docnames))
                message = f"project '{project.name}': chapters[{index}]: '{chapter}' names no page"
                issues.append(Issue(landscape.path, line, message + hint))
    return issues
