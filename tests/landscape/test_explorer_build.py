"""The ``landscape-explorer`` directive in Sphinx builds of the explorer root: the placeholder,
its data and assets in HTML only, its texts extracted for translation. The root's toctree reads
``chapters/scheduling`` before ``chapters/inference``: the reverse of their names' order."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from landscape_directive.explorer import landscape_explorer, reading_order


def warnings(app: SphinxTestApp) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


@pytest.mark.sphinx("html", testroot="landscape-explorer", freshenv=True)
def test_html(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == ""
    page = BeautifulSoup((app.outdir / "index.html").read_text("utf-8"), "html.parser")
    placeholder = page.select_one("div.landscape-explorer")
    assert placeholder["data-src"] == "_static/landscape/landscape.explorer.json"
    assert placeholder["data-key"] == "landscape"
    assert placeholder["data-root"] == ""
    assert "needs JavaScript" in placeholder.get_text()
    scripts = [s["src"].split("?")[0] for s in page.find_all("script", src=True)]
    # the data script before the explorer's, both deferred (they run in this order)
    ours = [s for s in scripts if s.startswith("_static/landscape/")]
    assert ours == ["_static/landscape/landscape.explorer.js", "_static/landscape/explorer.js"]
    assert all(s.has_attr("defer") for s in page.select('script[src*="_static/landscape/"]'))
    chapter = (app.outdir / "chapters/inference.html").read_text("utf-8")
    assert "landscape/explorer" not in chapter  # the assets go to the explorer's page only
    data = json.loads((app.outdir / placeholder["data-src"]).read_text("utf-8"))
    assert len(data["projects"]) == 9
    assert data["facets"]["chapter"] == [  # the reading order
        {"id": "chapters/scheduling", "name": "Scheduling", "url": "chapters/scheduling.html"},
        {"id": "chapters/inference", "name": "Inference", "url": "chapters/inference.html"},
    ]
    # the data script stores the same document
    script = (app.outdir / "_static/landscape/landscape.explorer.js").read_text("ascii")
    prefix = "(window.landscapeExplorerData = window.landscapeExplorerData || {})"
    statement = script.splitlines()[1]
    assert statement.startswith(f'{prefix}["landscape"] = ') and statement.endswith(";")
    assert json.loads(statement.removeprefix(f'{prefix}["landscape"] = ')[:-1]) == data
    for name in ("explorer.js", "explorer.css", "landscape.landscape2.yml"):
        assert (app.outdir / "_static/landscape" / name).is_file()
    # the data format's JSON Schema, published as it is in the package, at the URL of its $id
    published = (app.outdir / "_static/landscape/schema.json").read_bytes()
    assert published == resources.files("landscape_directive").joinpath("schema.json").read_bytes()
    assert json.loads(published)["$id"].endswith("/en/_static/landscape/schema.json")


def test_reading_order_goes_depth_first_through_the_toctrees() -> None:
    includes = {"index": ["b", "a"], "b": ["b/z", "b/y"], "a": ["b", "c"]}
    docnames = ["a", "aa", "b", "b/y", "b/z", "c", "index", "zz"]
    # b's pages come before a, b is not listed again under a; aa and zz are in no toctree
    assert reading_order("index", includes, docnames) == [
        "index", "b", "b/z", "b/y", "a", "c", "aa", "zz",
    ]  # fmt: skip


@pytest.mark.sphinx("html", testroot="landscape-explorer", freshenv=True)
def test_doctree_node_is_located(app: SphinxTestApp) -> None:
    app.build()
    doctree = app.env.get_doctree("index")
    (node,) = list(doctree.findall(landscape_explorer))
    assert node.source.endswith("index.rst") and node.line == 9
    keys = [child["key"] for child in node.children]
    # 5 stages, 6 layers, 6 categories, 9 descriptions
    assert len(keys) == 26
    assert (
        keys[:2] == ["stage:prototype", "stage:early"] and keys[-1] == "desc:Script <Gateway> & Co"
    )


@pytest.mark.sphinx(
    "epub",
    testroot="landscape-explorer",
    freshenv=True,
    confoverrides={"copyright": "2026", "version": "1"},  # what EPUB3 asks of every book
)
def test_epub_has_neither_placeholder_nor_assets(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == ""
    index = (app.outdir / "index.xhtml").read_text("utf-8")
    assert "landscape-explorer" not in index and "explorer.js" not in index
    assert not (app.outdir / "_static/landscape/explorer.js").exists()
    assert not (app.outdir / "_static/landscape/landscape.explorer.json").exists()
    assert not (app.outdir / "_static/landscape/landscape.explorer.js").exists()


@pytest.mark.sphinx("text", testroot="landscape-explorer", freshenv=True)
def test_text_leaves_it_out(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == ""
    text = (app.outdir / "index.txt").read_text("utf-8")
    assert "explorer" not in text
    assert "ModelPack" in text  # the table is still there


@pytest.mark.sphinx("gettext", testroot="landscape-explorer", freshenv=True)
def test_gettext_extracts_its_labels(app: SphinxTestApp) -> None:
    app.build()
    pot = (app.outdir / "index.pot").read_text("utf-8")
    # layer names appear on this page only in the explorer (the table has no layer column)
    assert 'msgid "Kernel & runtime"' in pot
    assert re.search(r"#: [^\n]*_data/landscape\.yaml:\d+\n(#: [^\n]*\n)*msgid \"Kernel", pot)
