"""Builds side by side share one notebook cache: each notebook executed once, no crash, and the
builds execute different notebooks at the same time."""

from __future__ import annotations

import fcntl
import hashlib
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


def is_free(lock_file: Path) -> bool:
    """Whether nobody holds *lock_file* (tried without waiting)."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


def whole_cache_lock(cache: Path) -> Path:
    return cache.parent / (cache.name + ".lock")


def notebook_lock_file(cache: Path, notebook: Path) -> Path:
    digest = hashlib.sha256(str(notebook.resolve()).encode()).hexdigest()[:24]
    return cache.parent / (cache.name + ".locks") / f"{digest}.lock"


def test_cache_lock_is_exclusive_while_held(tmp_path: Path) -> None:
    cache = tmp_path / ".jupyter_cache"
    with notebook_cache.cache_lock(cache):
        assert not is_free(whole_cache_lock(cache))
    assert is_free(whole_cache_lock(cache))


def test_the_cache_step_holds_its_notebooks_lock_only(tmp_path: Path) -> None:
    cache = tmp_path / "nbcache"
    notebook, other = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    seen: list[tuple[bool, bool, bool]] = []

    def start_client(client: object) -> None:
        seen.append(
            (
                is_free(notebook_lock_file(cache, notebook)),
                is_free(notebook_lock_file(cache, other)),
                is_free(whole_cache_lock(cache)),
            )
        )

    start = notebook_cache.locked(start_client)
    assert notebook_cache.locked(start) is start  # locking twice would deadlock
    config = SimpleNamespace(execution_cache_path=str(cache))
    start(SimpleNamespace(nb_config=config, path=notebook))
    # its own notebook locked; another notebook and the whole cache free for another build
    assert seen == [(False, True, True)]
    assert is_free(notebook_lock_file(cache, notebook))
    assert (cache / "global.db").is_file()  # the database was made before, under the cache lock
    start(SimpleNamespace(nb_config=config, path=None))  # no source file: the whole cache
    assert seen[1] == (True, True, False)


def test_reader_slots_are_the_first_free_numbers(tmp_path: Path) -> None:
    first, second, third = (notebook_cache.ReaderSlot(tmp_path / "c") for _ in range(3))
    assert (first.take(), second.take()) == (0, 1)
    assert first.take() == 0  # taking again keeps the slot
    first.release()
    assert third.take() == 0
    assert not is_free(tmp_path / "c.locks" / "reader-1.lock")
    second.release()
    assert is_free(tmp_path / "c.locks" / "reader-1.lock")


def test_reading_order_reverses_the_notebooks_of_odd_slots_in_their_places() -> None:
    docnames = ["a", "ex/x", "ex/y", "intro", "ex/z"]
    notebooks = {"ex/x", "ex/y", "ex/z"}
    assert notebook_cache.reading_order(docnames, notebooks, 0) == docnames
    assert notebook_cache.reading_order(docnames, notebooks, 2) == docnames
    reverse = ["a", "ex/z", "ex/y", "intro", "ex/x"]
    assert notebook_cache.reading_order(docnames, notebooks, 1) == reverse
    assert notebook_cache.reading_order(docnames, notebooks, 3) == reverse
    assert docnames == ["a", "ex/x", "ex/y", "intro", "ex/z"]  # a new list


def fake_app(cache: Path, mode: str = "cache") -> SimpleNamespace:
    listeners: dict[str, list] = {}
    return SimpleNamespace(
        config=SimpleNamespace(
            nb_execution_mode=mode, nb_execution_cache_path=str(cache), nb_custom_formats={}
        ),
        connect=lambda event, callback: listeners.setdefault(event, []).append(callback),
        listeners=listeners,
    )


SUFFIXES = {"a": ".md", "n1": ".ipynb", "b": ".md", "n2": ".ipynb", "n3": ".ipynb"}
FAKE_ENV = SimpleNamespace(doc2path=lambda name: Path(f"/book/{name}{SUFFIXES[name]}"))


def test_a_second_build_sharing_the_cache_reads_the_notebooks_last_first(tmp_path: Path) -> None:
    cache = tmp_path / ".jupyter_cache"
    docnames = ["a", "n1", "b", "n2", "n3"]
    first, second = fake_app(cache), fake_app(cache)
    first_names, second_names = list(docnames), list(docnames)
    notebook_cache.share_notebooks(first, FAKE_ENV, first_names)  # type: ignore[arg-type]
    notebook_cache.share_notebooks(second, FAKE_ENV, second_names)  # type: ignore[arg-type]
    assert first_names == docnames
    assert second_names == ["a", "n3", "b", "n2", "n1"]
    # each slot is given back when its build finishes
    (release,) = first.listeners["build-finished"]
    release(first, None)
    assert is_free(tmp_path / ".jupyter_cache.locks" / "reader-0.lock")
    assert not is_free(tmp_path / ".jupyter_cache.locks" / "reader-1.lock")
    second.listeners["build-finished"][0](second, None)


def test_the_reading_order_is_left_alone_without_a_shared_cache(tmp_path: Path) -> None:
    holder = notebook_cache.ReaderSlot(tmp_path / ".jupyter_cache")
    holder.take()  # a build reading in slot 1 would reverse
    for mode in ("auto", "force", "off"):
        names = ["a", "n1", "b", "n2", "n3"]
        app = fake_app(tmp_path / ".jupyter_cache", mode)
        notebook_cache.share_notebooks(app, FAKE_ENV, names)  # type: ignore[arg-type]
        assert names == ["a", "n1", "b", "n2", "n3"]
        assert app.listeners == {}
    holder.release()


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


def test_two_builds_at_once_execute_each_notebook_once_into_one_cold_cache(
    tmp_path: Path,
) -> None:
    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-notebook-cache", root)
    cache = tmp_path / ".jupyter_cache"
    builds = {name: build(root, tmp_path / name, cache) for name in ("first", "second")}
    for name, proc in builds.items():
        _, err = proc.communicate()
        assert proc.returncode == 0, f"{name}: {err}"
    pages = {
        page: [(tmp_path / name / "html" / f"{page}.html").read_text("utf-8") for name in builds]
        for page in ("index", "second", "third")
    }
    assert all("six times seven is 42" in page for page in pages["index"])
    assert all("3 squared is 9" in page for page in pages["third"])
    for page, (first, second) in pages.items():
        # the cell prints the process that executed it: executed once, both builds show one
        runs = [re.findall(r"executed by process \d+", html) for html in (first, second)]
        assert len(runs[0]) == 1, page
        assert runs[0] == runs[1], page
        assert first == second, page
    assert len(list((cache / "executed").iterdir())) == 3  # three executed notebooks, once each
    for name in builds:
        assert (tmp_path / name / "doctrees" / "jupyter_execute" / "index.ipynb").is_file()
    assert not (tmp_path / "first" / "jupyter_execute").exists()  # not beside the HTML


def test_pages_do_not_depend_on_the_order_notebooks_are_read_in(tmp_path: Path) -> None:
    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-notebook-cache", root)
    cache = tmp_path / ".jupyter_cache"
    forward = build(root, tmp_path / "forward", cache)  # slot 0: first to last
    assert forward.wait() == 0, forward.communicate()[1]
    holder = notebook_cache.ReaderSlot(cache)
    assert holder.take() == 0
    try:
        backward = build(root, tmp_path / "backward", cache)  # slot 1: last to first
        assert backward.wait() == 0, backward.communicate()[1]
    finally:
        holder.release()
    for page in ("index", "second", "third", "genindex", "search", "searchindex"):
        suffix = ".js" if page == "searchindex" else ".html"
        files = [tmp_path / side / "html" / f"{page}{suffix}" for side in ("forward", "backward")]
        assert files[0].read_bytes() == files[1].read_bytes(), page
