"""Every Kubernetes manifest in the book is valid against the schemas its page states."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from book_tools.manifests.__main__ import main
from book_tools.manifests.check import COMPONENT_CONFIGS, check_pages
from book_tools.manifests.extract import read_page
from book_tools.manifests.helm import vendor_values_schema
from book_tools.manifests.schemas import (
    SchemaStoreError,
    crd_schemas,
    read_sources,
    shared_definitions,
    vendor,
    without_descriptions,
)
from conftest import BOOK, MANIFEST_SUMMARY, REPO, ROOTS

SCHEMAS = REPO / "tests" / "manifest-schemas"
FIXTURE = ROOTS / "manifests"


def test_every_manifest_in_the_book_is_valid(request: pytest.FixtureRequest) -> None:
    report = check_pages(BOOK.rglob("*.md"), SCHEMAS)
    request.config.stash[MANIFEST_SUMMARY] = report.summary()  # printed at the end of the run
    assert [str(p) for p in report.problems] == []
    assert report.validated > 0


def test_fixture_problems_name_file_line_document_and_field() -> None:
    report = check_pages([FIXTURE / "page.md", FIXTURE / "no-version.md"], FIXTURE / "schemas")
    page, bare = FIXTURE / "page.md", FIXTURE / "no-version.md"
    got = [(p.path, p.line, p.message.split(": ", 2)[:2]) for p in report.problems]
    # lines counted by hand in tests/roots/manifests/page.md
    assert (
        bare,
        4,
        [
            "document 1 (ConfigMap c)",
            "the page states no Kubernetes version; add 'kubernetes_version' to its front matter",
        ],
    ) in got
    assert (page, 23, ["document 1 (Pod typo)", "spec"]) in got  # containers missing
    assert (page, 24, ["document 1 (Pod typo)", "spec.contaners"]) in got
    assert (page, 33, ["document 2 (Deployment web)", "spec.replicas"]) in got
    assert (page, 52, ["document 1 (Widget w)", "spec.size"]) in got  # inside an admonition
    assert (page, 53, ["document 1 (Widget w)", "spec.colour"]) in got  # strict: unknown field
    assert any(
        p.line == 75 and "no schema for Gadget (unknown.example.org/v1)" in p.message
        for p in report.problems
    )
    assert any(
        p.line == 89 and p.message.startswith("YAML cannot be parsed") for p in report.problems
    )
    assert len(report.problems) == 8  # and nothing about `extra`, which keeps unknown fields
    # the good Pod, the Deployment and the typo Pod, the Widget: four validated
    assert report.validated == 4
    assert [b.name for b in report.marked] == ["invalid-widget"]
    assert [(c[1], c[2]) for c in report.configs] == [(68, "Cluster")]
    assert report.summary().startswith("4 manifest(s) validated, 1 block(s) marked")


def test_blocks_are_found_with_their_lines_and_names() -> None:
    page = read_page(FIXTURE / "page.md")
    assert [(b.line, b.name) for b in page.blocks] == [
        (8, ""),
        (19, ""),
        (47, ""),
        (62, "invalid-widget"),
        (68, ""),
        (75, ""),
        (82, ""),
        (86, ""),
    ]
    assert page.kubernetes_version == "1.35"
    assert page.schema_versions == {"demo": "v1.2.0"}


def _first_checked_kind_line(page: Path) -> int | None:
    """The 1-based line of ``kind:`` in the first manifest of *page* that gets validated."""
    for block in read_page(page).blocks:
        lines = block.text.split("\n")
        if block.skipped or not lines[0].startswith("apiVersion: "):
            continue
        if lines[1].startswith("kind: ") and (lines[0][12:], lines[1][6:]) not in COMPONENT_CONFIGS:
            return block.line + 1
    return None


def test_a_broken_copy_of_a_book_page_fails(tmp_path: Path) -> None:
    page = next(
        p
        for p in sorted(BOOK.rglob("*.md"))
        if check_pages([p], SCHEMAS).validated and _first_checked_kind_line(p)
    )
    kind_line = _first_checked_kind_line(page)
    lines = page.read_text(encoding="utf-8").split("\n")
    lines.insert(kind_line, "bogusTopLevelField: 1")  # the new line kind_line + 1
    broken = tmp_path / page.name
    broken.write_text("\n".join(lines), encoding="utf-8")
    report = check_pages([broken], SCHEMAS)
    assert [(p.line, "bogusTopLevelField" in p.message) for p in report.problems] == [
        (kind_line + 1, True)
    ]


def test_vendoring_records_the_source(tmp_path: Path) -> None:
    crd = tmp_path / "crd.yaml"
    crd.write_text(
        """apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.demo.example.org}
spec:
  group: demo.example.org
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema: {type: object, properties: {spec: {type: object}}}
    - name: v1alpha1
      served: false
      storage: false
      schema:
        openAPIV3Schema: {type: object}
""",
        encoding="utf-8",
    )
    written = vendor(
        tmp_path / "store",
        "demo",
        "v2.0.0",
        [crd],
        repository="https://example.org/demo",
        licence="MIT",
        source="https://example.org/demo/tree/v2.0.0/crds",
    )
    assert [p.relative_to(tmp_path / "store").as_posix() for p in written] == [
        "demo/v2.0.0/demo.example.org_v1_Widget.json"  # the unserved v1alpha1 is left out
    ]
    record = read_sources(tmp_path / "store")["demo@v2.0.0"]
    assert (record.licence, record.source) == ("MIT", "https://example.org/demo/tree/v2.0.0/crds")


def test_object_fields_pass_where_a_crd_lists_only_spec(tmp_path: Path) -> None:
    crd = tmp_path / "crd.yaml"
    crd.write_text(
        """apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: rules.demo.example.org}
spec:
  group: demo.example.org
  names: {kind: Rule, plural: rules}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties: {spec: {type: object, properties: {host: {type: string}}}}
""",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    vendor(
        store,
        "demo",
        "v1.0.0",
        [crd],
        repository="https://example.org/demo",
        licence="MIT",
        source="https://example.org/demo/tree/v1.0.0/crds",
    )
    page = tmp_path / "page.md"
    page.write_text(
        '---\nkubernetes_version: "1.36"\nmanifest_schemas: {demo: v1.0.0}\n---\n\n'
        "```yaml\napiVersion: demo.example.org/v1\nkind: Rule\nmetadata:\n  name: r\n"
        "spec:\n  host: a\n  port: 1\n```\n",
        encoding="utf-8",
    )
    report = check_pages([page], store)
    # metadata is accepted although the CRD does not list it; the unknown spec.port is not
    assert [p.line for p in report.problems] == [13]
    assert "port" in report.problems[0].message


def test_crd_schemas_ignores_other_documents() -> None:
    assert crd_schemas([{"kind": "ConfigMap"}, None, "text"]) == {}


def test_a_malformed_record_is_named(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text("demo:\n  versions: {v1: {}}\n", encoding="utf-8")
    with pytest.raises(SchemaStoreError, match=r"sources.yaml: demo v1: needs a 'source' URL"):
        read_sources(tmp_path)


def _store_key(path: Path) -> str:
    """``project@version`` of a stored CRD schema, ``helm/chart@version`` of a values schema."""
    parts = path.parts
    return f"helm/{parts[1]}@{parts[2]}" if parts[0] == "helm" else f"{parts[0]}@{parts[1]}"


def test_every_vendored_schema_is_recorded() -> None:
    records = read_sources(SCHEMAS) if (SCHEMAS / "sources.yaml").is_file() else {}
    stored = {_store_key(p.relative_to(SCHEMAS)) for p in SCHEMAS.rglob("*.json")}
    assert stored <= set(records), "vendored schemas without a source record"
    assert all(r.source.startswith("https://") and r.licence for r in records.values())


def test_vendored_schemas_drop_descriptions_but_keep_a_field_named_description() -> None:
    schema = {
        "description": "An object.",
        "type": "object",
        "properties": {
            "description": {"type": "string", "description": "A field called description."},
            "size": {"type": "integer", "default": 1, "description": "How big."},
            "note": {"type": "object", "default": {"description": "data, not a schema"}},
        },
        "items": [{"description": "x", "type": "string"}],
    }
    assert without_descriptions(schema) == {
        "type": "object",
        "properties": {
            "description": {"type": "string"},
            "size": {"type": "integer", "default": 1},
            "note": {"type": "object", "default": {"description": "data, not a schema"}},
        },
        "items": [{"type": "string"}],
    }


def test_values_files_are_checked_against_their_charts_schema() -> None:
    page = FIXTURE / "values.md"
    report = check_pages([page], FIXTURE / "schemas")
    demo = "values file of chart demo-chart 1.0.0"
    # lines counted by hand in tests/roots/manifests/values.md
    assert sorted((p.line, p.message) for p in report.problems) == [
        (20, f"{demo}: replicaCount: 0 is less than the minimum of 1"),
        (21, f"{demo}: image: 'repository' is a required property"),
        (22, f"{demo}: image.tag: 1.0 is not of type 'string'"),
        (
            23,
            (
                f"{demo}: image.pullPolicy: Additional properties are not allowed "
                "('pullPolicy' was unexpected)"
            ),
        ),
        (
            29,
            f"{demo}: replicas: Additional properties are not allowed ('replicas' was unexpected)",
        ),
        (
            35,
            (
                "values file of chart other-chart: no values.schema.json of other-chart 2.0.0 is "
                "vendored; vendor it (python -m book_tools.manifests vendor-helm), or, if the chart "
                "ships none, drop the values- name"
            ),
        ),
        (
            41,
            (
                "values file of chart unlisted: the front matter names no version of the chart; "
                "add 'helm_values: {unlisted: <chart version>}'"
            ),
        ),
    ]
    # the good file, the one with four mistakes and the misspelt one; the plain block is ignored
    assert (report.values, report.validated) == (3, 0)
    assert "3 Helm values file(s) validated, 7 problem(s)" in report.summary()


def test_a_values_schema_is_vendored_and_recorded_under_helm(tmp_path: Path) -> None:
    schema = tmp_path / "values.schema.json"
    schema.write_text('{"type": "object", "properties": {"replicaCount": {"type": "integer"}}}')
    store = tmp_path / "store"
    status = main(
        [
            "--schemas",
            str(store),
            "vendor-helm",
            "demo-chart",
            "0.4.0",
            str(schema),
            "--repository",
            "https://example.org/demo-chart",
            "--licence",
            "MIT",
            "--source",
            "https://example.org/demo-chart/blob/v0.4.0/values.schema.json",
        ]
    )
    assert status == 0
    assert (store / "helm" / "demo-chart" / "0.4.0" / "values.schema.json").is_file()
    record = read_sources(store)["helm/demo-chart@0.4.0"]
    assert (record.licence, record.repository) == ("MIT", "https://example.org/demo-chart")
    page = tmp_path / "page.md"
    page.write_text(
        "---\nhelm_values: {demo-chart: 0.4.0}\n---\n\n```{code-block} yaml\n"
        ":name: values-demo-chart\n\nreplicaCount: three\n```\n",
        encoding="utf-8",
    )
    report = check_pages([page], store)
    assert [(p.line, "'three' is not of type 'integer'" in p.message) for p in report.problems] == [
        (8, True)
    ]


def test_a_values_schema_that_is_not_json_is_named(tmp_path: Path) -> None:
    schema = tmp_path / "values.schema.json"
    schema.write_text('{\n  "type": "object",\n  oops\n}\n', encoding="utf-8")
    with pytest.raises(SchemaStoreError, match=r"values.schema.json:3: Expecting property name"):
        vendor_values_schema(
            tmp_path / "store",
            "demo-chart",
            "1.0.0",
            schema,
            repository="https://example.org/demo-chart",
            licence="MIT",
            source="https://example.org/demo-chart/blob/1.0.0/values.schema.json",
        )
    assert not (tmp_path / "store").exists()


def test_helm_is_not_a_project_name(tmp_path: Path) -> None:
    with pytest.raises(SchemaStoreError, match="'helm' is the section of Helm charts"):
        vendor(tmp_path, "helm", "v1", [], repository="r", licence="MIT", source="https://x")


def test_repeated_sub_schemas_are_stored_once_and_validate_the_same() -> None:
    pod = {"type": "object", "properties": {"image": {"type": "string"}}, "required": ["image"]}
    role = {"type": "object", "properties": {"pod": pod, "size": {"type": "integer"}}}
    schema = {"type": "object", "properties": {"leader": role, "worker": role, "extra": pod}}
    shared = shared_definitions(schema, min_size=40)
    # the role (which holds the pod) repeats, and then the pod (in the role and in extra)
    assert shared == {
        "type": "object",
        "properties": {
            "leader": {"$ref": "#/definitions/shared0"},
            "worker": {"$ref": "#/definitions/shared0"},
            "extra": {"$ref": "#/definitions/shared1"},
        },
        "definitions": {
            "shared0": {
                "type": "object",
                "properties": {
                    "pod": {"$ref": "#/definitions/shared1"},
                    "size": {"type": "integer"},
                },
            },
            "shared1": pod,
        },
    }
    document = {"leader": {"pod": {}, "size": 2}, "worker": {"pod": {"image": 3}}, "extra": {}}
    errors = [
        (list(e.absolute_path), e.message)
        for e in jsonschema.Draft7Validator(shared).iter_errors(document)
    ]
    expected = [
        (list(e.absolute_path), e.message)
        for e in jsonschema.Draft7Validator(schema).iter_errors(document)
    ]
    assert sorted(errors) == sorted(expected) and len(errors) == 3
