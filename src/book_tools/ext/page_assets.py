"""Extension stylesheets and scripts only on the pages that use them (issue 18).

sphinx-design and myst-nb add their stylesheet (54 and 43 KiB) and sphinx-design its tab script
to every page. A page needs them only when its document has their elements: sphinx-design's
classes all start with ``sd-`` (tabs with ``sd-tab``), myst-nb's cells and glued outputs carry
``cell``, ``cell_output`` or ``pasted-*``. ``html-page-context`` drops an asset from a page whose
doctree has none of its classes; pages without a doctree (search, index) get none of them.
The theme's own stylesheet is cut down once for the site by :mod:`book_tools.ext.lean_theme`.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


def _starts(prefix: str) -> Callable[[str], bool]:
    return lambda cls: cls.startswith(prefix)


def _one_of(*names: str) -> Callable[[str], bool]:
    return lambda cls: cls in names or cls.startswith("pasted-")


@dataclass(frozen=True)
class PageAsset:
    """A stylesheet or script (file name pattern under ``_static/``) and the classes that need it."""

    pattern: str
    needed_by: Callable[[str], bool]


ASSETS: tuple[PageAsset, ...] = (
    PageAsset("sphinx-design.min.css", _starts("sd-")),
    PageAsset("design-tabs.js", _starts("sd-tab")),
    PageAsset("mystnb.*.css", _one_of("cell", "cell_input", "cell_output", "output")),
)


def doctree_classes(doctree: nodes.Node | None) -> set[str]:
    """Every class of every element of *doctree* (none without one)."""
    if doctree is None:
        return set()
    return {cls for node in doctree.findall(nodes.Element) for cls in node.get("classes", [])}


def needed(filename: str, classes: set[str]) -> bool:
    """Whether a page with *classes* needs the asset *filename* (any asset not in ASSETS: yes)."""
    for asset in ASSETS:
        if fnmatch.fnmatch(filename.rsplit("/", 1)[-1], asset.pattern):
            return any(asset.needed_by(cls) for cls in classes)
    return True


def drop_unused_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: keep only the extension assets this page's document uses."""
    classes = doctree_classes(doctree if isinstance(doctree, nodes.Node) else None)
    for key in ("css_files", "script_files"):
        assets = context.get(key)
        if isinstance(assets, list):
            context[key] = [a for a in assets if needed(str(getattr(a, "filename", a)), classes)]
