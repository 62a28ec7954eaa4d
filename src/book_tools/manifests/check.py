"""Validate every manifest of the book against the schemas its pages state.

Built-in kinds are checked with ``kubernetes-validate`` (strict: unknown fields fail) at the
Kubernetes version of the page's front matter; custom kinds against the vendored CRD schema of
the project version the page names, made strict the way the API server's field validation is.
A Helm values file (a block named ``values-<chart>``) is checked against its chart's
``values.schema.json`` (:mod:`.helm`). Each problem names the page, the line of the offending
field, the document and the field.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from kubernetes_validate.utils import all_versions, latest_version, major_minor, schema_contents
from referencing import Registry, Resource

from book_tools.catalogs.problems import Problem
from book_tools.manifests.extract import Block, Page, is_manifest, read_page
from book_tools.manifests.helm import values_validator
from book_tools.manifests.schemas import load_schema

#: Configuration files of Kubernetes components and tools: not API objects, and no schema is
#: published for them. They are counted and reported as such, never passed silently.
COMPONENT_CONFIGS = {
    ("kind.x-k8s.io/v1alpha4", "Cluster"),
    ("kubelet.config.k8s.io/v1beta1", "KubeletConfiguration"),
    ("kubescheduler.config.k8s.io/v1", "KubeSchedulerConfiguration"),
}


@dataclass
class Report:
    """What a check found over a set of pages."""

    validated: int = 0
    values: int = 0
    marked: list[Block] = field(default_factory=list)
    configs: list[tuple[Path, int, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        """One line: how many manifests were validated, marked and left without a schema."""
        return (
            f"{self.validated} manifest(s) validated, {len(self.marked)} block(s) marked as "
            f"deliberately invalid or partial and skipped, {len(self.configs)} component "
            f"configuration(s) without a published schema, {self.values} Helm values file(s) "
            f"validated, {len(self.problems)} problem(s)"
        )


def _field_line(node: yaml.Node, path: Iterable[Any]) -> int:
    """The 0-based line, within its block, of the deepest field of *path* that exists: the
    line of its key in a mapping, of its item in a sequence."""
    line = node.start_mark.line
    for step in path:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == step), None)
            if pair is None:
                return line
            line, node = pair[0].start_mark.line, pair[1]
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value)
        ):
            node = node.value[step]
            line = node.start_mark.line
        else:
            return line
    return line


def _dotted(path: Iterable[Any]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text or "(document)"


def _unknown_key_path(error: jsonschema.ValidationError) -> list[Any]:
    """For "Additional properties are not allowed ('x' was unexpected)", the path to ``x``."""
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in allowed)
        if extra:
            path.append(extra[0])
    return path


@functools.cache
def builtin_schema(version: str, api_version: str, kind: str) -> jsonschema.Validator | None:
    """A validator for a built-in kind at a Kubernetes minor, from kubernetes-validate's strict
    schemas (every error is reported, not only the first), or ``None`` if there is none."""
    if not version or major_minor(version) > latest_version():
        return None
    schema_version = [v for v in all_versions() if major_minor(v) <= major_minor(version)][-1]
    folder = f"kubernetes-json-schema/v{schema_version}-local-strict"
    group = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", api_version)
    try:
        schema = schema_contents(f"{folder}/{kind.lower()}-{group}.json", version)
    except FileNotFoundError:
        return None
    definitions = schema_contents(f"{folder}/_definitions.json", version)
    registry = Resource.from_contents(definitions) @ (Resource.from_contents(schema) @ Registry())
    return jsonschema.Draft202012Validator(schema, registry=registry)


def _errors(document: dict[str, Any], page: Page, root: Path) -> tuple[list[Any], str | None]:
    """The validation errors of one manifest, or a message when it has no schema."""
    api_version, kind = str(document["apiVersion"]), str(document["kind"])
    for project, version in sorted(page.schema_versions.items()):
        schema = load_schema(root, project, version, api_version, kind)
        if schema is not None:
            validator = jsonschema.Draft7Validator(schema)
            return sorted(
                validator.iter_errors(document), key=lambda e: list(e.absolute_path)
            ), None
    schema = builtin_schema(page.kubernetes_version or "", api_version, kind)
    if schema is None:
        declared = ", ".join(f"{p} {v}" for p, v in sorted(page.schema_versions.items()))
        return [], (
            f"no schema for {kind} ({api_version}): not a built-in kind of Kubernetes "
            f"{page.kubernetes_version}, and not in the CRDs of the projects the front matter "
            f"names ({declared or 'none'}); add the project to 'manifest_schemas' and vendor "
            "its CRDs (python -m book_tools.manifests vendor)"
        )
    return sorted(schema.iter_errors(document), key=lambda e: list(e.absolute_path)), None


def _parse(block: Block, report: Report) -> tuple[list[Any], list[yaml.Node]] | None:
    """The documents of a block and their nodes, or ``None`` (and a problem) if it is not YAML."""
    try:
        nodes = list(yaml.compose_all(block.text))
        documents = list(yaml.safe_load_all(block.text))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = block.line + (mark.line if mark else 0)
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        report.problems.append(Problem(block.path, line, f"YAML cannot be parsed: {what}"))
        return None
    return documents, nodes


def check_values(block: Block, page: Page, root: Path, report: Report) -> None:
    """Validate one Helm values block (``:name: values-<chart>``, or ``values-<chart>-<x>`` when
    a page shows more than one values file of a chart) into *report*."""
    rest = block.chart or ""
    # values-<chart> or, for a second values file of the chart on one page, values-<chart>-<x>
    chart = max(
        (c for c in page.helm_values if rest == c or rest.startswith(f"{c}-")),
        key=len,
        default=rest,
    )
    version = page.helm_values.get(chart)
    where = f"values file of chart {chart}"
    if version is None:
        report.problems.append(
            Problem(
                block.path,
                block.line,
                f"{where}: the front matter names no version of the chart; add "
                f"'helm_values: {{{chart}: <chart version>}}'",
            )
        )
        return
    validator = values_validator(root, chart, version)
    if validator is None:
        report.problems.append(
            Problem(
                block.path,
                block.line,
                f"{where}: no values.schema.json of {chart} {version} is vendored; vendor it "
                "(python -m book_tools.manifests vendor-helm), or, if the chart ships none, "
                "drop the values- name",
            )
        )
        return
    parsed = _parse(block, report)
    if parsed is None:
        return
    documents, nodes = parsed
    if len(documents) != 1 or not isinstance(documents[0], dict):
        report.problems.append(
            Problem(block.path, block.line, f"{where}: a values file is one YAML mapping")
        )
        return
    report.values += 1
    for error in sorted(validator.iter_errors(documents[0]), key=lambda e: list(e.absolute_path)):
        path = _unknown_key_path(error)
        line = block.line + _field_line(nodes[0], path)
        report.problems.append(
            Problem(block.path, line, f"{where} {version}: {_dotted(path)}: {error.message}")
        )


def check_block(block: Block, page: Page, root: Path, report: Report) -> None:
    """Validate every manifest of one YAML block into *report*."""
    parsed = _parse(block, report)
    if parsed is None:
        return
    documents, nodes = parsed
    for index, (document, node) in enumerate(zip(documents, nodes, strict=True), start=1):
        if not is_manifest(document):
            continue
        where = (
            f"document {index} ({document['kind']} {document.get('metadata', {}).get('name', '')})"
        )
        if (str(document["apiVersion"]), str(document["kind"])) in COMPONENT_CONFIGS:
            report.configs.append((block.path, block.line + node.start_mark.line, document["kind"]))
            continue
        if page.kubernetes_version is None:
            report.problems.append(
                Problem(
                    block.path,
                    block.line + node.start_mark.line,
                    f"{where}: the page states no Kubernetes version; add 'kubernetes_version' "
                    "to its front matter",
                )
            )
            continue
        errors, missing = _errors(document, page, root)
        if missing:
            report.problems.append(
                Problem(block.path, block.line + node.start_mark.line, f"{where}: {missing}")
            )
            continue
        report.validated += 1
        for error in errors:
            path = _unknown_key_path(error)
            line = block.line + _field_line(node, path)
            report.problems.append(
                Problem(block.path, line, f"{where}: {_dotted(path)}: {error.message}")
            )


def check_pages(paths: Iterable[Path], schema_root: Path) -> Report:
    """Validate the manifests of every page in *paths*."""
    report = Report()
    for path in sorted(paths):
        page = read_page(path)
        for block in page.blocks:
            if block.skipped:
                report.marked.append(block)
            elif block.chart:
                check_values(block, page, schema_root, report)
            else:
                check_block(block, page, schema_root, report)
    return report
