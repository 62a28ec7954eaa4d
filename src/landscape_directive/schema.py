"""``schema.json``, enforced: JSON Schema errors become ``file:line: field: what is wrong``.

The schema is the single source of truth for the shape of the data (fields, types, enums,
patterns, lengths, real dates); :mod:`landscape_directive.model` only adds what a schema cannot
say. Each error's path in the data (``projects/3/stage``) gives the field, and the
:class:`~landscape_directive.yamlsource.Lines` of the YAML loader give its line. Messages use the
``title`` of the failing schema, so the schema's wording is also the validator's.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Hashable, Iterable, Iterator
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from .yamlsource import Issue, Lines

SCHEMA: dict[str, Any] = json.loads(
    resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8")
)
"""The parsed ``schema.json``."""

_ANNOTATIONS = frozenset({"title", "description"})


def _inline(node: Any) -> Any:
    """``node`` with every local ``$ref`` replaced by (a copy of) what it points to.

    The same rules, without a reference lookup per value: validating 5,000 projects takes a
    quarter of the time. A reference whose siblings are only annotations is merged with them;
    otherwise ``{"$ref": x, ...}`` becomes ``{"allOf": [x], ...}``, which means the same.
    """
    if isinstance(node, list):
        return [_inline(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _inline(value) for key, value in node.items() if key not in ("$ref", "$defs")}
    if "$ref" not in node:
        return out
    target: Any = SCHEMA
    for part in node["$ref"].removeprefix("#/").split("/"):
        target = target[part]
    resolved = _inline(target)
    if set(out) <= _ANNOTATIONS:
        return {**resolved, **out}
    return {**out, "allOf": [resolved]}


VALIDATOR = Draft202012Validator(
    _inline(SCHEMA), format_checker=Draft202012Validator.FORMAT_CHECKER
)
"""Validates against ``schema.json`` (with its references inlined, see :func:`_inline`)."""

_JSON_TYPES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}
_LABELS = {
    "projects": ("project", "name"),
    "categories": ("category", "id"),
    "stages": ("stage", "id"),
    "layers": ("layer", "id"),
}


def enum(name: str) -> tuple[str, ...]:
    """The values of the enum ``$defs/<name>``."""
    return tuple(SCHEMA["$defs"][name]["enum"])


def suggest(value: object, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest candidate, or an empty string."""
    if not isinstance(value, str):
        return ""
    matches = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def type_name(value: object) -> str:
    """What a YAML value is, in words (``a list``, ``text``, ``true or false``...)."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "empty"
    return "text"


def shown(value: object, width: int = 60) -> str:
    """``value`` quoted for a message, shortened to ``width`` characters."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text if len(text) <= width else text[: width - 1] + "…"
    # control characters and bidirectional overrides are shown as escapes, never printed
    text = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)
    return f"'{text}'"


def where(data: Any, path: tuple[Hashable, ...]) -> str:
    """``project 'Kueue': tags[1]``: the item a path is in, then the field inside it."""
    label, rest = "", path
    if len(path) >= 2 and path[0] in _LABELS and isinstance(path[1], int):
        kind, key = _LABELS[str(path[0])]
        item = data[path[0]][path[1]]
        ident = item.get(key) if isinstance(item, dict) else None
        label = f"{kind} '{ident.strip()}'" if isinstance(ident, str) else f"{kind} #{path[1] + 1}"
        rest = path[2:]
    field = ""
    for part in rest:
        field += f"[{part}]" if isinstance(part, int) else f".{part}" if field else str(part)
    return ": ".join(p for p in (label, field) if p) or "top level"


def _what(error: ValidationError) -> str:
    """What is wrong, for the errors that concern the value itself."""
    value, kind, schema = error.instance, error.validator, error.schema
    title = schema.get("title") if isinstance(schema, dict) and "$id" not in schema else None
    if kind == "enum":
        allowed = [str(v) for v in error.validator_value]
        return (
            f"unknown value {shown(value)}{suggest(value, allowed)}; expected one of "
            f"{', '.join(allowed)}"
        )
    if kind == "const":
        return f"must be '{error.validator_value}' here, got {shown(value)}"
    if kind == "type":
        expected = title or _JSON_TYPES.get(str(error.validator_value), str(error.validator_value))
        quote = (
            " (put it in quotes)" if schema.get("type") == "string" and value is not None else ""
        )
        return f"must be {expected}, got {type_name(value)}{quote}"
    if kind in {"minItems", "maxItems"}:
        bound = "at least" if kind == "minItems" else "at most"
        return f"must have {bound} {error.validator_value} items, got {len(value)}"
    if kind == "uniqueItems":
        twice = next(v for i, v in enumerate(value) if v in value[:i])
        return f"lists {shown(twice)} more than once"
    if kind == "format" and isinstance(value, str):
        return f"must be {title or error.validator_value}, got {shown(value)}"
    if kind in {"pattern", "minLength", "maxLength"} and title:
        got = f"{len(value)} characters" if kind == "maxLength" else shown(value)
        return f"must be {title}, got {got}"
    return error.message


def _issues_of(error: ValidationError, data: Any, lines: Lines, path: str) -> Iterator[Issue]:
    at = tuple(error.absolute_path)
    value = error.instance
    if error.validator == "additionalProperties" and isinstance(value, dict):
        known = list(error.schema.get("properties", {}))
        for key in value:
            if key not in known:
                yield Issue(
                    path,
                    lines.of_key((*at, key)),
                    f"{where(data, at)}: unknown field '{key}'{suggest(key, known)}",
                )
        return
    if error.validator == "required" and isinstance(value, dict):
        for key in error.validator_value:
            if key not in value:
                yield Issue(
                    path, lines.of(at), f"{where(data, at)}: missing required field '{key}'"
                )
        return
    if error.validator == "items" and error.schema.get("items") is False:
        first_extra = len(error.schema.get("prefixItems", ()))
        title = error.schema.get("title", f"{first_extra} items")
        yield Issue(
            path,
            lines.of((*at, first_extra)),
            f"{where(data, at)}: more items than expected; expected {title}",
        )
        return
    yield Issue(path, lines.of(at), f"{where(data, at)}: {_what(error)}")


def schema_errors(data: Any, lines: Lines, path: str) -> list[tuple[tuple[Hashable, ...], Issue]]:
    """Every schema error as (path in the data, :class:`Issue`), without repetitions.

    A ``const`` error (a stage or layer out of order) is dropped where the same value already
    has an ``enum`` error (an unknown stage or layer), which says more.
    """
    errors = list(VALIDATOR.iter_errors(data))
    enum_paths = {tuple(e.absolute_path) for e in errors if e.validator == "enum"}
    found: dict[tuple[int, str], tuple[tuple[Hashable, ...], Issue]] = {}
    for error in errors:
        at = tuple(error.absolute_path)
        if error.validator == "const" and at in enum_paths:
            continue
        for issue in _issues_of(error, data, lines, path):
            found.setdefault((issue.line, issue.message), (at, issue))
    return sorted(found.values(), key=lambda pair: (pair[1].line, pair[1].message))
