"""Landscape data: dataclasses, a line-recording YAML loader and validation.

No Sphinx imports here: the build, the CLI and the benchmark share this module. Every problem is
collected (never raised one at a time) as an :class:`Issue` that names the file, the line and the
field, in the form ``landscape.yaml:123: project 'Kueue': unknown category 'x' (did you mean 'y'?)``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

STAGE_IDS: tuple[str, ...] = ("prototype", "early", "growing", "mature", "standard")
"""X axis, left (least mature) to right (most mature)."""
LAYER_IDS: tuple[str, ...] = (
    "runtime",
    "resources",
    "orchestration",
    "engines",
    "platforms",
    "applications",
)
"""Y axis, bottom (infrastructure) to top (applications)."""
CNCF_STATUSES: tuple[str, ...] = ("sandbox", "incubating", "graduated", "archived")
"""Values of landscape2's ``project`` field."""
DASHED_STAGES = frozenset({"prototype", "early"})
"""Stages drawn with a dashed outline on the map."""

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_RE = re.compile(r"^https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DOC_SUFFIX_RE = re.compile(r"\.(?:md|rst|ipynb|txt)$")

TOP_FIELDS = ("stages", "layers", "categories", "projects")
AXIS_FIELDS = ("id", "name", "description")
CATEGORY_FIELDS = ("id", "name", "description", "layer")
PROJECT_REQUIRED = ("name", "homepage_url", "description", "category", "stage", "last_checked")
PROJECT_OPTIONAL = ("repo_url", "layer", "project", "tags", "chapters")
PROJECT_FIELDS = (
    "name",
    "homepage_url",
    "repo_url",
    "description",
    "category",
    "layer",
    "stage",
    "project",
    "tags",
    "chapters",
    "last_checked",
)


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in a data file: where it is, which field, and what is wrong."""

    path: str
    line: int
    message: str
    field: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Stage:
    """A column of the map (maturity)."""

    id: str
    name: str
    description: str
    line: int = 0


@dataclass(frozen=True, slots=True)
class Layer:
    """A row of the map (from infrastructure to applications)."""

    id: str
    name: str
    description: str
    line: int = 0


@dataclass(frozen=True, slots=True)
class Category:
    """A functional category; ``layer`` is the layer its projects normally sit in."""

    id: str
    name: str
    description: str
    layer: str
    line: int = 0


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
    line: int = 0
    field_lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)
    chapter_lines: tuple[int, ...] = field(default=(), compare=False, hash=False)

    def line_of(self, name: str) -> int:
        """Line of field ``name`` in the data file (the project's line when absent)."""
        return self.field_lines.get(name, self.line)

    @property
    def dashed(self) -> bool:
        """True for the early stages, drawn with a dashed outline."""
        return self.stage in DASHED_STAGES


@dataclass(frozen=True, slots=True)
class Landscape:
    """The whole data set, in file order."""

    path: str
    stages: tuple[Stage, ...]
    layers: tuple[Layer, ...]
    categories: tuple[Category, ...]
    projects: tuple[Project, ...]

    def stage(self, stage_id: str) -> Stage:
        """The stage with this id."""
        return next(s for s in self.stages if s.id == stage_id)

    def layer(self, layer_id: str) -> Layer:
        """The layer with this id."""
        return next(s for s in self.layers if s.id == layer_id)

    def category(self, category_id: str) -> Category:
        """The category with this id."""
        return next(c for c in self.categories if c.id == category_id)


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What :func:`load` returns: the valid part of the data (or None) and every issue found."""

    landscape: Landscape | None
    issues: tuple[Issue, ...]

    @property
    def ok(self) -> bool:
        """True when the file has no issue at all."""
        return not self.issues


# --------------------------------------------------------------------------------------------
# YAML with line numbers


class LineDict(dict[Any, Any]):
    """A mapping that remembers its own line and the line of each key and value (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]
    value_lines: dict[Any, int]


class LineList(list[Any]):
    """A sequence that remembers its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that builds :class:`LineDict` / :class:`LineList` and reports duplicate keys."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[tuple[int, str, int]] = []


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    mapping.value_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool | type(None) | dt.date):
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                "found an unhashable key",
                key_node.start_mark,
            )
        line = key_node.start_mark.line + 1
        if key in mapping:
            loader.duplicate_keys.append((line, str(key), mapping.key_lines[key]))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
        mapping.value_lines[key] = value_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    seq = LineList(loader.construct_object(child, deep=True) for child in node.value)
    seq.line = node.start_mark.line + 1
    seq.item_lines = [child.start_mark.line + 1 for child in node.value]
    return seq


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, path: str) -> tuple[Any, list[Issue]]:
    """Parse YAML text, recording lines; malformed YAML becomes an :class:`Issue` at its line."""
    loader = _LineLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context = getattr(exc, "context", None)
        detail = f"{context}, {problem}" if context else problem
        return None, [Issue(path, line, f"malformed YAML: {detail}", "")]
    finally:
        loader.dispose()
    issues = [
        Issue(path, line, f"duplicate key '{key}' (first given at line {first})", key)
        for line, key, first in loader.duplicate_keys
    ]
    return data, issues


# --------------------------------------------------------------------------------------------
# validation helpers


def suggest(value: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest candidate, or an empty string."""
    matches = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def is_safe_url(value: object) -> bool:
    """True for an absolute http(s) URL made only of characters RFC 3986 allows."""
    return isinstance(value, str) and bool(URL_RE.match(value)) and "://" in value[:8]


_TYPE_NAMES = {
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    type(None): "empty",
    dt.date: "a date",
    dt.datetime: "a date and time",
}


def _join(field_path: str, key: object) -> str:
    return f"{field_path}.{key}" if field_path else str(key)


def _type_name(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _shorten(value: str, width: int = 60) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"


class _Checker:
    """Collects issues for one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.issues: list[Issue] = []

    def add(self, line: int, message: str, field_path: str = "") -> None:
        self.issues.append(Issue(self.path, line, message, field_path))

    def mapping(
        self,
        value: object,
        line: int,
        what: str,
        allowed: Sequence[str],
        required: Sequence[str],
        field_path: str,
    ) -> LineDict | None:
        """Check that ``value`` is a mapping with no unknown keys and every required key."""
        if not isinstance(value, LineDict):
            self.add(line, f"{what}: must be a mapping, got {_type_name(value)}", field_path)
            return None
        for key in value:
            if key not in allowed:
                hint = suggest(str(key), allowed)
                self.add(
                    value.key_lines[key],
                    f"{what}: unknown field '{key}'{hint}",
                    _join(field_path, key),
                )
        for key in required:
            if key not in value:
                self.add(
                    value.line, f"{what}: missing required field '{key}'", _join(field_path, key)
                )
        return value

    def string(self, mapping: LineDict, key: str, what: str, field_path: str) -> str | None:
        """A required or optional non-empty one-line-ish string field."""
        if key not in mapping:
            return None
        value = mapping[key]
        line = mapping.value_lines[key]
        if not isinstance(value, str):
            self.add(
                line,
                f"{what}: field '{key}' must be a string, got {_type_name(value)}",
                _join(field_path, key),
            )
            return None
        value = value.strip()
        if not value:
            self.add(line, f"{what}: field '{key}' must not be empty", _join(field_path, key))
            return None
        if _CONTROL_RE.search(value):
            self.add(
                line,
                f"{what}: field '{key}' contains a control character",
                _join(field_path, key),
            )
            return None
        return value

    def choice(
        self,
        mapping: LineDict,
        key: str,
        what: str,
        field_path: str,
        choices: Collection[str],
        kind: str,
    ) -> str | None:
        """A string field whose value must be one of ``choices``."""
        value = self.string(mapping, key, what, field_path)
        if value is None:
            return None
        if value not in choices:
            hint = suggest(value, choices)
            self.add(
                mapping.value_lines[key],
                f"{what}: unknown {kind} '{value}'{hint}",
                _join(field_path, key),
            )
            return None
        return value

    def url(self, mapping: LineDict, key: str, what: str, field_path: str) -> str | None:
        """An http(s) URL field; ``javascript:``, ``data:`` and relative URLs are rejected."""
        value = self.string(mapping, key, what, field_path)
        if value is None:
            return None
        if not is_safe_url(value):
            self.add(
                mapping.value_lines[key],
                f"{what}: field '{key}' must be an http(s) URL, got '{_shorten(value)}'",
                _join(field_path, key),
            )
            return None
        return value

    def string_list(
        self,
        mapping: LineDict,
        key: str,
        what: str,
        field_path: str,
        check: Callable[[str], str | None],
    ) -> tuple[tuple[str, ...], tuple[int, ...]] | None:
        """A list of strings; ``check`` returns an error text for a bad item."""
        if key not in mapping:
            return (), ()
        value = mapping[key]
        line = mapping.value_lines[key]
        if not isinstance(value, LineList):
            self.add(
                line,
                f"{what}: field '{key}' must be a list of strings, got {_type_name(value)}",
                _join(field_path, key),
            )
            return None
        items: list[str] = []
        lines: list[int] = []
        ok = True
        seen: set[str] = set()
        for index, (item, item_line) in enumerate(zip(value, value.item_lines, strict=True)):
            where = f"{field_path}.{key}[{index}]"
            if not isinstance(item, str):
                self.add(
                    item_line,
                    f"{what}: field '{key}' must be a list of strings, item {index + 1} is "
                    f"{_type_name(item)}",
                    where,
                )
                ok = False
                continue
            problem = check(item)
            if problem:
                self.add(item_line, f"{what}: {problem}", where)
                ok = False
                continue
            if item in seen:
                self.add(item_line, f"{what}: '{item}' is listed twice in '{key}'", where)
                ok = False
                continue
            seen.add(item)
            items.append(item)
            lines.append(item_line)
        return (tuple(items), tuple(lines)) if ok else None

    def sequence(self, data: LineDict, key: str) -> LineList | None:
        """A top-level list."""
        if key not in data:
            return None
        value = data[key]
        if not isinstance(value, LineList):
            self.add(data.value_lines[key], f"'{key}' must be a list, got {_type_name(value)}", key)
            return None
        return value


def _check_tag(tag: str) -> str | None:
    if not ID_RE.match(tag):
        return f"tag '{tag}' must be lowercase words joined by hyphens"
    return None


def _check_chapter_name(chapter: str) -> str | None:
    bare = _DOC_SUFFIX_RE.sub("", chapter.strip().lstrip("/"))
    if bare != chapter:
        return (
            f"chapter '{chapter}' must be a docname without '/' or suffix (did you mean '{bare}'?)"
        )
    if not chapter or any(ch.isspace() for ch in chapter):
        return f"chapter '{chapter}' is not a docname"
    return None


def _axis(
    checker: _Checker, data: LineDict, key: str, ids: tuple[str, ...], kind: str
) -> list[tuple[str, str, str, int]]:
    """Validate ``stages`` or ``layers``: exactly ``ids``, in this order."""
    seq = checker.sequence(data, key)
    if seq is None:
        return []
    found: list[tuple[str, str, str, int]] = []
    for index, (item, line) in enumerate(zip(seq, seq.item_lines, strict=True)):
        where = f"{key}[{index}]"
        label = f"{kind} #{index + 1}"
        if isinstance(item, LineDict) and isinstance(item.get("id"), str):
            label = f"{kind} '{item['id']}'"
        mapping = checker.mapping(item, line, label, AXIS_FIELDS, AXIS_FIELDS, where)
        if mapping is None:
            continue
        ident = checker.choice(mapping, "id", label, where, ids, f"{kind} id")
        name = checker.string(mapping, "name", label, where)
        description = checker.string(mapping, "description", label, where)
        if ident is None or name is None or description is None:
            continue
        if any(ident == other[0] for other in found):
            checker.add(mapping.value_lines["id"], f"{label}: listed twice", f"{where}.id")
            continue
        found.append((ident, name, description, mapping.line))
    given = [f[0] for f in found]
    missing = [i for i in ids if i not in given]
    for ident in missing:
        checker.add(data.key_lines[key], f"'{key}': missing {kind} '{ident}'", key)
    if not missing and given != list(ids):
        checker.add(
            data.key_lines[key], f"'{key}': must be listed in the order {', '.join(ids)}", key
        )
    return found


def _categories(checker: _Checker, data: LineDict) -> list[Category]:
    seq = checker.sequence(data, "categories")
    if seq is None:
        return []
    out: list[Category] = []
    for index, (item, line) in enumerate(zip(seq, seq.item_lines, strict=True)):
        where = f"categories[{index}]"
        label = f"category #{index + 1}"
        if isinstance(item, LineDict) and isinstance(item.get("id"), str):
            label = f"category '{item['id']}'"
        mapping = checker.mapping(item, line, label, CATEGORY_FIELDS, CATEGORY_FIELDS, where)
        if mapping is None:
            continue
        ident = checker.string(mapping, "id", label, where)
        if ident is not None and not ID_RE.match(ident):
            checker.add(
                mapping.value_lines["id"],
                f"{label}: id must be lowercase words joined by hyphens",
                f"{where}.id",
            )
            ident = None
        name = checker.string(mapping, "name", label, where)
        description = checker.string(mapping, "description", label, where)
        layer = checker.choice(mapping, "layer", label, where, LAYER_IDS, "layer")
        if ident is None or name is None or description is None or layer is None:
            continue
        if any(c.id == ident for c in out):
            checker.add(mapping.value_lines["id"], f"{label}: listed twice", f"{where}.id")
            continue
        out.append(Category(ident, name, description, layer, mapping.line))
    return out


def _date(checker: _Checker, mapping: LineDict, what: str, where: str) -> dt.date | None:
    if "last_checked" not in mapping:
        return None
    value = mapping["last_checked"]
    line = mapping.value_lines["last_checked"]
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    checker.add(
        line,
        f"{what}: field 'last_checked' must be a date (YYYY-MM-DD), got {_type_name(value)}",
        f"{where}.last_checked",
    )
    return None


def _projects(
    checker: _Checker, data: LineDict, categories: Sequence[Category], stage_ids: Sequence[str]
) -> list[Project]:
    seq = checker.sequence(data, "projects")
    if seq is None:
        return []
    category_layer = {c.id: c.layer for c in categories}
    seen: dict[str, tuple[str, int]] = {}
    out: list[Project] = []
    for index, (item, line) in enumerate(zip(seq, seq.item_lines, strict=True)):
        where = f"projects[{index}]"
        label = f"project #{index + 1}"
        if isinstance(item, LineDict) and isinstance(item.get("name"), str) and item["name"]:
            label = f"project '{item['name'].strip()}'"
        before = len(checker.issues)
        mapping = checker.mapping(item, line, label, PROJECT_FIELDS, PROJECT_REQUIRED, where)
        if mapping is None:
            continue
        name = checker.string(mapping, "name", label, where)
        if name is not None:
            key = name.casefold()
            if key in seen:
                first_name, first_line = seen[key]
                checker.add(
                    mapping.value_lines["name"],
                    f"{label}: duplicate name (first defined as '{first_name}' at line "
                    f"{first_line})",
                    f"{where}.name",
                )
            else:
                seen[key] = (name, mapping.value_lines["name"])
        homepage = checker.url(mapping, "homepage_url", label, where)
        repo = checker.url(mapping, "repo_url", label, where)
        description = checker.string(mapping, "description", label, where)
        category = checker.choice(
            mapping, "category", label, where, list(category_layer), "category"
        )
        layer = checker.choice(mapping, "layer", label, where, LAYER_IDS, "layer")
        stage = checker.choice(mapping, "stage", label, where, stage_ids, "stage")
        cncf = checker.choice(mapping, "project", label, where, CNCF_STATUSES, "CNCF status")
        tags = checker.string_list(mapping, "tags", label, where, _check_tag)
        chapters = checker.string_list(mapping, "chapters", label, where, _check_chapter_name)
        checked = _date(checker, mapping, label, where)
        if len(checker.issues) != before:
            continue
        assert name and homepage and description and category and stage and checked
        assert tags is not None and chapters is not None
        field_lines = {k: mapping.value_lines[k] for k in mapping if isinstance(k, str)}
        out.append(
            Project(
                name=name,
                homepage_url=homepage,
                description=description,
                category=category,
                layer=layer or category_layer[category],
                stage=stage,
                last_checked=checked,
                repo_url=repo,
                project=cncf,
                tags=tags[0],
                chapters=chapters[0],
                line=mapping.line,
                field_lines=field_lines,
                chapter_lines=chapters[1],
            )
        )
    return out


def validate(data: object, path: str) -> LoadResult:
    """Validate parsed YAML (built by :func:`parse_yaml`) and build the :class:`Landscape`.

    Every issue is collected. Invalid projects are left out of the returned landscape, so a build
    can still show the valid ones while it reports (and fails on) the rest.
    """
    checker = _Checker(path)
    if data is None:
        checker.add(1, "the file is empty; expected stages, layers, categories and projects")
        return LoadResult(None, tuple(checker.issues))
    top = checker.mapping(data, 1, "top level", TOP_FIELDS, TOP_FIELDS, "")
    if top is None:
        return LoadResult(None, tuple(checker.issues))
    stages = _axis(checker, top, "stages", STAGE_IDS, "stage")
    layers = _axis(checker, top, "layers", LAYER_IDS, "layer")
    categories = _categories(checker, top)
    projects = _projects(checker, top, categories, STAGE_IDS)
    if len(stages) != len(STAGE_IDS) or len(layers) != len(LAYER_IDS):
        landscape = None
    else:
        stage_order = {s: i for i, s in enumerate(STAGE_IDS)}
        layer_order = {s: i for i, s in enumerate(LAYER_IDS)}
        landscape = Landscape(
            path=path,
            stages=tuple(Stage(*s) for s in sorted(stages, key=lambda s: stage_order[s[0]])),
            layers=tuple(Layer(*s) for s in sorted(layers, key=lambda s: layer_order[s[0]])),
            categories=tuple(categories),
            projects=tuple(projects),
        )
    issues = sorted(checker.issues, key=lambda i: i.line)
    return LoadResult(landscape, tuple(issues))


def loads(text: str, path: str = "<string>") -> LoadResult:
    """Parse and validate YAML text; ``path`` is only used in messages."""
    data, issues = parse_yaml(text, path)
    if issues and data is None:
        return LoadResult(None, tuple(issues))
    result = validate(data, path)
    merged = sorted([*issues, *result.issues], key=lambda i: i.line)
    return LoadResult(result.landscape, tuple(merged))


def load(path: str | Path) -> LoadResult:
    """Read, parse and validate a landscape file."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return LoadResult(None, (Issue(name, 1, f"cannot read the data file: {exc}"),))
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
                issues.append(
                    Issue(
                        landscape.path,
                        line,
                        f"project '{project.name}': chapter '{chapter}' names no page{hint}",
                        f"chapters[{index}]",
                    )
                )
    return issues
