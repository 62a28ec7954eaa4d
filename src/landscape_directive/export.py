"""CSV, JSON and CNCF landscape2 ``data.yml`` exports of the landscape data (pure functions)."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import yaml

from .model import PROJECT_FIELDS, Landscape, Project

CSV_FIELDS: tuple[str, ...] = PROJECT_FIELDS  # one column per field, in the data's order
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def records(landscape: Landscape) -> list[dict[str, Any]]:
    """One dictionary per project, with landscape2 field names, in file order."""
    return [
        {
            "name": p.name,
            "homepage_url": p.homepage_url,
            "repo_url": p.repo_url,
            "description": p.description,
            "category": p.category,
            "layer": p.layer,
            "stage": p.stage,
            "project": p.project,
            "tags": list(p.tags),
            "chapters": list(p.chapters),
            "aliases": list(p.aliases),
            "last_checked": p.last_checked.isoformat(),
        }
        for p in landscape.projects
    ]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = ";".join(value) if isinstance(value, list) else str(value)
    # a spreadsheet must not run a cell as a formula
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(landscape: Landscape) -> str:
    """The projects as CSV (lists joined with ``;``), header first."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in records(landscape):
        writer.writerow({k: _cell(v) for k, v in record.items()})
    return buffer.getvalue()


def to_json(landscape: Landscape) -> str:
    """The whole data set (stages, layers, categories, projects) as JSON, in the form that
    ``schema.json`` describes."""
    data = {
        "stages": [{"id": s.id, "name": s.name, "description": s.description}
                   for s in landscape.stages],
        "layers": [{"id": s.id, "name": s.name, "description": s.description}
                   for s in landscape.layers],
        "categories": [
            {"id": c.id, "name": c.name, "description": c.description, "layer": c.layer}
            for c in landscape.categories
        ],
        # absent optional fields are left out, not null: the export validates against schema.json
        "projects": [{k: v for k, v in r.items() if v not in (None, [])} for r in records(landscape)],
    }  # fmt: skip
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


#: landscape2's published schema of ``data.yml`` (vendored in tests/landscape/landscape2/)
LANDSCAPE2_SCHEMA_URL = (
    "https://raw.githubusercontent.com/cncf/landscape2/refs/heads/main/docs/config/schema/"
    "data.schema.json"
)
_SLUG_RE = re.compile(r"[^a-z0-9]+")


def logo_name(name: str, taken: set[str]) -> str:
    """The logo file a landscape2 deployer must provide for a project: its name in lowercase
    words joined by hyphens, ``.svg``; ``-2``, ``-3``… when another project took it."""
    stem = _SLUG_RE.sub("-", name.lower()).strip("-") or "item"
    candidate, number = stem, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}"
    taken.add(candidate)
    return f"{candidate}.svg"


def _landscape2_item(project: Project, logo: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "name": project.name,
        "homepage_url": project.homepage_url,
        "logo": logo,
        "description": project.description,
    }
    if project.repo_url:
        item["repo_url"] = project.repo_url
    if project.project:
        item["project"] = project.project
    # our own fields, kept as landscape2 annotations (string keys and values)
    annotations = {"stage": project.stage, "last_checked": project.last_checked.isoformat()}
    for key in ("tags", "chapters", "aliases"):
        values = getattr(project, key)
        if values:
            annotations[key] = ",".join(values)
    item["extra"] = {"annotations": annotations}
    return item


def landscape2_data(landscape: Landscape) -> dict[str, Any]:
    """The data in landscape2's ``data.yml`` form: one landscape2 category per layer (bottom to
    top), one subcategory per category with projects in that layer (in the data's order), the
    projects in file order."""
    taken: set[str] = set()
    logos = {p.name: logo_name(p.name, taken) for p in landscape.projects}
    categories = []
    for layer in landscape.layers:
        subcategories = []
        for category in landscape.categories:
            members = [
                p for p in landscape.projects if p.layer == layer.id and p.category == category.id
            ]
            if members:
                subcategories.append(
                    {
                        "name": category.name,
                        "items": [_landscape2_item(p, logos[p.name]) for p in members],
                    }
                )
        if subcategories:
            categories.append({"name": layer.name, "subcategories": subcategories})
    return {"categories": categories}


#: libyaml's safe dumper when PyYAML has it: the same text as ``yaml.SafeDumper`` (checked on the
#: book's data by tests/landscape/test_explorer_exports.py) in a quarter of the time; the export
#: is written on every HTML build, a no-op rebuild included
_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def to_landscape2(landscape: Landscape) -> str:
    """The data as a CNCF landscape2 ``data.yml`` (see :func:`landscape2_data`)."""
    header = (
        f"# yaml-language-server: $schema={LANDSCAPE2_SCHEMA_URL}\n"
        "# The AI Infra Book landscape in CNCF landscape2's data.yml format. To build a landscape2\n"
        "# site from it, add an SVG logo for each item under the name in its `logo` field and a\n"
        "# settings.yml (see the book's landscape page).\n"
    )
    body = yaml.dump(
        landscape2_data(landscape),
        Dumper=_DUMPER,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,
    )
    return header + body
