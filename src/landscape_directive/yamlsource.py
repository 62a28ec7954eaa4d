"""A YAML loader that remembers lines and refuses what the data never needs.

The loader reads YAML events (libyaml's parser when PyYAML has it) and builds, without
recursion, plain JSON-like values (``dict``, ``list``, ``str``, ``int``, ``float``,
``bool``, ``None``) that :mod:`landscape_directive.schema` validates, and a :class:`Lines` table
that maps every path in the data (``("projects", 3, "stage")``) to its 1-based line. Dates stay
strings, so an impossible date such as ``2026-02-30`` is a schema error at its line rather than
an exception inside PyYAML. Keys are kept as written (``on:`` is the key ``"on"``, not ``True``).

Refused, each with a located :class:`Issue`: malformed YAML, characters YAML forbids, duplicate
keys, keys that are lists or mappings, anchors and aliases (``&a`` / ``*a``: they can make a small
file expand into a huge one), and nesting deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

try:  # libyaml, bundled with PyYAML's wheels: scans and parses in C, about 10 times faster
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    CParser = None

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


class _PyParser(Reader, Scanner, Parser):
    """PyYAML's own parser (events only), used when libyaml is not available."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


def _events(text: str) -> Iterator[yaml.Event]:
    parser = CParser(text) if CParser is not None else _PyParser(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def _yaml_error(exc: yaml.YAMLError, text: str) -> tuple[int, str]:
    """(line, message) of a PyYAML or libyaml error."""
    if isinstance(exc, yaml.reader.ReaderError):
        if CParser is not None:  # libyaml counts bytes of UTF-8
            line = text.encode("utf-8", "surrogatepass").count(b"\n", 0, exc.position) + 1
        else:
            line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return line, f"character U+{code:04X} is not allowed in YAML"
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    return (
        line,
        f"malformed YAML: {context}, {problem}" if context else f"malformed YAML: {problem}",
    )


@dataclass(slots=True)
class _Frame:
    """A mapping or sequence being built, and (in a mapping) the key waiting for its value."""

    value: dict[str, Any] | list[Any]
    path: Path
    key: str | None = None
    duplicate: bool = False


class _Builder:
    """Builds the value of a one-document YAML stream from its events, with an explicit stack."""

    def __init__(self, lines: Lines) -> None:
        self.lines = lines
        self.stack: list[_Frame] = []
        self.issues: list[tuple[int, str]] = []
        self.root: Any = None
        self.documents = 0
        self.resolver = _Resolver()
        self.constructor = SafeConstructor()

    def tag(self, event: Any, kind: type[yaml.Node], line: int) -> str:
        """The resolved tag of a node's event; only plain data tags are accepted."""
        tag = event.tag
        if tag is None or tag == "!":
            value = event.value if kind is yaml.ScalarNode else None
            tag = self.resolver.resolve(kind, value, event.implicit)
        if tag not in _TAGS[kind]:
            raise _RefusedError(line, f"the YAML tag '{tag}' is not allowed")
        return tag

    def place(self) -> Path | None:
        """Where the next value goes: its path (None for a mapping key, which is remembered)."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            return (*frame.path, len(frame.value))
        if frame.key is None:
            return None
        return (*frame.path, frame.key)

    def attach(self, value: Any) -> None:
        """Put a finished value in its place (the root, a list, or a mapping's pending key)."""
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            frame.value.append(value)
        else:
            if not frame.duplicate:
                frame.value[str(frame.key)] = value
            frame.key, frame.duplicate = None, False

    def key(self, name: str, line: int) -> None:
        """Remember a mapping key (a repeated key is reported, and its value dropped)."""
        frame = self.stack[-1]
        path = (*frame.path, name)
        if path in self.lines.key:
            first = self.lines.key[path]
            self.issues.append((line, f"duplicate key '{name}' (first given at line {first})"))
            frame.duplicate = True
        else:
            self.lines.key[path] = line
        frame.key = name

    def event(self, event: Any) -> None:
        """Take one event."""
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _RefusedError(line, "malformed YAML: expected a single document in the "
                                    "stream, but found another document")  # fmt: skip
            return
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _RefusedError(line, "anchors and aliases (&name, *name) are not allowed")
        if isinstance(event, yaml.ScalarEvent):
            self.scalar(event, line)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            self.start(event, line)
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            frame = self.stack.pop()
            self.attach(frame.value)

    def scalar(self, event: Any, line: int) -> None:
        """A scalar: a mapping key, or a value built by PyYAML's safe constructor."""
        tag = self.tag(event, yaml.ScalarNode, line)
        path = self.place()
        if path is None:  # a mapping key, kept as written
            self.key(str(event.value), line)
            return
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self.constructor.construct_object(node)
        except (ValueError, OverflowError) as exc:  # e.g. an integer of thousands of digits
            raise _RefusedError(line, f"cannot read the value: {exc}") from None
        self.lines.value.setdefault(path, line)
        self.attach(value)

    def start(self, event: Any, line: int) -> None:
        """The start of a mapping or a sequence: a new frame on the stack."""
        is_mapping = isinstance(event, yaml.MappingStartEvent)
        self.tag(event, yaml.MappingNode if is_mapping else yaml.SequenceNode, line)
        path = self.place()
        if path is None:
            raise _RefusedError(line, "a key must be a plain word, not a list or a mapping")
        if len(self.stack) >= MAX_DEPTH:
            raise _RefusedError(line, f"nested more than {MAX_DEPTH} levels deep")
        self.lines.value.setdefault(path, line)
        self.stack.append(_Frame({} if is_mapping else [], path))


def parse(text: str, path: str) -> tuple[Any, Lines, list[Issue]]:
    """Parse one YAML document: (value, lines, issues); the value is None when unreadable."""
    lines = Lines()
    builder = _Builder(lines)
    try:
        for event in _events(text):
            builder.event(event)
    except _RefusedError as exc:
        return None, lines, [Issue(path, exc.line, exc.message)]
    except yaml.YAMLError as exc:
        line, message = _yaml_error(exc, text)
        return None, lines, [Issue(path, line, message)]
    issues = [Issue(path, line, message) for line, message in builder.issues]
    return builder.root, lines, issues
