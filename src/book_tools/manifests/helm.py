"""Helm values files in the book, checked against the ``values.schema.json`` of their chart.

A page shows a values file as a ``{code-block} yaml`` named ``values-<chart>`` and names the chart
version in its front matter (``helm_values: {<chart>: <version>}``). The chart's own schema is
vendored as ``helm/<chart>/<version>/values.schema.json`` and recorded under ``helm`` in
``sources.yaml`` (``python -m book_tools.manifests vendor-helm``). Helm validates values against
that schema on install, with the draft the schema declares; so does this check, as the chart
wrote it (a chart's schema decides for itself whether unknown keys are allowed).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from book_tools.manifests.schemas import HELM, SchemaStoreError, record_source

VALUES_SCHEMA = "values.schema.json"


def values_schema_file(root: Path, chart: str, version: str) -> Path:
    """Where the ``values.schema.json`` of a chart version is stored."""
    return root / HELM / chart / version / VALUES_SCHEMA


def _read_schema(path: Path) -> dict[str, Any]:
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SchemaStoreError(f"{path}:{exc.lineno}: {exc.msg}") from exc
    except OSError as exc:
        raise SchemaStoreError(f"{path}: {exc.strerror}") from exc
    if not isinstance(schema, dict):
        raise SchemaStoreError(f"{path}: a values schema must be a JSON object")
    try:
        jsonschema.validators.validator_for(schema).check_schema(schema)
    except jsonschema.SchemaError as exc:
        raise SchemaStoreError(f"{path}: not a valid JSON Schema: {exc.message}") from exc
    return schema


def values_validator(root: Path, chart: str, version: str) -> jsonschema.Validator | None:
    """A validator for the values of *chart* *version*, or ``None`` if its schema is not
    vendored. The schema's ``$schema`` picks the draft, as Helm's own check does."""
    path = values_schema_file(root, chart, version)
    if not path.is_file():
        return None
    schema = _read_schema(path)
    return jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)(schema)


def vendor_values_schema(
    root: Path,
    chart: str,
    version: str,
    schema_path: Path,
    *,
    repository: str,
    licence: str,
    source: str,
) -> Path:
    """Store a chart version's ``values.schema.json`` (checked to be a JSON Schema) and record
    where it came from under ``helm`` in ``sources.yaml``."""
    schema = _read_schema(schema_path)
    target = values_schema_file(root, chart, version)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(schema, sort_keys=True, indent=1) + "\n", encoding="utf-8")
    record_source(
        root, [HELM, chart], version, repository=repository, licence=licence, source=source
    )
    return target
