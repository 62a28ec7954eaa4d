"""The public table helpers (``landscape_directive.cells``), shared with other directives."""

from __future__ import annotations

import gc

import pytest
from docutils import nodes
from docutils.core import publish_from_doctree
from docutils.utils import new_document

from landscape_directive.cells import (
    cell,
    element,
    gc_paused,
    grid,
    locate,
    paragraph,
    row,
    text_cell,
)


def test_a_grid_is_a_plain_docutils_table() -> None:
    link = nodes.reference("", "", nodes.Text("Kueue"), refuri="https://kueue.sigs.k8s.io/")
    table = grid(
        [30, 10],
        [row(["Project", "Stage"])],
        [row([cell(link), "Growing"]), row([cell(), "Mature"])],
        classes=["example"],
        title=nodes.title("Projects", "Projects"),
    )
    assert [type(c) for c in table.children] == [nodes.title, nodes.tgroup]
    tgroup = table[1]
    assert tgroup["cols"] == 2
    assert [c["colwidth"] for c in tgroup.findall(nodes.colspec)] == [30, 10]
    head, body = tgroup[-2], tgroup[-1]
    assert [e.astext() for e in head.findall(nodes.entry)] == ["Project", "Stage"]
    assert [[e.astext() for e in r.children] for r in body.children] == [
        ["Kueue", "Growing"],
        ["", "Mature"],
    ]
    # parents are linked as docutils' append would link them
    assert all(child.parent is node for node in table.findall() for child in node.children)
    assert table["classes"] == ["example"]

    document = new_document("<test>")
    document += locate(table, "page.md", 7)
    html = publish_from_doctree(document, writer="html5").decode()
    assert '<table class="example">' in html
    assert '<a class="reference external" href="https://kueue.sigs.k8s.io/">Kueue</a>' in html
    assert "<td><p>Mature</p></td>" in html


def test_paragraphs_and_locations() -> None:
    fixed = paragraph("Total")
    assert fixed["translatable"] is False and fixed.rawsource == ""
    entry = cell("Job queueing.", translatable=True)
    data = entry[0]
    assert "translatable" not in data and data.rawsource == "Job queueing."  # the message
    data.source, data.line = "landscape.yaml", 66
    table = grid([10], [], [row([entry])])
    locate(table, "index.md", 3)
    assert (data.source, data.line) == ("landscape.yaml", 66)  # already located: kept
    assert (table.source, table.line) == ("index.md", 3)
    assert all(e.source == "index.md" for e in table.findall(nodes.entry))


@pytest.mark.parametrize(
    ("cls", "rawsource", "children", "attributes"),
    [
        (nodes.paragraph, "", [nodes.Text("Kueue")], {"translatable": False}),
        (nodes.paragraph, "Job queueing.", [nodes.Text("Job queueing.")], {}),
        (nodes.entry, "", [], {"morecols": 2, "classes": ["landscape-group"]}),
        (nodes.row, "", [], {}),
        (nodes.reference, "vLLM", [nodes.Text("vLLM")], {"refuri": "https://docs.vllm.ai/"}),
        (nodes.literal, "gpu", [nodes.Text("gpu")], {}),
    ],
)
def test_element_is_what_the_docutils_constructor_makes(
    cls: type[nodes.Element], rawsource: str, children: list[nodes.Node], attributes: dict
) -> None:
    made = element(cls, rawsource, *children, **attributes)
    expected = cls(rawsource, *[child.copy() for child in children], **attributes)
    # the same instance attributes (parent and location unset), the same XML
    assert vars(made).keys() == vars(expected).keys()
    assert made.attributes == expected.attributes and made.rawsource == expected.rawsource
    assert made.tagname == expected.tagname == cls.__name__
    assert made.pformat() == expected.pformat()
    assert all(child.parent is made for child in made.children)
    # list attributes are the node's own copies, as docutils makes them
    if "classes" in attributes:
        assert made["classes"] is not attributes["classes"]
    assert made["ids"] is not element(cls)["ids"]


def test_element_starts_with_docutils_list_attributes() -> None:
    assert tuple(element(nodes.paragraph).attributes) == nodes.Element.list_attributes


def test_gc_paused_restores_the_collector_and_keeps_nothing_frozen() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        made = [element(nodes.paragraph) for _ in range(10)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert gc.is_tracked(made[0])
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()
    with pytest.raises(ValueError), gc_paused():
        raise ValueError
    assert gc.isenabled()


@pytest.mark.parametrize("translatable", [False, True])
@pytest.mark.parametrize("content", ["Job queueing.", "link"])
def test_a_one_item_cell_is_what_the_docutils_constructors_make(
    content: str, translatable: bool
) -> None:
    def item() -> nodes.Node:
        if content == "link":
            return nodes.reference("Kueue", "Kueue", refuri="https://kueue.sigs.k8s.io/")
        return nodes.Text(content)

    message = content if translatable and content != "link" else ""
    para = nodes.paragraph(message, "", item())
    if not translatable:
        para["translatable"] = False
    expected = nodes.entry("", para)

    def given() -> nodes.Node | str:
        return item() if content == "link" else content

    made = text_cell(given(), translatable=translatable, at=("index.md", 3))
    made_by_cell = cell(given(), translatable=translatable, at=("index.md", 3))
    for each in (made, made_by_cell):
        assert each.pformat() == expected.pformat()
        assert vars(each[0]).keys() - {"source", "line"} == vars(expected[0]).keys()
        assert each[0].rawsource == message
        assert each[0].parent is each and each[0][0].parent is each[0]
        assert (each.source, each.line, each[0].source, each[0].line) == ("index.md", 3) * 2


def test_a_data_cell_locates_its_text_in_the_data() -> None:
    made = text_cell(
        "Job queueing.", translatable=True, at=("index.md", 3), text_at=("landscape.yaml", 66)
    )
    assert (made.source, made.line) == ("index.md", 3)
    assert (made[0].source, made[0].line) == ("landscape.yaml", 66)
    assert "translatable" not in made[0] and made[0].rawsource == "Job queueing."
