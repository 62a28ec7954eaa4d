"""The translation gate: the book's catalogs pass, and every broken translation is located.

Every expected message, file and line below was worked out by hand from the fixture text: the
header ``HEADER`` takes lines 1-7, so the first entry's ``msgid`` is on line 8.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from book_tools.catalogs import gate
from conftest import BOOK, LOCALES
from conftest import PO_HEADER_ZH as HEADER

CONF = BOOK / "conf.py"


def po_text(msgid: str, msgstr: str, comment: str = "") -> str:
    """One entry after the header, strings escaped as gettext writes them."""

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return HEADER + comment + f"msgid {quoted(msgid)}\nmsgstr {quoted(msgstr)}\n"


def problems_of(tmp_path: Path, text: str | bytes) -> list[tuple[str, int, str]]:
    """(file name, line, message) of every problem the gate finds in one catalog."""
    lc = tmp_path / "zh_CN" / "LC_MESSAGES"
    lc.mkdir(parents=True, exist_ok=True)
    po = lc / "page.po"
    if isinstance(text, bytes):
        po.write_bytes(text)
    else:
        po.write_text(text, encoding="utf-8")
    return [(p.path.name, p.line, p.message) for p in gate.check_tree(tmp_path, CONF)]


def test_every_catalog_of_the_book_passes() -> None:
    problems = gate.check_tree(LOCALES, CONF)
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize(
    ("msgid", "msgstr", "messages"),
    [
        pytest.param(
            "See {term}`TTFT` first.",
            "先看首 Token 时延。",
            ["role '{term}`TTFT`' is missing: keep it as in the English"],
            id="lost-role",
        ),
        pytest.param(
            "Read {doc}`/kubernetes/dra`.",
            "阅读 {doc}`/kubernetes/nri`。",
            [
                (
                    "role changed from '{doc}`/kubernetes/dra`' to '{doc}`/kubernetes/nri`': "
                    "keep the English role"
                )
            ],
            id="role-target-changed",
        ),
        pytest.param(
            "See [the KEP](https://example.org/kep).",
            "参见 KEP。",
            ["link target 'https://example.org/kep' is missing: keep it as in the English"],
            id="lost-link",
        ),
        pytest.param(
            "Scale to zero.",
            "缩容到零，详见[这里](https://example.net/buy)。",
            [
                (
                    "link target 'https://example.net/buy' is not in the English: remove it (or "
                    "change the English first)"
                )
            ],
            id="added-link",
        ),
        pytest.param(
            "See [the KEP](https://github.com/kubernetes/enhancements).",
            "参见 [KEP](https://example.com/kubernetes/enhancements)。",
            [
                (
                    "link target changed from 'https://github.com/kubernetes/enhancements' to "
                    "'https://example.com/kubernetes/enhancements': keep the English link target"
                )
            ],
            id="link-to-another-host",
        ),
        pytest.param(
            "See [the KEP](https://example.org/kep).",
            "参见 [KEP](javascript:alert(1))。",
            [
                (
                    "literal '](' shows on the page: this link does not render; use [text](url) "
                    "as in the English, with the English URL (near '参见 [KEP](javascript:a')"
                ),
                "link target 'https://example.org/kep' is missing: keep it as in the English",
            ],
            id="javascript-link",
        ),
        pytest.param(
            "Hello.",
            "你好<script>alert(1)</script>。",
            [
                (
                    "raw HTML '</script>' is not in the English: remove it (or change the English "
                    "first)"
                ),
                (
                    "raw HTML '<script>' is not in the English: remove it (or change the English "
                    "first)"
                ),
            ],
            id="raw-script",
        ),
        pytest.param(
            "Run `kubectl get pods`.",
            "运行 `kubectl get pod`。",
            [
                (
                    "inline code changed from 'kubectl get pods' to 'kubectl get pod': keep the "
                    "English inline code"
                )
            ],
            id="changed-code",
        ),
        pytest.param(
            "Run `ls` first.",
            "先运行 `ls。",
            [
                (
                    "literal '`' shows on the page: an inline code span or role is not closed "
                    "(near '先运行 `ls。')"
                ),
                "inline code 'ls' is missing: keep it as in the English",
            ],
            id="unclosed-backtick",
        ),
        pytest.param(
            "Version {{ release }}.",
            "版本。",
            ["substitution 'release' is missing: keep it as in the English"],
            id="lost-substitution",
        ),
        pytest.param(
            "**Off by default.** Most providers",
            "**默认关闭。**大多数服务商",
            [
                (
                    "literal '**' shows on the page: the span does not render because its marker "
                    "touches full-width punctuation (CommonMark flanking rule); keep the punctuation "
                    "outside the span: write **默认关闭**。 not **默认关闭。** (near '**默认关闭。**大多数服务')"
                )
            ],
            id="flanking-rule",
        ),
        pytest.param(
            "the *minimum* time",
            "最少的时间",
            [
                (
                    "1 emphasis span(s) *...* of the English missing: mark the same words in the "
                    "translation"
                )
            ],
            id="dropped-italic",
        ),
        pytest.param(
            "An operand.",
            "一个*受管组件*。",
            ["1 emphasis span(s) *...* not in the English: remove the markers"],
            id="added-italic",
        ),
        pytest.param(
            "Cost $a + b$ here.",
            "成本 $a - b$。",
            ["math changed from 'a + b' to 'a - b': keep the English math"],
            id="changed-math",
        ),
        pytest.param(
            "Measured[^bench].",
            "实测结果。",
            ["footnote reference 'bench' is missing: keep it as in the English"],
            id="lost-footnote",
        ),
        pytest.param(
            "![The map](map.svg)",
            "![地图](map-zh.svg)",
            ["image changed from 'map.svg' to 'map-zh.svg': keep the English image"],
            id="changed-image",
        ),
        pytest.param(
            "See [the docs](https://example.org/docs).",
            "见[文档](https://example.org/docs){.hidden}。",
            [
                (
                    "attribute 'class=hidden' is not in the English: remove it (or change the "
                    "English first)"
                )
            ],
            id="added-attribute",
        ),
        pytest.param(
            "Hello.",
            "# 你好",
            [
                (
                    "block markup 'heading_open(h1)' is not in the English: remove it (or change "
                    "the English first)"
                )
            ],
            id="added-heading",
        ),
    ],
)
def test_broken_translation_is_located(
    tmp_path: Path, msgid: str, msgstr: str, messages: list[str]
) -> None:
    assert problems_of(tmp_path, po_text(msgid, msgstr)) == [("page.po", 8, m) for m in messages]


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("See {term}`TTFT` first.", "先看 {term}`首 Token 时延 <TTFT>`。"),
        ("See [the KEP](https://example.org/kep).", "参见 [该 KEP](https://example.org/kep)。"),
        ("Run `kubectl get pods` now.", "现在运行 `kubectl get pods`。"),
        ("**Off by default.** Most providers", "**默认关闭**。大多数服务商"),
        ("$\\text{layers} \\times 2$", "$\\text{层数} \\times 2$"),
        ("Use `a` and `b`; `a` wins.", "用 `a` 和 `b`，`a` 胜出；`a` 更快。"),
        ("A ** B stays as typed.", "A ** B 原样保留。"),
    ],
    ids=["role-title", "link", "code", "bold", "math-text", "code-repeated", "literal-source"],
)
def test_intact_translation_passes(tmp_path: Path, msgid: str, msgstr: str) -> None:
    assert problems_of(tmp_path, po_text(msgid, msgstr)) == []


def test_gate_allow_lets_one_kind_through(tmp_path: Path) -> None:
    comment = "# gate-allow: html (the cell needs a line break (see the table))\n"
    text = po_text("First line.", "第一行<br>第二行", comment)
    assert problems_of(tmp_path, text) == []


def test_gate_allow_never_lets_hostile_markup_through(tmp_path: Path) -> None:
    comment = "# gate-allow: html, link (testing)\n"
    text = po_text("Hello.", '你好<iframe src="https://example.net">', comment)
    # the comment is on line 8, so the entry (and its msgid) start there
    assert problems_of(tmp_path, text) == [
        (
            "page.po",
            8,
            (
                "raw HTML '<iframe src=\"https://example.net\">' is not in the English: remove it "
                "(or change the English first)"
            ),
        )
    ]


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        (
            "# gate-allow: html\n",
            "gate-allow needs a reason in parentheses: # gate-allow: html (why)",
        ),
        (
            "# gate-allow: colour (why)\n",
            (
                "gate-allow names unknown kind(s) colour: use link, image, role, code, math, "
                "footnote, substitution, emphasis, html, attribute, block, literal"
            ),
        ),
    ],
)
def test_malformed_gate_allow_is_reported(tmp_path: Path, comment: str, message: str) -> None:
    text = po_text("First line.", "第一行<br>第二行", comment)
    found = problems_of(tmp_path, text)
    assert found[0] == ("page.po", 8, message)
    assert (
        "page.po",
        8,
        "raw HTML '<br>' is not in the English: remove it (or change the English first)",
    ) in found


def test_huge_msgstr_is_refused_without_parsing(tmp_path: Path) -> None:
    found = problems_of(tmp_path, po_text("Hello.", "好" * 5_000_000))
    assert found == [
        (
            "page.po",
            8,
            (
                "msgstr has 5000000 characters for a msgid of 6: this is not a translation of it; "
                "replace it"
            ),
        )
    ]


def test_deeply_nested_markup_is_reported_not_crashed(tmp_path: Path) -> None:
    # 2,000 levels of block quote (4,002 characters, within the size limit for an 800-character
    # msgid): markdown-it's nesting limit keeps the parse flat, and the added quote is reported
    found = problems_of(tmp_path, po_text("Nested. " * 100, "> " * 2000 + "嵌套"))
    assert found == [
        (
            "page.po",
            8,
            (
                "block markup 'blockquote_open' is not in the English: remove it (or change the "
                "English first)"
            ),
        )
    ]


@pytest.mark.parametrize(
    ("msgid", "msgstr", "message"),
    [
        (
            "A <b>bold</b> word.",
            "一个<script>粗体</b>词。",
            "raw HTML changed from '<b>' to '<script>': keep the English raw HTML",
        ),
        (
            "![Map](map.png)",
            "![地图](data:image/png;base64,AAAA)",
            "image changed from 'map.png' to 'data:image/png;base64,AAAA': keep the English image",
        ),
    ],
    ids=["html-changed-to-script", "image-changed-to-data-url"],
)
def test_changed_into_hostile_markup_is_never_allowed(
    tmp_path: Path, msgid: str, msgstr: str, message: str
) -> None:
    comment = "# gate-allow: html, image (testing)\n"
    assert problems_of(tmp_path, po_text(msgid, msgstr, comment)) == [("page.po", 8, message)]
