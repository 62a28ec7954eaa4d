"""Terminology check: a listed term translated otherwise is reported with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from book_tools.catalogs import terminology
from conftest import LOCALES

TERMS = """\
terms:
  latency: 时延
  workload: [工作负载, 负载]
"""
HEADER = (
    'msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
)


def tree(tmp_path: Path, entry: str) -> Path:
    lang = tmp_path / "zh_CN"
    (lang / "LC_MESSAGES").mkdir(parents=True)
    (lang / "terminology.yaml").write_text(TERMS, encoding="utf-8")
    (lang / "LC_MESSAGES" / "page.po").write_text(HEADER + entry, encoding="utf-8")
    return tmp_path


def test_the_books_catalogs_follow_the_term_list() -> None:
    assert [str(p) for p in terminology.check_tree(LOCALES)] == []


def test_other_translation_is_reported_with_line(tmp_path: Path) -> None:
    locales = tree(tmp_path, 'msgid "Latency matters."\nmsgstr "延迟很重要。"\n')
    problems = terminology.check_tree(locales)
    assert len(problems) == 1
    assert problems[0].path.name == "page.po"
    assert problems[0].line == 7
    assert "'latency' should be translated as '时延'" in problems[0].message


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("Latency matters.", "时延很重要。"),
        ("Tail latencies matter.", "尾部时延很重要。"),  # plural
        ("Latency matters.", "latency 很重要。"),  # kept in English
        ("Batch workloads wait.", "批处理负载需要等待。"),  # accepted short form
        ("Run `latency-test` now.", "现在运行 `latency-test`。"),  # code is not prose
        ("See [docs](https://example.org/latency).", "参见[文档](https://example.org/latency)。"),
    ],
)
def test_agreed_translations_pass(tmp_path: Path, msgid: str, msgstr: str) -> None:
    locales = tree(tmp_path, f'msgid "{msgid}"\nmsgstr "{msgstr}"\n')
    assert terminology.check_tree(locales) == []


def test_translator_comment_allows_an_exception(tmp_path: Path) -> None:
    entry = '# terminology-ok: latency (a quoted product name)\nmsgid "Latency matters."\nmsgstr "延迟很重要。"\n'
    assert terminology.check_tree(tree(tmp_path, entry)) == []


def test_malformed_term_list_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "terminology.yaml").write_text("terms: [not, a, mapping]\n", encoding="utf-8")
    with pytest.raises(terminology.TerminologyError, match=r"terminology\.yaml"):
        terminology.load_terms(tmp_path / "terminology.yaml")
