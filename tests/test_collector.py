"""The garbage collector skips what a build keeps until it ends, and the exit does not walk it."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from book_tools.ext import collector
from conftest import REPO


def _run(script: str, arg: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", script, arg],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src")},
    ).stdout


def test_the_exit_handler_is_registered_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    registered: list[object] = []
    monkeypatch.setattr(collector, "_registered", False)
    monkeypatch.setattr(collector.atexit, "register", registered.append)
    assert collector.install() is True
    assert collector.install() is False  # a second Sphinx app in the same process
    assert registered == [gc.freeze]


def test_at_exit_the_objects_left_are_frozen_not_collected() -> None:
    # A cycle with a finaliser: collected (finaliser runs) by the final collection unless the
    # handler froze it first. Another atexit handler, registered before, still runs after.
    script = """
import atexit, sys
from book_tools.ext import collector
atexit.register(lambda: print("earlier handler ran"))
class Node:
    def __del__(self):
        print("collected")
a, b = Node(), Node()
a.other, b.other = b, a
del a, b
if sys.argv[1] == "install":
    collector.install()
"""
    assert _run(script, "plain").split() == ["earlier", "handler", "ran", "collected", "collected"]
    assert _run(script, "install").split() == ["earlier", "handler", "ran"]


def test_settling_freezes_once_and_raises_only_the_young_threshold() -> None:
    # In a fresh interpreter: what exists when the builder starts is frozen (never collected,
    # even by a full collection), the young threshold goes to 10,000, the others stay 10, and
    # a second build in the same process changes nothing. Garbage made after settling is still
    # collected by a full collection.
    script = """
import gc, sys
from book_tools.ext import collector
class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("collected", self.name)
def cycle(name):
    a, b = Node(name), Node(name)
    a.other, b.other = b, a
gc.collect()
cycle("before")
gc.set_threshold(700, 10, 10)  # Python 3.12's default (3.13's is 2000)
print("first", collector.settle(None))
print("frozen", gc.get_freeze_count() > 0)
print("second", collector.settle(None))
print("threshold", *gc.get_threshold())
cycle("after")
gc.collect()
print("end")
sys.stdout.flush()
import os
os._exit(0)
"""
    assert _run(script, "").splitlines() == [
        "first True",
        "frozen True",
        "second False",
        "threshold 10000 10 10",
        "collected after",
        "collected after",
        "end",
    ]
