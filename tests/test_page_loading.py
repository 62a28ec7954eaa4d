"""Pages that do not wait for what the reader does not need yet (issue 18): scripts deferred,
diagrams loaded lazily with their room kept (``book_tools.ext.script_loading`` and
``book_tools.ext.diagrams``)."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.builders.html._assets import _JavaScript

from book_tools.ext.diagrams import svg_image, svg_size
from book_tools.ext.script_loading import defer_scripts, deferred
from conftest import EDITIONS, BuiltBook, scripts_run

CHAPTER = "kubernetes/dra.html"
DRA_DIAGRAM = "Who writes and who reads the DRA objects."


def test_a_plain_script_is_deferred_as_a_new_entry() -> None:
    plain = _JavaScript("doctools.js", priority=200)
    made = deferred(plain)
    assert made == _JavaScript("doctools.js", priority=200, defer="defer")
    assert plain.attributes == {}  # the builder's own entry is not changed
    with_id = _JavaScript("switcher.js", priority=500, id="switcher")
    assert deferred(with_id).attributes == {"id": "switcher", "defer": "defer"}


@pytest.mark.parametrize(
    "script",
    [
        _JavaScript("explorer.js", defer="defer"),
        _JavaScript("mathjax.js", **{"async": "async"}),
        _JavaScript("app.mjs", type="module"),
        _JavaScript(None, body="Documentation.addTranslations({});", priority=900),  # type: ignore[arg-type]
        "legacy.js",  # a bare file name, as an old extension may put in the list
    ],
)
def test_inline_module_asynchronous_and_unknown_scripts_are_kept(script: Any) -> None:
    assert deferred(script) is script


def test_the_search_page_keeps_its_scripts_as_they_are() -> None:
    scripts = [_JavaScript("documentation_options.js", priority=200)]
    context: dict[str, Any] = {"script_files": list(scripts)}
    defer_scripts(None, "search", "search.html", context, None)  # type: ignore[arg-type]
    assert context["script_files"] == scripts
    defer_scripts(None, "intro", "page.html", context, None)  # type: ignore[arg-type]
    assert context["script_files"][0].attributes == {"defer": "defer"}


def test_diagram_size_is_read_from_the_svg_in_css_pixels() -> None:
    # Graphviz writes points; 1364 pt x 152 pt is 1818.67 x 202.67 px (4/3 px per pt)
    svg = '<svg width="1364pt" height="152pt"\n viewBox="0.00 0.00 1364.40 152.00">'
    assert svg_size(svg) == (1819, 203)
    assert svg_size('<svg width="100%" height="100%">') is None


def test_diagram_is_a_lazy_image_named_after_its_caption() -> None:
    html = svg_image("../_images/g.svg", 'Pods & "claims"', ["wide"], (300, 120))
    img = BeautifulSoup(html, "html.parser").img
    assert img is not None
    assert img["src"] == "../_images/g.svg" and img["alt"] == 'Pods & "claims"'
    assert img["class"] == ["graphviz", "wide"]
    assert (img["width"], img["height"]) == ("300", "120")
    assert (img["loading"], img["decoding"]) == ("lazy", "async")
    assert "width" not in BeautifulSoup(svg_image("g.svg", "G", [], None), "html.parser").img.attrs


@pytest.mark.parametrize("lang", EDITIONS)
def test_chapter_scripts_are_deferred_and_search_page_scripts_are_not(
    built_book: BuiltBook, lang: str
) -> None:
    site = built_book.html / lang
    head = BeautifulSoup((site / CHAPTER).read_text(encoding="utf-8"), "html.parser").head
    external = [s for s in head.find_all("script") if s.get("src")]
    # doctools.js runs, from the page's bundle (book_tools.ext.bundles)
    assert "_static/doctools.js" in scripts_run(site / CHAPTER)
    assert all(s.has_attr("defer") for s in external), [s["src"] for s in external]
    search = BeautifulSoup((site / "search.html").read_text(encoding="utf-8"), "html.parser")
    options = search.find("script", src=lambda src: bool(src) and "documentation_options" in src)
    assert options is not None and not options.has_attr("defer")


def test_chapter_diagram_is_a_lazy_image(built_book: BuiltBook) -> None:
    html = (built_book.html / "en" / CHAPTER).read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("object") is None
    img = soup.find("img", class_="graphviz")
    assert img is not None and img["alt"].startswith(DRA_DIAGRAM)
    assert img["loading"] == "lazy"
    svg = (built_book.html / "en" / "kubernetes" / img["src"]).read_text(encoding="utf-8")
    assert (img["width"], img["height"]) == tuple(str(v) for v in svg_size(svg))


def test_lazy_diagram_arrives_when_the_reader_scrolls_to_it(
    page: Any, built_book: BuiltBook, site_url: str
) -> None:
    page.goto(f"{site_url}/en/{CHAPTER}", wait_until="load")
    img = page.locator("img.graphviz").first
    img.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const i = document.querySelector('img.graphviz');"
        " return i.complete && i.naturalWidth > 0; }",
        timeout=30_000,
    )
    box = img.bounding_box()
    assert box is not None and box["width"] > 100  # drawn, scaled to the column
    ratio = box["width"] / box["height"]
    width, height = int(img.get_attribute("width")), int(img.get_attribute("height"))
    assert abs(ratio - width / height) < 0.05 * width / height  # proportions kept (height: auto)
