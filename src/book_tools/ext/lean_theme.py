"""The theme's stylesheet and icon fonts cut down to what the built pages use (issue 18).

pydata-sphinx-theme ships one 368 KiB stylesheet (all of Bootstrap, all of Font Awesome's 2,000
icon rules, the theme's own rules) and 220 KiB of Font Awesome web fonts, of which a page uses a
few dozen rules and some twenty glyphs. When an HTML build finishes (``build-finished``, once
every page is written), this module reads the classes the site's pages use (their ``class``
attributes) and the words of the scripts they may load (which add classes such as ``show`` at
run time), keeps the theme rules that can match them (:mod:`book_tools.ext.css_rules`), and
writes ``_static/styles/book-theme.css``, which the derived ``webpack-macros.html``
(:mod:`book_tools.ext.theme_templates`) links instead of the theme's file. The Font Awesome
fonts are subset (fontTools) to the glyphs the kept rules name, as WOFF2 files beside it. The
output depends only on the pages and the installed theme, so identical builds give identical
files. A rebuild reads again only the pages Sphinx wrote, and writes nothing when the classes
and the theme's stylesheet are the same as last time (both recorded in the doctree folder).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from book_tools.ext.bundle_text import BUNDLE_FOLDER
from book_tools.ext.css_rules import codepoints, keep_used, tokens

logger = logging.getLogger(__name__)

THEME_CSS = "styles/pydata-sphinx-theme.css"  # under _static/, as the theme copies it
LEAN_CSS = "styles/book-theme.css"  # what the derived webpack-macros.html links
FONT_DIR = "styles/book-icons"  # the subset fonts, relative to _static/
# scripts in _static/ that no page loads (theme_templates removed them, theme_assets replaced
# Bootstrap's), so their words do not count
UNLOADED_SCRIPTS = frozenset({"fontawesome.js", "bootstrap.js"})
_FONT_URL = re.compile(
    r"url\((?P<q>[\"']?)(?P<path>[^)\"']*fontawesome/webfonts/(?P<name>[^)\"'/]+)\.woff2)(?P=q)\)"
)
WORDS_CACHE = "lean_theme_words.json"  # in the doctree folder
_CLASS_ATTR = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass
class WordCache:
    """The classes or words read from each file, with the file's size and modification time: a
    rebuild reads again only the files Sphinx wrote (kept in the doctree folder, never in the
    output)."""

    path: Path
    files: dict[str, tuple[int, int, list[str]]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> WordCache:
        """The cache stored at *path*, or an empty one."""
        try:
            files = json.loads(path.read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError, TypeError):
            files = {}
        return cls(path, {k: (v[0], v[1], v[2]) for k, v in files.items()})

    def words(self, files: list[Path], read: Callable[[str], set[str]]) -> set[str]:
        """The union of ``read(text)`` over *files*, from the cache where a file is unchanged."""
        found: set[str] = set()
        fresh: dict[str, tuple[int, int, list[str]]] = {}
        for file in files:
            info = file.stat()
            key = str(file)
            cached = self.files.get(key)
            if cached and cached[:2] == (info.st_mtime_ns, info.st_size):
                words = cached[2]
            else:
                words = sorted(read(file.read_text(encoding="utf-8", errors="replace")))
            fresh[key] = (info.st_mtime_ns, info.st_size, words)
            found.update(words)
        self.files.update(fresh)
        return found

    def carry_over(self, file: Path, before: tuple[int, int]) -> None:
        """Keep what was read from *file* after a change that cannot change it (another module
        renamed a bundle in the page's links): an entry made from the file as it was (*before*:
        its time and size) now stands for the file as it is, which is not read again."""
        cached = self.files.get(str(file))
        if cached is not None and cached[:2] == before:
            info = file.stat()
            self.files[str(file)] = (info.st_mtime_ns, info.st_size, cached[2])

    def save(self) -> None:
        """Store the cache."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"files": self.files}), encoding="utf-8")


def classes_in(html: str) -> set[str]:
    """Every class named by a ``class`` attribute in *html*."""
    return {
        cls
        for match in _CLASS_ATTR.finditer(html)
        for cls in (match.group(1) or match.group(2) or "").split()
    }


def page_classes(outdir: Path, cache: WordCache) -> set[str]:
    """Every class named by a ``class`` attribute in the HTML files under *outdir*."""
    return cache.words(sorted(outdir.rglob("*.html")), classes_in)


def script_words(static: Path, cache: WordCache) -> set[str]:
    """The words of every script under *static* a page may load. The bundles of
    :mod:`book_tools.ext.bundles` are left out: they only repeat other scripts, and they are
    written after this runs, so a rebuild would read words (their comments) a clean build does
    not."""
    scripts = sorted(
        p
        for p in static.rglob("*.js")
        if p.name not in UNLOADED_SCRIPTS and p.relative_to(static).parts[0] != BUNDLE_FOLDER
    )
    return cache.words(scripts, lambda text: tokens([text]))


def subset_font(source: Path, target: Path, chars: set[int]) -> None:
    """Write the glyphs of *chars* that *source* has into *target* (WOFF2, no time stamp).
    fontTools is imported here: most rebuilds subset nothing, and importing it took a tenth of
    a no-op rebuild's start."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), recalcTimestamp=False)
    cmap = font.getBestCmap()
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the licence and names
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(c for c in chars if c in cmap))
    subsetter.subset(font)
    font.flavor = "woff2"
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target), reorderTables=True)


def lean_stylesheet(theme_css: str, classes: set[str]) -> tuple[str, dict[str, str]]:
    """The rules of *theme_css* that *classes* can match, with the font URLs pointing at the
    subsets; and the map of each web font's original path (relative to the stylesheet) to its
    subset's file name."""
    kept = keep_used(theme_css, classes)
    fonts: dict[str, str] = {}

    def to_subset(match: re.Match[str]) -> str:
        fonts[match.group("path")] = f"{match.group('name')}.woff2"
        return f"url({FONT_DIR.removeprefix('styles/')}/{match.group('name')}.woff2)"

    return _FONT_URL.sub(to_subset, kept), fonts


def write_lean_theme(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write the lean stylesheet and the icon font subsets of an HTML build."""
    if exception is not None or app.builder.format != "html" or app.builder.name == "epub":
        return
    static = Path(app.outdir) / "_static"
    theme_css = static / THEME_CSS
    if not theme_css.is_file():
        return  # not pydata-sphinx-theme: nothing links the lean stylesheet either
    cache = WordCache.load(Path(app.doctreedir) / WORDS_CACHE)
    classes = page_classes(Path(app.outdir), cache) | script_words(static, cache)
    cache.save()
    css = theme_css.read_text(encoding="utf-8")
    key = hashlib.sha256("\n".join([str(static), css, *sorted(classes)]).encode()).hexdigest()
    stamp = Path(app.doctreedir) / "lean_theme_inputs.sha256"
    target = static / LEAN_CSS
    written = target.is_file() and (static / FONT_DIR).is_dir()
    if written and stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        return  # the same stylesheet and classes as the last build into this folder: same output
    text, fonts = lean_stylesheet(css, classes)
    chars = codepoints(text)
    for original, name in sorted(fonts.items()):
        source = (theme_css.parent / original).resolve()
        if not source.is_file():
            logger.warning(
                "%s: the theme's stylesheet names a font that is not there (%s)",
                theme_css,
                original,
                type="book",
                subtype="theme",
            )
            continue
        subset_font(source, static / FONT_DIR / name, chars)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    stamp.write_text(key, encoding="utf-8")
