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

from .util import DATA, INVALID, ROOTS, marked_line


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
            f"{path}:{marked_line(path)}: project 'Kueue': unknown category 'batch-schedulng' "
            "(did you mean 'batch-scheduling'?)"
        ),
        f"{path}: 1 problem(s)",
    ]


def test_chapters_are_checked_with_srcdir(capsys: pytest.CaptureFixture[str]) -> None:
    path = INVALID / "bad-chapter.yaml"
    assert main(["validate", str(path)]) == 0  # without the pages, nothing to compare with
    capsys.readouterr()
    assert main(["validate", str(path), "--srcdir", str(ROOTS / "test-landscape-invalid")]) == 1
    assert "chapter 'chapters/inferense' names no page" in capsys.readouterr().err


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
    assert "field 'homepage_url' must be an http(s) URL, got 'javascript:" in run.stderr
    usage = subprocess.run(
        [sys.executable, "-m", "landscape_directive"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert usage.returncode == 2
