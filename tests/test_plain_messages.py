"""Plain translated messages become the same paragraphs MyST would have made."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.application import Sphinx
from sphinx.util import get_filetype

from book_tools.ext import plain_messages
from conftest import REPO


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("全景图", True),
        ("在 Kubernetes 上调度 GPU。", True),
        ("动态资源分配（DRA）", True),
        ("Kueue 0.9 (2024), v1.34", True),  # parentheses, dots and commas are not markup
        ("**全景图**", False),
        ("`kubectl`", False),
        ("[链接](https://example.com)", False),
        ("{term}`GPU`", False),
        ("{{ version }}", False),
        ("$x$", False),
        ("1. 第一步", False),
        ("- 列表", False),
        ("# 标题", False),
        ("第一行\n第二行", False),
        ("a  b", False),
        (" 前导空格", False),
        ("A & B", False),
        ("see www.example.com", False),
        ("", False),
    ],
)
def test_what_counts_as_plain(text: str, plain: bool) -> None:
    assert plain_messages.is_plain(text) is plain


def _describe(node: nodes.Node, document: nodes.document) -> list[Any]:
    """Everything about a tree the build keeps: types, attributes, text, places, parents."""
    found: list[Any] = []
    for each in node.findall(include_self=True):
        found.append((
            type(each).__name__,
            each.attributes if isinstance(each, nodes.Element) else None,
            each.rawsource if isinstance(each, nodes.Element) else None,
            str(each) if isinstance(each, nodes.Text) else None,
            each.source, each.line,
            each.document is document,
            type(each.parent).__name__,
        ))  # fmt: skip
    return found


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Sphinx:
    """A small MyST-NB project set up as the book is (its MyST extensions, zh_CN)."""
    root = tmp_path_factory.mktemp("plain")
    (root / "conf.py").write_text(
        'extensions = ["myst_nb"]\n'
        'myst_enable_extensions = ["colon_fence", "deflist", "dollarmath", "substitution",'
        ' "attrs_inline"]\n'
        'language = "zh_CN"\nnb_execution_mode = "off"\n'
        # its own dict: apps made earlier in the process (the landscape tests') leave '.md' in
        # the dict Sphinx shares as the default, which would keep myst_nb's parser off '.md'
        'source_suffix = {".rst": "restructuredtext"}\n',
        encoding="utf-8",
    )
    (root / "index.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    app = Sphinx(root, root, root / "_build", root / "_doctrees", "html", status=None,
                 warning=None, freshenv=True)  # fmt: skip
    app.build()
    return app


def test_every_plain_message_of_the_book_is_rendered_as_myst_renders_it(app: Sphinx) -> None:
    plain_messages.install(app)
    filetype = get_filetype(app.config.source_suffix, "index.md")
    parser = app.registry.create_source_parser(filetype, config=app.config, env=app.env)
    wrapped = type(parser).parse
    assert wrapped.book_plain_messages is True
    original = wrapped.book_original
    settings = get_default_settings(MystParser)
    settings.env = app.env
    app.env.temp_data["docname"] = "index"
    messages = sorted({
        entry.msgstr
        for path in (REPO / "locales/zh_CN/LC_MESSAGES").rglob("*.po")
        for entry in polib.pofile(str(path))
        if plain_messages.is_plain(entry.msgstr)
    })  # fmt: skip
    assert len(messages) > 3000
    source = str(Path(app.srcdir) / "index.md")
    for number, text in enumerate(messages):
        made = []
        for parse in (original, wrapped):
            document = new_document(
                f"{source}:{number}{plain_messages.TRANSLATED_SUFFIX}", settings
            )
            parse(parser, text, document)
            made.append((
                _describe(document, document), document.pformat(), document.current_line,
                document.myst_slugs, dict(app.env.metadata["index"]["wordcount"]),
            ))  # fmt: skip
        assert made[1] == made[0], text
        assert made[0][1].split("\n")[1:3] == ["    <paragraph>", f"        {text}"]


def test_markup_and_untranslated_text_still_go_to_myst(
    app: Sphinx, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain_messages.install(app)
    rendered: list[str] = []
    real = plain_messages.render_plain
    monkeypatch.setattr(
        plain_messages, "render_plain", lambda text, *a: (rendered.append(text), real(text, *a))
    )
    filetype = get_filetype(app.config.source_suffix, "index.md")
    parser = app.registry.create_source_parser(filetype, config=app.config, env=app.env)
    settings = get_default_settings(MystParser)
    settings.env = app.env
    app.env.temp_data["docname"] = "index"
    # a translated message with markup: MyST makes the emphasis
    document = new_document(f"/x.md:3{plain_messages.TRANSLATED_SUFFIX}", settings)
    parser.parse("用 **GPU**", document)
    assert document.next_node(nodes.strong).astext() == "GPU"
    # plain text that is not a translated message (a page): MyST parses it
    parser.parse("全景图", new_document("/x.md", settings))
    assert rendered == []
    # the same text as a translated message does not reach MyST
    parser.parse("全景图", new_document(f"/x.md:4{plain_messages.TRANSLATED_SUFFIX}", settings))
    assert rendered == ["全景图"]
