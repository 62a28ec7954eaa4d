"""Search per edition, through Sphinx's search-language hooks.

* The edition's settings (:mod:`book_tools.languages`) name Sphinx's search language
  (``html_search_language``), its options and a query splitter. The splitter, a script in
  ``splitters/``, is given to Sphinx as the search language's ``js_splitter_code``, which Sphinx
  writes into ``language_data.js`` as ``splitQuery``.
* :class:`LazySearchChinese` replaces Sphinx's Chinese search language: Sphinx's ``SearchChinese``
  loads jieba's dictionary (and the book's user dictionary) as soon as the HTML builder starts,
  about 0.8 s, even on a rebuild that writes no page and so segments nothing. This subclass
  defers the load to the first text it splits, loads only the parts of the dictionary the texts
  need once the doctree folder has them in buckets (:mod:`book_tools.ext.jieba_buckets`), and
  otherwise reads jieba's dictionary cache in one go (:mod:`book_tools.ext.jieba_cache`), and
  takes the words of a text the last build split for the same page from that page's file
  (:mod:`book_tools.ext.jieba_segments`; :func:`begin_page` and :func:`end_pages` tell it which
  page is indexed), and while the pages are read, a worker process on the other core splits their
  texts ahead (:mod:`book_tools.ext.jieba_prefetch`); the index it builds is the same.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search import SearchLanguage, languages
from sphinx.search.en import SearchEnglish
from sphinx.search.zh import JIEBA_DEFAULT_DICT, SearchChinese, jieba_load_userdict
from sphinx.util import logging

from book_tools.ext import jieba_buckets, jieba_cache, jieba_prefetch, jieba_segments
from book_tools.ext.edition import current_edition

logger = logging.getLogger(__name__)
SPLITTERS = Path(__file__).resolve().parent / "splitters"


class LazySearchChinese(SearchChinese):
    """``SearchChinese`` with jieba loaded on first use (registered for ``zh``), by the buckets
    its texts need when the doctree folder has them (:mod:`book_tools.ext.jieba_buckets`)."""

    buckets_file: Path | None = None
    """Where the build's dictionary buckets are (set by :func:`configure`)."""
    segments_folder: Path | None = None
    """Where the build keeps each page's split texts (set by :func:`configure`)."""

    def __init__(self, options: dict[str, str]) -> None:
        self._dict_path = options.get("dict", JIEBA_DEFAULT_DICT)
        self._loaded = False
        super().__init__({**options, "dict": ""})  # an empty path: the parent loads nothing
        self.options = options
        self.segments: jieba_segments.PageSegments | None = None

    def begin_page(self, docname: str, offered: dict[str, list[str]] | None = None) -> None:
        """Split the texts of *docname* from now on, reusing what the last build split of them
        (:mod:`book_tools.ext.jieba_segments`) and the words *offered* for them by this build's
        worker (:mod:`book_tools.ext.jieba_prefetch`)."""
        if self.segments is None and self.segments_folder is not None:
            key = jieba_segments.memo_key(self._user_dict())
            self.segments = jieba_segments.PageSegments(self.segments_folder, key)
        if self.segments is not None:
            self.segments.begin(docname)
            if offered:
                self.segments.offer(offered)

    def end_page(self) -> None:
        """Keep the split texts of the current page for the next build."""
        if self.segments is not None:
            self.segments.finish()

    def split(self, input: str) -> list[str]:
        """Segment *input* with jieba (loading its dictionaries the first time), or take the
        words the last build found for the same text of the same page."""
        segments = self.segments
        if segments is not None:
            words = segments.get(input)
            if words is not None:  # what the parent's split also notes of the text
                self.latin_terms.update(term.strip() for term in self.latin1_letters.findall(input))
                return words
        if not self._loaded:
            self._load()
        buckets = jieba_buckets.attached()
        if buckets is not None:
            buckets.ensure(input)
        words = super().split(input)
        if segments is not None:
            segments.put(input, words)
        return words

    def _user_dict(self) -> Path | None:
        user_dict = Path(self._dict_path) if self._dict_path else None
        return user_dict if user_dict is not None and user_dict.is_file() else None

    def _load(self) -> None:
        """jieba's dictionary, by buckets or in full, then the book's user dictionary."""
        import jieba

        user_dict = self._user_dict()
        jieba_cache.install()
        jieba_buckets.load(jieba.dt, self.buckets_file)
        if user_dict is not None:
            buckets = jieba_buckets.attached()
            if buckets is not None:  # the user words' buckets before the words are added
                buckets.ensure(user_dict.read_text(encoding="utf-8"))
            jieba_load_userdict(str(user_dict))
        self._loaded = True


def splitter_code(name: str) -> str:
    """The JavaScript of the query splitter *name* (``splitters/<name>.js``)."""
    return (SPLITTERS / f"{name}.js").read_text(encoding="utf-8")


def _registered(lang: str) -> type[SearchLanguage]:
    """The search language Sphinx would use for *lang* (English if it has none)."""
    found = languages.get(lang) or languages.get(lang.partition("_")[0])
    if isinstance(found, str):
        module, name = found.rsplit(".", 1)
        found = getattr(import_module(module), name)
    if found is None:
        return type("SearchDefault", (SearchEnglish,), {"lang": lang})
    return getattr(found, "book_base", found)


def with_query_splitter(base: type[SearchLanguage], code: str) -> type[SearchLanguage]:
    """*base* with *code* as its ``js_splitter_code`` (the query splitter of the browser)."""
    return type(
        base.__name__,
        (base,),
        {"js_splitter_code": code, "book_base": base, "__doc__": base.__doc__},
    )


def configure(app: Sphinx, config: Config) -> None:
    """``config-inited``: the edition's search language, options and query splitter."""
    LazySearchChinese.buckets_file = Path(app.doctreedir) / jieba_buckets.FILE_NAME
    LazySearchChinese.segments_folder = Path(app.doctreedir) / jieba_segments.FOLDER
    search = current_edition(app, config).search
    if search.language:
        config.html_search_language = search.language
    if search.options:
        config.html_search_options = {**search.options, **(config.html_search_options or {})}
    if not search.query_splitter:
        return
    path = SPLITTERS / f"{search.query_splitter}.js"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in SPLITTERS.glob("*.js")))
        logger.warning(
            "search.query_splitter: no splitter %r (known: %s)",
            search.query_splitter,
            known,
            type="book",
            subtype="language",
        )
        return
    lang = config.html_search_language or config.language or "en"
    app.add_search_language(with_query_splitter(_registered(lang), splitter_code(path.stem)))


def _page_language(app: Sphinx) -> LazySearchChinese | None:
    indexer = getattr(app.builder, "indexer", None)
    lang = getattr(indexer, "lang", None)
    return lang if isinstance(lang, LazySearchChinese) else None


def begin_page(app: Sphinx, doctree: object, docname: str) -> None:
    """``doctree-resolved``: the HTML builder indexes *docname* next (it resolves a page, then
    indexes and writes it)."""
    lang = _page_language(app)
    if lang is not None:
        lang.begin_page(docname, jieba_prefetch.take_page(app, docname))


def end_pages(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: keep the split texts of the last page written."""
    lang = _page_language(app)
    if lang is not None:
        lang.end_page()
