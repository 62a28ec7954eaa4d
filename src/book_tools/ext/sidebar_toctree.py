"""The sidebar's global toctree resolved from the documents' titles, not their sections (issue 18).

sphinx-book-theme draws the sidebar of every page with the template function ``toctree``
(``titles_only=True``: one entry per document, none for its sections). Sphinx resolves it from
``env.tocs``, each document's whole section tree: for every entry it copies the document's
tree, and only then, because of ``titles_only``, throws the sections away
(``_entries_from_toctree`` in ``sphinx.environment.adapters.toctree``). For the book that is
some 15,000 nodes copied per page written (``cProfile`` of a one-message zh_CN rebuild, five
pages written: 0.26 s in ``global_toctree_for_doc``, 0.07 s with this module; six alternating
pairs of that rebuild on the development machine: 2.39 -> 2.29 s).

:func:`wrap_toctree` (``html-page-context``, before the theme renders its components) makes
the page's ``toctree`` function resolve a ``titles_only`` toctree from :func:`titles_only_tocs`:
each document's tree already cut the way Sphinx cuts it, its title and the toctrees below the
title, nothing else. Sphinx then copies and cuts a tree that holds nothing to cut, and the HTML
is the same (checked on the whole book in both languages, and by ``tests/test_sidebar_toctree.py``).
Every other call of ``toctree`` is Sphinx's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from book_tools import __version__

_cut: dict[str, tuple[nodes.bullet_list, nodes.bullet_list]] = {}
"""Per document: its tree in ``env.tocs`` and the cut copy made from that very object."""


def title_entries(toc: nodes.bullet_list) -> nodes.bullet_list:
    """A copy of the document tree *toc* cut as Sphinx cuts it for ``titles_only``: each
    top-level entry keeps its title and, in place of its sections, the toctrees found among
    them. Top-level nodes other than entries (``only``, toctrees), and sections that hold an
    ``only`` node (whose toctrees count only if its expression matches the builder's tags), are
    copied as they are, for Sphinx to resolve and cut as before."""
    cut = toc.deepcopy()
    for top_level in cut.children:
        if not isinstance(top_level, nodes.list_item) or len(top_level) < 2:
            continue
        sections = top_level[1]
        if not isinstance(sections, nodes.bullet_list):
            continue
        if any(True for _ in sections.findall(addnodes.only)):
            continue  # Sphinx keeps only the toctrees of the ``only`` nodes that match the tags
        subtrees = list(sections.findall(addnodes.toctree))
        if subtrees:
            sections[:] = subtrees
        else:
            top_level.pop(1)
    return cut


def titles_only_tocs(tocs: dict[str, nodes.bullet_list]) -> dict[str, nodes.bullet_list]:
    """*tocs* (``env.tocs``) with every tree cut by :func:`title_entries`; a document's cut
    copy is made again whenever its tree is another object (the document was read again)."""
    cut_tocs = {}
    for docname, toc in tocs.items():
        cached = _cut.get(docname)
        if cached is None or cached[0] is not toc:
            cached = _cut[docname] = (toc, title_entries(toc))
        cut_tocs[docname] = cached[1]
    return cut_tocs


def forget(app: Sphinx, env: Any) -> None:
    """``env-updated``: drop the cut copies of an earlier build in the same process, whose
    trees Sphinx may have changed in place since (their section numbers, for one); this
    build's are cut when its first page is written."""
    _cut.clear()


def wrap_toctree(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: have the page's ``toctree`` function resolve ``titles_only``
    toctrees from the cut trees."""
    sphinx_toctree: Callable[..., str] | None = context.get("toctree")
    if sphinx_toctree is None:
        return
    env = app.env

    def toctree(**kwargs: Any) -> str:
        if not kwargs.get("titles_only"):
            return sphinx_toctree(**kwargs)
        tocs = env.tocs
        env.tocs = titles_only_tocs(tocs)
        try:
            return sphinx_toctree(**kwargs)
        finally:
            env.tocs = tocs

    context["toctree"] = toctree


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the wrapper of the page's ``toctree`` function."""
    app.connect("env-updated", forget)
    # before pydata-sphinx-theme's update_and_remove_templates (500), which renders the sidebar
    app.connect("html-page-context", wrap_toctree, priority=400)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
