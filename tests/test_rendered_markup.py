"""No built page, in any language, shows Markdown or MyST syntax as text.

A bold lead-in closed after full-width punctuation (``**要点。**正文``), an unclosed backtick, a
role the parser did not recognise or a link whose URL was rejected all reach the reader as
literal characters; Sphinx does not warn about any of them. This test reads the prose text of
every built HTML page (code, preformatted text, scripts, styles and maths excluded) and fails
with the page and the snippet.

Run the checker on a build of your own: ``python tests/test_rendered_markup.py BUILD/html/zh_CN``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

from conftest import BuiltBook

#: Elements whose text is not prose: code, preformatted output, scripts, styles, maths.
SKIPPED_ELEMENTS = frozenset(
    {"pre", "code", "kbd", "samp", "tt", "script", "style", "textarea", "math", "svg", "head"}
)
SKIPPED_CLASSES = frozenset({"math", "highlight", "cell_output", "output", "literal-block"})

LITERAL_MARKUP = re.compile(
    r"\*\*"  # bold that did not render
    r"|`"  # inline code, a role, or a code fence that did not render
    r"|\{(?:term|doc|ref|numref|eq|download|abbr|index|sub-ref|kbd)\}"  # role syntax
    r"|\]\("  # a link that did not render
    r"|^\s*:::"  # a colon fence
    r"|\$\$"  # display maths that did not render
    r"|(?<![\w*])\*(?=[^\s*])[^*\n]{1,80}(?<=[^\s*])\*(?![\w*])"  # *italic* that did not render
)


def _is_prose(node: NavigableString) -> bool:
    for parent in node.parents:
        if not isinstance(parent, Tag):
            continue
        if parent.name in SKIPPED_ELEMENTS:
            return False
        if SKIPPED_CLASSES.intersection(parent.get("class") or ()):
            return False
    return True


def literal_markup(html: str) -> list[str]:
    """Snippets of prose in *html* that show Markdown/MyST syntax, each with some context."""
    soup = BeautifulSoup(html, "html.parser")
    body = soup.body or soup
    found = []
    for node in body.find_all(string=True):
        if type(node) is not NavigableString or not _is_prose(node):
            continue  # comments, doctypes and CDATA are not shown
        text = str(node)
        match = LITERAL_MARKUP.search(text)
        if match:  # one snippet per text node is enough to find the entry
            start, end = max(0, match.start() - 20), match.end() + 20
            found.append(text[start:end].strip().replace("\n", " "))
    return found


def check_folder(folder: Path) -> list[str]:
    """``page: snippet`` for every literal markup in every HTML page below *folder*."""
    failures = []
    for page in sorted(folder.rglob("*.html")):
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        rel = page.relative_to(folder)
        failures += [f"{rel}: {snippet!r}" for snippet in literal_markup(page.read_text("utf-8"))]
    return failures


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>**默认关闭。**大多数托管服务</p>", ["**默认关闭。**大多数托管服务"]),
        ("<p>见 {term}`TTFT`。</p>", ["见 {term}`TTFT`。"]),
        ("<p>参见 [KEP](javascript:alert(1))。</p>", ["参见 [KEP](javascript:alert(1))"]),
        ("<p>:::{note}</p>", [":::{note}"]),
        ("<p>公式 $$x$$ 没有渲染</p>", ["公式 $$x$$ 没有渲染"]),
        ("<p>一个 *斜体* 没有渲染</p>", ["一个 *斜体* 没有渲染"]),
    ],
)
def test_literal_markup_in_prose_is_found(html: str, expected: list[str]) -> None:
    assert literal_markup(html) == expected


@pytest.mark.parametrize(
    "html",
    [
        "<p><strong>默认关闭</strong>。大多数</p>",
        "<p>Run <code>a**b</code> or <code>`x`</code>.</p>",
        "<pre>**kwargs and ```fence```</pre>",
        '<div class="highlight"><span>x = `y`</span></div>',
        '<span class="math notranslate">$$x**2$$</span>',
        "<script>var s = '**';</script><style>a[href*='x']{}</style>",
        "<p>5 * 3 = 15, and a footnote mark*</p>",
        "<!-- **comment** -->",
    ],
)
def test_code_maths_and_plain_asterisks_are_not_markup(html: str) -> None:
    assert literal_markup(html) == []


def test_check_folder_names_page_and_snippet(tmp_path: Path) -> None:
    (tmp_path / "part").mkdir()
    (tmp_path / "part" / "page.html").write_text("<p>ok</p><p>**粗体。**后文</p>", "utf-8")
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "x.html").write_text("<p>**ignored**</p>", "utf-8")
    assert check_folder(tmp_path) == ["part/page.html: '**粗体。**后文'"]


def test_no_built_page_shows_literal_markup(built_book: BuiltBook) -> None:
    failures = []
    for lang in built_book.languages:
        failures += [f"{lang}/{f}" for f in check_folder(built_book.html / lang)]
    assert failures == [], "\n".join(failures)


if __name__ == "__main__":
    problems = [f for folder in sys.argv[1:] for f in check_folder(Path(folder))]
    print("\n".join(problems) or "no literal markup")
    sys.exit(1 if problems else 0)
