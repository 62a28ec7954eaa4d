"""Theme components the book needs changed, derived from the installed theme at build time.

A few components of sphinx-book-theme and pydata-sphinx-theme print English labels that no
catalog can translate, or an accessible name that hides the visible keyboard shortcut (WCAG
2.5.3). Instead of keeping copies that drift from the theme, each build reads the installed
component, applies the edits below and puts the result first in the template loader. Two edits
keep pages lean (issue 18): no Font Awesome script (the stylesheet draws the icons with the web
fonts), the theme's stylesheets and scripts linked by Sphinx as page assets
(:mod:`book_tools.ext.theme_assets`, with the lean stylesheet of :mod:`book_tools.ext.lean_theme`
instead of the theme's), and the search index and search tools loaded by the search page only.
One keeps the first render right: the colour mode is set in the page's head to what the theme's
script will set, so the page is not restyled when the script runs. When a theme release changes
a component so that an edit no longer applies, the build warns (and ``-W`` fails) naming the
component and the text it looked for, so nothing changes silently.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.jinja2glue import SphinxFileSystemLoader
from sphinx.util import logging

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Edit:
    """Replace *old* by *new*, exactly once, in a theme component."""

    old: str
    new: str


@dataclass(frozen=True)
class Component:
    """A component template of an installed theme package and the edits it needs."""

    package: str
    name: str
    edits: tuple[Edit, ...]
    why: str
    folder: str = "components"  # where the theme keeps it, relative to its theme folder
    as_name: str = ""  # the name other templates load it by, when not folder/name

    def source(self) -> Path | None:
        """The component's file in the installed theme, or ``None`` if the theme is absent."""
        spec = importlib.util.find_spec(self.package)
        if spec is None or spec.origin is None:
            return None
        return Path(spec.origin).parent / "theme" / self.package / self.folder / self.name

    @property
    def template(self) -> str:
        """The name the theme's templates use for it (``components/`` is on the theme's path)."""
        if self.as_name:
            return self.as_name
        return self.name if self.folder == "components" else f"{self.folder}/{self.name}"


COMPONENTS: tuple[Component, ...] = (
    Component(
        "sphinx_book_theme",
        "sbt-sidebar-nav.html",
        (Edit('aria-label="Main"', "aria-label=\"{{ _('Main') }}\""),),
        "the navigation's accessible name is translated",
    ),
    Component(
        "sphinx_book_theme",
        "toggle-primary-sidebar.html",
        (
            Edit(
                'title="Toggle primary sidebar"',
                "title=\"{{ _('Toggle primary sidebar') }}\" "
                "aria-label=\"{{ _('Toggle primary sidebar') }}\"",
            ),
        ),
        "the button's label is translated and named for screen readers",
    ),
    Component(
        "pydata_sphinx_theme",
        "search-button-field.html",
        (
            Edit(" aria-label=\"{{ _('Search') }}\"", ""),
            Edit(
                '<i class="fa-solid fa-magnifying-glass"></i>',
                '<i class="fa-solid fa-magnifying-glass" aria-hidden="true"></i>',
            ),
        ),
        "the accessible name includes the visible shortcut (axe: label-content-name-mismatch)",
    ),
    Component(
        "pydata_sphinx_theme",
        "webpack-macros.html",
        (
            Edit(
                "  <!-- So that users can add custom icons -->\n"
                "  <script defer src=\"{{ pathto('_static/scripts/fontawesome.js', 1) }}"
                '?digest=90905a2f556bf617f1a9"></script>\n',
                "",
            ),
            Edit(
                "  <link href=\"{{ pathto('_static/styles/theme.css', 1) }}"
                '?digest=90905a2f556bf617f1a9" rel="stylesheet" />\n'
                "<link href=\"{{ pathto('_static/styles/pydata-sphinx-theme.css', 1) }}"
                '?digest=90905a2f556bf617f1a9" rel="stylesheet" />\n',
                "",
            ),
            Edit(
                '  <link rel="preload" as="script" href="{{ pathto(\'_static/scripts/'
                "bootstrap.js', 1) }}?digest=90905a2f556bf617f1a9\" />\n"
                '<link rel="preload" as="script" href="{{ pathto(\'_static/scripts/'
                "pydata-sphinx-theme.js', 1) }}?digest=90905a2f556bf617f1a9\" />\n",
                "",
            ),
            Edit(
                "  <script defer src=\"{{ pathto('_static/scripts/bootstrap.js', 1) }}"
                '?digest=90905a2f556bf617f1a9"></script>\n'
                "<script defer src=\"{{ pathto('_static/scripts/pydata-sphinx-theme.js', 1) }}"
                '?digest=90905a2f556bf617f1a9"></script>\n',
                "",
            ),
        ),
        "no 1.5 MB Font Awesome script on every page: the stylesheet draws the icons the book "
        'uses (<i class="fa-...">) with the web fonts; the theme\'s stylesheets and scripts '
        "linked as Sphinx page assets instead (book_tools.ext.theme_assets: the lean "
        "book-theme.css in place of the theme's 368 KiB, with checksums, bundled by "
        "book_tools.ext.bundles), so the macros link nothing",
        folder="static",
    ),
    Component(
        "pydata_sphinx_theme",
        "layout.html",
        (
            Edit(
                "{% if pagename == 'search' %}",
                "{% if pagename == 'search' or theme_search_as_you_type|string|lower != 'true' %}",
            ),
            Edit(
                '    document.documentElement.dataset.mode = localStorage.getItem("mode") || '
                '"{{ default_mode }}";\n'
                '    document.documentElement.dataset.theme = localStorage.getItem("theme") || '
                '"{{ default_mode }}";\n',
                "    (() => {\n"
                "      const root = document.documentElement;\n"
                '      let mode = localStorage.getItem("mode") || "{{ default_mode }}";\n'
                '      if (mode !== "light" && mode !== "dark") mode = "auto";\n'
                "      root.dataset.mode = mode;\n"
                '      root.dataset.theme = mode !== "auto" ? mode\n'
                '        : matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";\n'
                "    })();\n",
            ),
        ),
        "the search index (250-450 KB) and Sphinx's search tools are loaded by the search page "
        "only, where the search field sends the reader, unless search-as-you-type needs them; "
        "the colour mode and theme are set in the page's head to the values the theme's script "
        "gives them on DOMContentLoaded (an unset mode is 'auto', the theme follows the system "
        "in that mode). The theme's own lines set both to the theme option default_mode, empty "
        "by default: the first render had no theme colours, the script logged 'Got invalid "
        "theme mode' on every page and then changed both attributes of <html>, which made the "
        "browser restyle and lay out the whole page again before DOMContentLoaded (issue 18)",
        folder=".",
        as_name="pydata_sphinx_theme/layout.html",  # sphinx-book-theme's layout extends it
    ),
)


def derive(component: Component, text: str) -> tuple[str, list[str]]:
    """Apply *component*'s edits to *text*; return the result and the edits that did not apply."""
    missing = []
    for edit in component.edits:
        if text.count(edit.old) != 1:
            missing.append(edit.old)
            continue
        text = text.replace(edit.old, edit.new)
    return text, missing


def components_dir(app: Sphinx) -> Path:
    """Where a build keeps its derived components (beside its doctrees)."""
    return Path(app.doctreedir) / "book_theme_components"


def write_components(app: Sphinx, config: Config) -> None:
    """``config-inited``: derive the components into the build's own folder."""
    target = components_dir(app)
    target.mkdir(parents=True, exist_ok=True)
    for component in COMPONENTS:
        source = component.source()
        if source is None or not source.is_file():
            continue  # that theme is not installed, so nothing uses the component
        text, missing = derive(component, source.read_text(encoding="utf-8"))
        if missing:
            logger.warning(
                "%s: the theme changed; expected exactly one %r to edit (%s). "
                "Update book_tools.ext.theme_templates.COMPONENTS.",
                source,
                missing[0],
                component.why,
                type="book",
                subtype="theme",
            )
            continue
        out = target / component.template
        out.parent.mkdir(parents=True, exist_ok=True)
        if not out.is_file() or out.read_text(encoding="utf-8") != text:
            out.write_text(text, encoding="utf-8")


def load_components_first(app: Sphinx) -> None:
    """``builder-inited``: the template loader looks in the derived components before anything
    else. Added to the loader, not to ``templates_path``, because that setting is part of the
    configuration hash in ``.buildinfo``, and a path that names the build folder would make two
    identical builds in different folders differ. The folder also joins the loader's
    ``pathchain``, the folders whose newest template Sphinx compares with each page it wrote:
    a component derived anew (an edit above changed, or the theme did) makes every page
    outdated, as a changed template of the theme's own does. :func:`write_components` rewrites
    a component only when its text changes, so an unchanged one leaves the pages alone."""
    templates = getattr(app.builder, "templates", None)
    loaders = getattr(templates, "loaders", None)
    if isinstance(loaders, list):
        folder = str(components_dir(app))
        loaders.insert(0, SphinxFileSystemLoader(folder))
        pathchain = getattr(templates, "pathchain", None)
        if isinstance(pathchain, list):
            pathchain.insert(0, folder)


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx extension: derive the components when the configuration is read and load them
    first once the builder starts (``book_tools.ext`` sets it up for the book)."""
    app.connect("config-inited", write_components)
    app.connect("builder-inited", load_components_first)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
