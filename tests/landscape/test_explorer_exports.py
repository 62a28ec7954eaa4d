"""The exports (CSV, JSON, landscape2 ``data.yml``) and the explorer's JSON, on the explorer's
nine-project fixture, with values worked out by hand from its data file."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from landscape_directive.explorer import data_script_text, explorer_data, interface_strings
from landscape_directive.export import landscape2_data, logo_name, to_csv, to_json, to_landscape2
from landscape_directive.model import Landscape, load

from .util import ROOTS

DATA = ROOTS / "test-landscape-explorer" / "_data" / "landscape.yaml"
BOOK_DATA = ROOTS.parents[2] / "book" / "_data" / "landscape.yaml"
LANDSCAPE2_SCHEMA = Path(__file__).resolve().parent / "landscape2" / "data.schema.json"
SCRIPT_TEXT = 'Routes <script>alert("x")</script> requests & tokens to models.'
MODELPACK_TEXT = "An open standard for packaging AI models as OCI artifacts."


@pytest.fixture(scope="module")
def landscape() -> Landscape:
    result = load(DATA)
    assert result.issues == ()
    assert result.landscape is not None
    return result.landscape


def landscape2_validator() -> jsonschema.Validator:
    schema = json.loads(LANDSCAPE2_SCHEMA.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_csv(landscape: Landscape) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(landscape))))
    assert rows[0] == [
        "name", "homepage_url", "repo_url", "description", "category", "layer", "stage",
        "project", "tags", "chapters", "aliases", "last_checked",
    ]  # fmt: skip
    assert len(rows) == 10  # header + 9 projects
    assert rows[4] == [
        "ModelPack", "https://modelpack.org/", "https://github.com/modelpack/model-spec",
        MODELPACK_TEXT, "inference-engine", "engines", "early", "sandbox", "oci;packaging",
        "chapters/inference", "Model Spec;CNCF ModelPack", "2026-11-20",
    ]  # fmt: skip
    # the category's layer is filled in; absent fields are empty cells
    assert rows[8] == [
        "Engine Metrics", "https://example.org/engine-metrics", "",
        "Metrics exporters that run inside inference engines.", "observability", "engines",
        "early", "", "", "", "", "2026-11-27",
    ]  # fmt: skip
    # quotes are doubled in the file, not lost
    lines = to_csv(landscape).splitlines()
    assert lines[9] == (
        'Script <Gateway> & Co,https://example.org/gateway,,"Routes <script>alert(""x"")'
        '</script> requests & tokens to models.",ai-gateway,applications,prototype,sandbox,,,,'
        "2026-11-27"
    )


def test_json(landscape: Landscape) -> None:
    data = json.loads(to_json(landscape))
    assert [p["name"] for p in data["projects"]] == [
        "Kueue", "Volcano", "vLLM", "ModelPack", "containerd", "Device Plugin Example",
        "Prometheus", "Engine Metrics", "Script <Gateway> & Co",
    ]  # fmt: skip
    assert data["projects"][3] == {
        "name": "ModelPack",
        "homepage_url": "https://modelpack.org/",
        "repo_url": "https://github.com/modelpack/model-spec",
        "description": MODELPACK_TEXT,
        "category": "inference-engine",
        "layer": "engines",
        "stage": "early",
        "project": "sandbox",
        "tags": ["oci", "packaging"],
        "chapters": ["chapters/inference"],
        "aliases": ["Model Spec", "CNCF ModelPack"],
        "last_checked": "2026-11-20",
    }
    assert data["projects"][4] == {  # optional fields left out, not null
        "name": "containerd",
        "homepage_url": "https://containerd.io/",
        "description": "The container runtime used by most Kubernetes nodes.",
        "category": "container-runtime",
        "layer": "runtime",
        "stage": "standard",
        "project": "graduated",
        "last_checked": "2026-11-27",
    }
    schema = json.loads(resources.files("landscape_directive").joinpath("schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)


def test_logo_names_are_unique_file_names() -> None:
    taken: set[str] = set()
    assert logo_name("Script <Gateway> & Co", taken) == "script-gateway-co.svg"
    assert logo_name("A B", taken) == "a-b.svg"
    assert logo_name("a-b", taken) == "a-b-2.svg"
    assert logo_name("A  B!", taken) == "a-b-3.svg"
    assert logo_name("魔搭", taken) == "item.svg"  # no ASCII letter: a neutral name


def test_landscape2_structure(landscape: Landscape) -> None:
    data = landscape2_data(landscape)
    outline = [
        (c["name"], [(s["name"], [i["name"] for i in s["items"]]) for s in c["subcategories"]])
        for c in data["categories"]
    ]
    # layers bottom to top; in each, the categories with projects there, in the data's order
    assert outline == [
        ("Kernel & runtime", [("Container runtime", ["containerd"])]),
        ("Devices & resources", [("Device management", ["Device Plugin Example"])]),
        ("Scheduling & workloads", [("Batch scheduling", ["Kueue", "Volcano"])]),
        (
            "Engines & frameworks",
            [("Inference engine", ["vLLM", "ModelPack"]), ("Observability", ["Engine Metrics"])],
        ),
        ("AI platforms", [("Observability", ["Prometheus"])]),
        ("Gateways & agents", [("AI gateway", ["Script <Gateway> & Co"])]),
    ]
    modelpack = data["categories"][3]["subcategories"][0]["items"][1]
    assert modelpack == {
        "name": "ModelPack",
        "homepage_url": "https://modelpack.org/",
        "logo": "modelpack.svg",
        "description": MODELPACK_TEXT,
        "repo_url": "https://github.com/modelpack/model-spec",
        "project": "sandbox",
        "extra": {
            "annotations": {
                "stage": "early",
                "last_checked": "2026-11-20",
                "tags": "oci,packaging",
                "chapters": "chapters/inference",
                "aliases": "Model Spec,CNCF ModelPack",
            }
        },
    }
    device = data["categories"][1]["subcategories"][0]["items"][0]
    assert device == {
        "name": "Device Plugin Example",
        "homepage_url": "https://example.org/device-plugin?a=1&b=2#top",
        "logo": "device-plugin-example.svg",
        "description": "A device plugin that advertises accelerators to the kubelet.",
        "extra": {"annotations": {"stage": "mature", "last_checked": "2026-11-27"}},
    }


def test_landscape2_yaml_reads_back_and_validates(landscape: Landscape) -> None:
    text = to_landscape2(landscape)
    assert text.startswith("# yaml-language-server: $schema=https://raw.githubusercontent.com/")
    parsed = yaml.safe_load(text)
    assert parsed == landscape2_data(landscape)
    # the script-like description survives as text
    gateway = parsed["categories"][5]["subcategories"][0]["items"][0]
    assert gateway["description"] == SCRIPT_TEXT
    assert gateway["logo"] == "script-gateway-co.svg"
    validator = landscape2_validator()
    assert list(validator.iter_errors(parsed)) == []


def test_landscape2_schema_catches_a_broken_export(landscape: Landscape) -> None:
    """The validation is not vacuous: an item without its logo, or a subcategory without its
    items, is refused by landscape2's schema."""
    parsed = landscape2_data(landscape)
    del parsed["categories"][0]["subcategories"][0]["items"][0]["logo"]
    del parsed["categories"][1]["subcategories"][0]["items"]
    messages = sorted(e.message for e in landscape2_validator().iter_errors(parsed))
    assert messages == ["'items' is a required property", "'logo' is a required property"]


def test_the_books_data_exports_validate() -> None:
    landscape = load(BOOK_DATA).landscape
    assert landscape is not None
    parsed = yaml.safe_load(to_landscape2(landscape))
    assert list(landscape2_validator().iter_errors(parsed)) == []
    items = [i for c in parsed["categories"] for s in c["subcategories"] for i in s["items"]]
    assert len(items) == len(landscape.projects)
    assert len({i["logo"] for i in items}) == len(items)


def test_explorer_data(landscape: Landscape) -> None:
    labels = {
        "desc:Kueue": "决定批处理工作负载何时可以启动的作业排队系统。",
        "stage:growing": "成长期",
    }
    chapters = {"chapters/inference": ("Inference", "chapters/inference.html")}
    data = explorer_data(landscape, labels, chapters)
    assert data["ui"] == interface_strings()
    facets = data["facets"]
    assert [f["id"] for f in facets["layer"]] == [
        "runtime", "resources", "orchestration", "engines", "platforms", "applications",
    ]  # fmt: skip
    assert facets["stage"][2] == {"id": "growing", "name": "成长期"}
    assert facets["stage"][3] == {"id": "mature", "name": "Mature"}  # untranslated: English
    assert facets["cncf"] == [
        {"id": "sandbox", "name": "Sandbox"},
        {"id": "incubating", "name": "Incubating"},
        {"id": "graduated", "name": "Graduated"},
        {"id": "archived", "name": "Archived"},
    ]
    assert facets["tag"] == [
        {"id": t, "name": t} for t in ["gang-scheduling", "oci", "packaging", "queueing"]
    ]
    # only chapters the build knows (here: one) are offered and linked
    assert facets["chapter"] == [
        {"id": "chapters/inference", "name": "Inference", "url": "chapters/inference.html"}
    ]
    projects = {p["name"]: p for p in data["projects"]}
    assert projects["Kueue"]["description"] == labels["desc:Kueue"]
    assert projects["Kueue"]["chapters"] == []
    assert projects["ModelPack"] == {
        "name": "ModelPack",
        "aliases": ["Model Spec", "CNCF ModelPack"],
        "description": MODELPACK_TEXT,
        "homepage_url": "https://modelpack.org/",
        "repo_url": "https://github.com/modelpack/model-spec",
        "category": "inference-engine",
        "layer": "engines",
        "stage": "early",
        "cncf": "sandbox",
        "tags": ["oci", "packaging"],
        "chapters": ["chapters/inference"],
        "last_checked": "2026-11-20",
    }
    assert projects["containerd"]["repo_url"] == "" and projects["vLLM"]["cncf"] == ""


def test_explorer_lists_chapters_in_the_order_given(landscape: Landscape) -> None:
    chapters = {
        "chapters/scheduling": ("Scheduling", "chapters/scheduling.html"),
        "chapters/unused": ("Unused", "chapters/unused.html"),  # no project links it
        "chapters/inference": ("Inference", "chapters/inference.html"),
    }
    facets = explorer_data(landscape, {}, chapters)["facets"]
    assert [f["id"] for f in facets["chapter"]] == ["chapters/scheduling", "chapters/inference"]


def test_explorer_data_script_is_ascii_and_cannot_end_a_script_element() -> None:
    data = {"zh": "调度", "ja": "スケジューリング", "text": SCRIPT_TEXT, "line": "a\u2028b"}
    text = data_script_text('odd "stem"', data)
    assert text == (
        "/* The landscape explorer's data, written by the book's build. */\n"
        "(window.landscapeExplorerData = window.landscapeExplorerData || {})"
        '["odd \\"stem\\""] = {"zh":"\\u8c03\\u5ea6",'
        '"ja":"\\u30b9\\u30b1\\u30b8\\u30e5\\u30fc\\u30ea\\u30f3\\u30b0",'
        '"text":"Routes <script>alert(\\"x\\")<\\/script> requests & tokens to models.",'
        '"line":"a\\u2028b"};\n'
    )


@pytest.mark.parametrize("data", [DATA, BOOK_DATA], ids=["fixture", "book"])
def test_landscape2_text_is_pure_pythons_safe_dump(data: Path) -> None:
    """The export may use libyaml's dumper for speed: its text is exactly what PyYAML's own
    ``SafeDumper`` writes (quoting, line breaks, unicode) for the fixture and the book's data."""
    landscape = load(data).landscape
    assert landscape is not None
    body = yaml.dump(
        landscape2_data(landscape),
        Dumper=yaml.SafeDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,
    )
    text = to_landscape2(landscape)
    assert text.endswith(body)
    assert text[: -len(body)].count("\n") == 4  # the four header comment lines
