"""The index entries of the pages a rebuild does not write, kept in the search index.

The search index (``searchindex.js``) lists, beside words and titles, the entries of the
``index`` directives and glossary terms of every page (``indexentries``), which the search page
shows first. Sphinx 9 keeps them only for the pages the current build writes: the HTML builder
reloads the last index's words and titles (``IndexBuilder.load``) but not its index entries, and
the environment it saves holds none (it is saved before the pages are written). A translator's
one-page zh_CN rebuild therefore wrote an index with no entries from any other page: all 78 of
the glossary's were gone until the next full build (found while checking issue 18's rebuilds).

When the HTML builder collects its extra pages (``html-collect-pages``, after every page is
written and before the index is written), the entries of each page that was not indexed in this
build are taken back from the index on disk, if it was written for the same environment
version; they are written exactly as Sphinx wrote them (in lower case, with a flag for main
entries), so a rebuild writes the index a full build writes. The entries are then put in the
order of their pages' names, the order in which a full build indexes the pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from book_tools import __version__

Entries = dict[str, list[tuple[str, str, str]]]


def entries_by_page(frozen: dict[str, Any], pages: set[str]) -> Entries:
    """The index entries of each of *pages* in the loaded search index *frozen*: (entry, target
    id, ``"main"`` or ``""``) as Sphinx's index builder keeps them."""
    docnames: list[str] = frozen.get("docnames") or []
    found: Entries = {}
    for entry, targets in (frozen.get("indexentries") or {}).items():
        for index, target_id, main in targets:
            docname = docnames[index]
            if docname in pages:
                found.setdefault(docname, []).append((entry, target_id, "main" if main else ""))
    return {docname: sorted(found[docname]) for docname in found}


def keep_entries(app: Sphinx) -> list[Any]:
    """``html-collect-pages``: the entries of the pages not indexed in this build back from the
    index on disk, and every page's entries in the order of the page names. No page is added."""
    builder = app.builder
    indexer = getattr(builder, "indexer", None)
    entries: Entries | None = getattr(indexer, "_index_entries", None)
    if indexer is None or entries is None:
        return []
    missing = set(app.env.all_docs) - set(entries)
    if missing:
        path = Path(builder.outdir) / builder.searchindex_filename
        try:
            with path.open(encoding="utf-8") as stream:
                frozen = builder.indexer_format.load(stream)
        except (OSError, ValueError):
            frozen = None
        if isinstance(frozen, dict) and frozen.get("envversion") == app.env.version:
            entries.update(entries_by_page(frozen, missing))
    ordered = sorted(entries.items())
    entries.clear()
    entries.update(ordered)
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    """Keep the index entries of pages a rebuild does not write."""
    app.connect("html-collect-pages", keep_entries)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
