"""jieba's dictionary loaded by the part a text needs, not all of it (issue 18).

Before a Chinese rebuild indexes the page it wrote, jieba loads its whole prefix dictionary:
about 500,000 words and word prefixes with their frequencies, 0.25–0.35 s on the development
machine even read in one go (:mod:`book_tools.ext.jieba_cache`). That was most of what a
one-page zh_CN rebuild spent beyond an English one; the page itself needs a fraction of it.

Every word jieba looks up while it segments a text is a piece of that text: the prefixes of the
directed graph it builds (``get_DAG``), the words it scores (``calc``), the two- and three-
character pieces of long words (``cut_for_search``), the pieces of a user word
(``suggest_freq``). So a lookup of a word of two or more characters needs only the dictionary
entries that start with the same two characters as some place in the text. The dictionary is
stored in :data:`BUCKETS` buckets by those first two characters (:func:`bucket_of`), with the
one-character entries apart; :meth:`BucketedDictionary.ensure` loads, before a text is
segmented, the buckets of every two adjacent characters of the text into jieba's own
dictionary (a plain ``dict``, so jieba's lookups run at their usual speed). jieba then finds
exactly the entries, frequencies and total it would have found in the full dictionary; words
added to it (the book's user dictionary) are added after the buckets of their text are loaded,
so a bucket loaded later never holds one of them.

The buckets are written once per doctree folder from the full dictionary that jieba loaded
itself (``jieba-buckets.marshal``), keyed on jieba's version and its dictionary file's path,
size and modification time; a file that does not match, or does not load, is not used, and
jieba then loads its dictionary in full as before.
"""

from __future__ import annotations

import contextlib
import marshal
from array import array
from itertools import pairwise
from pathlib import Path
from typing import Any

from book_tools.files import replace_file

BUCKETS = 1 << 16
"""Number of buckets of two-character prefixes."""
_MIX = 40503
"""The multiplier that spreads first characters over the buckets (:func:`bucket_of`)."""
FORMAT = 1
FILE_NAME = "jieba-buckets.marshal"
"""The buckets' file, in the doctree folder."""


def bucket_of(first: str, second: str) -> int:
    """The bucket of the entries that start with *first* and *second*."""
    return (ord(first) * _MIX + ord(second)) & (BUCKETS - 1)


def dictionary_key(tokenizer: Any) -> tuple[Any, ...]:
    """What the buckets are valid for: jieba's version and its dictionary file."""
    import jieba

    name = tokenizer.dictionary
    path = (
        Path(jieba.__file__).resolve().parent / jieba.DEFAULT_DICT_NAME
        if name == jieba.DEFAULT_DICT
        else Path(name)
    )
    stat = path.stat()
    return (FORMAT, jieba.__version__, str(path), stat.st_size, stat.st_mtime_ns)


def write(path: Path, key: tuple[Any, ...], freq: dict[str, int], total: int) -> None:
    """Store the full dictionary *freq* (and its *total*) in buckets at *path*."""
    singles: dict[str, int] = {}
    buckets: list[dict[str, int]] = [{} for _ in range(BUCKETS)]
    mask = BUCKETS - 1
    for word, count in freq.items():  # bucket_of, inlined: half a million words
        if len(word) > 1:
            buckets[(ord(word[0]) * _MIX + ord(word[1])) & mask][word] = count
        elif word:
            singles[word] = count
    blobs = [marshal.dumps(bucket) for bucket in buckets]
    offsets = array("q", [0])
    for blob in blobs:
        offsets.append(offsets[-1] + len(blob))
    header = marshal.dumps((key, total, singles, offsets.tobytes()))
    replace_file(path, len(header).to_bytes(8, "little") + header + b"".join(blobs))


class BucketedDictionary:
    """A dictionary filled bucket by bucket from a buckets file, as the texts need them."""

    def __init__(self, total: int, singles: dict[str, int], offsets: array, blob: bytes) -> None:
        self.freq: dict[str, int] = dict(singles)
        self.total = total
        self._offsets = offsets
        self._blob = blob
        self._loaded = bytearray(BUCKETS)

    @classmethod
    def open(cls, path: Path, key: tuple[Any, ...]) -> BucketedDictionary | None:
        """The dictionary stored at *path* for *key*; ``None`` if missing, stale or broken."""
        try:
            data = path.read_bytes()
            size = int.from_bytes(data[:8], "little")
            stored_key, total, singles, offsets_bytes = marshal.loads(data[8 : 8 + size])
            offsets = array("q")
            offsets.frombytes(offsets_bytes)
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if tuple(stored_key) != tuple(key) or len(offsets) != BUCKETS + 1:
            return None
        blob = data[8 + size :]
        if offsets[-1] != len(blob):
            return None
        return cls(total, singles, offsets, blob)

    def ensure(self, text: str) -> None:
        """Load the buckets of every two adjacent characters of *text*."""
        loaded = self._loaded
        offsets = self._offsets
        freq = self.freq
        mask = BUCKETS - 1
        for first, second in set(pairwise(text)):  # bucket_of, inlined
            index = (ord(first) * _MIX + ord(second)) & mask
            if not loaded[index]:
                loaded[index] = 1
                start, end = offsets[index], offsets[index + 1]
                if end > start:
                    freq.update(marshal.loads(self._blob[start:end]))

    @property
    def buckets_loaded(self) -> int:
        """How many buckets are loaded."""
        return sum(self._loaded)


_attached: tuple[Any, BucketedDictionary] | None = None


def attached() -> BucketedDictionary | None:
    """The buckets jieba's default tokenizer is using, if it is using buckets."""
    if _attached is None:
        return None
    tokenizer, buckets = _attached
    return buckets if tokenizer.FREQ is buckets.freq else None


def load(tokenizer: Any, path: Path | None) -> BucketedDictionary | None:
    """Initialise jieba's *tokenizer* from the buckets at *path*, or let jieba load its full
    dictionary and store it in buckets at *path* for the next build. Nothing happens to a
    tokenizer that is initialised already (an earlier build in the same process)."""
    global _attached
    if tokenizer.initialized:
        return attached()
    try:
        key = dictionary_key(tokenizer) if path is not None else None
    except OSError:
        key = None
    buckets = BucketedDictionary.open(path, key) if path is not None and key else None
    if buckets is None:
        tokenizer.initialize()
        if path is not None and key:
            # without buckets, the next build loads the full dictionary again
            with contextlib.suppress(OSError):
                write(path, key, tokenizer.FREQ, tokenizer.total)
        return None
    with tokenizer.lock:
        tokenizer.FREQ = buckets.freq
        tokenizer.total = buckets.total
        tokenizer.initialized = True
    _attached = (tokenizer, buckets)
    return buckets
