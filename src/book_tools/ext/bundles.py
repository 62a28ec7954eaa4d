"""Each page's stylesheets and deferred scripts served as one file each (issue 18).

A chapter page linked seven stylesheets (one of which imports an eighth) and nine deferred
scripts; on a phone, or on two busy cores, each request costs more than its bytes. On
``html-page-context``, after the other extensions have chosen a page's assets
(:mod:`~book_tools.ext.page_assets`, :mod:`~book_tools.ext.script_loading`,
:mod:`~book_tools.ext.theme_assets`), every run of neighbouring assets that can be bundled is
replaced by one entry, ``_static/bundles/bundle-<hash>.css`` or ``.js``:

* stylesheets linked as plain ``rel="stylesheet"`` for all media; their text is joined by
  :mod:`~book_tools.ext.bundle_text` (``@import`` inlined, relative URLs rebased);
* scripts loaded with ``defer`` and nothing else. Deferred scripts run in document order once
  the page is parsed, so a run of them run in the same order as one file; inline scripts run
  while the page is parsed, before any of them, wherever they stand. Modules, ``async``
  scripts, scripts with other attributes and blocking scripts (the search page's, see
  :mod:`~book_tools.ext.script_loading`) end a run and are left as they are; so is a script
  that reads ``document.currentScript`` (MathJax), which would find the bundle's URL.

A bundle's name is the hash of its text, so pages with the same assets share one file, a browser
caches it across pages, and any change of a member gives a new name. Some stylesheets are only
written when the build finishes: the lean theme stylesheet (:mod:`~book_tools.ext.lean_theme`)
and myst-nb's, whose ``build-finished`` handlers run before this module's. A page therefore gets
the name of the text its members have when it is written (a stylesheet not yet there counts as
empty; scripts must be there), and on ``build-finished`` every bundle the pages name is
written from its members' final text (its member list is kept in the doctree folder, by name);
where that gives another name (a first build, or a rebuild that changed the lean stylesheet)
the pages naming the old one are rewritten. Bundles no page names are removed, so a rebuild
leaves what a clean build would. A no-op rebuild reads the members of the few bundles again and
only the pages Sphinx wrote (the names each page uses are cached by size and time).

Two things differ from separate files, as with any concatenation: a script that throws while it
is first run stops the scripts after it in the same bundle, and a script whose file starts with
``"use strict"`` runs in sloppy mode (its functions that start so stay strict). The book's scripts
do neither at the top level; the browser tests run every page feature with the bundles.
Source map comments are dropped.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from book_tools.ext.bundle_text import (
    BUNDLE_FOLDER,
    NotBundleableError,
    css_bundle,
    js_bundle,
    js_member,
)
from book_tools.ext.lean_theme import WORDS_CACHE, WordCache
from book_tools.files import replace_file

logger = logging.getLogger(__name__)

BUILDERS = frozenset({"html", "dirhtml"})
BUNDLE_DIR = f"_static/{BUNDLE_FOLDER}"
PREFIX = f"{BUNDLE_DIR}/bundle-"
CSS_ATTRIBUTES = {"rel": "stylesheet", "type": "text/css"}
JS_ATTRIBUTES = {"defer": "defer"}
_FILE = re.compile(r"bundle-[0-9a-f]{16}\.(?:css|js)")
_NAME = re.compile(rf"bundles/({_FILE.pattern})\b")


@dataclass(frozen=True)
class Kind:
    """Stylesheets or scripts: the context key, the file suffix and the bundle entry's
    attributes."""

    key: str
    suffix: str
    attributes: dict[str, str]


CSS = Kind("css_files", "css", CSS_ATTRIBUTES)
JS = Kind("script_files", "js", JS_ATTRIBUTES)
KINDS = (CSS, JS)


def is_active(app: Sphinx) -> bool:
    """Whether *app*'s builder writes pages that get bundles (HTML and directory HTML)."""
    return app.builder.name in BUILDERS


def member_path(entry: Any) -> str | None:
    """The path of *entry*'s file relative to the output folder, if it is a local file."""
    filename = getattr(entry, "filename", None)
    if not isinstance(filename, str) or not filename or "://" in filename or "?" in filename:
        return None
    path = posixpath.normpath(filename)
    return None if path.startswith(("../", "/")) or path == ".." else path


def bundleable_css(entry: Any) -> bool:
    """Whether a stylesheet entry is a plain local stylesheet for every medium."""
    attributes = getattr(entry, "attributes", None)
    return (
        isinstance(attributes, dict)
        and member_path(entry) is not None
        and attributes.keys() <= {"rel", "type", "media"}
        and attributes.get("rel") == "stylesheet"
        and attributes.get("type", "text/css") == "text/css"
        and attributes.get("media") in (None, "all")
    )


def bundleable_js(entry: Any) -> bool:
    """Whether a script entry is a local script loaded with ``defer`` and nothing else."""
    attributes = getattr(entry, "attributes", None)
    return (
        isinstance(attributes, dict)
        and member_path(entry) is not None
        and {k: v for k, v in attributes.items() if v is not None} == JS_ATTRIBUTES
    )


class Reader:
    """Reads members from an output folder. While pages are written (*late_ok*), a missing
    member reads as empty: it may be written when the build finishes."""

    def __init__(self, outdir: Path, late_ok: bool) -> None:
        self.outdir = outdir
        self.late_ok = late_ok
        self.missing: list[str] = []

    def __call__(self, path: str) -> str:
        """The text of *path* (relative to the output folder)."""
        file = self.outdir / path
        try:
            return file.read_text(encoding="utf-8")
        except FileNotFoundError:
            if not self.late_ok:
                self.missing.append(path)
            return ""
        except (OSError, UnicodeDecodeError) as exc:
            raise NotBundleableError(f"{path}: {exc}") from exc


def bundle_text(kind: Kind, members: list[str], read: Callable[[str], str]) -> str:
    """The text of a bundle of *members* (paths relative to the output folder)."""
    if kind is CSS:
        return css_bundle(members, read, BUNDLE_DIR)
    return js_bundle(members, read)


def bundle_name(kind: Kind, text: str) -> str:
    """The file name of a bundle with *text*: the hash of the text."""
    return f"bundle-{hashlib.sha256(text.encode()).hexdigest()[:16]}.{kind.suffix}"


# ---------------------------------------------------------------- pages (html-page-context)

_MEMO: dict[tuple[Any, ...], str] = {}
"""Bundle names already worked out in this process, by member list and the members' sizes and
times (a page's neighbours mostly share their bundles)."""


def _stat_key(outdir: Path, members: Iterable[str]) -> tuple[Any, ...]:
    key: list[Any] = [str(outdir)]
    for path in members:
        try:
            info = (outdir / path).stat()
            key.append((path, info.st_mtime_ns, info.st_size))
        except OSError:
            key.append((path, None))
    return tuple(key)


def name_for(app: Sphinx, kind: Kind, members: list[str]) -> str | None:
    """The name of the bundle of *members* as they are now, its member list recorded in the
    doctree folder; ``None`` if they cannot be bundled."""
    outdir = Path(app.outdir)
    key = (kind.suffix, *_stat_key(outdir, members))
    name = _MEMO.get(key)
    if name is None:
        read = Reader(outdir, late_ok=True)
        try:
            text = bundle_text(kind, members, read)
        except NotBundleableError:
            return None
        name = bundle_name(kind, text)
        if len(_MEMO) > 256:
            _MEMO.clear()
        _MEMO[key] = name
    record_members(manifest_dir(app), name, members)
    return name


def manifest_dir(app: Sphinx) -> Path:
    """Where the member lists of the bundles are kept (never in the output)."""
    return Path(app.doctreedir) / "book_bundles"


def record_members(folder: Path, name: str, members: list[str]) -> None:
    """Keep the member list of bundle *name* (written atomically: pages may be written by
    several processes)."""
    target = folder / f"{name}.json"
    text = json.dumps({"members": members})
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return
    replace_file(target, text.encode("utf-8"))


def runs(entries: list[Any], fits: Callable[[Any], bool]) -> list[list[Any]]:
    """*entries* cut into runs of neighbours that fit in a bundle, and single entries that
    do not."""
    cut: list[list[Any]] = []
    joinable = False  # whether the last run is one of entries that fit
    for entry in entries:
        fit = fits(entry)
        if fit and joinable:
            cut[-1].append(entry)
        else:
            cut.append([entry])
        joinable = fit
    return cut


def by_priority(entries: list[Any]) -> list[Any]:
    """*entries* in the order Sphinx will print them (stably by priority, as the builder sorts
    after ``html-page-context``)."""
    try:
        return sorted(entries, key=lambda entry: entry.priority)
    except AttributeError:
        return list(entries)  # Sphinx does not sort such a list either


def bundled(app: Sphinx, kind: Kind, entries: list[Any]) -> list[Any]:
    """*entries* with every run of two or more bundleable ones replaced by a bundle entry (the
    priority of the run's first member, so that Sphinx's sort keeps the order)."""
    fits = bundleable_css if kind is CSS else bundleable_js
    if kind is JS:
        fits = _readable_script(app, fits)
    result: list[Any] = []
    for run in runs(by_priority(entries), fits):
        members = [member_path(entry) for entry in run]
        name = name_for(app, kind, members) if len(run) > 1 else None  # type: ignore[arg-type]
        if name is None:
            result.extend(run)
            continue
        result.append(
            type(run[0])(f"{BUNDLE_DIR}/{name}", priority=run[0].priority, **kind.attributes)
        )
    return result


_SCRIPTS: dict[tuple[Any, ...], bool] = {}
"""Whether each script (by path, size and time) can go into a bundle, as found in this process."""


def _readable_script(app: Sphinx, fits: Callable[[Any], bool]) -> Callable[[Any], bool]:
    """*fits*, and the script is there and can go into a bundle (it does not read its own
    ``<script>`` element)."""
    outdir = Path(app.outdir)

    def check(entry: Any) -> bool:
        path = member_path(entry)
        if path is None or not fits(entry):
            return False
        key = _stat_key(outdir, [path])
        if key not in _SCRIPTS:
            read = Reader(outdir, late_ok=False)
            try:
                js_member(path, read)
                _SCRIPTS[key] = not read.missing
            except NotBundleableError:
                _SCRIPTS[key] = False
        return _SCRIPTS[key]

    return check


def tag(kind: Kind, entry: Any, pathto: Callable[..., str]) -> str:
    """The ``<link>`` or ``<script>`` of a bundle entry; its name is its checksum, so no ``?v=``."""
    uri = html.escape(pathto(entry.filename, resource=True), quote=True)
    if kind is CSS:
        return f'<link rel="stylesheet" type="text/css" href="{uri}" />'
    return f'<script defer="defer" src="{uri}"></script>'


def bundle_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the page's bundleable stylesheets and scripts as bundles."""
    if not is_active(app):
        return
    for kind in KINDS:
        entries = context.get(kind.key)
        if isinstance(entries, list):
            context[kind.key] = bundled(app, kind, entries)
    for kind, key in ((CSS, "css_tag"), (JS, "js_tag")):
        original = context.get(key)
        if callable(original):
            context[key] = _tag_function(kind, original, context)


def _tag_function(
    kind: Kind, original: Callable[[Any], str], context: dict[str, Any]
) -> Callable[[Any], str]:
    def render(entry: Any) -> str:
        if str(getattr(entry, "filename", "")).startswith(PREFIX):
            return tag(kind, entry, context["pathto"])
        return original(entry)

    return render


# ---------------------------------------------------------------- files (build-finished)


def names_in(text: str) -> set[str]:
    """The bundle names an HTML page refers to."""
    return set(_NAME.findall(text))


def kind_of(name: str) -> Kind:
    """The kind of bundle *name*."""
    return CSS if name.endswith(".css") else JS


def write_if_changed(file: Path, text: str) -> None:
    """Write *text* to *file* unless it already holds exactly that."""
    if file.is_file() and file.read_text(encoding="utf-8") == text:
        return
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")


def final_bundles(app: Sphinx, named: set[str]) -> dict[str, tuple[str, str]]:
    """For each bundle name the pages use, the name and text its members give now."""
    outdir, manifests = Path(app.outdir), manifest_dir(app)
    final: dict[str, tuple[str, str]] = {}
    for name in sorted(named):
        try:
            members = json.loads((manifests / f"{name}.json").read_text(encoding="utf-8"))
            members = [str(m) for m in members["members"]]
        except (OSError, ValueError, KeyError, TypeError):
            logger.warning(
                "pages name the bundle %s, whose member list is not in %s: rebuild from "
                "scratch (make clean)",
                name,
                manifests,
                type="book",
                subtype="bundles",
            )
            continue
        kind = kind_of(name)
        read = Reader(outdir, late_ok=False)
        try:
            text = bundle_text(kind, members, read)
        except NotBundleableError as exc:
            logger.warning("bundle %s: %s", name, exc, type="book", subtype="bundles")
            continue
        for path in read.missing:
            logger.warning(
                "bundle %s: its member %s is not in the output",
                name,
                path,
                type="book",
                subtype="bundles",
            )
        final[name] = (bundle_name(kind, text), text)
        record_members(manifests, final[name][0], members)
    return final


def rewrite_pages(
    pages: list[Path], names: WordCache, classes: WordCache, renamed: dict[str, str]
) -> None:
    """Pages that name a renamed bundle, rewritten to name the new one. A rename changes no
    class and no other bundle name, so the caches of what was read from the pages (*names*, the
    bundles each names; *classes*, the lean theme's) keep their entries for the pages rewritten
    (the next build does not read them again)."""
    pattern = re.compile("|".join(re.escape(f"bundles/{old}") for old in sorted(renamed)))
    for page in pages:
        cached = names.files.get(str(page))
        if cached is not None and not renamed.keys() & set(cached[2]):
            continue
        text = page.read_text(encoding="utf-8")
        new = pattern.sub(lambda m: f"bundles/{renamed[m.group(0)[8:]]}", text)
        if new == text:
            continue
        before = _stat(page)
        page.write_text(new, encoding="utf-8")
        classes.carry_over(page, before)
        names.files[str(page)] = (*_stat(page), sorted(names_in(new)))


def _stat(file: Path) -> tuple[int, int]:
    info = file.stat()
    return info.st_mtime_ns, info.st_size


def write_bundles(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write the bundles the pages name, from their members' final text;
    rename bundles whose text changed in the pages; remove bundles no page names."""
    if exception is not None or not is_active(app):
        return
    outdir = Path(app.outdir)
    cache = WordCache.load(Path(app.doctreedir) / "bundle_names.json")
    pages = sorted(outdir.rglob("*.html"))
    final = final_bundles(app, cache.words(pages, names_in))
    renamed = {old: new for old, (new, _) in final.items() if old != new}
    if renamed:
        classes = WordCache.load(Path(app.doctreedir) / WORDS_CACHE)  # lean_theme's
        rewrite_pages(pages, cache, classes, renamed)
        classes.save()
    cache.save()
    bundles = outdir / BUNDLE_DIR
    keep = dict(final.values())
    for name, text in sorted(keep.items()):
        write_if_changed(bundles / name, text)
    if bundles.is_dir():
        for file in sorted(bundles.iterdir()):
            if _FILE.fullmatch(file.name) and file.name not in keep:
                file.unlink()  # only what this module writes: the folder may hold others' files
    manifests = manifest_dir(app)
    if manifests.is_dir():
        for file in manifests.glob("bundle-*.json"):
            if file.name.removesuffix(".json") not in keep:
                file.unlink()
