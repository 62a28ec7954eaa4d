"""MyST's throwaway documents share one computation of docutils' default settings, not one object."""

from __future__ import annotations

from docutils.parsers.rst import Parser as RSTParser
from myst_parser.mdit_to_docutils import base

from book_tools.ext import myst_settings


def test_install_replaces_myst_make_document() -> None:
    assert myst_settings.install() is True
    assert base.make_document is myst_settings.make_document


def test_each_document_gets_its_own_copy_of_the_defaults() -> None:
    first = myst_settings.make_document("a.md")
    second = myst_settings.make_document("b.md", parser_cls=RSTParser)
    assert first.settings is not second.settings
    first.settings.tab_width = 99  # a change to one document's settings stays there
    assert second.settings.tab_width == 8  # docutils' default tab width
    assert first["source"] == "a.md"
    assert second["source"] == "b.md"


def test_a_translated_message_still_renders_through_myst() -> None:
    from docutils import nodes
    from myst_parser.config.main import MdParserConfig
    from myst_parser.mdit_to_docutils.base import DocutilsRenderer
    from myst_parser.parsers.mdit import create_md_parser

    myst_settings.install()
    document = myst_settings.make_document("msg.md")
    parser = create_md_parser(MdParserConfig(), DocutilsRenderer)
    parser.options["document"] = document
    parser.render("**推理**服务 and `kubectl`")
    assert [n.astext() for n in document.findall(nodes.strong)] == ["推理"]
    assert [n.astext() for n in document.findall(nodes.literal)] == ["kubectl"]
