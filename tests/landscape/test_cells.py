"""The public table helpers (``landscape_directive.cells``), shared with other directives."""

from __future__ import annotations

from docutils import nodes
from docutils.core import publish_from_doctree
from docutils.utils import new_document

from landscape_directive.cells import cell, grid, locate, paragraph, row


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
