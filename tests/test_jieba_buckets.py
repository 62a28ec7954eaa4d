"""jieba's dictionary loaded by the buckets a text needs segments exactly as the full one."""

from __future__ import annotations

import json
import marshal
import subprocess
import sys
from pathlib import Path

import jieba
import polib
import pytest

from book_tools.ext import jieba_buckets, jieba_cache
from conftest import REPO

USER_DICT = REPO / "book" / "_data" / "jieba-userdict.txt"
PAGES = ["kubernetes/dra", "inference/index", "index"]


def texts() -> list[str]:
    """The Chinese translations of a few of the book's pages, one message each."""
    found: list[str] = []
    for page in PAGES:
        catalog = polib.pofile(str(REPO / "locales" / "zh_CN" / "LC_MESSAGES" / f"{page}.po"))
        found.extend(entry.msgstr for entry in catalog if entry.msgstr)
    return found


def run_script(script: str, stdin: object, *args: str) -> dict[str, object]:
    """What *script* prints (JSON), run in a fresh Python with the checkout's extensions, given
    *args* and *stdin* as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        input=json.dumps(stdin), capture_output=True, text=True, check=True, cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def full() -> jieba.Tokenizer:
    """jieba with its full dictionary and the book's user dictionary, as before."""
    jieba.setLogLevel(60)
    jieba_cache.install()
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@pytest.fixture(scope="module")
def buckets_file(full: jieba.Tokenizer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("buckets") / jieba_buckets.FILE_NAME
    jieba_buckets.write(path, jieba_buckets.dictionary_key(full), full.FREQ, full.total)
    full.load_userdict(str(USER_DICT))  # after the buckets were written, as a build does
    return path


def test_the_bucket_of_a_word_is_its_first_two_characters() -> None:
    # (ord("推") * 40503 + ord("理")) & 0xFFFF, worked out: 25512 * 40503 + 29702 = 1033342238
    assert ord("推") == 25512 and ord("理") == 29702
    assert jieba_buckets.bucket_of("推", "理") == 0x8D1E  # 1033342238 = 0x3D978D1E
    assert jieba_buckets.bucket_of("推", "理") != jieba_buckets.bucket_of("理", "推")


def test_segmentation_is_the_same_as_with_the_full_dictionary(
    full: jieba.Tokenizer, buckets_file: Path
) -> None:
    tokenizer = jieba.Tokenizer()
    buckets = jieba_buckets.BucketedDictionary.open(
        buckets_file, jieba_buckets.dictionary_key(tokenizer)
    )
    assert buckets is not None
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = buckets.freq, buckets.total, True
    buckets.ensure(USER_DICT.read_text(encoding="utf-8"))
    tokenizer.load_userdict(str(USER_DICT))
    assert tokenizer.total == full.total
    messages = texts()
    assert len(messages) > 300
    for text in messages:
        buckets.ensure(text)
        assert tokenizer.lcut_for_search(text) == full.lcut_for_search(text), text
    # only part of the dictionary was needed for these pages
    assert 0 < buckets.buckets_loaded < jieba_buckets.BUCKETS
    assert len(buckets.freq) < len(full.FREQ)
    # a word of the user dictionary, and words found through its two-character pieces
    assert "动态资源分配" in tokenizer.lcut_for_search("动态资源分配调度 GPU")


def test_a_stale_or_broken_file_is_not_used(full: jieba.Tokenizer, buckets_file: Path,
                                            tmp_path: Path) -> None:  # fmt: skip
    key = jieba_buckets.dictionary_key(full)
    assert jieba_buckets.BucketedDictionary.open(buckets_file, key) is not None
    other_dictionary = (*key[:-1], key[-1] + 1)  # jieba's dictionary file changed since
    assert jieba_buckets.BucketedDictionary.open(buckets_file, other_dictionary) is None
    data = buckets_file.read_bytes()
    broken = tmp_path / "broken.marshal"
    for content in (b"", data[:100], data[:-1], b"\x00" * 8 + marshal.dumps(("x", 1))):
        broken.write_bytes(content)
        assert jieba_buckets.BucketedDictionary.open(broken, key) is None
    assert jieba_buckets.BucketedDictionary.open(tmp_path / "missing", key) is None


def test_builds_in_new_processes_write_then_use_the_buckets(tmp_path: Path) -> None:
    # Sphinx's search language as a build uses it: the first process loads jieba's full
    # dictionary and writes the buckets; the second loads buckets; both index the same words.
    script = """
import json, sys
from pathlib import Path
import jieba
jieba.setLogLevel(60)
from book_tools.ext import jieba_buckets
from book_tools.ext.search import LazySearchChinese
LazySearchChinese.buckets_file = Path(sys.argv[1])
language = LazySearchChinese({"dict": sys.argv[2]})
words = [language.split(text) for text in json.loads(sys.stdin.read())]
print(json.dumps({"buckets": jieba_buckets.attached() is not None, "words": words}))
"""
    path = tmp_path / jieba_buckets.FILE_NAME
    messages = texts()[:200]

    def run() -> dict[str, object]:
        return run_script(script, messages, str(path), str(USER_DICT))

    first = run()
    assert first["buckets"] is False and path.is_file()
    second = run()
    assert second["buckets"] is True
    assert second["words"] == first["words"]
    assert "推理" in [w for words in first["words"] for w in words]  # type: ignore[union-attr]
