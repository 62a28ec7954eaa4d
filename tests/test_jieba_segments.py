"""A page's split texts kept for the next build: the same words, split again only when new."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

from book_tools.ext import jieba_segments
from test_jieba_buckets import USER_DICT, run_script, texts

KEY = (1, "9.x", ("dict", 1), "abc")


def test_a_page_gets_back_the_words_of_its_texts(tmp_path: Path) -> None:
    first = jieba_segments.PageSegments(tmp_path, KEY)
    first.begin("kubernetes/dra")
    assert first.get("调度器") is None
    first.put("调度器", ["调度", "调度器"])
    first.put("GPU 节点", ["GPU", "节点"])
    first.begin("index")  # the next page: the last one is stored
    first.put("首页", ["首页"])
    first.finish()
    assert (tmp_path / "kubernetes" / "dra.marshal").is_file()

    second = jieba_segments.PageSegments(tmp_path, KEY)
    second.begin("kubernetes/dra")
    assert second.get("调度器") == ["调度", "调度器"]
    assert second.get("首页") is None  # another page's text
    second.begin("index")
    assert second.get("首页") == ["首页"]


def test_the_file_keeps_the_texts_the_page_has_now(tmp_path: Path) -> None:
    page = jieba_segments.PageSegments(tmp_path, KEY)
    page.begin("p")
    page.put("旧文本", ["旧", "文本"])
    page.put("保留", ["保留"])
    page.finish()
    path = tmp_path / "p.marshal"
    page.begin("p")
    assert page.get("保留") == ["保留"]
    page.put("新文本", ["新", "文本"])  # the translator changed one message
    page.finish()
    assert marshal.loads(path.read_bytes()) == (KEY, {"保留": ["保留"], "新文本": ["新", "文本"]})
    # unchanged texts: the file is not written again
    os.utime(path, ns=(1, 1))
    page.begin("p")
    assert page.get("保留") and page.get("新文本")
    page.finish()
    assert path.stat().st_mtime_ns == 1


def test_another_key_or_a_broken_file_counts_as_empty(tmp_path: Path) -> None:
    page = jieba_segments.PageSegments(tmp_path, KEY)
    page.begin("p")
    page.put("文本", ["文本"])
    page.finish()
    other = jieba_segments.PageSegments(tmp_path, (*KEY[:3], "another user dictionary"))
    other.begin("p")
    assert other.get("文本") is None
    (tmp_path / "q.marshal").write_bytes(b"\x00not marshal")
    page.begin("q")
    assert page.get("文本") is None


def test_the_key_follows_the_user_dictionary(tmp_path: Path) -> None:
    edited = tmp_path / "userdict.txt"
    edited.write_bytes(USER_DICT.read_bytes() + "新词 10 n\n".encode())
    assert jieba_segments.memo_key(USER_DICT) == jieba_segments.memo_key(USER_DICT)
    assert jieba_segments.memo_key(edited) != jieba_segments.memo_key(USER_DICT)
    assert jieba_segments.memo_key(None) != jieba_segments.memo_key(USER_DICT)


SCRIPT = """
import json, sys
from pathlib import Path
import jieba
jieba.setLogLevel(60)
from book_tools.ext.search import LazySearchChinese
LazySearchChinese.segments_folder = Path(sys.argv[1])
language = LazySearchChinese({"dict": sys.argv[2]})
language.begin_page("kubernetes/dra")
words = [language.split(text) for text in json.loads(sys.stdin.read())]
language.end_page()
print(json.dumps({"jieba": language._loaded, "words": words,
                  "latin": sorted(language.latin_terms)}))
"""


def split_in_new_process(folder: Path, messages: list[str]) -> dict[str, object]:
    return run_script(SCRIPT, messages, str(folder), str(USER_DICT))


def test_the_next_build_indexes_the_same_words_without_jieba(tmp_path: Path) -> None:
    messages = texts()[:150]
    first = split_in_new_process(tmp_path, messages)
    assert first["jieba"] is True
    second = split_in_new_process(tmp_path, messages)
    assert second["jieba"] is False  # every text found: jieba's dictionary never loaded
    assert second == {**first, "jieba": False}
    assert "推理" in [w for words in first["words"] for w in words]  # type: ignore[union-attr]
    assert "GPU" in second["latin"]  # type: ignore[operator]
    # one message changed: only it is split again, and its words are jieba's
    changed = [*messages[:-1], "推理服务的调度器"]
    third = split_in_new_process(tmp_path, changed)
    assert third["jieba"] is True
    assert third["words"][:-1] == first["words"][:-1]  # type: ignore[index]
    # jieba cuts 推理服务 | 的 | 调度器 (the first and last are user words); for search it puts
    # each word's two-character pieces that are words before the word itself
    expected = ["推理", "服务", "推理服务", "的", "调度", "调度器"]
    assert third["words"][-1] == expected  # type: ignore[index]
