"""The lean theme stylesheet (book_tools.ext.css_rules, lean_theme) and the per-page extension
assets (book_tools.ext.page_assets), on small hand-written inputs."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from docutils import nodes
from fontTools.ttLib import TTFont

from book_tools.ext import lean_theme
from book_tools.ext.css_rules import codepoints, keep_used, may_match, split_rules
from book_tools.ext.page_assets import doctree_classes, drop_unused_assets, needed


def test_rules_are_split_at_the_top_level_only() -> None:
    css = '@charset "UTF-8";a{b:c}@media (min-width:1px){.x{y:z}.w{v:u}}.s{content:"}{"}'
    rules = list(split_rules(css))
    assert [r.prelude for r in rules] == ['@charset "UTF-8";', "a", "@media (min-width:1px)", ".s"]
    assert rules[2].block == ".x{y:z}.w{v:u}"
    assert rules[3].block == 'content:"}{"'  # braces in a string do not count
    assert "".join(r.text for r in rules) == css  # nothing lost


def test_a_selector_is_kept_when_all_its_classes_are_used() -> None:
    used = {"btn", "show"}
    assert may_match(".btn.show", used)
    assert not may_match(".btn.active", used)
    assert may_match(".carousel,.btn", used)  # one selector of the list is enough
    assert may_match("a:hover", used)  # no class: always
    assert may_match(".btn:not(.disabled)", used)  # classes inside :not() are not required
    assert may_match(":is(.nope,.btn) p", used)


def test_unused_rules_go_at_every_level_and_at_rules_stay() -> None:
    css = (
        "@font-face{font-family:X;src:url(x.woff2)}.a{c:1}.b{c:2}"
        "@media (min-width:9px){.a{c:3}.b{c:4}}@media print{.b{c:5}}@keyframes k{0%{o:0}}"
    )
    assert keep_used(css, {"a"}) == (
        "@font-face{font-family:X;src:url(x.woff2)}.a{c:1}"
        "@media (min-width:9px){.a{c:3}}@keyframes k{0%{o:0}}"
    )


def test_codepoints_are_read_from_css_escapes() -> None:
    assert codepoints('.fa-x{--fa:"\\f00d"}.y:before{content:"\\e007"}') == {0xF00D, 0xE007}


def test_lean_stylesheet_points_the_fonts_at_the_subsets() -> None:
    css = (
        "@font-face{src:url(../vendor/fontawesome/webfonts/fa-solid-900.woff2)}"
        '.fa-xmark{--fa:"\\f00d"}.fa-rocket{--fa:"\\f135"}'
    )
    text, fonts = lean_theme.lean_stylesheet(css, {"fa-xmark"})
    assert text == '@font-face{src:url(book-icons/fa-solid-900.woff2)}.fa-xmark{--fa:"\\f00d"}'
    assert fonts == {"../vendor/fontawesome/webfonts/fa-solid-900.woff2": "fa-solid-900.woff2"}


def test_a_site_gets_the_lean_stylesheet_and_a_font_subset(tmp_path: Path) -> None:
    import pydata_sphinx_theme

    theme_static = (
        Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    )
    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "vendor/fontawesome/webfonts").mkdir(parents=True)
    solid = "vendor/fontawesome/webfonts/fa-solid-900.woff2"
    (static / solid).write_bytes((theme_static / solid).read_bytes())
    (static / "styles/pydata-sphinx-theme.css").write_text(
        "@font-face{font-family:F;src:url(../vendor/fontawesome/webfonts/fa-solid-900.woff2)}"
        '.fa-xmark{--fa:"\\f00d"}.fa-rocket{--fa:"\\f135"}.nav{a:b}.carousel{c:d}',
        encoding="utf-8",
    )
    (tmp_path / "page.html").write_text('<i class="fa-solid fa-rocket"></i>', encoding="utf-8")
    (static / "app.js").write_text('el.classList.add("nav")', encoding="utf-8")
    app = SimpleNamespace(
        outdir=tmp_path,
        doctreedir=tmp_path / "doctrees",
        builder=SimpleNamespace(format="html", name="html"),
    )
    lean_theme.write_lean_theme(app, None)  # type: ignore[arg-type]
    css = (static / "styles/book-theme.css").read_text(encoding="utf-8")
    assert css == (
        "@font-face{font-family:F;src:url(book-icons/fa-solid-900.woff2)}"
        '.fa-rocket{--fa:"\\f135"}.nav{a:b}'
    )
    cmap = TTFont(static / "styles/book-icons/fa-solid-900.woff2").getBestCmap()
    assert 0xF135 in cmap and 0xF00D not in cmap
    font = static / "styles/book-icons/fa-solid-900.woff2"
    first = font.read_bytes()
    font.unlink()
    (tmp_path / "doctrees/lean_theme_inputs.sha256").unlink()  # as in a fresh build folder
    lean_theme.write_lean_theme(app, None)  # type: ignore[arg-type]
    assert font.read_bytes() == first  # reproducible: no time stamp in the subset
    # a new class on a page is seen by the next build (the page's size and time changed)
    (tmp_path / "page.html").write_text(
        '<i class="fa-solid fa-rocket"></i><div class="carousel"></div>', encoding="utf-8"
    )
    lean_theme.write_lean_theme(app, None)  # type: ignore[arg-type]
    assert ".carousel{c:d}" in (static / "styles/book-theme.css").read_text(encoding="utf-8")


def test_extension_assets_only_where_their_classes_are() -> None:
    assert needed("sphinx-design.min.css", {"sd-card", "section"})
    assert not needed("sphinx-design.min.css", {"section", "admonition"})
    assert not needed("design-tabs.js", {"sd-card"})
    assert needed("design-tabs.js", {"sd-tab-set"})
    assert needed("mystnb.11b398.css", {"cell", "docutils"})
    assert not needed("mystnb.11b398.css", {"highlight"})
    assert needed("copybutton.js", set())  # not an extension asset this module knows


def test_page_context_keeps_only_what_the_page_uses() -> None:
    doctree = nodes.section(classes=["sd-card"])
    doctree += nodes.paragraph(classes=["lead"])
    assert doctree_classes(doctree) == {"sd-card", "lead"}
    css = [
        SimpleNamespace(filename=n) for n in ("basic.css", "sphinx-design.min.css", "mystnb.a.css")
    ]
    context = {"css_files": css, "script_files": [SimpleNamespace(filename="design-tabs.js")]}
    drop_unused_assets(None, "p", "page.html", context, doctree)  # type: ignore[arg-type]
    assert [c.filename for c in context["css_files"]] == ["basic.css", "sphinx-design.min.css"]
    assert context["script_files"] == []
    drop_unused_assets(None, "search", "search.html", context, None)  # type: ignore[arg-type]
    assert [c.filename for c in context["css_files"]] == ["basic.css"]
