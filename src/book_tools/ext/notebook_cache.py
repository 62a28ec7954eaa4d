"""One notebook cache shared safely, and both cores kept busy, by editions built at the same time.

Every edition executes the book's notebooks through one jupyter-cache (``nb_execution_cache_path``),
so a notebook runs once and every language shows the same outputs. Two builds running side by
side (``make -j2 html``) need three things from this extension:

* **One execution per notebook.** Both builds could miss the cache for the same notebook,
  execute it and add it to the cache; the second crashed in jupyter-cache (``FileExistsError`` in
  ``.jupyter_cache/executed/``). myst-nb's cache step (``NotebookClientCache.start_client``: look
  the notebook up, execute and store it if missing) therefore holds an exclusive lock on that
  notebook, ``<cache>.locks/<digest of its path>.lock``: a build that reaches a notebook the other
  is executing waits for it and then finds it in the cache. The cache's folder and database are
  created under a lock on the whole cache, ``<cache>.lock`` (jupyter-cache creates both without
  expecting a second process).
* **Different notebooks at the same time.** Sphinx reads pages in sorted order, so two languages
  reach the notebooks in the same order and, with one lock for the whole cache, the second build
  waited while the first executed each notebook in turn (measured: 39 s of a 68 s side-by-side
  build of en and zh_CN, one core idle). At ``env-before-read-docs`` each build takes the first
  free *reader slot* (``<cache>.locks/reader-<n>.lock``, held until the build ends) and reads the
  notebooks in the order of its slot: even slots first to last, odd slots last to first. Two
  builds started together execute from opposite ends and meet in the middle. Only the notebooks
  trade places among themselves; every other page keeps its place, and what a page renders does
  not depend on the order in which pages are read.
* **Outputs of its own.** myst-nb writes each notebook's outputs (images, the executed ``.ipynb``)
  into ``<outdir>/../jupyter_execute``, which for ``_build/html/<lang>`` is one folder for every
  language: one build could rewrite a file while another copied it into its pages. Each build
  writes to ``<doctrees>/jupyter_execute`` instead.

Nothing else changes: a changed notebook misses the cache and is executed (once), as before.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from book_tools import __version__
from book_tools.ext import notebook_clients

LOCK_SUFFIX = ".lock"
LOCKS_SUFFIX = ".locks"
DEFAULT_CACHE = ".jupyter_cache"
NOTEBOOK_SUFFIXES = frozenset({".ipynb"})


def _flock(lock_file: Path, *, wait: bool = True) -> IO[str] | None:
    """The open *lock_file* with an exclusive lock on it, or None if another holder has it and
    *wait* is false."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    handle = lock_file.open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def _unlock(handle: IO[str]) -> None:
    fcntl.flock(handle, fcntl.LOCK_UN)
    handle.close()


@contextlib.contextmanager
def _holding(lock_file: Path) -> Iterator[None]:
    handle = _flock(lock_file)
    assert handle is not None  # a waiting flock returns only once it holds the lock
    try:
        yield
    finally:
        _unlock(handle)


def _beside(cache_path: str | Path, suffix: str) -> Path:
    path = Path(cache_path)
    return path.with_name(path.name + suffix)


def locks_folder(cache_path: str | Path) -> Path:
    """The folder of the per-notebook locks and reader slots of the cache at *cache_path*."""
    return _beside(cache_path, LOCKS_SUFFIX)


def cache_lock(cache_path: str | Path) -> contextlib.AbstractContextManager[None]:
    """Hold an exclusive lock on the whole cache, ``<cache_path>.lock`` (waiting for other
    processes)."""
    return _holding(_beside(cache_path, LOCK_SUFFIX))


def notebook_lock(
    cache_path: str | Path, notebook: str | Path
) -> contextlib.AbstractContextManager[None]:
    """Hold an exclusive lock on one notebook of the cache at *cache_path* (waiting for other
    processes); the notebook is named by its source file, the same for every language."""
    digest = hashlib.sha256(str(Path(notebook).resolve()).encode()).hexdigest()[:24]
    return _holding(locks_folder(cache_path) / f"{digest}{LOCK_SUFFIX}")


@functools.cache
def ensure_cache(cache_path: str) -> None:
    """Create the cache's folder and database now, under the whole cache's lock (jupyter-cache
    creates them on first use, and two processes doing so at once can both try to)."""
    from jupyter_cache import get_cache  # imported with myst-nb's cache client, not before

    with cache_lock(cache_path):
        get_cache(cache_path).db  # noqa: B018 - the property creates the database


def locked(start_client: Callable[[Any], None]) -> Callable[[Any], None]:
    """*start_client* of myst-nb's cache client, run while holding the lock of its notebook (of
    the whole cache for a notebook without a source file)."""
    if getattr(start_client, "_book_locked", False):
        return start_client

    @functools.wraps(start_client)
    def start_client_locked(self: Any) -> None:
        cache = str(self.nb_config.execution_cache_path or DEFAULT_CACHE)
        ensure_cache(cache)
        path = getattr(self, "path", None)
        with cache_lock(cache) if path is None else notebook_lock(cache, path):
            start_client(self)

    start_client_locked._book_locked = True  # type: ignore[attr-defined]
    return start_client_locked


def lock_client(client: type) -> None:
    """Make *client* (myst-nb's ``NotebookClientCache``) hold the lock in its cache step."""
    client.start_client = locked(client.start_client)  # type: ignore[attr-defined]


def install() -> None:
    """Lock myst-nb's cache step, when its cache client is imported (see
    :mod:`book_tools.ext.notebook_clients`: not before a notebook is executed)."""
    notebook_clients.when_loaded("myst_nb.core.execute.cache", lock_client)


class ReaderSlot:
    """A numbered slot among the builds sharing one cache, held from first use until released."""

    def __init__(self, cache_path: str | Path) -> None:
        self.folder = locks_folder(cache_path)
        self.number: int | None = None
        self._handle: IO[str] | None = None

    def take(self) -> int:
        """The number of the first free slot (the one this build holds, once taken)."""
        if self.number is None:
            for number in itertools.count():
                handle = _flock(self.folder / f"reader-{number}{LOCK_SUFFIX}", wait=False)
                if handle is not None:
                    self.number, self._handle = number, handle
                    break
        assert self.number is not None
        return self.number

    def release(self) -> None:
        """Give the slot back (a process that ends gives it back too)."""
        if self._handle is not None:
            _unlock(self._handle)
        self.number, self._handle = None, None


def reading_order(docnames: list[str], notebooks: set[str], slot: int) -> list[str]:
    """*docnames* with the *notebooks* among them in the order of reader *slot*: as they are for
    an even slot, reversed for an odd one; every other page keeps its place."""
    places = [index for index, docname in enumerate(docnames) if docname in notebooks]
    order = [docnames[index] for index in places]
    if slot % 2:
        order.reverse()
    result = list(docnames)
    for index, docname in zip(places, order, strict=True):
        result[index] = docname
    return result


def _notebook_suffixes(app: Sphinx) -> frozenset[str]:
    custom = getattr(app.config, "nb_custom_formats", None) or {}
    return NOTEBOOK_SUFFIXES | frozenset(custom)


def share_notebooks(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: with a shared cache, take a reader slot and read the notebooks
    in its order (the list is changed in place, as Sphinx allows)."""
    if getattr(app.config, "nb_execution_mode", None) != "cache":
        return
    suffixes = _notebook_suffixes(app)
    notebooks = {name for name in docnames if Path(env.doc2path(name)).suffix in suffixes}
    if len(notebooks) < 2:
        return
    slot = ReaderSlot(app.config.nb_execution_cache_path or DEFAULT_CACHE)
    app.connect("build-finished", lambda _app, _exc: slot.release())
    docnames[:] = reading_order(docnames, notebooks, slot.take())


def own_output_folder(app: Sphinx) -> None:
    """``builder-inited``, after myst-nb's: this build's notebook outputs under its doctrees."""
    config = getattr(app.env, "mystnb_config", None)
    if config is None:
        return
    folder = Path(app.doctreedir) / "jupyter_execute"
    app.env.mystnb_config = config.copy(output_folder=str(folder.resolve()))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the locks, the reading order and the per-build output folder; set up ``myst_nb``
    with its notebook clients deferred (so this extension comes before ``myst_nb`` in
    ``extensions``)."""
    notebook_clients.defer()
    app.setup_extension("myst_nb")
    install()
    app.connect("builder-inited", own_output_folder, priority=900)
    app.connect("env-before-read-docs", share_notebooks)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
