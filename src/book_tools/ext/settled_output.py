"""A rebuild that changes nothing leaves the files every HTML build writes as they are (issue 18).

At the end of every build, Sphinx's HTML builder writes the pages extensions add (the 404 page of
sphinx-notfound-page), the search page, the search index (after loading it back) and the object
inventory, and writes them again in a build that read and wrote no page, the same bytes (a
no-op rebuild of the book took 0.81-0.88x as long without them, in alternating runs of both
languages, ``benchmarks/results/all-figures.txt``). What they are made of is the environment
(the documents as read), the configuration, the templates and the interface catalogs. A build
that writes no page has read no document (Sphinx writes every document it reads), and a changed
template makes Sphinx write every page.

So :class:`SettledHTMLBuilder`, Sphinx's HTML builder registered in its place, keeps a record
in the doctree folder when a build finishes without an error (``build-finished``, after the
handlers that rewrite pages): a fingerprint of what those files are made of, and the size and
modification time of each of them. The fingerprint covers the time each document was last read
(``env.all_docs``: any document read, added or removed changes it), the configuration and tags
hashes Sphinx keeps in ``.buildinfo``, Sphinx's version, the interface catalogs compiled into
the doctree folder, and the output folder.

A build that writes no page and finds the record equal to its own fingerprint, and every file
as the record has it, is settled: it neither loads nor dumps the search index and writes none of
those files. It still makes the search language, which Sphinx writes into ``language_data.js``
with the static files. Every other build does what Sphinx does and writes the record again; a
build that ends with an error removes it.

An extension that adds a page (``html-collect-pages``) made of anything but these would have to
take part in the fingerprint; the book's only ones are the 404 page, made of the configuration
and the table of contents, and :mod:`~book_tools.ext.search_entries`, which adds no page.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

import sphinx
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from book_tools import __version__

logger = logging.getLogger(__name__)

RECORD = "settled_output.json"
#: the interface catalogs the extensions compile into the doctree folder
#: (:mod:`book_tools.ext.messages`, :mod:`landscape_directive.i18n`)
CATALOGS = "*_locale/**/*.mo"


def _stat(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_mtime_ns, info.st_size]


class SettledHTMLBuilder(StandaloneHTMLBuilder):
    """Sphinx's HTML builder, which writes the search index, the search page, the extensions'
    pages and the inventory only when something they are made of changed (see the module)."""

    #: whether this build writes no page and found the files of the last one as it left them
    settled = False
    #: the extra pages written by this build's finish (their output paths)
    _finish_files: list[Path]
    #: whether the builder is in its finish, after the documents
    _finishing = False

    def fingerprint(self) -> str:
        """A hash of what the files written on every build are made of (see the module)."""
        doctrees = Path(self.doctreedir)
        compiled = sorted(
            (path.relative_to(doctrees).as_posix(), _stat(path)) for path in doctrees.glob(CATALOGS)
        )
        parts = {
            "sphinx": sphinx.__version__,
            "book_tools": __version__,
            "outdir": str(self.outdir),
            "docs": sorted(self.env.all_docs.items()),
            "config": self.build_info.config_hash,
            "tags": self.build_info.tags_hash,
            "catalogs": compiled,
        }
        text = json.dumps(parts, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def record_path(self) -> Path:
        """Where the record of the last finished build is kept."""
        return Path(self.doctreedir) / RECORD

    def _record_holds(self) -> bool:
        try:
            record = json.loads(self.record_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if not isinstance(record, dict) or record.get("fingerprint") != self.fingerprint():
            return False
        files = record.get("files")
        if not isinstance(files, dict) or not files:
            return False
        outdir = Path(self.outdir)
        return all(_stat(outdir / name) == stat for name, stat in files.items())

    def prepare_writing(self, docnames: AbstractSet[str]) -> None:
        """Decide whether this build is settled, before the search index would be loaded."""
        self._finish_files = []
        self.settled = not docnames and self._record_holds()
        # a settled build keeps its (empty) indexer: the search language it holds is written
        # into language_data.js with the static files; no page is indexed and none is dumped
        super().prepare_writing(docnames)

    def load_indexer(self, docnames: AbstractSet[str]) -> None:
        """Load the search index on disk, unless this build leaves it as it is."""
        if not self.settled:
            super().load_indexer(docnames)

    def handle_page(
        self,
        pagename: str,
        addctx: dict[str, Any],
        templatename: str = "page.html",
        *,
        outfilename: Path | None = None,
        event_arg: Any = None,
    ) -> None:
        """Write a page as Sphinx does; note the pages written after the documents."""
        super().handle_page(
            pagename, addctx, templatename, outfilename=outfilename, event_arg=event_arg
        )
        if self._finishing:
            self._finish_files.append(Path(outfilename or self.get_output_path(pagename)))

    def finish(self) -> None:
        """Sphinx's end of a build, without the files a settled build leaves as they are."""
        if self.settled:
            logger.info("nothing changed: the search index and extra pages are left as they are")
            self.finish_tasks.add_task(self.write_buildinfo)
            return
        self._finishing = True
        try:
            super().finish()
            self.finish_tasks.join()
        finally:
            self._finishing = False

    def write_record(self) -> None:
        """Record the files this build wrote after its pages, as they are now."""
        outdir = Path(self.outdir)
        paths = [*self._finish_files, outdir / self.searchindex_filename, outdir / "objects.inv"]
        files = {}
        for path in paths:
            stat = _stat(path)
            if stat is not None:
                files[path.relative_to(outdir).as_posix()] = stat
        record = {"fingerprint": self.fingerprint(), "files": dict(sorted(files.items()))}
        self.record_path().write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def keep_record(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished`` (late, after the handlers that rewrite pages): write the record of a
    build that finished, remove it after an error."""
    builder = app.builder
    if not isinstance(builder, SettledHTMLBuilder):
        return
    if exception is not None:
        builder.record_path().unlink(missing_ok=True)
    elif not builder.settled:
        builder.write_record()


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the HTML builder that leaves a settled build's extra files alone."""
    app.add_builder(SettledHTMLBuilder, override=True)
    app.connect("build-finished", keep_record, priority=990)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
