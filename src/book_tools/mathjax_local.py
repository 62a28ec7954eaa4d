"""Serve MathJax from the book itself instead of a CDN.

Sphinx points pages with mathematics at MathJax on a CDN, so readers behind a firewall or offline
see raw TeX. MathJax 3 ships in the ``django-static-mathjax`` wheel (static files only; Django is
not needed or imported); the parts a page uses are copied into the build's static files:
the ``tex-chtml`` bundle, its web fonts, the TeX extensions it autoloads, and the menu and
accessibility components. Speech output (the 4 MB speech-rule engine) is left out and disabled.
"""

from __future__ import annotations

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
    stamp = target / ".source"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == str(dist):
        return
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy2(dist / BUNDLE, target / BUNDLE)
    for part in PARTS:
        shutil.copytree(dist / part, target / part)
    stamp.write_text(str(dist), encoding="utf-8")


def use_local_mathjax(app: Sphinx, config: Config) -> None:
    """``config-inited``: point ``mathjax_path`` at a local copy of MathJax."""
    if "://" in str(config.mathjax_path or "") and config.mathjax_path != _default(config):
        return  # the project chose a CDN on purpose
    dist = mathjax_dist()
    if dist is None:
        logger.warning(
            "MathJax is not installed (pip install django-static-mathjax); pages with "
            "mathematics will load it from a CDN",
            type="book_tools",
            subtype="mathjax",
        )
        return
    static = Path(app.doctreedir).parent / "_book_tools_static"
    copy_parts(dist, static / "mathjax")
    config.html_static_path.append(str(static))
    config.mathjax_path = f"mathjax/{BUNDLE}"
    options = dict(config.mathjax3_config or {})
    options.setdefault(
        "options", {"menuOptions": {"settings": {"speech": False, "braille": False}}}
    )
    config.mathjax3_config = options


def _default(config: Config) -> str:
    return config.values["mathjax_path"].default if "mathjax_path" in config.values else ""
