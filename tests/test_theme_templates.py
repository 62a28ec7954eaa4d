"""Theme components derived from the installed themes: every edit applies, and the lean-page
edits remove what they say (the Font Awesome script; the search scripts off the search page),
and a component derived anew makes Sphinx write every page again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from book_tools.ext.theme_templates import COMPONENTS, Component, derive
from conftest import ROOTS, sphinx_build


def by_template(name: str) -> Component:
    return next(c for c in COMPONENTS if c.template == name)


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.template)
def test_every_edit_applies_to_the_installed_theme(component: Component) -> None:
    source = component.source()
    assert source is not None and source.is_file(), source
    _, missing = derive(component, source.read_text(encoding="utf-8"))
    assert missing == []


def test_template_names_are_the_names_the_themes_load() -> None:
    assert by_template("sbt-sidebar-nav.html").folder == "components"
    assert by_template("static/webpack-macros.html").name == "webpack-macros.html"
    assert by_template("pydata_sphinx_theme/layout.html").folder == "."


def test_no_font_awesome_script_and_the_macros_link_nothing() -> None:
    component = by_template("static/webpack-macros.html")
    text, _ = derive(component, component.source().read_text(encoding="utf-8"))
    assert "fontawesome.js" not in text
    # the theme's scripts and stylesheets are Sphinx page assets (book_tools.ext.theme_assets)
    for name in ("bootstrap.js", "pydata-sphinx-theme.js", "theme.css", "pydata-sphinx-theme.css"):
        assert name not in text
    assert "<script" not in text and "<link" not in text
    for macro in ("head_pre_assets", "head_js_preload", "body_post"):
        assert f"{{% macro {macro}() %}}" in text  # layout.html still calls them


def test_search_scripts_only_on_the_search_page_unless_search_as_you_type() -> None:
    component = by_template("pydata_sphinx_theme/layout.html")
    text, _ = derive(component, component.source().read_text(encoding="utf-8"))
    assert (
        "{% if pagename == 'search' or theme_search_as_you_type|string|lower != 'true' %}" in text
    )
    assert "searchindex.js" in text  # still there, for search-as-you-type


def test_a_changed_theme_is_reported_not_silently_skipped() -> None:
    component = by_template("static/webpack-macros.html")
    text, missing = derive(component, "<script defer src='other.js'></script>")
    assert text == "<script defer src='other.js'></script>"
    assert len(missing) == 4  # none of the script and stylesheet links is there
    assert "fontawesome.js" in missing[0]
    assert "pydata-sphinx-theme.css" in missing[1]
    assert "preload" in missing[2]
    assert "<script defer" in missing[3]


def test_pages_get_the_lean_stylesheet_not_the_themes() -> None:
    from book_tools.ext.theme_assets import SCRIPTS, STYLESHEETS

    # theme.css imports Sphinx's basic.css; book-theme.css is the lean pydata-sphinx-theme.css
    assert STYLESHEETS == ("styles/theme.css", "styles/book-theme.css")
    # the book's theme-widgets.js stands in for Bootstrap's script, ahead of the theme's own
    assert SCRIPTS == ("theme-widgets.js", "scripts/pydata-sphinx-theme.js")


@pytest.mark.parametrize(
    ("pagename", "option", "loaded"),
    [
        ("index", "False", False),  # theme.conf's default is the string "False"
        ("index", False, False),
        ("index", "True", True),
        ("index", True, True),
        ("search", True, False),  # search.html loads them itself
    ],
)
def test_the_edited_condition_reads_the_option_as_the_theme_does(
    pagename: str, option: object, loaded: bool
) -> None:
    from jinja2 import Environment

    component = by_template("pydata_sphinx_theme/layout.html")
    condition = component.edits[0].new
    template = Environment().from_string(f"{condition}kept{{% else %}}loaded{{% endif %}}")
    rendered = template.render(pagename=pagename, theme_search_as_you_type=option)
    assert rendered == ("loaded" if loaded else "kept")


def test_a_component_derived_anew_makes_every_page_outdated(tmp_path: Path) -> None:
    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-theme-components", root)
    out, doctrees = tmp_path / "html", tmp_path / "doctrees"

    def build() -> int:
        result = sphinx_build("html", out, doctrees, srcdir=root)
        assert result.returncode == 0, result.stderr
        return (out / "index.html").stat().st_mtime_ns

    first = build()
    assert build() == first  # unchanged components: the page is not written again
    # what the next build derives differs from the file (as after an edit in COMPONENTS, or a
    # theme release): the build writes the component again, and with it every page
    layout = doctrees / "book_theme_components" / "pydata_sphinx_theme" / "layout.html"
    layout.write_text(layout.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert build() > first
    assert not layout.read_text(encoding="utf-8").endswith("\n\n")  # derived again
