"""Translated nodes let go of the throwaway documents they were parsed in (issue 18).

Sphinx's ``Locale`` transform parses each translated message into a new docutils document made
with the page's own settings object, and moves the parsed nodes into the page. Since docutils
0.22 every node parsed remembers its document (``Node._document``), so the moved nodes keep
pointing at the throwaway one, and through its settings at the build environment
(``settings.env``). When Sphinx pickles the page's doctree it clears ``env`` only in a copy of
the page's settings, so each translated doctree carried a pickled copy of the whole environment:
the zh_CN doctrees were 68 MB against English's 7.5 MB, ``index`` 717 KB against 15 KB, and
every rebuild or PDF build that loads a translated doctree unpickled it.

On ``doctree-read`` (after every transform, before Sphinx pickles the doctree) each node whose
remembered document is not the page's forgets it; ``node.document`` then finds the page's
document through its parents, as for every other node.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


def forget_foreign_documents(app: Sphinx, doctree: nodes.document) -> int:
    """Drop every reference to a document other than *doctree* from its nodes; how many."""
    dropped = 0
    for node in doctree.findall():
        remembered = node.__dict__.get("_document")
        if remembered is not None and remembered is not doctree:
            del node.__dict__["_document"]
            dropped += 1
    return dropped
