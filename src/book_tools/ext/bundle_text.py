"""The text of a stylesheet or script bundle: its members one after the other (issue 18).

A bundle is served from another folder than its members, so each stylesheet's relative
``url(...)`` is rewritten to point at the same file from the bundle's folder, and its plain
``@import`` rules are replaced by the imported file's text (an ``@import`` is only valid at the
start of a stylesheet, so it could not stay in the middle of a bundle). Each member starts on a
line of its own after a comment naming it; scripts are separated by ``;`` so that one member's
last statement never runs into the next one, and so that a member's ``"use strict"`` directive
stays an expression statement instead of becoming the bundle's directive (which would make the
members after it strict). Source map comments are dropped: they would apply to the whole bundle.

What cannot be bundled without changing behaviour is reported by :class:`NotBundleableError`: a
stylesheet with an ``@import`` that has conditions or names another host, a ``@charset`` other
than UTF-8, a script that reads ``document.currentScript`` (MathJax finds its components so).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

_CSS_URL = re.compile(r"""url\(\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^)\s'"]*))\s*\)""")
_CSS_IMPORT = re.compile(
    r"""@import\s+(?:url\(\s*)?(?P<q>["']?)(?P<path>[^"')\s;]+)(?P=q)\s*\)?\s*(?P<rest>[^;]*);"""
)
_CSS_CHARSET = re.compile(r"""^@charset\s+["'](?P<name>[^"']+)["']\s*;\s*""", re.IGNORECASE)
_CSS_SOURCE_MAP = re.compile(r"/\*[#@]\s*sourceMappingURL=[^*]*\*/")
_JS_SOURCE_MAP = re.compile(r"^[ \t]*//[#@][ \t]*sourceMappingURL=\S*[ \t]*$", re.MULTILINE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
CSS_HEADER = '@charset "UTF-8";\n'
BUNDLE_FOLDER = "bundles"
"""The folder of ``_static/`` the bundles are written to (:mod:`book_tools.ext.bundles`)."""
MAX_IMPORT_DEPTH = 8

Reader = Callable[[str], str]
"""Reads a file by its path relative to the output folder (``_static/basic.css``)."""


class NotBundleableError(ValueError):
    """A member whose text cannot be bundled without changing what the page does."""


def is_local(url: str) -> bool:
    """Whether *url* is a relative URL of a file (not absolute, another host, data or fragment)."""
    return bool(url) and not (
        url.startswith(("/", "#", "data:")) or "//" in url[:8] or _SCHEME.match(url) is not None
    )


def rebase(url: str, member_dir: str, bundle_dir: str) -> str:
    """*url*, relative to *member_dir*, made relative to *bundle_dir* (both relative to the
    output folder); any query or fragment kept."""
    path, sep, tail = _split(url)
    target = posixpath.normpath(posixpath.join(member_dir, path))
    return posixpath.relpath(target, bundle_dir or ".") + sep + tail


def _split(url: str) -> tuple[str, str, str]:
    """*url* as its path, the ``?`` or ``#`` that ends it (or nothing) and the rest."""
    match = re.search(r"[?#]", url)
    if match is None:
        return url, "", ""
    return url[: match.start()], url[match.start()], url[match.start() + 1 :]


def rebase_urls(css: str, member_dir: str, bundle_dir: str) -> str:
    """Every relative ``url(...)`` of *css* (a stylesheet in *member_dir*) rewritten for a
    stylesheet in *bundle_dir*; quotes kept as they were."""

    def rewrite(match: re.Match[str]) -> str:
        quote = (
            '"' if match.group("dq") is not None else "'" if match.group("sq") is not None else ""
        )
        url = match.group("dq") or match.group("sq") or match.group("bare") or ""
        if not is_local(url):
            return match.group(0)
        return f"url({quote}{rebase(url, member_dir, bundle_dir)}{quote})"

    return _CSS_URL.sub(rewrite, css)


def strip_charset(css: str, where: str) -> str:
    """*css* without its leading ``@charset`` rule (the bundle declares UTF-8 once)."""
    css = css.removeprefix("\ufeff")
    match = _CSS_CHARSET.match(css)
    if match is None:
        return css
    if match.group("name").lower() not in {"utf-8", "utf8"}:
        raise NotBundleableError(f"{where}: @charset {match.group('name')!r} is not UTF-8")
    return css[match.end() :]


def css_member(path: str, read: Reader, bundle_dir: str, depth: int = 0) -> str:
    """The text of the stylesheet *path* (relative to the output folder) as it goes into a
    bundle in *bundle_dir*: ``@import``\\ s inlined, URLs rebased, no ``@charset`` or source map.
    Raises :class:`NotBundleableError` for an ``@import`` that cannot be inlined."""
    if depth > MAX_IMPORT_DEPTH:
        raise NotBundleableError(
            f"{path}: @import nested more than {MAX_IMPORT_DEPTH} deep (a loop?)"
        )
    member_dir = posixpath.dirname(path)
    css = _CSS_SOURCE_MAP.sub("", strip_charset(read(path), path))

    def inline(match: re.Match[str]) -> str:
        url, rest = match.group("path"), match.group("rest").strip()
        if rest or not is_local(url):
            raise NotBundleableError(f"{path}: cannot inline {match.group(0)!r}")
        target = posixpath.normpath(posixpath.join(member_dir, _split(url)[0]))
        return f"/* {target} */\n" + css_member(target, read, bundle_dir, depth + 1)

    parts = []
    last = 0
    for match in _CSS_IMPORT.finditer(css):
        parts.append(rebase_urls(css[last : match.start()], member_dir, bundle_dir))
        parts.append(inline(match))
        last = match.end()
    parts.append(rebase_urls(css[last:], member_dir, bundle_dir))
    return "".join(parts)


def js_member(path: str, read: Reader) -> str:
    """The text of the script *path* as it goes into a bundle: no source map comment. Raises
    :class:`NotBundleableError` for a script that reads ``document.currentScript``."""
    text = read(path).removeprefix("\ufeff")
    if "currentScript" in text:
        raise NotBundleableError(
            f"{path}: reads document.currentScript (its own URL or attributes)"
        )
    return _JS_SOURCE_MAP.sub("", text)


def css_bundle(members: list[str], read: Reader, bundle_dir: str) -> str:
    """The stylesheets *members* in order, as one stylesheet in *bundle_dir*."""
    parts = [CSS_HEADER]
    for path in members:
        parts.append(f"/* {path} */\n{css_member(path, read, bundle_dir).strip()}\n")
    return "".join(parts)


def js_bundle(members: list[str], read: Reader) -> str:
    """The scripts *members* in order, as one script."""
    return "".join(f";/* {path} */\n{js_member(path, read).strip()}\n" for path in members)
