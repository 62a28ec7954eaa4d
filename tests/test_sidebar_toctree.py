"""The sidebar's toctree resolved from cut trees (book_tools.ext.sidebar_toctree): the trees are
cut as Sphinx cuts them for ``titles_only``, the page's ``toctree`` function uses them only for
such a toctree, and the sidebar of every page is the same as Sphinx's own."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from docutils import nodes
from sphinx import addnodes

from book_tools.ext import sidebar_toctree
from book_tools.ext.sidebar_toctree import title_entries, titles_only_tocs, wrap_toctree
from conftest import ROOTS, sphinx_build


def entry(title: str, *sections: nodes.Node) -> nodes.list_item:
    """A toc entry: a paragraph with a reference titled *title*, then *sections* as a list."""
    item = nodes.list_item("", addnodes.compact_paragraph("", "", nodes.reference(title, title)))
    if sections:
        item += nodes.bullet_list("", *sections)
    return item


def test_an_entry_keeps_its_title_and_only_the_toctrees_among_its_sections() -> None:
    subtree = addnodes.toctree(entries=[(None, "sub")])
    toc = nodes.bullet_list(
        "",
        entry("Chapter", entry("A section", entry("A subsection")), entry("Pages", subtree)),
    )
    cut = title_entries(toc)
    (item,) = cut.children
    assert [type(child) for child in item.children] == [
        addnodes.compact_paragraph,
        nodes.bullet_list,
    ]
    assert item[0].astext() == "Chapter"
    (kept,) = item[1].children
    assert isinstance(kept, addnodes.toctree) and kept["entries"] == [(None, "sub")]
    # the document's own tree is left as it was
    titles = [p.astext() for p in toc.findall(addnodes.compact_paragraph)]
    assert titles == ["Chapter", "A section", "A subsection", "Pages"]
    assert len(list(toc.findall(addnodes.toctree))) == 1


def test_an_entry_without_toctrees_keeps_its_title_alone() -> None:
    toc = nodes.bullet_list("", entry("Chapter", entry("One"), entry("Two")))
    (item,) = title_entries(toc).children
    assert len(item) == 1 and item.astext() == "Chapter"


def test_other_top_level_nodes_are_left_for_sphinx() -> None:
    only = addnodes.only(expr="html")
    only += entry("Inside only", entry("Its section"))  # as Sphinx's collector builds it
    toc = nodes.bullet_list("", only)
    cut = title_entries(toc)
    assert cut.children[0].astext() == only.astext()  # Sphinx resolves and cuts it as before


def test_sections_with_an_only_node_are_left_for_sphinx() -> None:
    # a toctree in ``.. only:: latex`` is not in the HTML sidebar: Sphinx drops it when it
    # copies the tree with the builder's tags, so the entry is not cut ahead
    only = addnodes.only(expr="latex")
    only += entry("Pages", addnodes.toctree(entries=[(None, "pdf")]))  # as Sphinx's collector
    toc = nodes.bullet_list("", entry("Chapter", entry("A section"), only))
    (item,) = title_entries(toc).children
    assert item.astext() == toc.children[0].astext()
    assert [n["expr"] for n in item.findall(addnodes.only)] == ["latex"]


def test_a_document_read_again_is_cut_again() -> None:
    sidebar_toctree._cut.clear()
    first = nodes.bullet_list("", entry("Old title", entry("Section")))
    cut = titles_only_tocs({"doc": first})
    assert cut["doc"].astext() == "Old title"
    assert titles_only_tocs({"doc": first})["doc"] is cut["doc"]  # the same tree: kept
    again = nodes.bullet_list("", entry("New title", entry("Section")))
    assert titles_only_tocs({"doc": again})["doc"].astext() == "New title"


def test_the_page_function_uses_the_cut_trees_only_for_titles_only() -> None:
    sidebar_toctree._cut.clear()
    tocs = {"doc": nodes.bullet_list("", entry("Title", entry("Section")))}
    env = SimpleNamespace(tocs=tocs)
    seen: list[dict[str, Any]] = []

    def sphinx_toctree(**kwargs: Any) -> str:
        seen.append(env.tocs)
        return "html"

    context: dict[str, Any] = {"toctree": sphinx_toctree}
    wrap_toctree(SimpleNamespace(env=env), "doc", "page.html", context, None)  # type: ignore[arg-type]
    assert context["toctree"](titles_only=True, maxdepth=4) == "html"
    assert context["toctree"](maxdepth=4) == "html"
    assert seen[0] is not tocs and seen[0]["doc"].astext() == "Title"
    assert seen[1] is tocs  # not titles_only: Sphinx's trees
    assert env.tocs is tocs  # put back after the call


def sidebars(out: Path) -> dict[str, str]:
    """The sidebar navigation of every page under *out*."""
    found = {}
    for page in sorted(out.glob("*.html")):
        match = re.search(
            r'<nav class="bd-links bd-docs-nav".*?</nav>',
            page.read_text(encoding="utf-8"),
            re.DOTALL,
        )
        if match:
            found[page.name] = match.group(0)
    return found


def test_every_sidebar_is_the_one_sphinx_resolves(tmp_path: Path) -> None:
    built = {}
    for name, extra in (("sphinx", ()), ("cut", ("-t", "cut"))):
        out = tmp_path / name
        result = sphinx_build(
            "html",
            out,
            tmp_path / f"doctrees-{name}",
            *extra,
            srcdir=ROOTS / "test-sidebar-toctree",
        )
        assert result.returncode == 0, result.stderr
        built[name] = sidebars(out)
    pages = [
        "chapter-a-sub.html",
        "chapter-a.html",
        "chapter-b.html",
        "genindex.html",
        "index.html",
        "search.html",
    ]
    assert sorted(built["sphinx"]) == pages
    assert built["cut"] == built["sphinx"]
    nav = built["cut"]["chapter-b.html"]
    # one entry per document, the page listed inside a section included; no section
    for title in ("Chapter A", "A nested page", "Chapter B"):
        assert title in nav
    for section in ("A section", "Another section", "First section", "Introduction"):
        assert section not in nav
