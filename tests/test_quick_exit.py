"""The build's process exits without a garbage collection over everything the build made."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from book_tools.ext import quick_exit
from conftest import REPO


def test_the_exit_handler_is_registered_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    registered: list[object] = []
    monkeypatch.setattr(quick_exit, "_registered", False)
    monkeypatch.setattr(quick_exit.atexit, "register", registered.append)
    assert quick_exit.install() is True
    assert quick_exit.install() is False  # a second Sphinx app in the same process
    assert registered == [gc.freeze]


def test_at_exit_the_objects_left_are_frozen_not_collected() -> None:
    # A cycle with a finaliser: collected (finaliser runs) by the final collection unless the
    # handler froze it first. Another atexit handler, registered before, still runs after.
    script = """
import atexit, sys
from book_tools.ext import quick_exit
atexit.register(lambda: print("earlier handler ran"))
class Node:
    def __del__(self):
        print("collected")
a, b = Node(), Node()
a.other, b.other = b, a
del a, b
if sys.argv[1] == "install":
    quick_exit.install()
"""

    def run(arg: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", script, arg],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
            env={"PYTHONPATH": str(REPO / "src")},
        ).stdout

    assert run("plain").split() == ["earlier", "handler", "ran", "collected", "collected"]
    assert run("install").split() == ["earlier", "handler", "ran"]
