"""Builds side by side share one notebook cache: each notebook executed once, no crash."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from myst_nb.core.config import NbParserConfig

from book_tools.ext import notebook_cache
from conftest import REPO, ROOTS, source_date_epoch


def is_locked(cache: Path) -> bool:
    """Whether another holder has ``<cache>.lock`` (tried without waiting)."""
    with (cache.parent / (cache.name + ".lock")).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def test_cache_lock_is_exclusive_while_held(tmp_path: Path) -> None:
    cache = tmp_path / ".jupyter_cache"
    with notebook_cache.cache_lock(cache):
        assert is_locked(cache)
    assert not is_locked(cache)


def test_the_cache_step_runs_under_the_lock_of_its_cache(tmp_path: Path) -> None:
    cache = tmp_path / "nbcache"
    seen: list[bool] = []
    start = notebook_cache.locked(lambda client: seen.append(is_locked(cache)))
    assert notebook_cache.locked(start) is start  # locking twice would deadlock
    start(SimpleNamespace(nb_config=SimpleNamespace(execution_cache_path=str(cache))))
    assert seen == [True]
    assert not is_locked(cache)


def test_each_build_writes_notebook_outputs_under_its_own_doctrees(tmp_path: Path) -> None:
    app = SimpleNamespace(
        env=SimpleNamespace(mystnb_config=NbParserConfig(output_folder="/shared")),
        doctreedir=tmp_path / "doctrees" / "ja",
    )
    notebook_cache.own_output_folder(app)  # type: ignore[arg-type]
    assert app.env.mystnb_config.output_folder == str(
        tmp_path / "doctrees" / "ja" / "jupyter_execute"
    )


def build(root: Path, out: Path, cache: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "-q",
            "-d",
            str(out / "doctrees"),
            "-D",
            f"nb_execution_cache_path={cache}",
            str(root),
            str(out / "html"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=dict(
            os.environ,
            PYTHONPATH=str(REPO / "src"),
            SOURCE_DATE_EPOCH=source_date_epoch(),
            PYTHONWARNINGS="ignore",
        ),
    )


def test_two_builds_at_once_execute_a_notebook_once_into_one_cold_cache(tmp_path: Path) -> None:
    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-notebook-cache", root)
    cache = tmp_path / ".jupyter_cache"
    builds = {name: build(root, tmp_path / name, cache) for name in ("first", "second")}
    for name, proc in builds.items():
        _, err = proc.communicate()
        assert proc.returncode == 0, f"{name}: {err}"
    pages = [(tmp_path / name / "html" / "index.html").read_text("utf-8") for name in builds]
    assert all("six times seven is 42" in page for page in pages)
    # the cell prints the process that executed it: executed once, both pages show one process
    runs = [re.findall(r"executed by process \d+", page) for page in pages]
    assert len(runs[0]) == 1
    assert runs[0] == runs[1]
    assert pages[0] == pages[1]
    assert len(list((cache / "executed").iterdir())) == 1  # one executed notebook in the cache
    for name in builds:
        assert (tmp_path / name / "doctrees" / "jupyter_execute" / "index.ipynb").is_file()
    assert not (tmp_path / "first" / "jupyter_execute").exists()  # not beside the HTML
