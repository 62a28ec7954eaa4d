"""Every kind of broken data gives ``file:line: field: what is wrong``, never a traceback.

Each case changes a few lines of :data:`MINIMAL` (whose line numbers are written next to it) and
states the exact messages, with the lines worked out by hand from that listing.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

import landscape_directive
from landscape_directive import yamlsource
from landscape_directive.model import MAX_BYTES, load, loads
from landscape_directive.yamlsource import MAX_DEPTH

MINIMAL = """\
stages:
  - {id: prototype, name: Prototype, description: First release.}
  - {id: early, name: Early, description: Early adopters.}
  - {id: growing, name: Growing, description: In production.}
  - {id: mature, name: Mature, description: Widely used.}
  - {id: standard, name: Standard, description: The standard.}
layers:
  - {id: runtime, name: Runtime, description: Runtimes.}
  - {id: resources, name: Resources, description: Devices.}
  - {id: orchestration, name: Orchestration, description: Scheduling.}
  - {id: engines, name: Engines, description: Engines.}
  - {id: platforms, name: Platforms, description: Platforms.}
  - {id: applications, name: Applications, description: Apps.}
categories:
  - id: batch-scheduling
    name: Batch scheduling
    description: Queueing for batch jobs.
    layer: orchestration
projects:
  - name: Kueue
    homepage_url: https://kueue.sigs.k8s.io/
    description: Job queueing.
    category: batch-scheduling
    stage: growing
    last_checked: 2026-11-27
  - name: Volcano
    homepage_url: https://volcano.sh/
    description: A batch scheduler.
    category: batch-scheduling
    stage: mature
    last_checked: 2026-10-01
"""
# lines: 1 stages, 2-6 the stages, 7 layers, 8-13 the layers, 14 categories, 15-18 the
# category, 19 projects, 20-25 Kueue (20 name ... 25 last_checked), 26-31 Volcano (26 name,
# 27 homepage_url, 28 description, 29 category, 30 stage, 31 last_checked)

LAYERS = "runtime, resources, orchestration, engines, platforms, applications"
STAGES = "prototype, early, growing, mature, standard"
TEXT = "non-blank text without control characters, at most 300 characters"


def edit(changes: dict[int, str]) -> str:
    """MINIMAL with line N replaced by ``changes[N]`` (which may hold several lines)."""
    lines = MINIMAL.splitlines()
    for number, text in changes.items():
        lines[number - 1] = text
    return "\n".join(lines) + "\n"


CASES: list[tuple[str, str, list[str]]] = [
    ("yaml-syntax", edit({22: "    description: [Job queueing"}), [
        "23: malformed YAML: while parsing a flow sequence, did not find expected ',' or ']'",
    ]),
    ("impossible-date", edit({25: "    last_checked: 2026-02-30"}), [
        ("25: project 'Kueue': last_checked: must be a real date written YYYY-MM-DD, "
        "got '2026-02-30'"),
    ]),
    ("date-in-another-form", edit({31: "    last_checked: 01/10/2026"}), [
        ("31: project 'Volcano': last_checked: must be a real date written YYYY-MM-DD, "
        "got '01/10/2026'"),
    ]),
    ("wrong-type-boolean", edit({28: "    description: yes"}), [
        (f"28: project 'Volcano': description: must be {TEXT}, got true or false (put it in "
        "quotes)"),
    ]),
    ("wrong-type-number", edit({26: "  - name: 42"}), [
        ("26: project #2: name: must be a non-blank name on one line without control "
        "characters, at most 80 characters, got a number (put it in quotes)"),
    ]),
    ("unknown-key", edit({27: "    homepage: https://volcano.sh/"}), [
        "26: project 'Volcano': missing required field 'homepage_url'",
        "27: project 'Volcano': unknown field 'homepage' (did you mean 'homepage_url'?)",
    ]),
    ("unknown-category", edit({23: "    category: batch-schedulng"}), [
        ("23: project 'Kueue': category: unknown category 'batch-schedulng' "
        "(did you mean 'batch-scheduling'?)"),
    ]),
    ("unknown-layer", edit({18: "    layer: orchestra"}), [
        ("18: category 'batch-scheduling': layer: unknown value 'orchestra' "
        f"(did you mean 'orchestration'?); expected one of {LAYERS}"),
    ]),
    ("unknown-stage", edit({30: "    stage: grown"}), [
        (f"30: project 'Volcano': stage: unknown value 'grown' (did you mean 'growing'?); "
        f"expected one of {STAGES}"),
    ]),
    ("stages-out-of-order", edit({
        3: "  - {id: growing, name: Growing, description: In production.}",
        4: "  - {id: early, name: Early, description: Early adopters.}",
    }), [
        "3: stage 'growing': id: must be 'early' here, got 'growing'",
        "4: stage 'early': id: must be 'growing' here, got 'early'",
    ]),
    ("duplicate-name", edit({26: "  - name: KUEUE"}), [
        "26: project 'KUEUE': name: duplicate name (first defined as 'Kueue' at line 20)",
    ]),
    ("duplicate-key", edit({24: "    stage: growing\n    stage: mature"}), [
        "25: duplicate key 'stage' (first given at line 24)",
    ]),
    ("javascript-and-data-urls", edit({
        21: "    homepage_url: javascript:alert(document.cookie)",
        27: '    homepage_url: "data:text/html,<script>alert(1)</script>"',
    }), [
        ("21: project 'Kueue': homepage_url: must be an absolute http(s) URL, "
        "got 'javascript:alert(document.cookie)'"),
        ("27: project 'Volcano': homepage_url: must be an absolute http(s) URL, "
        "got 'data:text/html,<script>alert(1)</script>'"),
    ]),
    ("url-breaking-out-of-an-attribute", edit({21: "    homepage_url: 'https://x.org/\"onclick=\"a'"}), [
        ("21: project 'Kueue': homepage_url: must be an absolute http(s) URL, "
        "got 'https://x.org/\"onclick=\"a'"),
    ]),
    ("bidirectional-override", edit({22: '    description: "Job \\u202equeueing"'}), [
        f"22: project 'Kueue': description: must be {TEXT}, got 'Job \\u202equeueing'",
    ]),
    ("control-character-escaped", edit({28: '    description: "A batch\\u0007 scheduler."'}), [
        f"28: project 'Volcano': description: must be {TEXT}, got 'A batch\\u0007 scheduler.'",
    ]),
    ("control-character-raw", edit({28: "    description: A batch\x07 scheduler."}), [
        "28: character U+0007 is not allowed in YAML",
    ]),
    ("control-character-after-chinese-text", edit({
        16: "    name: 批调度批调度批调度批调度批调度批调度批调度批调度",
        28: "    description: A batch\x07 scheduler.",
    }), [
        "28: character U+0007 is not allowed in YAML",  # libyaml counts bytes: 2 more per 调
    ]),
    ("very-long-text", edit({22: "    description: " + "x" * 1000}), [
        f"22: project 'Kueue': description: must be {TEXT}, got 1000 characters",
    ]),
    ("anchors-and-aliases", edit({22: "    description: &d Job queueing.", 28: "    description: *d"}), [
        "22: anchors and aliases (&name, *name) are not allowed",
    ]),
    ("deeply-nested", edit({24: "    stage: growing\n    tags: " + "[" * 40 + "]" * 40}), [
        f"25: nested more than {MAX_DEPTH} levels deep",
    ]),
    ("huge-integer", edit({30: "    stage: " + "9" * 5000}), [
        ("30: cannot read the value: Exceeds the limit (4300 digits) for integer string "
        "conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase "
        "the limit"),
    ]),
    ("python-tag", edit({28: "    description: !!python/object/apply:os.system [echo hi]"}), [
        "28: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
    ]),
    ("list-where-a-mapping-belongs", edit({
        26: "  - [Volcano, https://volcano.sh/]", 27: "", 28: "", 29: "", 30: "", 31: "",
    }), [
        "26: project #2: must be a mapping, got a list",
    ]),
    ("mapping-where-a-list-belongs", edit({24: "    stage: growing\n    tags: {a: b}"}), [
        "25: project 'Kueue': tags: must be a list of different tags, got a mapping",
    ]),
    ("tag-listed-twice", edit({24: "    stage: growing\n    tags: [gpu, gpu]"}), [
        "25: project 'Kueue': tags: lists 'gpu' more than once",
    ]),
    ("missing-section", edit({14: "", 15: "", 16: "", 17: "", 18: ""}), [
        "1: top level: missing required field 'categories'",
    ]),
    ("duplicate-category", edit({18: "    layer: orchestration\n" + "\n".join(
        MINIMAL.splitlines()[14:18])}), [
        ("19: category 'batch-scheduling': id: 'batch-scheduling' is listed twice "
        "(first at line 15)"),
    ]),
    ("extra-stage", edit({6: "  - {id: standard, name: Standard, description: The standard.}\n"
                             "  - {id: legacy, name: Legacy, description: Old.}"}), [
        "7: stages: more items than expected; expected the five stages, in order",
    ]),
    ("list-as-a-key", edit({1: "? [x, y]\n: z\nstages:"}), [
        "1: a key must be a plain word, not a list or a mapping",
    ]),
    ("yes-as-a-key", edit({1: "on: true\nstages:"}), [
        "1: top level: unknown field 'on'",
    ]),
    ("empty-file", "", ["1: the file is empty; expected stages, layers, categories and projects"]),
    ("comments-only", "# nothing yet\n", [
        "1: the file is empty; expected stages, layers, categories and projects",
    ]),
    ("top-level-list", "- stages\n- projects\n", ["1: top level: must be a mapping, got a list"]),
    ("two-documents", MINIMAL + "---\n" + MINIMAL, [
        "32: malformed YAML: expected a single document in the stream, but found another document",
    ]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_data_is_located(tmp_path: Path, text: str, expected: list[str]) -> None:
    path = tmp_path / "landscape.yaml"
    path.write_text(text, encoding="utf-8")
    result = load(path)
    assert [str(issue) for issue in result.issues] == [f"{path}:{e}" for e in expected]


def test_a_problem_outside_the_projects_leaves_no_landscape(tmp_path: Path) -> None:
    path = tmp_path / "landscape.yaml"
    path.write_text(edit({18: "    layer: orchestra"}), encoding="utf-8")
    assert load(path).landscape is None


def test_a_bad_project_is_left_out_and_the_others_kept(tmp_path: Path) -> None:
    path = tmp_path / "landscape.yaml"
    path.write_text(edit({25: "    last_checked: 2026-02-30"}), encoding="utf-8")
    landscape = load(path).landscape
    assert landscape is not None
    assert [p.name for p in landscape.projects] == ["Volcano"]


def test_libyaml_parses() -> None:
    """The messages above are libyaml's, which PyYAML's wheels bundle (and which is about ten
    times faster than PyYAML's own parser); a PyYAML without it still works, worded otherwise."""
    assert yamlsource.CParser is not None


def test_without_libyaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML's own parser gives the same data and lines, with its own wording of errors."""
    monkeypatch.setattr(yamlsource, "CParser", None)
    path = tmp_path / "landscape.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    result = load(path)
    assert result.issues == ()
    assert result.landscape is not None
    assert [(p.name, p.line) for p in result.landscape.projects] == [("Kueue", 20), ("Volcano", 26)]
    path.write_text(edit({22: "    description: [Job queueing"}), encoding="utf-8")
    assert [str(i) for i in load(path).issues] == [
        (
            f"{path}:23: malformed YAML: while parsing a flow sequence, expected ',' or ']', but got "
            "':'"
        )
    ]
    path.write_text(edit({20: "  - name: Kü\x07eue"}), encoding="utf-8")
    assert [str(i) for i in load(path).issues] == [
        f"{path}:20: character U+0007 is not allowed in YAML"
    ]


def test_block_nesting_is_limited_too(tmp_path: Path) -> None:
    path = tmp_path / "landscape.yaml"
    deep = "".join(f"\n{'  ' * (i + 3)}- " for i in range(30)) + "x"
    path.write_text(edit({24: "    stage: growing\n    tags:" + deep}), encoding="utf-8")
    # levels: the top mapping 1, projects 2, the project 3, the list of tags: (line 26) 4; the
    # list on line 26 + k is level 4 + k, so level 17, the first one too deep, is on line 39
    assert [str(i) for i in load(path).issues] == [f"{path}:39: nested more than 16 levels deep"]


def test_bad_encoding(tmp_path: Path) -> None:
    path = tmp_path / "landscape.yaml"
    raw = edit({28: "    description: A batch scheduler for GPUs."}).encode("utf-8")
    path.write_bytes(raw.replace(b"for GPUs", b"f\xfcr GPUs"))  # Latin-1 "für"
    assert [str(i) for i in load(path).issues] == [
        f"{path}:28: not UTF-8: byte 0xfc cannot be decoded; save the file as UTF-8"
    ]


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "landscape.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert load(path).issues == ()


def test_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "landscape.yaml"
    path.write_text(MINIMAL + "# padding\n" * (MAX_BYTES // 10 + 1), encoding="utf-8")
    assert [str(i) for i in load(path).issues] == [
        f"{path}:1: the file is larger than 8 MiB; split it or remove what is not landscape data"
    ]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    assert [str(i) for i in load(path).issues] == [
        f"{path}:1: cannot read the data file: No such file or directory"
    ]


def test_markup_in_text_is_data_not_an_error(tmp_path: Path) -> None:
    """Markup is escaped by every writer (see test_build), so it is not refused here."""
    path = tmp_path / "landscape.yaml"
    path.write_text(edit({22: '    description: "Routes <script>alert(1)</script> & more."'}))
    result = load(path)
    assert result.issues == ()
    assert result.landscape is not None
    assert result.landscape.projects[0].description == "Routes <script>alert(1)</script> & more."


def run_module(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(landscape_directive.__file__).parents[1])}
    return subprocess.run(
        [sys.executable, "-m", "landscape_directive", *args],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("impossible-date", edit({25: "    last_checked: 2026-02-30"}),
         ("25: project 'Kueue': last_checked: must be a real date written YYYY-MM-DD, "
         "got '2026-02-30'")),
        # thousands of levels: libyaml's own limit stops it first
        ("deeply-nested", edit({24: "    stage: growing\n    tags: " + "[" * 5000 + "]" * 5000}),
         "25: malformed YAML: while increasing flow level, exceeded maximum nesting depth"),
        ("yaml-syntax", edit({22: "    description: [Job queueing"}),
         "23: malformed YAML: while parsing a flow sequence, did not find expected ',' or ']'"),
    ],
)  # fmt: skip
def test_commands_print_the_location_and_fail(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    for command in (["validate", str(path)], ["export", str(path), "--format", "csv"]):
        run = run_module(*command)
        assert run.returncode == 1, run.stderr
        assert f"{path}:{message}\n" in run.stderr
        assert "Traceback" not in run.stderr
        assert run.stdout.count("\n") <= 1  # no export written


def test_bad_encoding_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(MINIMAL.replace("Job queueing.", "Jobs f\xfcr GPUs.").encode("latin-1"))
    run = run_module("validate", str(path))
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        f"{path}:22: not UTF-8: byte 0xfc cannot be decoded; save the file as UTF-8",
        f"{path}: 1 problem(s)",
    ]


def test_random_damage_is_reported_never_raised() -> None:
    """600 reproducible random edits of MINIMAL (lines deleted, repeated, cut, or given YAML
    punctuation, control or non-ASCII characters): every one loads to located issues."""
    rng = random.Random(14)
    pieces = [*":-[]{}&*!|>'\"#%@`,?\t \x07é调\\", "\n", "null", "yes", "2026-02-30", "- ", "~"]
    lines = MINIMAL.splitlines()
    damaged = 0
    for _ in range(600):
        edited = list(lines)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(edited))
            at = rng.randrange(len(edited[i]) + 1)
            choice = rng.randrange(4)
            if choice == 0:
                del edited[i]
            elif choice == 1:
                edited.insert(i, edited[rng.randrange(len(edited))])
            elif choice == 2:
                edited[i] = edited[i][:at] + rng.choice(pieces) + edited[i][at:]
            else:
                edited[i] = edited[i][:at] + edited[i][at + rng.randint(1, 5) :]
        result = loads("\n".join(edited) + "\n", "damaged.yaml")
        assert all(i.path == "damaged.yaml" and i.line >= 1 and i.message for i in result.issues)
        damaged += bool(result.issues)
    assert damaged > 300  # most edits do break the data (583 of the 600 do)
