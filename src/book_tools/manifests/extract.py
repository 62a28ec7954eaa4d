"""Find the YAML manifests of a MyST page, with where they are and what the page says of them.

A page states what its manifests are written for in its front matter::

    ---
    kubernetes_version: "1.35"
    manifest_schemas: {kueue: v0.15.2, jobset: v0.10.1}
    ---

A deliberately invalid or partial example is a ``{code-block} yaml`` whose ``:name:`` starts with
``invalid-`` or ``partial-`` (and whose caption says so on the page); it is skipped by name.

A Helm values file is a ``{code-block} yaml`` named ``values-<chart>`` (``values-<chart>-<x>`` for a
second one of the same chart on a page); the front matter names the chart version whose
``values.schema.json`` it is checked against::

    helm_values: {dra-example-driver: 0.4.0}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

YAML_LANGUAGES = {"yaml", "yml"}
CODE_DIRECTIVES = {"{code-block}", "{code}", "{sourcecode}"}
SKIP_PREFIXES = ("invalid-", "partial-")
VALUES_PREFIX = "values-"
_OPTION = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")
_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?\n)---\n", re.DOTALL)

# only what parsing fences needs; the book's other extensions do not change where fences are
_PARSER = create_md_parser(MdParserConfig(enable_extensions={"colon_fence"}), RendererHTML)


@dataclass(frozen=True)
class Block:
    """One YAML code block of a page."""

    path: Path
    line: int  # 1-based line of the block's first content line in the page
    text: str
    name: str = ""

    @property
    def skipped(self) -> bool:
        """Whether the page marks this block as a deliberately invalid or partial example."""
        return self.name.startswith(SKIP_PREFIXES)

    @property
    def chart(self) -> str | None:
        """What follows ``values-`` in the name of a values block (the chart, possibly followed by
        ``-<x>``), else ``None``."""
        if not self.name.startswith(VALUES_PREFIX):
            return None
        return self.name[len(VALUES_PREFIX) :] or None


@dataclass
class Page:
    """A page's manifests and what its front matter says they are written for."""

    path: Path
    blocks: list[Block] = field(default_factory=list)
    front_matter: dict[str, Any] = field(default_factory=dict)

    @property
    def kubernetes_version(self) -> str | None:
        """The Kubernetes minor the page's manifests are written for (``"1.35"``)."""
        value = self.front_matter.get("kubernetes_version")
        return None if value is None else str(value).lstrip("v")

    @property
    def schema_versions(self) -> dict[str, str]:
        """Project -> version of the CRD schemas the page's manifests are written for."""
        value = self.front_matter.get("manifest_schemas") or {}
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    @property
    def helm_values(self) -> dict[str, str]:
        """Chart -> chart version whose ``values.schema.json`` the page's values blocks follow."""
        value = self.front_matter.get("helm_values") or {}
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def front_matter(text: str) -> dict[str, Any]:
    """The page's YAML front matter (empty when it has none or it is not a mapping)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}
    data = yaml.safe_load(match["body"])
    return data if isinstance(data, dict) else {}


def _split_options(content: str) -> tuple[dict[str, str], int]:
    """A directive's leading ``:key: value`` options and how many lines they take."""
    options: dict[str, str] = {}
    lines = content.split("\n")
    count = 0
    for line in lines:
        match = _OPTION.match(line)
        if not match:
            break
        options[match["key"]] = match["value"].strip()
        count += 1
    if count < len(lines) and count and not lines[count].strip():
        count += 1  # the blank line between options and body
    return options, count


def _blocks(text: str, path: Path, offset: int) -> Iterator[Block]:
    """YAML blocks in *text*, whose first line is line ``offset + 1`` of the page."""
    for token in _PARSER.parse(text):
        if token.type not in {"fence", "colon_fence"} or token.map is None:
            continue
        first = offset + token.map[0] + 2  # the line after the opening fence, 1-based
        words = token.info.split()
        head = words[0] if words else ""
        if token.type == "fence" and head in YAML_LANGUAGES:
            yield Block(path, first, token.content)
        elif head in CODE_DIRECTIVES and len(words) > 1 and words[1] in YAML_LANGUAGES:
            options, skip = _split_options(token.content)
            body = "\n".join(token.content.split("\n")[skip:])
            yield Block(path, first + skip, body, options.get("name", ""))
        elif head.startswith("{"):
            # a directive (admonition, dropdown, tab…) whose body may hold more blocks
            yield from _blocks(token.content, path, first - 1)


def read_page(path: Path) -> Page:
    """Every YAML block of the MyST page at *path*, and its front matter."""
    text = path.read_text(encoding="utf-8")
    return Page(path, list(_blocks(text, path, 0)), front_matter(text))


def is_manifest(document: Any) -> bool:
    """Whether a YAML document is a Kubernetes object (it has ``apiVersion`` and ``kind``)."""
    return isinstance(document, dict) and "apiVersion" in document and "kind" in document
