"""The catalog quality gate: every catalog of the book passes, and broken translations fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from book_tools.catalogs import gate as quality
from conftest import LOCALES

HEADER = """\
msgid ""
msgstr ""
"Language: zh_CN\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

"""


def test_every_catalog_of_the_book_passes() -> None:
    problems = quality.check_tree(LOCALES)
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize(
    ("msgid", "msgstr", "message"),
    [
        ("See {term}`TTFT` first.", "先看首 Token 时延。", "role {term} with target 'TTFT'"),
        (
            "Read {doc}`/kubernetes/dra`.",
            "阅读 {doc}`/kubernetes/nri`。",
            "target '/kubernetes/dra'",
        ),
        (
            "See [the KEP](https://example.org/kep).",
            "参见 KEP。",
            "link to 'https://example.org/kep'",
        ),
        ("Run `kubectl get pods`.", "运行 `kubectl get pod`。", "inline code `kubectl get pods`"),
        ("Version {{ release }}.", "版本。", "substitution {{ release }}"),
        ("A **bold** word.", "一个**加粗词。", "unbalanced '**'"),
    ],
)
def test_broken_translation_is_reported_with_file_and_line(
    tmp_path: Path, msgid: str, msgstr: str, message: str
) -> None:
    po = tmp_path / "page.po"
    po.write_text(HEADER + f'msgid "{msgid}"\nmsgstr "{msgstr}"\n', encoding="utf-8")
    problems = quality.check_tree(tmp_path)
    assert len(problems) == 1
    assert problems[0].path == po
    assert problems[0].line == 8
    assert message in problems[0].message


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("See {term}`TTFT` first.", "先看 {term}`首 Token 时延 <TTFT>`。"),
        ("See [the KEP](https://example.org/kep).", "参见 [该 KEP](https://example.org/kep)。"),
        ("Run `kubectl get pods` now.", "现在运行 `kubectl get pods`。"),
    ],
)
def test_intact_translation_passes(tmp_path: Path, msgid: str, msgstr: str) -> None:
    (tmp_path / "page.po").write_text(HEADER + f'msgid "{msgid}"\nmsgstr "{msgstr}"\n', "utf-8")
    assert quality.check_tree(tmp_path) == []


def test_fuzzy_and_missing_headers_are_reported(tmp_path: Path) -> None:
    po = tmp_path / "page.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\nmsgid "Hello."\nmsgstr "你好。"\n',
        encoding="utf-8",
    )
    messages = [p.message for p in quality.check_catalog(po)]
    assert "header field 'Language' is missing or empty" in messages
    assert "header field 'Plural-Forms' is missing or empty" in messages
    assert any(m.startswith("fuzzy entry") for m in messages)


def test_syntax_errors_come_from_msgfmt(tmp_path: Path) -> None:
    po = tmp_path / "page.po"
    po.write_text(HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', encoding="utf-8")
    problems = quality.check_tree(tmp_path)
    assert problems and all(p.message.startswith("msgfmt:") for p in problems)
    assert any(p.line == 11 for p in problems)
