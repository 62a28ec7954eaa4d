"""A page's stylesheets and deferred scripts served as one file each (issue 18,
``book_tools.ext.bundles``, ``bundle_text`` and ``theme_assets``): the text of a bundle, which
assets go into one, the files a build writes and renames, and the built book's pages."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

from book_tools.ext import bundles
from book_tools.ext.bundle_text import (
    NotBundleableError,
    css_bundle,
    css_member,
    js_bundle,
    rebase_urls,
)
from book_tools.ext.lean_theme import WORDS_CACHE, WordCache, classes_in
from conftest import EDITIONS, ROOTS, BuiltBook, sphinx_build
from test_reproducible import differing

CHAPTER = "kubernetes/dra.html"


def reader(files: dict[str, str]) -> Any:
    def read(path: str) -> str:
        if path not in files:
            raise FileNotFoundError(path)
        return files[path]

    return read


# ------------------------------------------------------------------------ the text of a bundle


def test_relative_urls_are_rebased_from_the_members_folder_to_the_bundles() -> None:
    css = (
        ".a{background:url(img/a.png)}"
        ".b{src:url('../fonts/b.woff2?v=1#iefix')}"
        '.c{mask:url("icons/c.svg#x")}'
        ".d{background:url( d.png )}"
    )
    assert rebase_urls(css, "_static/styles", "_static/bundles") == (
        ".a{background:url(../styles/img/a.png)}"
        ".b{src:url('../fonts/b.woff2?v=1#iefix')}"
        '.c{mask:url("../styles/icons/c.svg#x")}'
        ".d{background:url(../styles/d.png)}"
    )


@pytest.mark.parametrize(
    "url",
    [
        "data:image/svg+xml;charset=utf-8,%3Csvg stroke='rgba(255, 255, 255, 0.55)'%3E",
        "data:font/woff2;base64,d09GMgABAAA+/w==",  # an embedded font
        "https://example.org/a.png",
        "//example.org/a.png",
        "/ai-infra-book/en/_static/a.png",
        "#gradient",
    ],
)
def test_absolute_data_and_fragment_urls_are_left_alone(url: str) -> None:
    css = f'.a{{background:url("{url}")}}'
    assert rebase_urls(css, "_static/styles", "_static/bundles") == css


def test_an_unquoted_data_url_is_left_alone() -> None:
    # base64's "+", "/" and "=" do not end an unquoted URL, and a data: URL is not rebased
    css = "@font-face{src:url(data:font/woff2;base64,d09GMgABAAA+/w==)}.a{b:url(a.png)}"
    assert rebase_urls(css, "_static/styles", "_static/bundles") == (
        "@font-face{src:url(data:font/woff2;base64,d09GMgABAAA+/w==)}.a{b:url(../styles/a.png)}"
    )


def test_a_plain_import_is_inlined_with_its_own_urls_rebased() -> None:
    files = {
        "_static/styles/theme.css": '/* theme */\n@import "../basic.css";\n.t{a:b}',
        "_static/basic.css": "div.x{background:url(file.png)}",
    }
    text = css_member("_static/styles/theme.css", reader(files), "_static/bundles")
    assert text == (
        "/* theme */\n/* _static/basic.css */\ndiv.x{background:url(../file.png)}\n.t{a:b}"
    )
    # url(...) and single quotes name the file the same way
    files["_static/styles/theme.css"] = "@import url('../basic.css');"
    text = css_member("_static/styles/theme.css", reader(files), "_static/bundles")
    assert text == "/* _static/basic.css */\ndiv.x{background:url(../file.png)}"


@pytest.mark.parametrize(
    "rule",
    [
        '@import "print.css" print;',  # a condition
        '@import url("https://fonts.example.org/a.css");',  # another host
        "@import 'loop.css';",  # imports itself
    ],
)
def test_an_import_that_cannot_be_inlined_is_not_bundled(rule: str) -> None:
    files = {"_static/loop.css": rule, "_static/print.css": ".p{}"}
    with pytest.raises(NotBundleableError):
        css_member("_static/loop.css", reader(files), "_static/bundles")


def test_charset_and_source_maps_are_dropped_and_utf8_declared_once() -> None:
    files = {
        "_static/a.css": '@charset "UTF-8";\n.a{content:"é"}\n/*# sourceMappingURL=a.css.map */',
        "_static/b.css": ".b{c:d}",
    }
    text = css_bundle(["_static/a.css", "_static/b.css"], reader(files), "_static/bundles")
    assert text == (
        '@charset "UTF-8";\n/* _static/a.css */\n.a{content:"é"}\n/* _static/b.css */\n.b{c:d}\n'
    )
    files["_static/a.css"] = '@charset "iso-8859-1";\n.a{}'
    with pytest.raises(NotBundleableError):
        css_bundle(["_static/a.css"], reader(files), "_static/bundles")


def test_scripts_are_joined_in_order_and_no_directive_leaks() -> None:
    files = {
        "_static/strict.js": '"use strict";\nconst A = 1\n//# sourceMappingURL=strict.js.map',
        "_static/plain.js": "// ends in a comment, no semicolon\nB = A + 1 // done",
        "_static/last.js": "(() => B)()",
    }
    members = ["_static/strict.js", "_static/plain.js", "_static/last.js"]
    assert js_bundle(members, reader(files)) == (
        # the leading ';' ends the bundle's directive prologue before "use strict"
        ';/* _static/strict.js */\n"use strict";\nconst A = 1\n'
        ";/* _static/plain.js */\n// ends in a comment, no semicolon\nB = A + 1 // done\n"
        ";/* _static/last.js */\n(() => B)()\n"
    )


def test_a_script_that_reads_its_own_element_is_not_bundled() -> None:
    files = {"_static/mathjax/tex-chtml.js": "var src = document.currentScript.src;"}
    with pytest.raises(NotBundleableError):
        js_bundle(["_static/mathjax/tex-chtml.js"], reader(files))


# ------------------------------------------------------------------ which assets go together


def fake_app(root: Path, builder: str = "html") -> Any:
    return SimpleNamespace(
        outdir=root / "html", doctreedir=root / "doctrees", builder=SimpleNamespace(name=builder)
    )


def write(root: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        file = root / "html" / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")


SCRIPTS = {
    "_static/documentation_options.js": "const DOCUMENTATION_OPTIONS = {};",
    "_static/doctools.js": '"use strict";\nconst Documentation = {};',
    "_static/mathjax/tex-chtml.js": "document.currentScript;",
    "_static/scripts/bootstrap.js": "window.bootstrap = {};",
}


def test_runs_of_deferred_scripts_become_bundles_and_the_rest_stays(tmp_path: Path) -> None:
    write(tmp_path, SCRIPTS)
    app = fake_app(tmp_path)
    inline = _JavaScript(None, body="window.MathJax = {}", priority=500)  # type: ignore[arg-type]
    mathjax = _JavaScript("_static/mathjax/tex-chtml.js", priority=500, defer="defer")
    module = _JavaScript("_static/app.mjs", priority=500, type="module")
    entries = [
        _JavaScript("_static/scripts/bootstrap.js", priority=1000, defer="defer"),
        _JavaScript("_static/documentation_options.js", priority=200, defer="defer"),
        inline,
        _JavaScript("_static/doctools.js", priority=200, defer="defer"),
        mathjax,
        module,
    ]
    result = bundles.bundled(app, bundles.JS, entries)
    # in the order Sphinx prints them (stably by priority): options and doctools (200), the
    # inline script, MathJax (reads document.currentScript), the module (500), bootstrap (1000);
    # the inline script, MathJax and the module each end a run
    assert [getattr(e, "filename", None) for e in result[1:]] == [
        None,
        "_static/mathjax/tex-chtml.js",
        "_static/app.mjs",
        "_static/scripts/bootstrap.js",  # a run of one is left as it is
    ]
    first = result[0]
    assert first.filename.startswith("_static/bundles/bundle-") and first.filename.endswith(".js")
    assert first.attributes == {"defer": "defer"} and first.priority == 200
    members = ["_static/documentation_options.js", "_static/doctools.js"]
    text = js_bundle(members, bundles.Reader(app.outdir, late_ok=False))
    assert first.filename == f"_static/bundles/bundle-{sha16(text)}.js"


def sha16(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@pytest.mark.parametrize(
    "entry",
    [
        _JavaScript("_static/a.js", priority=500),  # blocking (the search page)
        _JavaScript("_static/a.js", priority=500, **{"async": "async"}),
        _JavaScript("_static/a.js", priority=500, defer="defer", id="a"),
        _JavaScript("https://example.org/a.js", priority=500, defer="defer"),
        "_static/a.js",
    ],
)
def test_scripts_that_are_not_only_deferred_are_not_bundled(entry: Any) -> None:
    assert not bundles.bundleable_js(entry)


@pytest.mark.parametrize(
    ("entry", "fits"),
    [
        (_CascadingStyleSheet("_static/a.css", priority=500), True),
        (_CascadingStyleSheet("_static/a.css", priority=500, media="all"), True),
        (_CascadingStyleSheet("_static/a.css", priority=500, media="print"), False),
        (_CascadingStyleSheet("_static/a.css", priority=500, rel="alternate stylesheet"), False),
        (_CascadingStyleSheet("_static/a.css", priority=500, title="dark"), False),
        (_CascadingStyleSheet("https://example.org/a.css", priority=500), False),
        (_CascadingStyleSheet("../outside.css", priority=500), False),
    ],
)
def test_only_plain_local_stylesheets_for_all_media_are_bundled(entry: Any, fits: bool) -> None:
    assert bundles.bundleable_css(entry) is fits


def stylesheets(*names: str) -> list[Any]:
    return [_CascadingStyleSheet(f"_static/{name}", priority=500) for name in names]


def test_a_change_in_one_member_changes_the_bundles_name(tmp_path: Path) -> None:
    write(tmp_path, {"_static/a.css": ".a{}", "_static/b.css": ".b{}"})
    app = fake_app(tmp_path)
    [before] = bundles.bundled(app, bundles.CSS, stylesheets("a.css", "b.css"))
    write(tmp_path, {"_static/b.css": ".b{color:red}"})
    [after] = bundles.bundled(app, bundles.CSS, stylesheets("a.css", "b.css"))
    assert before.filename != after.filename
    # the same members in another order are another bundle
    [swapped] = bundles.bundled(app, bundles.CSS, stylesheets("b.css", "a.css"))
    assert swapped.filename not in {before.filename, after.filename}


def test_other_builders_are_left_alone(tmp_path: Path) -> None:
    write(tmp_path, {"_static/a.css": ".a{}", "_static/b.css": ".b{}"})
    context: dict[str, Any] = {"css_files": stylesheets("a.css", "b.css")}
    for builder in ("epub", "singlehtml", "latex"):
        bundles.bundle_assets(fake_app(tmp_path, builder), "index", "page.html", context, None)
        assert context["css_files"] == stylesheets("a.css", "b.css")


# --------------------------------------------------------------- the files a build writes


def test_pages_are_renamed_to_the_final_text_and_stale_bundles_removed(tmp_path: Path) -> None:
    # a stylesheet written when the build finishes (as the lean theme's) is empty for the page
    write(tmp_path, {"_static/a.css": ".a{}"})
    app = fake_app(tmp_path)
    [entry] = bundles.bundled(app, bundles.CSS, stylesheets("a.css", "late.css"))
    provisional = entry.filename.removeprefix("_static/bundles/")
    link = f'<link rel="stylesheet" href="_static/bundles/{provisional}" />'
    write(tmp_path, {"page.html": link, "sub/page.html": link.replace("_static", "../_static")})
    # the lean theme read the pages' classes before the bundles are written
    classes = WordCache.load(app.doctreedir / WORDS_CACHE)
    pages = sorted(app.outdir.rglob("*.html"))
    classes.words(pages, classes_in)
    classes.save()
    stale = "_static/bundles/bundle-0123456789abcdef.css"  # left by an earlier build
    write(tmp_path, {"_static/late.css": ".late{}", stale: "", "_static/bundles/own.css": ""})
    bundles.write_bundles(app, None)
    text = css_bundle(
        ["_static/a.css", "_static/late.css"], bundles.Reader(app.outdir, False), "_static/bundles"
    )
    final = f"bundle-{sha16(text)}.css"
    assert final != provisional
    # the stale bundle is removed, a file this module did not write is not
    assert sorted(p.name for p in (app.outdir / "_static/bundles").iterdir()) == [final, "own.css"]
    assert (app.outdir / "_static/bundles" / final).read_text(encoding="utf-8") == text
    page = (app.outdir / "page.html").read_text(encoding="utf-8")
    assert page == link.replace(provisional, final)
    assert final in (app.outdir / "sub/page.html").read_text(encoding="utf-8")
    # the rename changed no class: the lean theme's cache stands for the pages as they are now
    carried = WordCache.load(app.doctreedir / WORDS_CACHE).files
    for file in pages:
        info = file.stat()
        assert carried[str(file)][:2] == (info.st_mtime_ns, info.st_size)
    # nothing changed: nothing is written again
    before = {p: p.stat().st_mtime_ns for p in app.outdir.rglob("*") if p.is_file()}
    bundles.write_bundles(app, None)
    assert {p: p.stat().st_mtime_ns for p in app.outdir.rglob("*") if p.is_file()} == before


def test_a_member_missing_when_the_build_finishes_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = fake_app(tmp_path)
    [entry] = bundles.bundled(app, bundles.CSS, stylesheets("gone.css", "late.css"))
    write(tmp_path, {"page.html": f'<link href="{entry.filename}" />', "_static/late.css": ""})
    warnings: list[str] = []
    monkeypatch.setattr(
        bundles.logger, "warning", lambda msg, *args, **kw: warnings.append(msg % args)
    )
    bundles.write_bundles(app, None)
    assert any("_static/gone.css is not in the output" in w for w in warnings), warnings


# ------------------------------------------------------------------------- a small site


def bundle_links(page: Path) -> tuple[list[str], list[str]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    css = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    js = [script["src"] for script in soup.find_all("script", src=True)]
    return css, js


def test_a_site_rebuilt_after_a_member_changed_equals_a_clean_build(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(ROOTS / "test-bundles", source)
    out, doctrees = tmp_path / "out", tmp_path / "doctrees"
    result = sphinx_build("html", out, doctrees, srcdir=source)
    assert result.returncode == 0, result.stderr
    css, js = bundle_links(out / "index.html")
    assert len(css) == 1 and css[0].startswith("_static/bundles/bundle-")
    assert len(js) == 1 and js[0].startswith("_static/bundles/bundle-")
    bundle = (out / css[0]).read_text(encoding="utf-8")
    assert "url(../img/logo.svg)" in bundle  # _static/site.css's url(img/logo.svg)
    assert bundle.index("/* _static/styles/book-theme.css */") < bundle.index("/* _static/site.css")
    # the maths page: MathJax finds its own URL, so it stays a file of its own, in its place
    css, js = bundle_links(out / "maths.html")
    assert [Path(s).name.split("?")[0] for s in js][1] == "tex-chtml.js"
    assert len(js) == 3
    # a static file changes: Sphinx writes no page again, but every page names the new bundle
    (source / "_static/site.css").write_text(".site-logo { color: red; }\n", encoding="utf-8")
    result = sphinx_build("html", out, doctrees, srcdir=source)
    assert result.returncode == 0, result.stderr
    css_after, _ = bundle_links(out / "index.html")
    assert css_after != css
    assert "color: red" in (out / css_after[0]).read_text(encoding="utf-8")
    clean = tmp_path / "clean"
    result = sphinx_build("html", clean, tmp_path / "clean-doctrees", srcdir=source)
    assert result.returncode == 0, result.stderr
    assert differing(out, clean) == []


# ------------------------------------------------------------------------- the built book


def named_bundles(html: str) -> list[str]:
    return re.findall(
        r'(?:href|src)="[^"]*_static/(bundles/bundle-[0-9a-f]{16}\.(?:css|js))"', html
    )


@pytest.mark.parametrize("lang", EDITIONS)
def test_a_chapter_links_one_stylesheet_and_one_script(built_book: BuiltBook, lang: str) -> None:
    page = built_book.html / lang / CHAPTER
    css, js = bundle_links(page)
    assert len(css) == 1 and "_static/bundles/bundle-" in css[0], css
    assert len(js) == 1 and "_static/bundles/bundle-" in js[0], js
    html = page.read_text(encoding="utf-8")
    for member in ("theme.css", "book-theme.css", "pygments.css", "bootstrap.js", "doctools.js"):
        assert member not in html
    assert "?digest=" not in html and 'rel="preload"' not in html


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_bundle_is_named_after_its_text_and_named_by_a_page(
    built_book: BuiltBook, lang: str
) -> None:
    site = built_book.html / lang
    named = {
        name for page in site.rglob("*.html") for name in named_bundles(page.read_text("utf-8"))
    }
    written = {f"bundles/{p.name}" for p in (site / "_static/bundles").iterdir()}
    assert named == written
    for name in written:
        text = (site / "_static" / name).read_text(encoding="utf-8")
        assert name.split("-")[1].split(".")[0] == sha16(text)


def assert_in_order(bundle: str, marker: str, members: list[str]) -> None:
    """Each member's *marker* (``{}``: its path under ``_static/``) is in *bundle*, in order."""
    positions = [bundle.index(marker.format(member)) for member in members]
    assert positions == sorted(positions)


def test_the_chapters_bundles_hold_their_members_text_in_order(built_book: BuiltBook) -> None:
    site = built_book.html / "en"
    css, js = bundle_links(site / CHAPTER)
    stylesheet = (site / "kubernetes" / css[0]).read_text(encoding="utf-8")
    members = [
        "styles/theme.css",
        "basic.css",
        "styles/book-theme.css",
        "pygments.css",
        "styles/sphinx-book-theme.css",
        "copybutton.css",
        "graphviz.css",
        "book-tools.css",
    ]
    assert_in_order(stylesheet, "/* _static/{} */\n", members)
    assert (site / "_static/book-tools.css").read_text(encoding="utf-8").strip() in stylesheet
    assert (site / "_static/pygments.css").read_text(encoding="utf-8").strip() in stylesheet
    for font in re.findall(r"url\((\.\./styles/book-icons/[^)]+)\)", stylesheet):
        assert (site / "_static/bundles" / font).resolve().is_file(), font
    assert "@import" not in stylesheet
    script = (site / "kubernetes" / js[0]).read_text(encoding="utf-8")
    order = [
        "documentation_options.js",
        "doctools.js",
        "sphinx_highlight.js",
        "clipboard.min.js",
        "copybutton.js",
        "scripts/sphinx-book-theme.js",
        "language-switcher.js",
        "theme-widgets.js",
        "scripts/pydata-sphinx-theme.js",
    ]
    assert_in_order(script, ";/* _static/{} */\n", order)
    assert (site / "_static/copybutton.js").read_text(encoding="utf-8").strip() in script
    assert "scripts/bootstrap.js" not in script  # theme-widgets.js does what the pages used of it


def test_the_search_page_keeps_its_blocking_scripts(built_book: BuiltBook) -> None:
    soup = BeautifulSoup((built_book.html / "en/search.html").read_text("utf-8"), "html.parser")
    scripts = soup.find_all("script", src=True)
    blocking = [s["src"].split("?")[0] for s in scripts if not s.has_attr("defer")]
    assert blocking[:2] == ["_static/documentation_options.js", "_static/doctools.js"]
    assert blocking[-3:] == ["_static/searchtools.js", "_static/language_data.js", "searchindex.js"]
    deferred = [s["src"] for s in scripts if s.has_attr("defer")]
    assert len(deferred) == 1 and "_static/bundles/bundle-" in deferred[0]


PAGES = [CHAPTER, "training/pre-training.html", "landscape/index.html", "search.html?q=gpu"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_with_bundles_load_everything_without_errors(
    site_url: str, page: Any, path: str
) -> None:
    errors: list[str] = []
    failed: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.goto(f"{site_url}/en/{path}", wait_until="networkidle")
    state = page.evaluate(
        """() => ({
            bootstrap: typeof bootstrap === "object",
            documentation: typeof Documentation === "object",
            // the subset icon font the header's icons use has been fetched and loaded
            // (document.fonts.check() would be true for a family the page does not have)
            icons: [...document.fonts].some(
                (face) => face.family.replace(/"/g, "") === "Font Awesome 7 Free"
                    && face.weight === "900" && face.status === "loaded"),
            theme: document.documentElement.dataset.theme,
            sidebar: getComputedStyle(document.querySelector(".bd-sidebar-primary")).display,
        })"""
    )
    assert errors == []
    assert [url for url in failed if "/_static/" in url] == []
    assert state["bootstrap"] and state["documentation"] and state["icons"]
    assert state["theme"] in {"light", "dark"}  # pydata-sphinx-theme.js resolved "auto"
    assert state["sidebar"] != "inline"  # the theme's layout rules apply
