"""A YAML loader that remembers lines and refuses what the data never needs.

The loader builds plain JSON-like values (``dict``, ``list``, ``str``, ``int``, ``float``,
``bool``, ``None``) that :mod:`landscape_directive.schema` validates, and a :class:`Lines` table
that maps every path in the data (``("projects", 3, "stage")``) to its 1-based line. Dates stay
strings, so an impossible date such as ``2026-02-30`` is a schema error at its line rather than
an exception inside PyYAML. Keys are kept as written (``on:`` is the key ``"on"``, not ``True``).

Refused, each with a located :class:`Issue`: malformed YAML, characters YAML forbids, duplicate
keys, keys that are lists or mappings, anchors and aliases (``&a`` / ``*a``: they can make a small
file expand into a huge one), and nesting deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

MAX_DEPTH = 16
"""Deepest nesting accepted (the data needs 4: top, list, project, tags)."""

Path = tuple[Hashable, ...]
_TAGS = {
    yaml.ScalarNode: {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null")},
    yaml.SequenceNode: {"tag:yaml.org,2002:seq"},
    yaml.MappingNode: {"tag:yaml.org,2002:map"},
}


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in a data file: where it is and what is wrong."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(slots=True)
class Lines:
    """Lines of the values (``value``) and of the keys (``key``) of a parsed document."""

    value: dict[Path, int] = field(default_factory=dict)
    key: dict[Path, int] = field(default_factory=dict)

    def of(self, path: Path) -> int:
        """The line of the value at ``path`` (or of its nearest ancestor; 1 for none)."""
        while path:
            if path in self.value:
                return self.value[path]
            path = path[:-1]
        return self.value.get((), 1)

    def of_key(self, path: Path) -> int:
        """The line of the key that ends ``path`` (the value's line when there is no key)."""
        return self.key.get(path) or self.of(path)


class _Resolver(Resolver):
    """YAML 1.1 resolution without timestamps: dates are validated as strings."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}


class _RefusedError(Exception):
    """Stops parsing at a node the data must not contain."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Loader(Reader, Scanner, Parser, Composer, SafeConstructor, _Resolver):
    """PyYAML's safe loader, minus timestamps and aliases, with a depth limit."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        _Resolver.__init__(self)
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Refuse aliases and anchors, and nesting deeper than :data:`MAX_DEPTH`."""
        event = self.peek_event()
        line = event.start_mark.line + 1
        if self.check_event(yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _RefusedError(line, "anchors and aliases (&name, *name) are not allowed")
        if self.depth >= MAX_DEPTH:
            raise _RefusedError(line, f"nested more than {MAX_DEPTH} levels deep")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _yaml_error(exc: yaml.YAMLError, text: str) -> tuple[int, str]:
    """(line, message) of a PyYAML error."""
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        return line, f"character U+{exc.character:04X} is not allowed in YAML"
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    return (
        line,
        f"malformed YAML: {context}, {problem}" if context else f"malformed YAML: {problem}",
    )


def _build(
    node: yaml.Node, at: Path, loader: _Loader, lines: Lines, issues: list[tuple[int, str]]
) -> Any:
    """The plain value of ``node``; records lines and duplicate keys."""
    lines.value[at] = node.start_mark.line + 1
    if node.tag not in _TAGS[type(node)]:
        raise _RefusedError(lines.value[at], f"the YAML tag '{node.tag}' is not allowed")
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                issues.append((line, "a key must be a plain word, not a list or a mapping"))
                continue
            key = str(key_node.value)
            if key in mapping:
                first = lines.key[(*at, key)]
                issues.append((line, f"duplicate key '{key}' (first given at line {first})"))
                continue
            lines.key[(*at, key)] = line
            mapping[key] = _build(value_node, (*at, key), loader, lines, issues)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(child, (*at, index), loader, lines, issues)
            for index, child in enumerate(node.value)
        ]
    try:
        return loader.construct_object(node)
    except (ValueError, OverflowError) as exc:  # e.g. an integer of thousands of digits
        raise _RefusedError(lines.value[at], f"cannot read the value: {exc}") from None


def parse(text: str, path: str) -> tuple[Any, Lines, list[Issue]]:
    """Parse one YAML document: (value, lines, issues); the value is None when unreadable."""
    lines = Lines()
    loader: _Loader | None = None
    try:
        loader = _Loader(text)  # checks the characters
        node = loader.get_single_node()
        if node is None:
            return None, lines, []
        found: list[tuple[int, str]] = []
        data = _build(node, (), loader, lines, found)
    except _RefusedError as exc:
        return None, lines, [Issue(path, exc.line, exc.message)]
    except yaml.YAMLError as exc:
        line, message = _yaml_error(exc, text)
        return None, lines, [Issue(path, line, message)]
    finally:
        if loader is not None:
            loader.dispose()
    return data, lines, [Issue(path, line, message) for line, message in found]
