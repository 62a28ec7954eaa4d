"""Chinese texts segmented on the second core while the build reads its pages.

A Chinese build indexes each page for search when it writes it, and Sphinx's Chinese search
language splits every text of the page with jieba there, in the build's only process. In a cold
zh_CN build that was 3.6–4.4 s of splitting (issue 18), all of it work an English build does not
do, while the machine's second core waited for notebooks or did nothing.

When a build reads many pages (the setting ``book_worker_pages``,
:data:`book_tools.workers.MIN_PAGES` by default), :func:`start` runs a worker process, ``python -m book_tools.ext.jieba_prefetch``, with the build's search options and dictionary
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
read, and is usually far ahead); a worker that keeps a page waiting for a minute is not waited
for again.

The worker's words are the ones the build would have found: the test builds a Chinese project
with and without the worker and compares the search indexes byte for byte. If the worker cannot
start or stops, the build splits every text itself (:mod:`book_tools.workers` runs the worker).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from book_tools import workers


def page_texts(doctree: nodes.Node, language: str) -> list[str]:
    """The texts the search indexer would split in *doctree*, in its order, each once."""
    from sphinx.search import WordStore, _feed_visit_nodes

    found: dict[str, None] = {}

    def note(text: str) -> list[str]:
        found[text] = None
        return []

    _feed_visit_nodes(doctree, word_store=WordStore(), split=note, language=language)
    return list(found)


_running: dict[int, workers.Worker] = {}
"""The worker of each build (by ``id`` of its application)."""


def indexed_with_jieba(app: Sphinx) -> bool:
    """Whether *app*'s HTML build indexes its pages with
    :class:`~book_tools.ext.search.LazySearchChinese` (the language Sphinx would pick)."""
    from book_tools.ext.search import LazySearchChinese, _registered

    if app.builder.format != "html" or not getattr(app.builder, "search", False):
        return False
    code = app.config.html_search_language or app.config.language or "en"
    return issubclass(_registered(code), LazySearchChinese)


def worker_command(app: Sphinx) -> list[str]:
    """How to run the worker for *app*: its search options and dictionary buckets file."""
    from book_tools.ext.search import LazySearchChinese

    return worker_command_for({
        "options": dict(app.config.html_search_options or {}),
        "buckets": str(LazySearchChinese.buckets_file or ""),
    })  # fmt: skip


def worker_command_for(settings: dict[str, Any]) -> list[str]:
    """How to run the worker with *settings*: the search options and the buckets file."""
    return workers.command(__name__, json.dumps(settings))


def start(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: start the worker for a Chinese build that reads many pages."""
    least = getattr(app.config, "book_worker_pages", workers.MIN_PAGES)
    if len(docnames) < least or id(app) in _running or not indexed_with_jieba(app):
        return
    try:
        _running[id(app)] = workers.Worker(worker_command(app))
    except OSError:
        return


def send_page(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: send the worker the texts of the page just read."""
    worker = _running.get(id(app))
    if worker is not None:
        from book_tools.ext.search import LazySearchChinese

        texts = page_texts(doctree, LazySearchChinese.lang)  # what the indexer passes
        if texts:
            worker.send(app.env.current_document.docname, texts)


def take_page(app: Sphinx, docname: str) -> dict[str, list[str]]:
    """The words the worker found for *docname*'s texts (empty without a worker)."""
    worker = _running.get(id(app))
    words = worker.take(docname) if worker is not None else None
    return words if isinstance(words, dict) else {}


def stop(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: stop the worker."""
    worker = _running.pop(id(app), None)
    if worker is not None:
        worker.close()


def splitter(settings: dict[str, Any]) -> Any:
    """The worker's answer to a page's texts: each text with the words the build's search
    language returns for it (jieba's, then the text's Latin terms, which the build notes again
    when it takes the words)."""
    from book_tools.ext.search import LazySearchChinese

    LazySearchChinese.buckets_file = Path(settings["buckets"]) if settings["buckets"] else None
    LazySearchChinese.segments_folder = None
    language = LazySearchChinese(settings["options"])

    def split_texts(texts: list[str]) -> dict[str, list[str]]:
        return {text: language.split(text) for text in texts}

    return split_texts


if __name__ == "__main__":
    workers.serve(splitter(json.loads(sys.argv[1])))
