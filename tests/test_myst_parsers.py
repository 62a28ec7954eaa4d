"""MyST parsers kept per configuration: reused when free, never shared by nested parses, never stale."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers import sphinx_
from myst_parser.parsers.mdit import create_md_parser

from book_tools.ext import myst_parsers, myst_settings
from conftest import ROOTS, sphinx_build


@pytest.fixture(autouse=True)
def empty_pool() -> None:
    myst_parsers.clear()


def pooled(config: MdParserConfig):
    return myst_parsers.pooled_md_parser(config, DocutilsRenderer, create=create_md_parser)


def render(parser, text: str) -> nodes.document:
    document = myst_settings.make_document("msg.md")
    parser.options["document"] = document
    parser.render(text)
    return document


def test_install_makes_myst_sphinx_parser_use_the_pool() -> None:
    assert myst_parsers.install() is True
    assert myst_parsers.install() is True  # a second install does not wrap the wrapper
    config = MdParserConfig()
    first = sphinx_.create_md_parser(config, DocutilsRenderer)
    render(first, "one")
    assert sphinx_.create_md_parser(config, DocutilsRenderer) is first


def test_a_free_parser_is_reused_and_renders_each_message_afresh() -> None:
    config = MdParserConfig()
    parser = pooled(config)
    first = render(parser, "**推理**服务")
    again = pooled(config)
    assert again is parser
    second = render(again, "`kubectl` only")
    assert [n.astext() for n in first.findall(nodes.strong)] == ["推理"]
    assert list(second.findall(nodes.strong)) == []
    assert [n.astext() for n in second.findall(nodes.literal)] == ["kubectl"]
    assert "document" not in parser.options  # the last message's document is not kept


def test_a_parse_inside_another_gets_its_own_parser() -> None:
    config = MdParserConfig()
    outer = pooled(config)
    inner = pooled(config)  # handed out while the outer one has not rendered yet
    assert inner is not outer
    inner_doc = render(inner, "inner *text*")
    outer_doc = render(outer, "outer **text**")
    assert [n.astext() for n in inner_doc.findall(nodes.emphasis)] == ["text"]
    assert [n.astext() for n in outer_doc.findall(nodes.strong)] == ["text"]
    assert {id(pooled(config)), id(pooled(config))} == {id(outer), id(inner)}


def test_a_parser_whose_render_failed_is_free_again() -> None:
    config = MdParserConfig()
    parser = pooled(config)
    parser.options["document"] = "not a document"
    with pytest.raises(AttributeError):
        parser.render("text")
    assert pooled(config) is parser


def test_a_changed_configuration_gets_a_new_parser() -> None:
    plain = pooled(MdParserConfig())
    render(plain, "x")
    with_math = pooled(MdParserConfig(enable_extensions={"dollarmath"}))
    assert with_math is not plain
    assert with_math.options["myst_config"].enable_extensions == {"dollarmath"}
    document = render(with_math, "$a+b$")
    assert [n.astext() for n in document.findall(nodes.math)] == ["a+b"]
    assert list(render(pooled(MdParserConfig()), "$a+b$").findall(nodes.math)) == []


def test_a_changed_catalog_entry_shows_up_in_the_rebuilt_page(tmp_path: Path) -> None:
    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-table-cells", root)
    out = tmp_path / "html"

    def caption() -> str:
        result = sphinx_build(
            "html", out, tmp_path / "doctrees", "-D", "language=zh_CN", srcdir=root
        )
        assert result.returncode == 0, result.stderr
        page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
        return page.select_one("table caption .caption-text").get_text(strip=True)

    assert caption() == "设备共享"
    po = root / "locales" / "zh_CN" / "LC_MESSAGES" / "index.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "设备共享"', 'msgstr "设备分享"'),
        encoding="utf-8",
    )
    later = time.time() + 2  # newer than the compiled catalog, whatever the clock's resolution
    os.utime(po, (later, later))
    assert caption() == "设备分享"
