"""The vendored CRD schemas: where each came from, and how a manifest finds its schema.

``tests/manifest-schemas/sources.yaml`` records, for every project, its repository, licence and,
per version, the URL of the CRDs the schemas were taken from. Each CRD version's
``openAPIV3Schema`` is stored, without its descriptions and with repeated sub-schemas stored once
(:func:`shared_definitions`), as
``<project>/<version>/<group>_<apiversion>_<Kind>.json``. The section ``helm`` of ``sources.yaml``
records the charts whose ``values.schema.json`` is vendored (:mod:`.helm`) the same way.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SOURCES = "sources.yaml"
#: the section of ``sources.yaml`` that records Helm charts rather than CRD projects
HELM = "helm"
_VALUES = {"default", "example", "enum", "const"}


class SchemaStoreError(ValueError):
    """The vendored schemas or their record are malformed; the message names the file."""


@dataclass(frozen=True)
class ProjectVersion:
    """One vendored version of one project."""

    project: str
    version: str
    repository: str
    licence: str
    source: str


def schema_file(root: Path, project: str, version: str, api_version: str, kind: str) -> Path:
    """Where the schema of *kind* in *api_version* of a project version is stored."""
    group, _, apiver = api_version.rpartition("/")
    return root / project / version / f"{group or 'core'}_{apiver}_{kind}.json"


def _records(path: Path, prefix: str, entries: Any) -> dict[str, ProjectVersion]:
    """The records of one mapping of projects (or charts) -> repository, licence, versions."""
    if not isinstance(entries, dict):
        raise SchemaStoreError(f"{path}: {prefix or 'top level'}: expected a mapping")
    result = {}
    for name, entry in entries.items():
        project = f"{prefix}{name}"
        if not isinstance(entry, dict) or not isinstance(entry.get("versions"), dict):
            raise SchemaStoreError(f"{path}: {project}: needs repository, licence and versions")
        for version, info in entry["versions"].items():
            if not isinstance(info, dict) or not info.get("source"):
                raise SchemaStoreError(f"{path}: {project} {version}: needs a 'source' URL")
            for key in ("repository", "licence"):
                if not entry.get(key):
                    raise SchemaStoreError(f"{path}: {project}: needs '{key}'")
            result[f"{project}@{version}"] = ProjectVersion(
                project, str(version), entry["repository"], entry["licence"], info["source"]
            )
    return result


def read_sources(root: Path) -> dict[str, ProjectVersion]:
    """``"project@version"`` (``"helm/chart@version"`` for a chart) -> its record, from
    ``sources.yaml``."""
    path = root / SOURCES
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise SchemaStoreError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise SchemaStoreError(f"{path}: expected a mapping of projects")
    charts = data.pop(HELM, {})
    return _records(path, "", data) | _records(path, f"{HELM}/", charts)


def record_source(
    root: Path, keys: list[str], version: str, *, repository: str, licence: str, source: str
) -> None:
    """Record in ``sources.yaml`` where *version* of the project at *keys* came from."""
    path = root / SOURCES
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    section = data = data or {}
    for key in keys:
        section = section.setdefault(key, {})
    section["repository"], section["licence"] = repository, licence
    section.setdefault("versions", {})[version] = {"source": source}
    path.write_text(
        "# Vendored CRD schemas (python -m book_tools.manifests vendor) and Helm values schemas\n"
        "# (vendor-helm, under 'helm'): repository, licence and, per version, the URL of the\n"
        "# files each schema was taken from.\n"
        + yaml.safe_dump(data, sort_keys=True, allow_unicode=True),
        encoding="utf-8",
    )


def strict(schema: Any) -> Any:
    """*schema* as the API server's strict field validation applies it: unknown fields fail.

    Every object schema that lists its ``properties`` and neither allows unknown fields
    (``x-kubernetes-preserve-unknown-fields``) nor says what extra fields may hold gets
    ``additionalProperties: false``.
    """
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {key: strict(value) for key, value in schema.items()}
    if (
        "properties" in result
        and "additionalProperties" not in result
        and not result.get("x-kubernetes-preserve-unknown-fields")
    ):
        result["additionalProperties"] = False
    return result


def load_schema(
    root: Path, project: str, version: str, api_version: str, kind: str
) -> dict[str, Any] | None:
    """The strict schema of *kind* in a vendored project version, or ``None`` if not vendored."""
    path = schema_file(root, project, version, api_version, kind)
    if not path.is_file():
        return None
    try:
        schema = strict(json.loads(path.read_text(encoding="utf-8")))
    except json.JSONDecodeError as exc:
        raise SchemaStoreError(f"{path}:{exc.lineno}: {exc.msg}") from exc
    # The API server accepts every object's apiVersion, kind and metadata, also where a CRD's
    # schema (Istio's, for one) lists only spec and status.
    if isinstance(schema, dict) and "properties" in schema:
        for key, kind_of in (("apiVersion", "string"), ("kind", "string"), ("metadata", "object")):
            schema["properties"].setdefault(key, {"type": kind_of})
    return schema


def without_descriptions(schema: Any, *, field_names: bool = False) -> Any:
    """*schema* without its ``description`` texts, which validation never reads.

    A CRD's descriptions are most of its size. A field that is itself named ``description``
    (a key of a ``properties`` mapping, *field_names*) is kept, and so are values
    (``default``, ``example``, ``enum``), which are data rather than schemas.
    """
    if isinstance(schema, list):
        return [without_descriptions(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    return {
        key: value
        if not field_names and key in _VALUES
        else without_descriptions(
            value, field_names=not field_names and key in ("properties", "patternProperties")
        )
        for key, value in schema.items()
        if field_names or not (key == "description" and isinstance(value, str))
    }


def _text(node: Any) -> str:
    return json.dumps(node, sort_keys=True, separators=(",", ":"))


def _count(node: Any, counts: Counter[str], *, top: bool = False) -> None:
    if isinstance(node, list):
        for item in node:
            _count(item, counts)
    elif isinstance(node, dict):
        if not top:
            counts[_text(node)] += 1
        for key, value in node.items():
            if key not in _VALUES:
                _count(value, counts)


def _replace(node: Any, text: str, ref: dict[str, str]) -> Any:
    if isinstance(node, list):
        return [_replace(item, text, ref) for item in node]
    if isinstance(node, dict):
        if _text(node) == text:
            return dict(ref)
        return {k: v if k in _VALUES else _replace(v, text, ref) for k, v in node.items()}
    return node


def shared_definitions(schema: dict[str, Any], min_size: int = 1000) -> dict[str, Any]:
    """*schema* with every sub-schema of at least *min_size* characters that occurs more than
    once stored once, under ``definitions``, and referred to with ``$ref``.

    CRDs repeat large schemas: a Pod template per role of a LeaderWorkerSet or per component
    of an OME InferenceService. The result validates exactly as the original does.
    """
    result = dict(schema)
    definitions: dict[str, Any] = {}
    while True:
        counts: Counter[str] = Counter()
        _count(result, counts, top=True)
        repeated = [(len(t), t) for t, n in counts.items() if n > 1 and len(t) >= min_size]
        if not repeated:
            break
        text = max(repeated)[1]
        name = f"shared{len(definitions)}"
        result = _replace(result, text, {"$ref": f"#/definitions/{name}"})
        definitions = result.pop("definitions", definitions)
        definitions[name] = json.loads(text)
        result["definitions"] = definitions
    return result


def crd_schemas(documents: list[Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """``(apiVersion, kind)`` -> ``openAPIV3Schema`` of every served version of the CRDs given."""
    result = {}
    for crd in documents:
        if not isinstance(crd, dict) or crd.get("kind") != "CustomResourceDefinition":
            continue
        spec = crd.get("spec", {})
        group, kind = spec.get("group", ""), spec.get("names", {}).get("kind", "")
        for version in spec.get("versions", []):
            schema = (version.get("schema") or {}).get("openAPIV3Schema")
            if schema and version.get("served", True):
                result[(f"{group}/{version['name']}", kind)] = schema
    return result


def vendor(
    root: Path,
    project: str,
    version: str,
    crd_files: list[Path],
    *,
    repository: str,
    licence: str,
    source: str,
) -> list[Path]:
    """Store the schemas of the CRDs in *crd_files* as *project* *version*; record the source."""
    if project == HELM:
        raise SchemaStoreError(f"'{HELM}' is the section of Helm charts, not a project name")
    documents: list[Any] = []
    for path in crd_files:
        documents += list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
    written = []
    for (api_version, kind), schema in sorted(crd_schemas(documents).items()):
        target = schema_file(root, project, version, api_version, kind)
        target.parent.mkdir(parents=True, exist_ok=True)
        compact = shared_definitions(without_descriptions(schema))
        target.write_text(json.dumps(compact, sort_keys=True, separators=(",", ":")) + "\n")
        written.append(target)
    record_source(root, [project], version, repository=repository, licence=licence, source=source)
    return written
