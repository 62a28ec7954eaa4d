"""Unit tests of the data model: loading, validation messages and lines, the JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from landscape_directive import model
from landscape_directive.export import to_csv, to_json
from landscape_directive.model import check_chapters, load, loads
from landscape_directive.query import Selection, check_selection, count, select, sort_projects

from .util import DATA, INVALID, INVALID_CASES, marked_line


def test_valid_data_loads() -> None:
    result = load(DATA)
    assert result.ok, result.issues
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


@pytest.mark.parametrize(("name", "message"), INVALID_CASES, ids=[c[0] for c in INVALID_CASES])
def test_each_kind_of_invalid_data(name: str, message: str) -> None:
    path = INVALID / f"{name}.yaml"
    result = load(path)
    assert [(i.line, i.message) for i in result.issues] == [(marked_line(path), message)]
    assert str(result.issues[0]) == f"{path}:{marked_line(path)}: {message}"


def test_invalid_project_is_left_out_but_others_are_kept() -> None:
    result = load(INVALID / "unknown-category.yaml")
    assert result.landscape is not None
    names = [p.name for p in result.landscape.projects]
    assert "Kueue" not in names
    assert "Volcano" in names


def test_bad_chapter_is_checked_against_the_pages() -> None:
    path = INVALID / "bad-chapter.yaml"
    result = load(path)
    assert result.ok  # a docname is well formed; only the build knows the pages
    assert result.landscape is not None
    docs = {"index", "chapters/scheduling", "chapters/inference"}
    issues = check_chapters(result.landscape, docs)
    assert [(i.line, i.message) for i in issues] == [
        (
            marked_line(path),
            (
                "project 'vLLM': chapter 'chapters/inferense' names no page "
                "(did you mean 'chapters/inference'?)"
            ),
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
        "landscape.yaml:67: project 'Kueue': unknown category 'nope'",
        "landscape.yaml:68: project 'Kueue': unknown stage 'x'",
        (
            "landscape.yaml:103: project 'Prometheus': field 'homepage_url' must be an http(s) URL, "
            "got 'ftp://prometheus.io/'"
        ),
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


def test_axes_must_be_complete_and_ordered() -> None:
    text = DATA.read_text(encoding="utf-8")
    swapped = text.replace("  - id: prototype\n", "  - id: earlyx\n", 1)
    issues = [str(i) for i in loads(swapped, "l.yaml").issues]
    assert "l.yaml:3: stage 'earlyx': unknown stage id 'earlyx' (did you mean 'early'?)" in issues
    assert "l.yaml:2: 'stages': missing stage 'prototype'" in issues
    # the same ids in the wrong order
    data = yaml.safe_load(text)
    data["layers"].reverse()
    reordered = loads(yaml.safe_dump(data, sort_keys=False), "l.yaml")
    assert any("must be listed in the order runtime" in i.message for i in reordered.issues)
    # reported, but the map can still be drawn: the axes are put back in their order
    assert reordered.landscape is not None
    assert [s.id for s in reordered.landscape.layers] == list(model.LAYER_IDS)


def test_empty_and_non_mapping_files() -> None:
    assert [str(i) for i in loads("", "e.yaml").issues] == [
        "e.yaml:1: the file is empty; expected stages, layers, categories and projects"
    ]
    assert [str(i) for i in loads("- a\n- b\n", "l.yaml").issues] == [
        "l.yaml:1: top level: must be a mapping, got a list"
    ]


def test_missing_file_is_an_issue(tmp_path: Path) -> None:
    result = load(tmp_path / "nope.yaml")
    assert result.landscape is None
    assert result.issues[0].message.startswith("cannot read the data file")


def test_schema_accepts_the_data_and_matches_the_model() -> None:
    schema = json.loads(
        resources.files("landscape_directive").joinpath("schema.json").read_text("utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    for project in data["projects"]:
        project["last_checked"] = str(project["last_checked"])
    jsonschema.validate(data, schema)
    defs = schema["$defs"]
    assert defs["stage"]["properties"]["id"]["enum"] == list(model.STAGE_IDS)
    assert defs["layer"]["properties"]["id"]["enum"] == list(model.LAYER_IDS)
    assert defs["project"]["properties"]["project"]["enum"] == list(model.CNCF_STATUSES)
    assert sorted(defs["project"]["properties"]) == sorted(model.PROJECT_FIELDS)
    assert sorted(defs["project"]["required"]) == sorted(model.PROJECT_REQUIRED)
    bad = json.loads(json.dumps(data))
    bad["projects"][0]["homepage_url"] = "javascript:alert(1)"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    bad["projects"][0]["homepage_url"] = "https://x.org/"
    bad["projects"][0]["homepage"] = "https://x.org/"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


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
