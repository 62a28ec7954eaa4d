"""Worker processes: jobs and answers by key, and a build that goes on whatever the worker does."""

from __future__ import annotations

import io
import marshal
import sys
import time
from pathlib import Path

import pytest

from book_tools import workers
from book_tools.catalogs import stats_worker
from book_tools.catalogs.loading import CatalogError
from book_tools.catalogs.stats import page_stats
from conftest import ROOTS


def test_a_frame_comes_back_as_sent() -> None:
    stream = io.BytesIO()
    workers.write_frame(stream, ("kubernetes/dra", ["调度器", "GPU 节点"]))
    workers.write_frame(stream, ("index", {"首页": ["首页"]}))
    data = stream.getvalue()
    # four bytes of length, then the marshal data
    size = int.from_bytes(data[:4], "little")
    assert marshal.loads(data[4 : 4 + size]) == ("kubernetes/dra", ["调度器", "GPU 节点"])
    stream.seek(0)
    assert workers.read_frame(stream) == ("kubernetes/dra", ["调度器", "GPU 节点"])
    assert workers.read_frame(stream) == ("index", {"首页": ["首页"]})
    assert workers.read_frame(stream) is None  # the end
    cut = io.BytesIO(data[: len(data) - 3])
    workers.read_frame(cut)
    assert workers.read_frame(cut) is None  # a frame cut short: the end too


def test_the_catalog_worker_counts_as_the_build_would(tmp_path: Path) -> None:
    folder = ROOTS / "test-banner" / "locales" / "zh_CN" / "LC_MESSAGES"
    broken = tmp_path / "broken.po"
    broken.write_text('msgid ""\nmsgstr "open\n', encoding="utf-8")
    worker = workers.Worker(workers.command(stats_worker.__name__, ""))
    try:
        for name in ("partial", "full"):
            worker.send(name, str(folder / f"{name}.po"))
        worker.send("broken", str(broken))
        assert worker.take("never sent") is None
        for name in ("partial", "full"):
            answer = worker.take(name)
            assert stats_worker.stats_of(answer, name) == page_stats(folder / f"{name}.po", name)
        assert worker.take("partial") is None  # an answer is taken once
        answer = worker.take("broken")
    finally:
        worker.close()
    assert answer[0] == "problems"
    try:
        stats_worker.stats_of(answer, "broken")
    except CatalogError as exc:
        here = []
        try:
            page_stats(broken, "broken")
        except CatalogError as local:
            here = local.problems
        assert exc.problems == here and exc.problems[0].path == broken
    else:
        raise AssertionError("a malformed catalog gave counts")
    # the partial page of the test root, counted by hand: two translated (its title and one
    # sentence), one fuzzy, one empty
    partial = stats_worker.stats_of(stats_worker.count(str(folder / "partial.po")), "partial")
    assert (partial.translated, partial.fuzzy, partial.untranslated) == (2, 1, 1)


def test_a_worker_that_ends_or_hangs_is_not_waited_for() -> None:
    ended = workers.Worker([sys.executable, "-c", "pass"])
    ended.send("a", "job")
    started = time.monotonic()
    assert ended.take("a") is None  # the worker ended without answering
    assert time.monotonic() - started < 10
    ended.close()

    hanging = workers.Worker([sys.executable, "-c", "import time; time.sleep(60)"])
    hanging.send("a", "job")
    hanging.send("b", "job")
    started = time.monotonic()
    assert hanging.take("a", timeout=0.5) is None
    assert hanging.take("b", timeout=30) is None  # not waited for again
    assert time.monotonic() - started < 5
    hanging.close(timeout=0.5)  # stopped


# Sphinx forks its parallel readers the same way, threads and all
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_process_neither_sends_nor_waits() -> None:
    import os

    worker = workers.Worker([sys.executable, "-c", "import time; time.sleep(60)"])
    worker.send("a", "job")
    child = os.fork()
    if child == 0:  # sphinx-build -j reads pages in forked processes
        started = time.monotonic()
        worker.send("b", "job")
        result = worker.take("a") is None and worker.take("b") is None
        os._exit(0 if result and time.monotonic() - started < 5 else 1)
    _pid, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    worker.close(timeout=0.5)
