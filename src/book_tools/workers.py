"""A worker process that does a build's work ahead of time, on the machine's other core.

A build process sends the worker jobs (:meth:`Worker.send`: a key and a payload) and later takes
each answer by its key (:meth:`Worker.take`), waiting for it if it has not arrived. The worker is
``python -m <module> <argument>``, whose ``__main__`` calls :func:`serve` with the function that
answers a payload. Jobs and answers are ``marshal`` data behind a four-byte length, on the
worker's standard input and output; jobs go out through a thread of their own, so a full pipe
never blocks the build, and answers come in on another.

Whatever happens to the worker, the build goes on: :meth:`Worker.take` returns ``None`` for a job
that was not sent, whose worker stopped, or that it waited :data:`WAIT` seconds for in vain (and
then it waits for no other job of that worker), and the build does the job itself.

This module imports nothing of Sphinx, so that a worker that needs little starts fast.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import IO, Any

MIN_PAGES = 10
"""The default of ``book_worker_pages``: a build that reads fewer pages does its work itself
(a rebuild after a few changes), since starting a worker costs more than it saves there."""

WAIT = 60.0
"""How long :meth:`Worker.take` waits for one answer before it gives up on the worker."""

_LENGTH = struct.Struct("<I")
_MISSING = object()


def write_frame(stream: IO[bytes], value: Any) -> None:
    """Send *value* (``marshal`` data) on *stream*, behind its length."""
    data = marshal.dumps(value)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: IO[bytes]) -> Any:
    """The next value sent on *stream*, or ``None`` once it has ended."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    data = stream.read(size)
    return marshal.loads(data) if len(data) == size else None


class Worker:
    """A worker process, the jobs sent to it and the answers it has given, by key."""

    def __init__(self, command: list[str]) -> None:
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self._owner = os.getpid()  # a process forked from the build (sphinx-build -j) has no
        # threads talking to the worker: it neither sends nor waits
        self._answers: dict[str, Any] = {}
        self._sent: set[str] = set()
        self._ended = False  # the worker has stopped answering, or is not waited for
        self._arrived = threading.Condition()
        self._outbox: queue.SimpleQueue[tuple[str, Any] | None] = queue.SimpleQueue()
        self._writer = threading.Thread(target=self._write, name="worker-send", daemon=True)
        self._reader = threading.Thread(target=self._read, name="worker-receive", daemon=True)
        self._writer.start()
        self._reader.start()

    def _write(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            while (job := self._outbox.get()) is not None:
                write_frame(stdin, job)
        except (OSError, ValueError):
            pass
        finally:
            with contextlib.suppress(OSError):
                stdin.close()

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        try:
            while (frame := read_frame(stdout)) is not None:
                key, answer = frame
                with self._arrived:
                    self._answers[key] = answer
                    self._arrived.notify_all()
        except (OSError, ValueError, EOFError, TypeError):
            pass
        finally:
            with self._arrived:
                self._ended = True
                self._arrived.notify_all()

    def send(self, key: str, payload: Any) -> None:
        """Give the worker a job; its answer is taken by *key*."""
        if os.getpid() != self._owner:
            return
        with self._arrived:
            self._sent.add(key)
        self._outbox.put((key, payload))

    def take(self, key: str, timeout: float = WAIT) -> Any:
        """The answer to the job *key* (once), waiting for it; ``None`` if there is none."""
        if os.getpid() != self._owner:
            return None
        with self._arrived:
            if key not in self._sent:
                return None
            if not self._arrived.wait_for(lambda: key in self._answers or self._ended, timeout):
                self._ended = True  # a worker this slow is not waited for again
            self._sent.discard(key)
            answer = self._answers.pop(key, _MISSING)
        return None if answer is _MISSING else answer

    def close(self, timeout: float = 10.0) -> None:
        """Let the worker finish its jobs and end (stopped if it takes longer than *timeout*)."""
        if os.getpid() != self._owner:
            return
        self._outbox.put(None)
        self._writer.join(timeout)
        try:
            self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join(timeout)


def command(module: str, argument: str) -> list[str]:
    """The command that runs *module* as a worker, given *argument*."""
    return [sys.executable, "-m", module, argument]


def serve(answer: Callable[[Any], Any]) -> None:
    """The worker's side: answer each job read from standard input with *answer* on standard
    output, until the build has sent its last job; then end the process at once (freeing
    what the worker built up, one object at a time, would keep the build waiting at its end).
    Anything else written to standard output goes to standard error."""
    frames = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    with frames:
        while (frame := read_frame(sys.stdin.buffer)) is not None:
            key, payload = frame
            write_frame(frames, (key, answer(payload)))
    sys.stderr.flush()
    os._exit(0)
