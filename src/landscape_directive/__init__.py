"""Sphinx directives for the AI Infra Book landscape: tables, a two-axis map and statistics.

Add ``"landscape_directive"`` to ``extensions`` in ``conf.py``; see the README of the book for
the directives and their options.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    """Sphinx entry point (the wiring lives in :mod:`landscape_directive.extension`)."""
    from .extension import setup_extension  # keeps importing the package cheap

    return setup_extension(app)
