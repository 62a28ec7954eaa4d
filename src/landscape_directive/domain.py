"""Per-build state of the extension, kept where Sphinx merges it: a :class:`~sphinx.domains.Domain`.

Three things are remembered, per page: which data files the page's directives use, and which
exports (CSV, JSON) it links to; and, per data file, the parsed result (keyed by the file's
modification time and size, so an unchanged file is parsed once, even across incremental
builds). ``clear_doc`` forgets what a re-read page noted, ``merge_domaindata`` brings back what
parallel readers (``-j``) found.

Problems in the data are reported by :meth:`LandscapeDomain.check_consistency`, which Sphinx
calls once per build in the main process after every reader has been merged: each problem is
reported exactly once, with ``-j 1`` as with ``-j 2``, and in every build that re-reads a page
using the data (so an incremental ``-W`` build with bad data still fails).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

from sphinx.domains import Domain
from sphinx.util import logging

from .model import LoadResult, check_chapters, load

logger = logging.getLogger(__name__)


class LandscapeDomain(Domain):
    """Data files used and exports asked for by each page, and the parsed data files."""

    name = "landscape"
    label = "Landscape"
    initial_data: dict[str, Any] = {"uses": {}, "exports": {}, "parsed": {}}  # noqa: RUF012
    data_version = 1

    @property
    def uses(self) -> dict[str, set[str]]:
        """docname -> data files its directives read."""
        return self.data.setdefault("uses", {})

    @property
    def exports(self) -> dict[str, set[str]]:
        """docname -> data files whose exports it links to."""
        return self.data.setdefault("exports", {})

    @property
    def parsed(self) -> dict[str, tuple[Any, LoadResult]]:
        """data file -> (its (mtime, size) when parsed, the result)."""
        return self.data.setdefault("parsed", {})

    def note_use(self, docname: str, path: Path, *, export: bool = False) -> LoadResult:
        """Record that ``docname`` uses the data file ``path``; return the parsed file."""
        self.uses.setdefault(docname, set()).add(str(path))
        if export:
            self.exports.setdefault(docname, set()).add(str(path))
        return self.load(path)

    def load(self, path: Path) -> LoadResult:
        """The parsed data file, parsed again only when it changed."""
        try:
            stat = path.stat()
            key: Any = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            key = None
        entry = self.parsed.get(str(path))
        if entry is not None and key is not None and entry[0] == key:
            return entry[1]
        result = load(path)
        self.parsed[str(path)] = (key, result)
        return result

    def export_paths(self) -> list[str]:
        """Every data file some page links the exports of, sorted."""
        return sorted({p for paths in self.exports.values() for p in paths})

    def clear_doc(self, docname: str) -> None:
        """Forget what a page noted (it is about to be read again, or was removed)."""
        self.uses.pop(docname, None)
        self.exports.pop(docname, None)

    def merge_domaindata(self, docnames: AbstractSet[str], otherdata: dict[str, Any]) -> None:
        """Take what a parallel reader noted for ``docnames``, and the files it parsed."""
        for key in ("uses", "exports"):
            ours = self.data.setdefault(key, {})
            for docname, paths in otherdata.get(key, {}).items():
                if docname in docnames:
                    ours[docname] = set(paths)
        for path, entry in otherdata.get("parsed", {}).items():
            self.parsed.setdefault(path, entry)

    def check_consistency(self) -> None:
        """Warn about every problem of every data file in use, once, in file and line order."""
        paths = sorted({p for paths in self.uses.values() for p in paths})
        for path in paths:
            result = self.load(Path(path))
            issues = list(result.issues)
            if result.landscape is not None:
                issues.extend(check_chapters(result.landscape, self.env.found_docs))
            for issue in sorted(issues, key=lambda i: i.line):
                logger.warning(
                    issue.message,
                    location=f"{issue.path}:{issue.line}",
                    type="landscape",
                    subtype="data",
                )
