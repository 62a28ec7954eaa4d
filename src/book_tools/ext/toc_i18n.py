"""Translation of the part captions that sphinx-external-toc inserts from ``_toc.yml``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx import locale as sphinx_locale
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain


class TranslateTocCaptions(SphinxTransform):
    """Translate toctree captions inserted after Sphinx's own translation transform.

    sphinx-external-toc adds its toctrees at transform priority 100, after Sphinx's ``Locale``
    transform (priority 20) has run, so their captions would stay in English even though the
    gettext builder extracts them. This runs right after the insertion and looks the captions
    up in the page's own catalog, as Sphinx's transform does.
    """

    default_priority = 101

    def apply(self, **kwargs: Any) -> None:
        """Replace each toctree caption by its translation, when the catalog has one."""
        if not self.config.language or self.config.language == "en":
            return
        textdomain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        dirs = [Path(self.env.srcdir, d) for d in self.config.locale_dirs]
        catalog, has_catalog = sphinx_locale.init(dirs, self.config.language, textdomain)
        if not has_catalog:
            return
        for toctree in self.document.findall(addnodes.toctree):
            caption = toctree.get("rawcaption")
            if caption:
                toctree["caption"] = catalog.gettext(caption)


def drop_empty_captions(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: remove the empty ``rawcaption`` of caption-less toctrees.

    Sphinx extracts a toctree's ``rawcaption`` for translation; an empty one becomes a second
    ``msgid ""`` in the catalog, which gettext rejects as a duplicate of the header.
    """
    for toctree in doctree.findall(addnodes.toctree):
        if toctree.get("rawcaption") == "":
            del toctree["rawcaption"]
