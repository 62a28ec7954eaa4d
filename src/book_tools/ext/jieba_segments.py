"""What jieba made of each text of a page, kept per page, so a rebuild segments only new texts.

When a Chinese build writes a page it indexes it for search: Sphinx's Chinese search language
splits every text of the page with jieba's ``cut_for_search``. In a one-page rebuild after a
translator changed one message, nearly all of those texts are the ones the last build split, and
splitting them again was the largest share of what indexing a zh_CN page costs beyond an English
one (0.06–0.07 s of a 1.5 s rebuild of ``kubernetes/dra`` on the development machine).

A page's split texts are kept in ``<doctrees>/jieba-segments/<docname>.marshal``: each text with
the words the search language returned for it. The file is keyed on everything those words
depend on besides the text: this module's format, Sphinx's and jieba's versions, jieba's
dictionary file (:func:`book_tools.ext.jieba_buckets.dictionary_key`) and the SHA-256 of the
book's user dictionary. A file for another key, or one that does not load, counts as empty. A
text is looked up by its exact characters, so a changed text is split again; the file is
rewritten with the texts the page has now, so it does not grow with texts the page no longer
has. Texts another process of the same build split for the page
(:mod:`book_tools.ext.jieba_prefetch`) are offered to the page the same way.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
from pathlib import Path
from typing import Any

from book_tools.files import replace_file

FORMAT = 1
FOLDER = "jieba-segments"
"""The folder of the pages' files, in the doctree folder."""


def memo_key(user_dict: Path | None) -> tuple[Any, ...]:
    """What split texts are valid for: everything the words depend on besides the text."""
    import jieba
    import sphinx

    from book_tools.ext.jieba_buckets import dictionary_key

    digest = hashlib.sha256(user_dict.read_bytes()).hexdigest() if user_dict else ""
    return (FORMAT, sphinx.__version__, dictionary_key(jieba.dt), digest)


class PageSegments:
    """The split texts of one page at a time: those stored by the last build, and those of now."""

    def __init__(self, folder: Path, key: tuple[Any, ...]) -> None:
        self.folder = folder
        self.key = key
        self.docname: str | None = None
        self._stored: dict[str, list[str]] = {}
        self._offered: dict[str, list[str]] = {}
        self._now: dict[str, list[str]] = {}

    def path(self, docname: str) -> Path:
        """The file of *docname*."""
        return self.folder / f"{docname}.marshal"

    def begin(self, docname: str) -> None:
        """Store the page before (if its texts changed) and load the texts of *docname*."""
        self.finish()
        self.docname = docname
        try:
            key, stored = marshal.loads(self.path(docname).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return
        if tuple(key) == tuple(self.key) and isinstance(stored, dict):
            self._stored = stored

    def offer(self, words: dict[str, list[str]]) -> None:
        """Texts of the current page split by another process of this build (what the search
        language returns for each, :mod:`book_tools.ext.jieba_prefetch`)."""
        self._offered = words

    def get(self, text: str) -> list[str] | None:
        """The words of *text* split by the last build or offered by this one, or ``None``."""
        words = self._stored.get(text)
        if words is None:
            words = self._offered.get(text)
        if words is not None:
            self._now[text] = words
            return list(words)
        return None

    def put(self, text: str, words: list[str]) -> None:
        """Note that *text* is split into *words* now."""
        if self.docname is not None:
            self._now[text] = list(words)

    def finish(self) -> None:
        """Write the current page's texts if they are not the ones stored; forget the page."""
        if self.docname is not None and self._now != self._stored:
            with contextlib.suppress(OSError):
                replace_file(self.path(self.docname), marshal.dumps((self.key, self._now)))
        self.docname = None
        self._stored, self._offered, self._now = {}, {}, {}
