"""One notebook cache shared safely by editions built at the same time (``make -j2 html``).

Every edition executes the book's notebooks through one jupyter-cache (``nb_execution_cache_path``),
so a notebook runs once and every language shows the same outputs. Two builds running side by
side used to break that in two ways:

* both could miss the cache for the same notebook, execute it and add it to the cache; the
  second crashed in jupyter-cache (``FileExistsError`` in ``.jupyter_cache/executed/``);
* myst-nb writes each notebook's outputs (images, the executed ``.ipynb``) into a folder beside
  the HTML output, ``<outdir>/../jupyter_execute``, which for ``_build/html/<lang>`` is one folder
  for every language: one build could rewrite a file while another copied it into its pages.

This extension makes myst-nb's cache step (``NotebookClientCache.start_client``: look the
notebook up, execute and store it if missing) hold an exclusive lock on ``<cache>.lock`` (a file
beside the cache folder), so a second build waiting for a notebook the first is executing finds
it in the cache afterwards; and it gives each build its own output folder,
``<doctrees>/jupyter_execute``. Nothing else changes: a changed notebook misses the cache and is
executed (once), as before.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from book_tools import __version__
from book_tools.ext import notebook_clients

LOCK_SUFFIX = ".lock"


@contextlib.contextmanager
def cache_lock(cache_path: str | Path) -> Iterator[None]:
    """Hold an exclusive lock on ``<cache_path>.lock`` (waiting for other processes)."""
    path = Path(cache_path)
    lock_file = path.with_name(path.name + LOCK_SUFFIX)
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def locked(start_client: Callable[[Any], None]) -> Callable[[Any], None]:
    """*start_client* of myst-nb's cache client, run while holding the cache's lock."""
    if getattr(start_client, "_book_locked", False):
        return start_client

    @functools.wraps(start_client)
    def start_client_locked(self: Any) -> None:
        with cache_lock(self.nb_config.execution_cache_path or ".jupyter_cache"):
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


def own_output_folder(app: Sphinx) -> None:
    """``builder-inited``, after myst-nb's: this build's notebook outputs under its doctrees."""
    config = getattr(app.env, "mystnb_config", None)
    if config is None:
        return
    folder = Path(app.doctreedir) / "jupyter_execute"
    app.env.mystnb_config = config.copy(output_folder=str(folder.resolve()))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the lock and the per-build output folder; set up ``myst_nb`` with its notebook
    clients deferred (so this extension comes before ``myst_nb`` in ``extensions``)."""
    notebook_clients.defer()
    app.setup_extension("myst_nb")
    install()
    app.connect("builder-inited", own_output_folder, priority=900)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
