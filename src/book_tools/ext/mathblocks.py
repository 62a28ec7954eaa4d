"""Keep display math out of the catalogs.

A formula is the same in every language, and Sphinx rebuilds a translated math block as
reStructuredText, which breaks MyST's ``$$`` blocks. :class:`KeepMathUntranslated` marks math
blocks as not translatable, before Sphinx's translation transform (priority 20).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform


class KeepMathUntranslated(SphinxTransform):
    """Mark display-math blocks as not translatable (before i18n, priority 20)."""

    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        """Set ``translatable = False`` on every math block."""
        for block in self.document.findall(nodes.math_block):
            block["translatable"] = False
