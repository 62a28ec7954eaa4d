"""The theme's own stylesheets and scripts given to Sphinx as page assets (issue 18).

pydata-sphinx-theme links two stylesheets (``theme.css``, which imports Sphinx's ``basic.css``,
and its own, here the lean ``book-theme.css``) and two deferred scripts (Bootstrap and its own)
from its ``webpack-macros.html`` template, with a ``?digest=`` fixed at the theme's release. The
derived template (:mod:`book_tools.ext.theme_templates`) drops those links, and this module adds
the files where Sphinx keeps a page's assets, in the same places: the stylesheets before every
other one (priority 100; Sphinx's own start at 200), the scripts deferred after every other one
(priority 1000; ``html_js_files`` default to 800). There they get Sphinx's checksum and can be
bundled (:mod:`book_tools.ext.bundles`). Deferred scripts run in document order once the page is
parsed, so the scripts run when they did at the end of the body.

In place of Bootstrap's script (80 KiB, most of a chapter page's JavaScript) the pages load
``theme-widgets.js`` (``static/`` of this package, 10 KiB): the header's dropdown menus, the
tooltips and the back-to-top button, which are all the pages use of Bootstrap, with the same
classes, attributes and events, and ``bootstrap.Tooltip`` for the theme's own script. Measured on
the development machine, cold loads of the zh_CN ``kubernetes/dra.html`` with each script taking
turns: median time to ``load`` 239 -> 214 ms (21 loads each), 340 -> 266 ms (11 each, in a
slower spell); the page's JavaScript 130 -> 60 KiB.
"""

from __future__ import annotations

from sphinx.application import Sphinx

THEMES = frozenset({"pydata_sphinx_theme", "sphinx_book_theme"})
STYLESHEETS = ("styles/theme.css", "styles/book-theme.css")
SCRIPTS = ("theme-widgets.js", "scripts/pydata-sphinx-theme.js")
FIRST = 100
LAST = 1000


def uses_theme_assets(app: Sphinx) -> bool:
    """Whether *app* builds HTML pages with pydata-sphinx-theme's layout (not EPUB)."""
    builder = app.builder
    return builder.format == "html" and builder.name != "epub" and app.config.html_theme in THEMES


def add_theme_assets(app: Sphinx) -> None:
    """``builder-inited``: the theme's stylesheets and scripts as Sphinx page assets."""
    if not uses_theme_assets(app):
        return
    for name in STYLESHEETS:
        app.add_css_file(name, priority=FIRST)
    for name in SCRIPTS:
        app.add_js_file(name, priority=LAST, loading_method="defer")
