"""Publishing configurations are valid and build the right language."""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

CHECK = [sys.executable, "-m", "check_jsonschema"]


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        (".github/workflows/publish.yml", "vendor.github-workflows"),
        (".readthedocs.yaml", "vendor.readthedocs"),
    ],
)
def test_configuration_matches_its_schema(path: str, schema: str) -> None:
    result = subprocess.run(
        [*CHECK, "--builtin-schema", schema, str(REPO / path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("rtd", "expected"), [(None, "en"), ("en", "en"), ("zh-cn", "zh_CN")])
def test_read_the_docs_language_selects_the_edition(
    monkeypatch: pytest.MonkeyPatch, rtd: str | None, expected: str
) -> None:
    if rtd is None:
        monkeypatch.delenv("READTHEDOCS_LANGUAGE", raising=False)
    else:
        monkeypatch.setenv("READTHEDOCS_LANGUAGE", rtd)
    conf = runpy.run_path(str(REPO / "book" / "conf.py"))
    assert conf["language"] == expected
    assert Path(conf["locale_dirs"][0]).is_absolute()
