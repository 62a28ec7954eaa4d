"""The landscape explorer in a real browser (Debian's Chromium driven by Playwright), on the
explorer test root built in English and Chinese and served on 127.0.0.1 by the suite.

The root's nine projects (tests/landscape/roots/test-landscape-explorer/_data/landscape.yaml)
give the expected counts: the engines layer holds vLLM, ModelPack and Engine Metrics; of those,
ModelPack and Engine Metrics are early; of these, Engine Metrics alone is not in the CNCF.
The root's toctree reads Scheduling before Inference (the reverse of their names' order), so the
chapter filter lists Scheduling first. Opened from ``file://`` (no server), the page gets its data
from the build's ``landscape.explorer.js``: ``</script>`` occurs in one description only (the
gateway's) and the Chinese ``作业排队`` in Kueue's translated one only.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

from conftest import REPO, serve, sphinx_build
from landscape_directive.explorer import STATIC_DIR, explorer_data
from landscape_directive.model import load

from .util import ROOTS

ROOT = ROOTS / "test-landscape-explorer"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
KUEUE_ZH = "决定批处理工作负载何时可以启动的作业排队系统。"


@dataclass
class Site:
    """The built root: ``html/<lang>/``, and its URL once served."""

    html: Path
    url: str


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    base = tmp_path_factory.mktemp("explorer")
    source = base / "src"
    shutil.copytree(ROOT, source)  # Sphinx compiles the catalogs next to the sources
    for lang in ("en", "zh_CN"):
        result = sphinx_build(
            "html",
            base / "html" / lang,
            base / "doctrees" / lang,
            "-D",
            f"language={lang}",
            srcdir=source,
        )
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
    with serve(base / "html") as url:
        yield Site(base / "html", url)


def open_explorer(page: Any, site: Site, lang: str = "en", query: str = "") -> Any:
    page.goto(f"{site.url}/{lang}/index.html{query}")
    page.wait_for_selector(".landscape-explorer[data-ready]")
    return page.locator(".landscape-explorer")


def shown(explorer: Any) -> list[str]:
    # textContent, not innerText: the rows use content-visibility: auto, and innerText of a row
    # Chromium has not rendered yet is empty (a race seen once under load in the full suite)
    return explorer.locator("li.lx-item:not([hidden]) button.lx-open").evaluate_all(
        "els => els.map(e => e.textContent.trim())"
    )


def test_json_and_assets_per_language(site: Site) -> None:
    zh = json.loads((site.html / "zh_CN/_static/landscape/landscape.explorer.json").read_text())
    en = json.loads((site.html / "en/_static/landscape/landscape.explorer.json").read_text())
    assert zh["ui"]["search"] == "搜索名称、别名和简介"
    assert en["ui"]["search"] == "Search names, aliases and descriptions"
    kueue = {p["name"]: p for p in zh["projects"]}["Kueue"]
    assert kueue["description"] == KUEUE_ZH
    # the book's reading order (its toctree), not the names' order
    assert zh["facets"]["chapter"] == [
        {"id": "chapters/scheduling", "name": "调度", "url": "chapters/scheduling.html"},
        {"id": "chapters/inference", "name": "Inference", "url": "chapters/inference.html"},
    ]
    index = (site.html / "en/index.html").read_text("utf-8")
    assert 'src="_static/landscape/explorer.js?v=' in index
    assert 'src="_static/landscape/landscape.explorer.js?v=' in index
    # the data script comes first, so the explorer finds its data when it starts
    assert index.index("landscape/landscape.explorer.js") < index.index("landscape/explorer.js")
    assert "_static/landscape/explorer.css?v=" in index
    chapter = (site.html / "en/chapters/scheduling.html").read_text("utf-8")
    assert "explorer.js" not in chapter and "explorer.css" not in chapter


def test_without_javascript_the_page_says_where_the_data_is(browser: Any, site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site.url}/en/index.html")
    message = page.locator(".landscape-explorer-noscript")
    assert message.is_visible()
    assert "the map and the tables on this page show the same projects" in message.inner_text()
    context.close()


def test_filters_narrow_the_count(page: Any, site: Site) -> None:
    explorer = open_explorer(page, site)
    count = explorer.locator(".lx-count")
    assert count.inner_text() == "9 of 9 projects"
    assert count.get_attribute("aria-live") == "polite"
    page.get_by_label("Layer", exact=True).select_option("engines")
    assert count.inner_text() == "3 of 9 projects"
    assert shown(explorer) == ["Engine Metrics", "ModelPack", "vLLM"]
    page.get_by_label("Stage", exact=True).select_option("early")
    assert shown(explorer) == ["Engine Metrics", "ModelPack"]
    page.get_by_label("CNCF maturity").select_option("none")
    assert count.inner_text() == "1 of 9 projects"
    assert shown(explorer) == ["Engine Metrics"]
    page.get_by_label("CNCF maturity").select_option("graduated")
    assert count.inner_text() == "0 of 9 projects"
    assert explorer.locator(".lx-none").is_visible()
    page.get_by_role("button", name="Clear filters").click()
    page.get_by_label("Tag", exact=True).select_option("gang-scheduling")
    assert shown(explorer) == ["Kueue", "Volcano"]
    page.get_by_label("Tag", exact=True).select_option("")
    chapter_options = page.get_by_label("Chapter", exact=True).locator("option")
    assert chapter_options.all_inner_texts() == ["All", "Scheduling", "Inference"]
    page.get_by_label("Chapter", exact=True).select_option("chapters/inference")
    assert shown(explorer) == ["ModelPack", "vLLM"]
    page.get_by_label("Chapter", exact=True).select_option("")
    page.get_by_label("Category", exact=True).select_option("observability")
    assert shown(explorer) == ["Engine Metrics", "Prometheus"]


def test_search_finds_a_project_by_an_alias(page: Any, site: Site) -> None:
    explorer = open_explorer(page, site)
    search = page.get_by_label("Search names, aliases and descriptions")
    search.fill("model spec")  # ModelPack's alias; neither word pair is in another project
    assert shown(explorer) == ["ModelPack"]
    assert explorer.locator(".lx-count").inner_text() == "1 of 9 projects"
    search.fill("queue")  # descriptions: Kueue's "Job queueing", Volcano's "and queues"
    assert shown(explorer) == ["Kueue", "Volcano"]
    search.fill("batch workload")  # every word must match: Kueue, not vLLM's "batching"
    assert shown(explorer) == ["Kueue"]


def test_the_url_holds_the_state(page: Any, site: Site, browser: Any) -> None:
    explorer = open_explorer(page, site)
    page.get_by_label("Layer", exact=True).select_option("orchestration")
    page.get_by_label("Search names, aliases and descriptions").fill("gang")
    query = page.evaluate("location.search")
    assert parse_qs(query[1:]) == {"layer": ["orchestration"], "q": ["gang"]}
    assert shown(explorer) == ["Volcano"]  # Kueue's tags say gang, its text does not
    # a shared link restores the same filters and results in a new page
    other = browser.new_context().new_page()
    restored = open_explorer(other, site, query=query)
    assert other.get_by_label("Layer").input_value() == "orchestration"
    assert other.get_by_label("Search names, aliases and descriptions").input_value() == "gang"
    assert shown(restored) == ["Volcano"]
    other.context.close()


def test_detail_view(page: Any, site: Site) -> None:
    explorer = open_explorer(page, site)
    button = explorer.get_by_role("button", name="ModelPack", exact=True)
    button.focus()
    page.keyboard.press("Enter")  # keyboard-operable
    dialog = page.get_by_role("dialog", name="ModelPack")
    assert dialog.is_visible()
    assert page.evaluate("location.search") == "?project=ModelPack"
    fields = dict(
        zip(
            dialog.locator("dt").all_inner_texts(),
            dialog.locator("dd").all_inner_texts(),
            strict=True,
        )
    )
    assert fields == {
        "Layer": "Engines & frameworks",
        "Stage": "Early",
        "Category": "Inference engine",
        "CNCF maturity": "Sandbox",
        "Tags": "oci\npackaging",
        "Chapters": "Inference",
        "Links": "Home page · Repository",
        "Last checked": "2026-11-20",
    }
    assert dialog.locator(".lx-description").inner_text() == (
        "An open standard for packaging AI models as OCI artifacts."
    )
    assert dialog.locator(".lx-aliases").inner_text() == "Also known as: Model Spec, CNCF ModelPack"
    links = {a.inner_text(): a.get_attribute("href") for a in dialog.locator("a").all()}
    assert links == {
        "Inference": "chapters/inference.html",
        "Home page": "https://modelpack.org/",
        "Repository": "https://github.com/modelpack/model-spec",
    }
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.textContent") == "ModelPack"
    assert page.evaluate("location.search") == ""
    # a link to a project opens its detail view
    open_explorer(page, site, query="?project=Kueue")
    assert page.get_by_role("dialog", name="Kueue").is_visible()


def test_chinese_edition(page: Any, site: Site) -> None:
    explorer = open_explorer(page, site, lang="zh_CN")
    assert page.get_by_label("搜索名称、别名和简介").is_visible()
    assert explorer.locator(".lx-count").inner_text() == "显示 9 个项目（共 9 个）"
    page.get_by_label("阶段").select_option("growing")
    assert explorer.locator(".lx-count").inner_text() == "显示 2 个项目（共 9 个）"
    assert page.get_by_label("阶段").locator("option:checked").inner_text() == "成长期"
    kueue = explorer.locator("li.lx-item", has_text="Kueue")
    assert KUEUE_ZH in kueue.inner_text()
    kueue.get_by_role("button").click()
    dialog = page.get_by_role("dialog", name="Kueue")
    assert dialog.get_by_role("button", name="关闭").is_visible()
    assert dialog.get_by_role("link", name="调度").get_attribute("href") == (
        "chapters/scheduling.html"
    )


GATEWAY = "Script <Gateway> & Co"
GATEWAY_TEXT = 'Routes <script>alert("x")</script> requests & tokens to models.'


@pytest.mark.parametrize(
    ("lang", "total", "search", "found", "one"),
    [
        ("en", "9 of 9 projects", "</script>", GATEWAY, "1 of 9 projects"),
        ("zh_CN", "显示 9 个项目（共 9 个）", "作业排队", "Kueue", "显示 1 个项目（共 9 个）"),
    ],
    ids=["en", "zh_CN"],
)
def test_opened_from_disk(
    page: Any, site: Site, lang: str, total: str, search: str, found: str, one: str
) -> None:
    """A reader who downloads the built site opens it from file://, where fetch() fails."""
    page.goto((site.html / lang / "index.html").as_uri())
    page.wait_for_selector(".landscape-explorer[data-ready], .landscape-explorer[data-failed]")
    explorer = page.locator(".landscape-explorer")
    assert explorer.get_attribute("data-failed") is None
    assert explorer.locator(".lx-count").inner_text() == total
    explorer.locator("input[type=search]").fill(search)
    assert shown(explorer) == [found]
    assert explorer.locator(".lx-count").inner_text() == one
    description = explorer.locator("li.lx-item .lx-desc").inner_text()
    assert description == (GATEWAY_TEXT if lang == "en" else KUEUE_ZH)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_explorer_is_axe_clean(page: Any, site: Site, lang: str) -> None:
    assert AXE.is_file(), "run 'npm ci' to install axe-core"
    explorer = open_explorer(page, site, lang=lang)
    page.add_script_tag(path=str(AXE))
    check = (
        "async () => (await axe.run('.landscape-explorer', {resultTypes: ['violations']}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)}))"
    )
    assert page.evaluate(check) == []
    explorer.locator("button.lx-open").first.click()  # and with the detail view open
    assert page.evaluate(check) == []


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Paging</title></head>
<body><main><div class="landscape-explorer" id="paging" data-src="explorer.json" data-root="">
</div></main><script src="explorer.js"></script></body></html>
"""


def test_long_results_come_a_hundred_at_a_time(page: Any, tmp_path: Path) -> None:
    landscape = load(ROOT / "_data" / "landscape.yaml").landscape
    assert landscape is not None
    kueue = landscape.projects[0]  # orchestration layer
    clones = tuple(dataclasses.replace(kueue, name=f"Project {i:03d}") for i in range(250))
    big = dataclasses.replace(landscape, projects=clones)
    (tmp_path / "explorer.json").write_text(json.dumps(explorer_data(big, {}, {})), "utf-8")
    shutil.copy(STATIC_DIR / "landscape" / "explorer.js", tmp_path / "explorer.js")
    (tmp_path / "index.html").write_text(PAGE, "utf-8")
    with serve(tmp_path) as url:
        page.goto(f"{url}/index.html")
        page.wait_for_selector(".landscape-explorer[data-ready]")
        rows = page.locator("li.lx-item")
        more = page.locator("button.lx-more")
        assert page.locator(".lx-count").inner_text() == "250 of 250 projects"
        assert rows.count() == 100 and more.inner_text() == "Show 100 more"
        more.click()
        assert rows.count() == 200 and more.inner_text() == "Show 50 more"
        # the first new row takes the focus, so a keyboard user goes on reading there
        assert page.evaluate("document.activeElement.textContent") == "Project 100"
        more.click()
        assert rows.count() == 250 and not more.is_visible()
        page.get_by_label("Search names, aliases and descriptions").fill("project 1")
        # every word matches somewhere: the names with a digit 1. Without one: 9 x 9 of 000-099,
        # 4 x 9 of 200-249 (tens 0, 2, 3, 4), so 250 - 81 - 36 = 133 with one
        assert page.locator(".lx-count").inner_text() == "133 of 250 projects"
        assert rows.count() == 100 and more.inner_text() == "Show 33 more"
        page.get_by_label("Search names, aliases and descriptions").fill("")
        assert rows.count() == 100 and more.inner_text() == "Show 100 more"  # back to one page
