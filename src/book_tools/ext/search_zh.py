"""Chinese search language that loads jieba only when a page is indexed.

Sphinx's ``SearchChinese`` loads jieba's dictionary (and the book's user dictionary) as soon as
the HTML builder starts, about 0.8 s, even on a rebuild that writes no page and so segments
nothing. This subclass defers the load to the first text it splits; the index it builds is the
same.
"""

from __future__ import annotations

from pathlib import Path

import snowballstemmer
from sphinx.search import SearchLanguage
from sphinx.search.zh import JIEBA_DEFAULT_DICT, SearchChinese, jieba_load_userdict


class LazySearchChinese(SearchChinese):
    """``SearchChinese`` with jieba loaded on first use (registered for ``zh``)."""

    def __init__(self, options: dict[str, str]) -> None:
        SearchLanguage.__init__(self, options)
        self.latin_terms: set[str] = set()
        self._dict_path = options.get("dict", JIEBA_DEFAULT_DICT)
        self._loaded = False
        self.stemmer = snowballstemmer.stemmer("english")

    def split(self, input: str) -> list[str]:
        """Segment *input* with jieba, loading its dictionaries the first time."""
        if not self._loaded:
            if self._dict_path and Path(self._dict_path).is_file():
                jieba_load_userdict(str(self._dict_path))
            self._loaded = True
        return super().split(input)
