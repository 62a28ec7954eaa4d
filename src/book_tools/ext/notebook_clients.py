"""myst-nb's notebook clients imported when a notebook is executed, not on every build (issue 18).

``myst_nb.core.execute`` imports its three execution clients at module level, and with them
jupyter-cache, SQLAlchemy, nbclient, jupyter-client, ZeroMQ and Tornado: about a third of a
second of every ``sphinx-build`` on the development machine, also for a rebuild that executes
nothing (a translator's usual rebuild). The clients are only ever constructed, in
``myst_nb.core.execute.create_client``, once a notebook is to be executed or looked up in the
cache.

:func:`defer` puts a stand-in for each client module in ``sys.modules`` before myst-nb is
imported. A stand-in binds the client's name to a :class:`DeferredClient`, which imports the
real module (and so jupyter-cache and the rest) the first time a client is made, and then makes
the real class's instance. Any other name asked of a stand-in also imports the real module, so
a future myst-nb that imports more from these modules still works. Code that changes a client
class (the cache lock of :mod:`book_tools.ext.notebook_cache`) registers with :func:`when_loaded`.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable
from typing import Any

CLIENTS: dict[str, str] = {
    "myst_nb.core.execute.cache": "NotebookClientCache",
    "myst_nb.core.execute.direct": "NotebookClientDirect",
    "myst_nb.core.execute.inline": "NotebookClientInline",
}
"""The client modules of myst-nb and the class each defines."""

_hooks: dict[str, list[Callable[[type], None]]] = {}
_real: dict[str, type] = {}


def real_class(module: str) -> type:
    """The client class of *module* (a key of :data:`CLIENTS`), imported now if it was not, with
    every hook registered for it run once."""
    if module not in _real:
        loaded = sys.modules.get(module)
        if isinstance(loaded, _StandIn):
            del sys.modules[module]  # so that the import below loads the real module
        cls = getattr(importlib.import_module(module), CLIENTS[module])
        _real[module] = cls
        for hook in _hooks.pop(module, []):
            hook(cls)
    return _real[module]


class DeferredClient:
    """Stands for a myst-nb client class until the first client is made."""

    def __init__(self, module: str) -> None:
        self.module = module
        self.__name__ = self.__qualname__ = CLIENTS[module]

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """A new instance of the real client class."""
        return real_class(self.module)(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(real_class(self.module), name)

    def __repr__(self) -> str:
        return f"<deferred {self.module}.{self.__name__}>"


class _StandIn(types.ModuleType):
    """A client module not imported yet: its client is deferred, any other name imports it."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        real_class(self.__name__)
        return getattr(sys.modules[self.__name__], name)


def defer() -> bool:
    """Put the stand-ins in place; ``False`` (nothing done) once myst-nb's execution package has
    been imported, since it then holds the real clients already."""
    if "myst_nb.core.execute" in sys.modules:
        return False
    for module, client in CLIENTS.items():
        if module not in sys.modules:
            stand_in = _StandIn(module)
            setattr(stand_in, client, DeferredClient(module))
            sys.modules[module] = stand_in
    return True


def when_loaded(module: str, hook: Callable[[type], None]) -> None:
    """Run *hook* with the client class of *module* once it is imported (now, if it is)."""
    loaded = sys.modules.get(module)
    if module in _real or (loaded is not None and not isinstance(loaded, _StandIn)):
        hook(real_class(module))
    else:
        _hooks.setdefault(module, []).append(hook)
