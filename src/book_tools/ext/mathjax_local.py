"""Serve MathJax from the book itself instead of a CDN.

Sphinx points pages with mathematics at MathJax on a CDN, so readers behind a firewall or offline
see raw TeX. MathJax 3 ships in the ``django-static-mathjax`` wheel (static files only; Django is
not needed or imported); the parts a page uses are copied into the build's static files:
the ``tex-chtml`` bundle, its web fonts, the TeX extensions it autoloads, and the menu and
accessibility components. Speech output (the 4 MB speech-rule engine) is left out and disabled.
"""

from __future__ import annotations

import filecmp
import importlib.util
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)

BUNDLE = "tex-chtml.js"
PARTS = ("output/chtml/fonts/woff-v2", "input/tex/extensions", "ui", "a11y")


def mathjax_dist() -> Path | None:
    """The ``es5`` folder of the installed MathJax distribution, if any."""
    spec = importlib.util.find_spec("mathjax")
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location, "static", "mathjax", "es5")
        if (candidate / BUNDLE).is_file():
            return candidate
    return None


def copy_parts(dist: Path, target: Path) -> None:
    """Copy the bundle and the parts it loads from *dist* into *target* (once per version)."""
    if (target / BUNDLE).is_file() and filecmp.cmp(dist / BUNDLE, target / BUNDLE, shallow=False):
        return
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy2(dist / BUNDLE, target / BUNDLE)
    for part in PARTS:
        shutil.copytree(dist / part, target / part)


def use_local_mathjax(app: Sphinx, config: Config) -> None:
    """``config-inited``: point ``mathjax_path`` at the book's own copy of MathJax.

    Only settings change here, and they are the same for every build, so the configuration hash
    (``.buildinfo``) stays reproducible; the files are copied when the builder starts.
    """
    if "://" in str(config.mathjax_path or "") and config.mathjax_path != _default(config):
        return  # the project chose a CDN on purpose
    if mathjax_dist() is None:
        logger.warning(
            "MathJax is not installed (pip install django-static-mathjax); pages with "
            "mathematics will load it from a CDN",
            type="book_tools",
            subtype="mathjax",
        )
        return
    config.mathjax_path = f"mathjax/{BUNDLE}"
    options = dict(config.mathjax3_config or {})
    options.setdefault(
        "options", {"menuOptions": {"settings": {"speech": False, "braille": False}}}
    )
    config.mathjax3_config = options


def copy_into_output(app: Sphinx) -> None:
    """``builder-inited``: copy MathJax into the HTML output's ``_static`` before pages are
    written, so their script tags get a checksum like every other static file."""
    dist = mathjax_dist()
    if (
        app.builder.format != "html"
        or dist is None
        or app.config.mathjax_path != f"mathjax/{BUNDLE}"
    ):
        return
    copy_parts(dist, Path(app.outdir) / "_static" / "mathjax")


def _default(config: Config) -> str:
    return config.values["mathjax_path"].default if "mathjax_path" in config.values else ""
