"""CSV and JSON exports of the landscape data (pure functions)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .model import PROJECT_FIELDS, Landscape

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
