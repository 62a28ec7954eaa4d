"""Regular expressions compiled once, not in every build (issue 18).

Python compiles a regular expression the first time a process uses it: the parser and the
compiler of the :mod:`re` package are Python code, and a pattern with a large Unicode class
matched case-insensitively (soupsieve's CSS grammar, for one) takes 20–50 ms. Every
``sphinx-build`` is a new process, so a no-op rebuild of the book compiled about 600 patterns of
Sphinx's extensions, MyST, the theme, BeautifulSoup and soupsieve again: 0.4 s of a 1.7 s
rebuild on the development machine (measured by timing ``re._compiler.compile``), the same
patterns every time.

As the first extension in ``conf.py``, :func:`setup` loads the compiled form of the patterns the
last build in the same doctree folder compiled (``<doctrees>/regex-cache-<tag>.marshal``) and puts
:class:`RegexCache` in front of :mod:`re`'s compiler; at ``build-finished`` the patterns this build
compiled are written back. A pattern found there is made by ``_sre.compile`` from the stored
arguments, without parsing or compiling it again.

Why this cannot make a build wrong:

* the stored arguments are what :mod:`re`'s own ``_compiler.compile`` passes to ``_sre.compile``
  for the same pattern and flags; an entry is stored only after the pattern made from it was
  checked equal to the one :mod:`re` compiled (CPython compares flags, pattern and compiled code)
  with the same groups;
* the file is used only by the same Python build (``sys.version``) and regular expression
  engine (``_sre.MAGIC``, ``CODESIZE``, ``MAXREPEAT``, ``MAXGROUPS``); anything else, or a file
  that does not load, is treated as empty and replaced;
* anything unexpected in :mod:`re`'s internals (a Python where ``_compiler._code`` or
  ``_parser.parse`` are missing) leaves :mod:`re` alone.

Debug compilations (``re.DEBUG``, which print), already parsed patterns and patterns given as
subclasses of ``str`` or ``bytes`` pass straight through.
The file holds the patterns of the last build plus earlier ones up to :data:`MAX_ENTRIES`.
"""

from __future__ import annotations

import marshal
import re
import sys
import threading
import warnings
from pathlib import Path
from typing import Any

from book_tools.files import replace_file

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - not CPython
    _sre = _compiler = _parser = None  # type: ignore[assignment]

MAX_ENTRIES = 2048
"""Entries kept in the file: this build's, then earlier builds' while there is room."""

Key = tuple[bool, str | bytes, int]
Parts = tuple[Any, int, list[int], int, dict[Any, int], tuple[Any, ...]]


def engine_tag() -> tuple[Any, ...] | None:
    """What a stored entry is valid for: the Python build and its regular expression engine;
    ``None`` if :mod:`re`'s internals are not the ones this module knows."""
    if _sre is None or not hasattr(_compiler, "_code") or not hasattr(_parser, "parse"):
        return None
    return (
        sys.version,
        sys.implementation.cache_tag,
        _sre.MAGIC,
        _sre.CODESIZE,
        _sre.MAXREPEAT,
        _sre.MAXGROUPS,
    )


def compile_parts(pattern: str | bytes, flags: int) -> Parts:
    """The arguments :mod:`re` gives ``_sre.compile`` for *pattern* (as ``_compiler.compile``).

    Warnings the parser gives (a ``FutureWarning`` for a possible nested set, say) are not given
    again: :mod:`re` gave them when it compiled the pattern.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[Any] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        pattern,
        int(flags | parsed.state.flags),
        [int(op) for op in code],  # opcodes are int subclasses, which marshal refuses
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def from_parts(parts: Parts) -> re.Pattern[Any]:
    """The compiled pattern made from stored arguments."""
    return _sre.compile(*parts)


def same(a: re.Pattern[Any], b: re.Pattern[Any]) -> bool:
    """Whether two compiled patterns are the same: CPython's equality (flags, pattern and
    compiled code) and the same groups."""
    return a == b and a.groups == b.groups and dict(a.groupindex) == dict(b.groupindex)


class RegexCache:
    """Compiled patterns by (is bytes, pattern, flags), with the ones this process used."""

    def __init__(self, compiler: Any) -> None:
        self.compiler = compiler  # re's own compile function
        self.tag = engine_tag()
        self.entries: dict[Key, Parts] = {}
        self.used: dict[Key, Parts] = {}
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()

    def load(self, path: Path) -> int:
        """Add the entries stored at *path* for this engine; the number added."""
        try:
            tag, entries = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return 0
        if tag != self.tag or not isinstance(entries, dict):
            return 0
        added = 0
        with self._lock:
            for key, parts in entries.items():
                if key not in self.entries:
                    self.entries[key] = parts
                    added += 1
        return added

    def save(self, path: Path) -> None:
        """Store the entries this process used, then others while there is room."""
        with self._lock:
            kept = dict(self.used)
            for key, parts in self.entries.items():
                if len(kept) >= MAX_ENTRIES:
                    break
                kept.setdefault(key, parts)
        try:
            data = marshal.dumps((self.tag, kept))
            if path.is_file() and path.read_bytes() == data:
                return
            replace_file(path, data)
        except (OSError, ValueError):
            return  # a cache that cannot be written only costs time

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        """``re._compiler.compile``: a stored pattern, or :mod:`re`'s own compilation (checked
        and stored)."""
        if type(pattern) not in (str, bytes) or flags & re.DEBUG:  # subclasses: not marshalled
            return self.compiler(pattern, flags)
        key: Key = (type(pattern) is bytes, pattern, int(flags))
        parts = self.entries.get(key)
        if parts is not None:
            try:
                compiled = from_parts(parts)
            except Exception:  # noqa: BLE001 - a bad entry is dropped, re compiles
                with self._lock:
                    self.entries.pop(key, None)
            else:
                self.hits += 1
                with self._lock:
                    self.used[key] = parts
                return compiled
        compiled = self.compiler(pattern, flags)
        self.misses += 1
        try:
            parts = compile_parts(pattern, flags)
            if not same(from_parts(parts), compiled):
                return compiled
        except Exception:  # noqa: BLE001 - what re compiled stands; it is just not stored
            return compiled
        with self._lock:
            self.entries[key] = self.used[key] = parts
        return compiled


CACHE_NAME = "regex-cache-{tag}.marshal"
_cache: RegexCache | None = None


def install() -> RegexCache | None:
    """Put the process's :class:`RegexCache` in front of :mod:`re`'s compiler (once);
    ``None`` where :mod:`re`'s internals are not the ones this module knows."""
    global _cache
    if _cache is None:
        if engine_tag() is None:
            return None
        _cache = RegexCache(_compiler.compile)
        _compiler.compile = _cache.compile
    return _cache


def cache_path(doctreedir: str | Path) -> Path:
    """The cache file in a doctree folder."""
    return Path(doctreedir) / CACHE_NAME.format(tag=sys.implementation.cache_tag)


def _save(app: Any, exception: Exception | None) -> None:
    if _cache is not None:
        _cache.save(cache_path(app.doctreedir))


def setup(app: Any) -> dict[str, Any]:
    """Sphinx extension: load the doctree folder's cache and store it when the build finishes.
    List it first in ``extensions`` so the other extensions' patterns are covered."""
    cache = install()
    if cache is not None:
        cache.load(cache_path(app.doctreedir))
        app.connect("build-finished", _save)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
