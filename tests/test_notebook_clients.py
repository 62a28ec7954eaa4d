"""myst-nb's notebook clients (and jupyter-cache, SQLAlchemy, nbclient) imported only when used."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import REPO

HEAVY = ("jupyter_cache", "sqlalchemy", "nbclient", "jupyter_client", "zmq", "tornado")

PROBE = """
import json, sys
from book_tools.ext import notebook_cache, notebook_clients
heavy = {heavy!r}
first = {first!r}
if first == "myst_nb":
    import myst_nb.sphinx_ext
deferred = notebook_clients.defer()
notebook_cache.install()
import myst_nb.sphinx_ext
from myst_nb.core import execute
after_setup = sorted(m for m in heavy if m in sys.modules)
client = execute.NotebookClientCache
kind = type(client).__name__
real = notebook_clients.real_class("myst_nb.core.execute.cache")
print(json.dumps({{
    "deferred": deferred,
    "after_setup": after_setup,
    "kind": kind,
    "real": real.__module__ + "." + real.__qualname__,
    "locked": getattr(real.start_client, "_book_locked", False),
    "cache_module_is_real": sys.modules["myst_nb.core.execute.cache"].__file__ is not None,
    "other_name": execute.cache.single_nb_execution.__module__,
    "after_use": sorted(m for m in heavy if m in sys.modules),
}}))
"""


def probe(first: str) -> dict:
    """Run the probe in a fresh interpreter (imports are per process)."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY, first=first)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO / "src")),
    )
    return json.loads(result.stdout)


def test_setting_up_myst_nb_imports_no_execution_library_until_a_client_is_made() -> None:
    seen = probe(first="book_tools")
    assert seen["deferred"] is True
    assert seen["after_setup"] == []
    assert seen["kind"] == "DeferredClient"
    # the real class, with the cache lock of book_tools.ext.notebook_cache applied once loaded
    assert seen["real"] == "myst_nb.core.execute.cache.NotebookClientCache"
    assert seen["locked"] is True
    assert seen["cache_module_is_real"] is True
    # any other name of a client module is the real module's
    assert seen["other_name"] == "jupyter_cache.executors.utils"
    assert {"jupyter_cache", "sqlalchemy"} <= set(seen["after_use"])


def test_when_myst_nb_came_first_the_real_clients_are_kept_and_locked() -> None:
    seen = probe(first="myst_nb")
    assert seen["deferred"] is False
    assert "jupyter_cache" in seen["after_setup"]
    assert seen["kind"] == "type"  # the real class, not a stand-in
    assert seen["locked"] is True
