"""Unit tests of the data model: loading, validation messages and lines, the JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import jsonschema
import pytest

from landscape_directive import model
from landscape_directive.export import to_csv, to_json
from landscape_directive.model import check_chapters, load, loads
from landscape_directive.query import Selection, check_selection, count, select, sort_projects

from .util import DATA, INVALID


def test_valid_data_loads() -> None:
    result = load(DATA)
    assert result.issues == ()
    landscape = result.landscape
    assert landscape is not None
    assert [s.id for s in landscape.stages] == list(model.STAGE_IDS)
    assert [s.id for s in landscape.layers] == list(model.LAYER_IDS)
    kueue = landscape.projects[0]
    assert kueue.name == "Kueue"
    assert kueue.layer == "orchestration"  # from its category
    assert kueue.tags == ("queueing", "gang-scheduling")
    assert kueue.last_checked == dt.date(2026, 11, 27)
    assert kueue.line == 63
    assert kueue.line_of("description") == 66
    engine_metrics = next(p for p in landscape.projects if p.name == "Engine Metrics")
    assert engine_metrics.layer == "engines"  # overrides its category's layer
    quoted_date = next(p for p in landscape.projects if p.name.startswith("Script"))
    assert quoted_date.last_checked == dt.date(2026, 11, 27)  # a quoted ISO date is accepted


def test_bad_chapter_is_checked_against_the_pages() -> None:
    path = INVALID / "bad-chapter.yaml"
    result = load(path)
    assert result.issues == ()  # a docname is well formed; only the build knows the pages
    assert result.landscape is not None
    docs = {"index", "chapters/scheduling", "chapters/inference"}
    issues = check_chapters(result.landscape, docs)
    assert [str(i) for i in issues] == [
        (
            f"{path}:87: project 'vLLM': chapters[0]: 'chapters/inferense' names no page "
            "(did you mean 'chapters/inference'?)"
        )
    ]


def test_all_problems_are_reported_at_once() -> None:
    text = DATA.read_text(encoding="utf-8")
    text = text.replace(
        "category: batch-scheduling\n    stage: growing", "category: nope\n    stage: x"
    )
    text = text.replace(
        "homepage_url: https://prometheus.io/", "homepage_url: ftp://prometheus.io/"
    )
    result = loads(text, "landscape.yaml")
    messages = [str(i) for i in result.issues]
    assert messages == [
        (
            "landscape.yaml:68: project 'Kueue': stage: unknown value 'x'; expected one of "
            "prototype, early, growing, mature, standard"
        ),
        (
            "landscape.yaml:103: project 'Prometheus': homepage_url: must be an absolute http(s) URL, "
            "got 'ftp://prometheus.io/'"
        ),
    ]
    # an unknown category is a cross-check: made only on projects the schema accepts
    text = DATA.read_text(encoding="utf-8").replace(
        "category: batch-scheduling\n    stage: growing", "category: nope\n    stage: growing"
    )
    assert [str(i) for i in loads(text, "landscape.yaml").issues] == [
        "landscape.yaml:67: project 'Kueue': category: unknown category 'nope'"
    ]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=1&c=2#d", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//example.org/", False),
        ('https://example.org/"onmouseover="x', False),
        ("https://exa mple.org/", False),
        ("https:///path-only", True),  # RFC-shaped; harmless
        ("vbscript:msgbox", False),
    ],
)
def test_only_http_urls_are_safe(url: str, ok: bool) -> None:
    assert model.is_safe_url(url) is ok


def test_missing_stage() -> None:
    text = DATA.read_text(encoding="utf-8")
    without_standard = text.replace(
        "  - id: standard\n    name: Standard\n    description: Part of Kubernetes or the "
        "de-facto standard.\n",
        "",
    )
    assert [str(i) for i in loads(without_standard, "l.yaml").issues] == [
        "l.yaml:3: stages: must have at least 5 items, got 4"
    ]


def test_schema_is_a_publishable_2020_12_schema() -> None:
    schema = json.loads(
        resources.files("landscape_directive").joinpath("schema.json").read_text("utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("https://") and schema["$id"].endswith(".json")
    assert schema["title"] and schema["description"]
    undocumented = [name for name, sub in schema["$defs"].items() if not sub.get("description")]
    assert undocumented == []
    # the JSON export of valid data is valid against the schema, formats included
    landscape = load(DATA).landscape
    assert landscape is not None
    data = json.loads(to_json(landscape))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert list(validator.iter_errors(data)) == []
    data["projects"][0]["last_checked"] = "2026-02-30"
    assert [e.validator for e in validator.iter_errors(data)] == ["format"]


def test_model_constants_come_from_the_schema() -> None:
    assert model.STAGE_IDS == ("prototype", "early", "growing", "mature", "standard")
    assert model.LAYER_IDS == (
        "runtime", "resources", "orchestration", "engines", "platforms", "applications",
    )  # fmt: skip
    assert model.CNCF_STATUSES == ("sandbox", "incubating", "graduated", "archived")
    assert model.PROJECT_FIELDS[:3] == ("name", "homepage_url", "repo_url")


def test_selection_sort_and_count() -> None:
    landscape = load(DATA).landscape
    assert landscape is not None
    gang = select(landscape, Selection(tags=frozenset({"gang-scheduling"})))
    assert [p.name for p in gang] == ["Kueue", "Volcano"]
    not_cncf = select(landscape, Selection(cncf=frozenset({"none"})))
    assert all(p.project is None for p in not_cncf)
    assert len(not_cncf) == 4
    by_stage = sort_projects(landscape, landscape.projects, ["-stage", "name"])
    assert [p.stage for p in by_stage[:2]] == ["standard", "standard"]
    assert [p.name for p in by_stage[:2]] == ["containerd", "Prometheus"]
    _rows, _stages, counts = count(landscape, landscape.projects)
    assert sum(counts.values()) == len(landscape.projects) == 8
    assert counts["observability", "standard"] == 1
    assert counts["observability", "early"] == 1
    assert check_selection(landscape, Selection(categories=frozenset({"batch-schedulng"}))) == [
        (
            "unknown category 'batch-schedulng' in the :category: option "
            "(did you mean 'batch-scheduling'?)"
        )
    ]


def test_exports() -> None:
    landscape = load(DATA).landscape
    assert landscape is not None
    csv_text = to_csv(landscape)
    lines = csv_text.splitlines()
    assert lines[0].startswith("name,homepage_url,repo_url,description,category")
    assert len(lines) == 1 + len(landscape.projects)
    assert "Kueue,https://kueue.sigs.k8s.io/" in lines[1]
    assert "queueing;gang-scheduling" in lines[1]
    data = json.loads(to_json(landscape))
    assert [p["name"] for p in data["projects"]] == [p.name for p in landscape.projects]
    assert data["projects"][0]["last_checked"] == "2026-11-27"
    assert len(data["categories"]) == 6
