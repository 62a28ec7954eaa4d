"""The command line: ``python -m landscape_directive validate PATH``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import landscape_directive
from landscape_directive.__main__ import find_docnames, main

from .util import DATA, INVALID, ROOTS


def test_valid_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DATA), "--srcdir", str(DATA.parents[1])]) == 0
    out, err = capsys.readouterr()
    assert out == f"{DATA}: OK, 8 projects\n"
    assert err == ""


def test_invalid_file_prints_the_build_messages(capsys: pytest.CaptureFixture[str]) -> None:
    path = INVALID / "unknown-category.yaml"
    assert main(["validate", str(path)]) == 1
    _out, err = capsys.readouterr()
    assert err.splitlines() == [
        (
            f"{path}:67: project 'Kueue': category: unknown category 'batch-schedulng' "
            "(did you mean 'batch-scheduling'?)"
        ),
        f"{path}: 1 problem(s)",
    ]


def test_chapters_are_checked_with_srcdir(capsys: pytest.CaptureFixture[str]) -> None:
    path = INVALID / "bad-chapter.yaml"
    assert main(["validate", str(path)]) == 0  # without the pages, nothing to compare with
    capsys.readouterr()
    assert main(["validate", str(path), "--srcdir", str(ROOTS / "test-landscape-invalid")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        (
            f"{path}:87: project 'vLLM': chapters[0]: 'chapters/inferense' names no page "
            "(did you mean 'chapters/inference'?)"
        ),
        f"{path}: 1 problem(s)",
    ]


def test_find_docnames_skips_private_directories(tmp_path: Path) -> None:
    for name in ["index.md", "a/b.rst", "_build/x.md", ".git/y.md", "c/nb.ipynb", "d/e.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert find_docnames(tmp_path) == {"index", "a/b", "c/nb"}


def test_export(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert main(["export", str(DATA), "--format", "json", "-o", str(target)]) == 0
    assert len(json.loads(target.read_text("utf-8"))["projects"]) == 8
    assert main(["export", str(INVALID / "bad-url.yaml")]) == 1


def test_module_entry_point() -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(landscape_directive.__file__).parents[1])}
    run = subprocess.run(
        [sys.executable, "-m", "landscape_directive", "validate", str(INVALID / "bad-url.yaml")],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert run.returncode == 1
    assert run.stderr.splitlines()[0] == (
        f"{INVALID / 'bad-url.yaml'}:73: project 'Volcano': homepage_url: must be an absolute "
        "http(s) URL, got 'javascript:alert(document.cookie)'"
    )
    usage = subprocess.run(
        [sys.executable, "-m", "landscape_directive"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert usage.returncode == 2


def stale_fixture(tmp_path: Path) -> Path:
    """The basic data with three dates changed: line 71 (Kueue) 2026-01-15, line 95
    (containerd) 2025-12-27, line 115 (Engine Metrics) 2026-11-26."""
    lines = DATA.read_text(encoding="utf-8").splitlines()  # every entry: 2026-11-27
    assert lines[70] == lines[94] == lines[114] == "    last_checked: 2026-11-27"
    lines[70] = "    last_checked: 2026-01-15"
    lines[94] = "    last_checked: 2025-12-27"
    lines[114] = "    last_checked: 2026-11-26"
    path = tmp_path / "landscape.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_stale_lists_entries_older_than_the_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = stale_fixture(tmp_path)
    # ages on 2026-12-27, by hand: Kueue 16 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 27
    # = 346 days; containerd 365 (2026 is not a leap year); Engine Metrics 4 + 27 = 31; the
    # other five 3 + 27 = 30, which is not more than 30
    assert main(["validate", str(path), "--stale", "30", "--today", "2026-12-27"]) == 3
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [
        f"{path}: OK, 8 projects",
        f"{path}:71: Kueue: last checked 2026-01-15 (346 days ago)",
        f"{path}:95: containerd: last checked 2025-12-27 (365 days ago)",
        f"{path}:115: Engine Metrics: last checked 2026-11-26 (31 days ago)",
        f"{path}: 3 of 8 entries not checked in the 30 days before 2026-12-27",
    ]
    # 346 < 364 < 365: only containerd; 365 days: nothing (exactly DAYS old is still fresh)
    assert main(["validate", str(path), "--stale", "364", "--today", "2026-12-27"]) == 3
    assert f"{path}:95: containerd" in capsys.readouterr().out
    assert main(["validate", str(path), "--stale", "365", "--today", "2026-12-27"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"{path}: 0 of 8 entries not checked in the 365 days before 2026-12-27"
    )


def test_stale_with_invalid_data_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["validate", str(INVALID / "bad-date.yaml"), "--stale", "1", "--today",
                   "2027-01-01"])  # fmt: skip
    assert status == 1
    assert "95: project 'containerd': last_checked:" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--stale", "-3"], "argument --stale: not a number of days: '-3'"),
        (["--stale", "30", "--today", "2026-02-30"],
         "argument --today: not a date in the form YYYY-MM-DD: '2026-02-30'"),
    ],
)  # fmt: skip
def test_stale_options_are_checked(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", str(DATA), *args])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(message)


def test_export_to_an_unwritable_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "missing-directory" / "out.json"
    assert main(["export", str(DATA), "-o", str(target)]) == 1
    assert capsys.readouterr().err == (
        f"{target}: cannot write the export: No such file or directory\n"
    )
