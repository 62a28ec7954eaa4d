"""Chinese texts segmented on the second core while the build reads its pages.

A Chinese build indexes each page for search when it writes it, and Sphinx's Chinese search
language splits every text of the page with jieba there, in the build's only process. In a cold
zh_CN build that was 3.6–4.4 s of splitting (issue 18), all of it work an English build does not
do, while the machine's second core waited for notebooks or did nothing.

When a build reads many pages (the setting ``book_jieba_prefetch_pages``, :data:`MIN_PAGES` by
default), :func:`start` runs a worker process,
``python -m book_tools.ext.jieba_prefetch``, with the build's search options and dictionary
buckets file. As each page is read (``doctree-read``), :func:`send_page` sends the worker the texts
the indexer would split in the page as it stands then: Sphinx's own node walk
(``sphinx.search._feed_visit_nodes``) run with a ``split`` that only notes its input. The worker
splits them with the same search language the build uses (:class:`~book_tools.ext.search.LazySearchChinese`,
the same dictionary, buckets and user dictionary) and sends back each text with its words.
When the page is indexed, :func:`take_page` hands those words to the page's split texts
(:mod:`book_tools.ext.jieba_segments`), where they count as texts split before: a text is looked up
by its exact characters, so a text the page no longer has as it was read (a resolved cross
reference, a table of contents) is split by the build itself, as before. If a page's words have
not arrived by then, the build waits for them (the worker reads the pages in the order they were
read, and is usually far ahead); a worker that keeps a page waiting for :data:`WAIT` seconds is
not waited for again.

The worker's words are the ones the build would have found: the test builds a Chinese project
with and without the worker and compares the search indexes byte for byte. If the worker cannot
start or stops, the build splits every text itself. Messages between the two processes are
``marshal`` data behind a four-byte length.
"""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import queue
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

MIN_PAGES = 10
"""A build that reads fewer pages splits their texts itself (a rebuild after a few changes)."""

WAIT = 60.0
"""How long a page waits for its words before the build stops waiting for the worker."""

_LENGTH = struct.Struct("<I")


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


def page_texts(doctree: nodes.Node, language: str) -> list[str]:
    """The texts the search indexer would split in *doctree*, in its order, each once."""
    from sphinx.search import WordStore, _feed_visit_nodes

    found: dict[str, None] = {}

    def note(text: str) -> list[str]:
        found[text] = None
        return []

    _feed_visit_nodes(doctree, word_store=WordStore(), split=note, language=language)
    return list(found)


class Prefetcher:
    """A worker process splitting texts, and the words it has sent back, by page."""

    def __init__(self, command: list[str]) -> None:
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self._words: dict[str, dict[str, list[str]]] = {}
        self._sent: set[str] = set()
        self._ended = False  # the worker has stopped answering
        self._arrived = threading.Condition()
        # pages go out through a thread of their own: a full pipe blocks it, not the build
        self._outbox: queue.SimpleQueue[tuple[str, list[str]] | None] = queue.SimpleQueue()
        self._writer = threading.Thread(target=self._write, name="jieba-send", daemon=True)
        self._reader = threading.Thread(target=self._read, name="jieba-receive", daemon=True)
        self._writer.start()
        self._reader.start()

    def _write(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            while (page := self._outbox.get()) is not None:
                write_frame(stdin, page)
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
                docname, words = frame
                with self._arrived:
                    self._words[docname] = words
                    self._arrived.notify_all()
        except (OSError, ValueError, EOFError, TypeError):
            pass
        finally:
            with self._arrived:
                self._ended = True
                self._arrived.notify_all()

    def send(self, docname: str, texts: list[str]) -> None:
        """Have the worker split *texts* of *docname* (nothing if it has stopped)."""
        if texts:
            with self._arrived:
                self._sent.add(docname)
            self._outbox.put((docname, texts))

    def take(self, docname: str, timeout: float = WAIT) -> dict[str, list[str]]:
        """The words the worker found for *docname*'s texts (once), waiting for them if the
        page was sent; after a wait of *timeout* seconds in vain, no page is waited for again."""
        with self._arrived:
            if docname in self._sent and not self._arrived.wait_for(
                lambda: docname in self._words or self._ended, timeout
            ):
                self._ended = True  # a worker this slow is not waited for again
            self._sent.discard(docname)
            return self._words.pop(docname, {})

    def close(self, timeout: float = 10.0) -> None:
        """Let the worker finish and stop (stopped if it takes longer than *timeout*)."""
        self._outbox.put(None)
        self._writer.join(timeout)
        try:
            self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join(timeout)


_running: dict[int, tuple[Prefetcher, str]] = {}
"""The worker of each build (by ``id`` of its application) and its search language code."""


def search_code(app: Sphinx) -> str | None:
    """The search language code of *app*'s HTML build if Sphinx would index it with
    :class:`~book_tools.ext.search.LazySearchChinese`; otherwise ``None``."""
    from sphinx.search import languages

    from book_tools.ext.search import LazySearchChinese

    if app.builder.format != "html" or not getattr(app.builder, "search", False):
        return None
    code = app.config.html_search_language or app.config.language or "en"
    for key in (code, code.partition("_")[0]):
        found = languages.get(key)
        if found is not None:
            if isinstance(found, type) and issubclass(found, LazySearchChinese):
                return key
            return None
    return None


def worker_command(app: Sphinx) -> list[str]:
    """How to run the worker for *app*: its search options and dictionary buckets file."""
    from book_tools.ext.search import LazySearchChinese

    return worker_command_for({
        "options": dict(app.config.html_search_options or {}),
        "buckets": str(LazySearchChinese.buckets_file or ""),
    })  # fmt: skip


def worker_command_for(settings: dict[str, Any]) -> list[str]:
    """How to run the worker with *settings*: the search options and the buckets file."""
    return [sys.executable, "-m", __name__, json.dumps(settings)]


def start(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: start the worker for a Chinese build that reads many pages."""
    least = getattr(app.config, "book_jieba_prefetch_pages", MIN_PAGES)
    if len(docnames) < least or id(app) in _running:
        return
    code = search_code(app)
    if code is None:
        return
    try:
        _running[id(app)] = (Prefetcher(worker_command(app)), code)
    except OSError:
        return


def send_page(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: send the worker the texts of the page just read."""
    running = _running.get(id(app))
    if running is not None:
        prefetcher, code = running
        prefetcher.send(app.env.current_document.docname, page_texts(doctree, code))


def take_page(app: Sphinx, docname: str) -> dict[str, list[str]]:
    """The words the worker found for *docname*'s texts (empty without a worker)."""
    running = _running.get(id(app))
    return running[0].take(docname) if running is not None else {}


def stop(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: stop the worker."""
    running = _running.pop(id(app), None)
    if running is not None:
        running[0].close()


def serve(settings: dict[str, Any], stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The worker: split the texts of each page read from *stdin*, answer on *stdout*."""
    from book_tools.ext.search import LazySearchChinese

    LazySearchChinese.buckets_file = Path(settings["buckets"]) if settings["buckets"] else None
    LazySearchChinese.segments_folder = None
    language = LazySearchChinese(settings["options"])
    while (frame := read_frame(stdin)) is not None:
        docname, texts = frame
        # the words split() returns: jieba's, then the text's Latin terms (which the build's
        # split notes again when it takes the words)
        words = {text: language.split(text) for text in texts}
        write_frame(stdout, (docname, words))


def main(argv: list[str]) -> None:
    """Run the worker; whatever else writes to standard output goes to standard error."""
    frames = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    with frames:
        serve(json.loads(argv[0]), sys.stdin.buffer, frames)


if __name__ == "__main__":
    main(sys.argv[1:])
