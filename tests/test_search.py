"""Chinese search: the index is segmented by jieba, and the reader's query by the CJK splitter
(``splitters/cjk.js``, Sphinx's ``js_splitter_code`` for the editions whose settings name it)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import snowballstemmer
from bs4 import BeautifulSoup

from conftest import REPO, BuiltBook

SEGMENTER = REPO / "src" / "book_tools" / "ext" / "splitters" / "cjk.js"
STEMMER = snowballstemmer.stemmer("english")
NOT_INDEXED = {"genindex", "search", "404"}  # generated pages that Sphinx does not index


def load_index(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def split_query(query: str, known: set[str]) -> list[str]:
    """Run the book's query splitter (cjk.js) in node against a set of indexed words."""
    harness = (
        f"const {{ bookSplitQuery }} = require({str(SEGMENTER)!r});\n"
        f"const known = new Set({json.dumps(sorted(known), ensure_ascii=False)});\n"
        f"process.stdout.write(JSON.stringify(bookSplitQuery({json.dumps(query)}, "
        "(w) => known.has(w))));\n"
    )
    # the script goes through stdin: with the whole index's words it is larger than the
    # 128 KiB a single command-line argument may hold
    out = subprocess.run(["node", "-"], input=harness, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def search(index: dict, query: str) -> set[str]:
    """Pages that Sphinx's searchtools.js returns for *query*: every term must match (AND)."""
    words = set(index["terms"]) | set(index["titleterms"])
    docs: set[int] | None = None
    for term in split_query(query, words):
        stemmed = STEMMER.stemWord(term.lower())
        hits: set[int] = set()
        for table in (index["terms"], index["titleterms"]):
            found = table.get(stemmed, [])
            hits |= {found} if isinstance(found, int) else set(found)
        docs = hits if docs is None else docs & hits
    return {index["docnames"][i] for i in docs or set()}


def pages_containing(built_book: BuiltBook, lang: str, phrase: str) -> set[str]:
    found = set()
    base = built_book.html / lang
    for rel in built_book.pages(lang):
        if rel.stem in NOT_INDEXED:
            continue
        main = BeautifulSoup((base / rel).read_text(encoding="utf-8"), "html.parser").find(
            "article"
        )
        if main is not None and phrase.lower() in main.get_text().lower():
            found.add(rel.with_suffix("").as_posix())
    return found


@pytest.mark.parametrize(
    ("known", "query", "expected"),
    [
        ({"推理服务", "推理", "服务"}, "推理服务", ["推理服务"]),
        ({"模型", "推理服务"}, "模型推理服务", ["模型", "推理服务"]),
        ({"调度", "调度器"}, "批调度器", ["调度器"]),  # 批 alone is never indexed
        ({"kv"}, "KV缓存", ["KV"]),  # Latin and Han pieces are split apart
        (set(), "DRA 驱动", ["DRA"]),
        ({"推論", "サービング"}, "推論サービング", ["推論", "サービング"]),  # kana runs too
        ({"ノード", "配置"}, "ノードに配置", ["ノード", "配置"]),  # に is not indexed
        ({"オーケストレーション"}, "オーケストレーション", ["オーケストレーション"]),
        (
            {"コンテナ", "オーケストレーション"},
            "コンテナオーケストレーション",
            ["コンテナ", "オーケストレーション"],
        ),  # a ten-character word inside a longer run
    ],
)
def test_segmenter(known: set[str], query: str, expected: list[str]) -> None:
    assert split_query(query, known) == expected


@pytest.mark.parametrize("query", ["调度器", "推理服务", "模型推理服务", "检查点"])
def test_unsegmented_chinese_queries_find_their_pages(built_book: BuiltBook, query: str) -> None:
    index = load_index(built_book.html / "zh_CN" / "searchindex.js")
    expected = pages_containing(built_book, "zh_CN", query)
    assert expected, f"no Chinese page contains {query!r}: choose another query"
    found = search(index, query)
    assert expected <= found, expected - found


@pytest.mark.parametrize(
    ("query", "page"), [("DRA", "kubernetes/dra"), ("KV Cache", "inference/caching")]
)
def test_english_terms_inside_chinese_pages(built_book: BuiltBook, query: str, page: str) -> None:
    index = load_index(built_book.html / "zh_CN" / "searchindex.js")
    assert page in search(index, query)


def test_query_splitter_is_sphinxs_js_splitter_code(built_book: BuiltBook) -> None:
    """The splitter reaches the page through Sphinx's language_data.js, for Chinese only."""
    zh = (built_book.html / "zh_CN" / "_static" / "language_data.js").read_text(encoding="utf-8")
    en = (built_book.html / "en" / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert re.search(r"^function splitQuery\(query\)", zh, re.MULTILINE)
    assert "bookSplitQuery" not in en
