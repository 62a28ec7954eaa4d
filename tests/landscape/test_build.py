"""Sphinx builds of the test roots: HTML, doctree, LaTeX, text, gettext, zh_CN, bad data."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx import addnodes
from sphinx.testing.util import SphinxTestApp

import landscape_directive
from landscape_directive import domain as landscape_domain
from landscape_directive.nodes import is_landscape_map, landscape_label, landscape_map

from .util import ROOTS

SCRIPT_TEXT = 'Routes <script>alert("x")</script> requests & tokens to models.'


def soup(app: SphinxTestApp, page: str = "index") -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def warnings(app: SphinxTestApp) -> str:
    """The build's warnings, without colour codes."""
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


def caption(element) -> str:
    """The text of a table's or figure's caption, without the permalink sign."""
    return element.select_one(".caption-text").get_text(strip=True)


def cell_texts(row) -> list[str]:
    return [c.get_text(" ", strip=True) for c in row.find_all(["th", "td"])]


@pytest.mark.sphinx("html", testroot="landscape-basic", freshenv=True)
def test_html(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == ""
    page = soup(app)

    full = page.select_one("table#tbl-all")
    assert full is not None
    assert caption(full) == "All projects"
    assert cell_texts(full.thead.tr) == [
        "Project", "Description", "Category", "Layer", "Stage", "CNCF", "Tags", "Chapters",
        "Repository",
    ]  # fmt: skip
    rows = {cell_texts(r)[0]: r for r in full.tbody.find_all("tr")}
    assert len(rows) == 8
    kueue = rows["Kueue"]
    assert cell_texts(kueue) == [
        "Kueue",
        "Job queueing that decides when a batch workload may start.",
        "Batch scheduling",
        "Scheduling & workloads",
        "Growing",
        "",
        "queueing , gang-scheduling",
        "Scheduling",
        "github.com/kubernetes-sigs/kueue",
    ]
    name_link = kueue.select_one("td a.reference.external")
    assert name_link["href"] == "https://kueue.sigs.k8s.io/"
    chapter_link = kueue.select("td a.reference.internal")[0]
    assert chapter_link["href"] == "chapters/scheduling.html"
    assert chapter_link.get_text() == "Scheduling"  # the page's title, not its docname
    volcano_chapters = [a.get_text() for a in rows["Volcano"].select("a.reference.internal")]
    assert volcano_chapters == ["Scheduling", "Landscape"]
    assert cell_texts(rows["containerd"])[5] == "Graduated"
    amp = rows["Device Plugin Example"].select_one("a")
    assert amp["href"] == "https://example.org/device-plugin?a=1&b=2#top"

    # text from the data is escaped: no script element, the text shows as written
    assert page.find("script", string=lambda s: s and "alert" in s) is None
    # (Sphinx's smart quotes apply to table text as to any prose)
    assert cell_texts(rows["Script <Gateway> & Co"])[1] == SCRIPT_TEXT.replace('"x"', "“x”")
    raw = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw
    assert "&lt;script&gt;alert(“x”)&lt;/script&gt;" in raw

    # one table per category (data order), with the category as its caption
    grouped = [t for t in page.select("table.landscape-table") if t.get("id") != "tbl-all"]
    captions = [caption(t) for t in grouped if t.caption]
    assert captions[:6] == [
        "Container runtime", "Device management", "Batch scheduling", "Inference engine",
        "Observability", "AI gateway",
    ]  # fmt: skip
    observability = grouped[4]
    assert cell_texts(observability.thead.tr) == ["Project", "Description", "Stage"]
    # sorted by -stage, then name
    assert [cell_texts(r)[0] for r in observability.tbody.find_all("tr")] == [
        "Prometheus", "Engine Metrics",
    ]  # fmt: skip
    # group header rows
    rows_style = grouped[6]
    assert caption(rows_style) == "Batch schedulers"
    header = rows_style.tbody.find_all("tr")[0]
    assert header.td["colspan"] == "4"
    assert header.get_text(strip=True) == "Scheduling & workloads"

    # the map: inline SVG in a figure with a caption, one link per project
    figure = page.select_one("figure#fig-map")
    svg = figure.find("svg")
    assert svg["role"] == "group"  # links inside stay reachable (not an img)
    assert caption(figure) == "The landscape map"
    assert len(svg.find_all("a")) == 8
    titles = [a.title.get_text() for a in svg.find_all("a")]
    assert f"Script <Gateway> & Co — {SCRIPT_TEXT}" in titles
    assert "Gateways & agents" in svg.get_text()

    # statistics, with totals and download links to files that exist
    stats = page.select_one("table.landscape-stats")
    assert cell_texts(stats.thead.tr) == [
        "Category", "Prototype", "Early", "Growing", "Mature", "Standard", "Total",
    ]  # fmt: skip
    body = [cell_texts(r) for r in stats.tbody.find_all("tr")]
    assert body[2] == ["Batch scheduling", "0", "0", "1", "1", "0", "2"]
    assert body[-1] == ["Total", "1", "1", "2", "2", "2", "8"]
    links = page.select("p.landscape-downloads a")
    assert [a["href"] for a in links] == [
        "_static/landscape/landscape.csv", "_static/landscape/landscape.json",
        "_static/landscape/landscape.landscape2.yml", "_static/landscape/schema.json",
    ]  # fmt: skip
    assert all((app.outdir / a["href"]).is_file() for a in links)
    exported = json.loads((app.outdir / "_static/landscape/landscape.json").read_text("utf-8"))
    assert len(exported["projects"]) == 8
    csv_text = (app.outdir / "_static/landscape/landscape.csv").read_text("utf-8")
    assert csv_text.startswith("name,homepage_url,")

    # filters on other pages, and MyST
    scheduling = soup(app, "chapters/scheduling")
    table = scheduling.select_one("table.landscape-table")
    assert [cell_texts(r) for r in table.tbody.find_all("tr")] == [
        ["Kueue", "", "Scheduling"],
        ["Volcano", "Incubating", "Scheduling , Landscape"],
    ]
    inference = soup(app, "chapters/inference").find("svg")
    assert len(inference.find_all("a")) == 2  # the engines layer only: vLLM, Engine Metrics
    training = soup(app, "chapters/training").select_one("table.landscape-table")
    assert [cell_texts(r)[0] for r in training.tbody.find_all("tr")] == [
        "Volcano", "Kueue", "vLLM", "Engine Metrics",
    ]  # fmt: skip
    myst = soup(app, "myst")
    assert [cell_texts(r) for r in myst.select_one("table.landscape-table").tbody.find_all("tr")] == [
        ["containerd", "Standard"], ["Prometheus", "Standard"],
    ]  # fmt: skip
    assert caption(myst.select_one("table.landscape-stats")) == "Projects by layer and stage"


@pytest.mark.sphinx("html", testroot="landscape-basic", freshenv=True)
def test_doctree(app: SphinxTestApp) -> None:
    app.build()
    doctree = app.env.get_doctree("index")
    tables = list(doctree.findall(nodes.table))
    full = next(t for t in tables if "tbl-all" in t["ids"])
    tgroup = full.next_node(nodes.tgroup)
    assert tgroup["cols"] == 9
    assert len(list(tgroup.findall(nodes.colspec))) == 9
    assert isinstance(tgroup[-2], nodes.thead) and isinstance(tgroup[-1], nodes.tbody)
    # chapters: pending cross-references to absolute docnames, titles taken from the page
    xrefs = list(full.findall(addnodes.pending_xref))
    assert {(x["reftype"], x["refdomain"], x["reftarget"], x["refexplicit"]) for x in xrefs} == {
        ("doc", "std", "/chapters/scheduling", False),
        ("doc", "std", "/chapters/inference", False),
        ("doc", "std", "/index", False),
    }
    # every text node has a located ancestor; data text points at the data file
    for table in tables:
        for text in table.findall(nodes.Text):
            parent = text.parent
            assert parent.source and parent.line, parent
        # and so does every element the directive made (located as it is made, not afterwards)
        unlocated = [n for n in table.findall(nodes.Element) if not (n.source and n.line)]
        assert not unlocated, unlocated[:3]
    # a project without CNCF status or repository has empty cells, not empty paragraphs
    assert not any(e.children and not e.astext() for e in full.findall(nodes.entry))
    description = next(
        p for p in full.findall(nodes.paragraph) if p.astext().startswith("Job queueing")
    )
    assert description.source.endswith("landscape-basic/_data/landscape.yaml")
    assert description.line == 66
    assert description.get("translatable", True)
    names = [p for p in full.findall(nodes.paragraph) if p.astext() == "Kueue"]
    assert names and all(p["translatable"] is False for p in names)
    # the map's labels are translatable nodes with locations
    map_node = next(doctree.findall(landscape_map))
    labels = {n["key"]: n for n in map_node.findall(landscape_label)}
    assert labels["layer:orchestration"]["text"] == "Scheduling & workloads"
    assert labels["category:batch-scheduling"].line == 46
    assert labels["desc:Kueue"].source.endswith("_data/landscape.yaml")


@pytest.mark.sphinx("latex", testroot="landscape-basic", freshenv=True)
def test_latex(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "\\usepackage{tikz}" in tex
    label = tex.index("\\label{\\detokenize{index:fig-map}}")
    figure = tex[tex.rindex("\\begin{figure}", 0, label) : tex.index("\\end{figure}", label)]
    assert "\\begin{tikzpicture}" in figure
    assert "\\href{https://kueue.sigs.k8s.io/}{Kueue}" in figure
    assert "\\href{https://example.org/device-plugin?a=1\\&b=2\\#top}" in figure
    assert "Script \\textless{}Gateway\\textgreater{} \\& Co" in figure
    assert "\\caption{The landscape map}" in figure
    assert "\\label{\\detokenize{index:fig-map}}" in figure
    # tables are ordinary LaTeX tables; data text is escaped
    assert "Job queueing that decides when a batch workload may start." in tex
    assert "\\textless{}script\\textgreater{}" in tex
    assert "<script>" not in tex


@pytest.mark.sphinx("text", testroot="landscape-basic", freshenv=True)
def test_text(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == ""
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "[Landscape map: 8 projects]" in text
    assert "Scheduling & workloads / Growing: Kueue" in text
    assert "Scheduling & workloads / Mature: Volcano" in text
    assert "Job queueing that decides" in text  # (the text writer wraps table cells)
    assert "The landscape map" in text
    # no download links without a web address for the files
    assert "Download the data" not in text


@pytest.mark.sphinx(
    "text",
    testroot="landscape-basic",
    freshenv=True,
    confoverrides={"html_baseurl": "https://book.example.org/"},
)
def test_text_links_to_published_exports(app: SphinxTestApp) -> None:
    app.build()
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "CSV <https://book.example.org/_static/landscape/landscape.csv>" in " ".join(
        text.split()
    )


@pytest.mark.sphinx("gettext", testroot="landscape-basic", freshenv=True)
def test_gettext(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == ""
    pot = (app.outdir / "index.pot").read_text(encoding="utf-8")
    for msgid in [
        "Job queueing that decides when a batch workload may start.",  # description
        "Batch scheduling",  # category name (tables and map)
        "Scheduling & workloads",  # layer name
        "Growing",  # stage name
        "The landscape map",  # caption
        "All projects",
    ]:
        assert f'msgid "{msgid}"' in pot, msgid
    assert "#: ../../_data/landscape.yaml:66" in pot or "_data/landscape.yaml:66" in pot
    # project names, tags and the extension's own labels are not the book's to translate
    assert 'msgid "Kueue"' not in pot
    assert 'msgid "Project"' not in pot
    assert 'msgid "queueing"' not in pot


@pytest.mark.sphinx(
    "html", testroot="landscape-i18n", freshenv=True, confoverrides={"language": "zh_CN"}
)
def test_zh_cn(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == ""
    page = soup(app)
    full = next(t for t in page.select("table.landscape-table") if t.caption)
    assert cell_texts(full.thead.tr) == ["项目", "简介", "类别", "层级", "阶段", "相关章节"]
    rows = {cell_texts(r)[0]: cell_texts(r) for r in full.tbody.find_all("tr")}
    # description, category, layer and stage from the book's .po; the page title as well
    assert rows["Kueue"] == [
        "Kueue", "决定批处理工作负载何时可以启动的作业排队系统。", "批调度", "调度与工作负载",
        "成长期", "调度",
    ]  # fmt: skip
    assert rows["Volcano"][2] == "批调度"
    assert rows["vLLM"][4] == "成长期"
    assert rows["vLLM"][1] == "An inference engine with paged attention and continuous batching."
    captions = [caption(t) for t in page.select("table") if t.caption]
    assert "全部项目" in captions
    assert "批调度" in captions  # grouped table title
    group_rows = [td.get_text(strip=True) for td in page.select("td.landscape-group")]
    assert "批调度" in group_rows and "Inference engine" in group_rows
    stats = page.select_one("table.landscape-stats")
    assert cell_texts(stats.thead.tr)[0] == "类别"
    assert cell_texts(stats.thead.tr)[3] == "成长期"
    assert cell_texts(stats.tbody.find_all("tr")[-1])[0] == "合计"
    # the map is drawn from the translated labels
    svg = page.find("svg")
    svg_text = svg.get_text()
    for label in [
        "调度与工作负载",
        "批调度",
        "成长期",
        "成熟度：原型 → 标准",
        "原型或早期（虚线框）",
    ]:
        assert label in svg_text, label
    assert "Kueue — 决定批处理工作负载何时可以启动的作业排队系统。" in svg_text
    assert svg.find("title").get_text() == "全景图"
    assert caption(page.select_one("figure")) == "全景图示"


# (file in the invalid root, line, message), worked out from each file's one change against
# the basic data (the change is marked "# error" in the file)
BUILD_CASES = [
    ("unknown-category", 67, ("project 'Kueue': category: unknown category 'batch-schedulng' "
     "(did you mean 'batch-scheduling'?)")),
    ("unknown-layer", 113, ("project 'Engine Metrics': layer: unknown value 'engine' (did you "
     "mean 'engines'?); expected one of runtime, resources, orchestration, engines, platforms, "
     "applications")),
    ("unknown-stage", 86, ("project 'vLLM': stage: unknown value 'grown' (did you mean "
     "'growing'?); expected one of prototype, early, growing, mature, standard")),
    ("missing-field", 63, "project 'Kueue': missing required field 'homepage_url'"),
    ("wrong-type", 69, "project 'Kueue': tags: must be a list of different tags, got text"),
    ("unknown-key", 83, "project 'vLLM': unknown field 'repo' (did you mean 'repo_url'?)"),
    ("duplicate-name", 72, ("project 'KUEUE': name: duplicate name (first defined as 'Kueue' at "
     "line 63)")),
    ("bad-url", 73, ("project 'Volcano': homepage_url: must be an absolute http(s) URL, got "
     "'javascript:alert(document.cookie)'")),
    ("duplicate-key", 77, "duplicate key 'stage' (first given at line 76)"),
    ("bad-date", 95, ("project 'containerd': last_checked: must be a real date written "
     "YYYY-MM-DD, got 'last week'")),
    ("malformed-yaml", 70, ("malformed YAML: while parsing a flow sequence, did not find expected "
     "',' or ']'")),
    ("impossible-date", 80, ("project 'Volcano': last_checked: must be a real date written "
     "YYYY-MM-DD, got '2026-02-30'")),
    ("bad-chapter", 87, ("project 'vLLM': chapters[0]: 'chapters/inferense' names no page (did "
     "you mean 'chapters/inference'?)")),
]  # fmt: skip


@pytest.mark.parametrize(("name", "line", "message"), BUILD_CASES, ids=[c[0] for c in BUILD_CASES])
def test_invalid_data_is_a_located_warning(
    make_app, sphinx_test_tempdir: Path, name: str, line: int, message: str
) -> None:
    srcdir = sphinx_test_tempdir / f"landscape-invalid-{name}"
    shutil.copytree(ROOTS / "test-landscape-invalid", srcdir, dirs_exist_ok=True)
    app = make_app(
        "html", srcdir=srcdir, freshenv=True, confoverrides={"landscape_data": f"_data/{name}.yaml"}
    )
    app.build()
    path = srcdir / "_data" / f"{name}.yaml"
    output = warnings(app)
    expected = f"{path}:{line}: WARNING: {message} [landscape.data]"
    # reported once, though three directives use the file; nothing else goes wrong
    assert [w for w in output.splitlines() if "[landscape.data]" in w] == [expected], output
    assert "Traceback" not in output
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "javascript:" not in html
    assert "<h1>Invalid data" in html  # the page is still written


def _basic_with(line: int, text: bytes) -> bytes:
    """The basic data with line ``line`` replaced by ``text``."""
    lines = (ROOTS / "test-landscape-basic" / "_data" / "landscape.yaml").read_bytes().split(b"\n")
    lines[line - 1] = text
    return b"\n".join(lines)


W_CASES = [
    ("unknown-category", None, 67, ("project 'Kueue': category: unknown category "
     "'batch-schedulng' (did you mean 'batch-scheduling'?)")),
    ("impossible-date", None, 80, ("project 'Volcano': last_checked: must be a real date "
     "written YYYY-MM-DD, got '2026-02-30'")),
    ("latin-1", _basic_with(66, "    description: Job queueing f\xfcr GPUs.".encode("latin-1")),
     66, "not UTF-8: byte 0xfc cannot be decoded; save the file as UTF-8"),
    ("deeply-nested", _basic_with(69, b"    tags: " + b"[" * 3000 + b"]" * 3000), 69,
     "malformed YAML: while increasing flow level, exceeded maximum nesting depth"),
    ("empty", b"", 1, "the file is empty; expected stages, layers, categories and projects"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "line", "message"), W_CASES,
                         ids=[c[0] for c in W_CASES])  # fmt: skip
def test_warnings_fail_a_w_build(
    tmp_path: Path, name: str, content: bytes | None, line: int, message: str
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-landscape-invalid", srcdir)
    if content is not None:
        (srcdir / "_data" / f"{name}.yaml").write_bytes(content)
    env = {**os.environ, "PYTHONPATH": str(Path(landscape_directive.__file__).parents[1])}
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
         "-D", f"landscape_data=_data/{name}.yaml", str(srcdir), str(tmp_path / "out")],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert run.returncode == 1
    data = srcdir / "_data" / f"{name}.yaml"
    reported = [w for w in run.stderr.splitlines() if "[landscape.data]" in w]
    assert reported == [f"{data}:{line}: WARNING: {message} [landscape.data]"]
    assert "Traceback" not in run.stderr


@pytest.mark.sphinx("html", testroot="landscape-misuse", freshenv=True)
def test_directive_misuse_and_bad_config(app: SphinxTestApp) -> None:
    app.build()
    output = warnings(app)
    index = Path(app.srcdir) / "index.rst"
    assert (
        "WARNING: config value 'landscape_export' must be True or False (got 'yes'); using the "
        "default True [landscape.config]"
    ) in output
    assert app.config.landscape_export is True
    assert (
        f"{index}:9: ERROR: landscape: unknown category 'batch-schedulng' in the :category: "
        "option (did you mean 'batch-scheduling'?)"
    ) in output
    assert f'{index}:12: ERROR: Error in "landscape" directive:' in output
    assert "unknown column 'descripton' (did you mean 'description'?)" in output
    assert f"{index}:15: ERROR: landscape-map: unknown tag 'no-such-tag-anywhere'" in output
    assert f"{index}:18: WARNING: landscape: no project matches the filters" in output
    assert "Traceback" not in output


@pytest.mark.sphinx("html", testroot="landscape-basic", srcdir="landscape-incremental")
def test_data_is_parsed_once_and_reread_when_it_changes(
    app: SphinxTestApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Path] = []
    real_load = landscape_domain.load

    def counting_load(path: Path):
        calls.append(path)
        return real_load(path)

    monkeypatch.setattr(landscape_domain, "load", counting_load)
    app.build()
    assert len(calls) == 1  # eight directives on five pages, one parse
    data = Path(app.srcdir) / "_data" / "landscape.yaml"
    assert any(str(d).endswith("_data/landscape.yaml") for d in app.env.dependencies["index"])
    # an unchanged file is not parsed again in the next build
    app.build()
    assert len(calls) == 1
    # editing the data re-reads the pages that use it and parses the file once more
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("Metrics collection and alerting.", "Metrics and alerts."))
    stat = data.stat()
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    app.build()
    assert len(calls) == 2
    assert "Metrics and alerts." in (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Metrics and alerts." in (app.outdir / "chapters/platforms.html").read_text("utf-8")


@pytest.mark.sphinx("html", testroot="landscape-basic", srcdir="landscape-exports-record")
def test_exports_are_written_again_only_when_they_may_differ(app: SphinxTestApp) -> None:
    past = 1_000_000_000  # a modification time no build writes: a rewrite shows

    def age(*paths: Path) -> None:
        for path in paths:
            os.utime(path, ns=(past, past))

    def rewritten(path: Path) -> bool:
        return path.stat().st_mtime_ns != past

    app.build()
    folder = app.outdir / "_static/landscape"
    csv, json_file, yml, schema = (
        folder / "landscape.csv", folder / "landscape.json",
        folder / "landscape.landscape2.yml", folder / "schema.json",
    )  # fmt: skip
    record = Path(app.doctreedir) / "landscape_exports.json"
    data = Path(app.srcdir) / "_data" / "landscape.yaml"
    assert list(json.loads(record.read_text("utf-8"))) == [str(data)]
    # a no-op rebuild writes none of them
    age(csv, json_file, yml, schema)
    app.build()
    assert not any(rewritten(p) for p in (csv, json_file, yml, schema))
    # an export that went missing is written again
    csv.unlink()
    app.build()
    assert csv.is_file() and "Prometheus" in csv.read_text("utf-8")
    # an edited data file: all three are written, with the edit
    age(csv, json_file, yml)
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("Metrics collection and alerting.", "Metrics and alerts."))
    stat = data.stat()
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    app.build()
    assert all(rewritten(p) for p in (csv, json_file, yml))
    assert "Metrics and alerts." in json_file.read_text("utf-8")
    assert "Metrics and alerts." in yml.read_text("utf-8")
    # an unreadable record is no record: everything is written again
    age(csv, json_file, yml)
    record.write_text("{not json", encoding="utf-8")
    app.build()
    assert all(rewritten(p) for p in (csv, json_file, yml))
    assert list(json.loads(record.read_text("utf-8"))) == [str(data)]


@pytest.mark.sphinx("html", testroot="landscape-basic", freshenv=True, parallel=2)
def test_parallel_build(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == ""
    assert app.is_parallel_allowed("read") and app.is_parallel_allowed("write")
    assert (app.outdir / "_static/landscape/landscape.csv").exists()  # merged from a reader
    assert len(soup(app).find("svg").find_all("a")) == 8


@pytest.mark.sphinx("html", testroot="landscape-basic", freshenv=True)
def test_chapter_filter_selects_the_projects_that_name_the_page(app: SphinxTestApp) -> None:
    app.build()

    def names(docname: str, table_id: str) -> list[str]:
        doctree = app.env.get_doctree(docname)
        table = next(t for t in doctree.findall(nodes.table) if table_id in t["ids"])
        return [row[0].astext() for row in table.findall(nodes.row)][1:]  # after the header

    # in the data: Kueue names chapters/scheduling; Volcano chapters/scheduling and index;
    # vLLM chapters/inference; nobody else names a chapter
    assert names("chapters/inference", "tbl-this-chapter") == ["vLLM"]
    assert names("myst", "tbl-by-chapter") == ["vLLM", "Volcano"]  # sorted by name


# the parallel root's data has four problems (lines 67, 79, 87, 114), worked out by hand: Kueue's
# category is misspelt, so Kueue is left out; Volcano names chapters/scheduling, a page that
# root does not have; vLLM names pages/p9 (the root has p1 to p8); Engine Metrics has a date as
# its stage. Nine pages use the data (sixteen directives).
PARALLEL_WARNINGS = [
    (
        "67: WARNING: project 'Kueue': category: unknown category 'batch-schedulng' (did you mean "
        "'batch-scheduling'?) [landscape.data]"
    ),
    (
        "79: WARNING: project 'Volcano': chapters[0]: 'chapters/scheduling' names no page "
        "[landscape.data]"
    ),
    (
        "87: WARNING: project 'vLLM': chapters[0]: 'pages/p9' names no page (did you mean "
        "'pages/p8'?) [landscape.data]"
    ),
    (
        "114: WARNING: project 'Engine Metrics': stage: unknown value '2026-02-30'; expected one of "
        "prototype, early, growing, mature, standard [landscape.data]"
    ),
]


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_data_problem_is_reported_once_with_parallel_readers(
    make_app, sphinx_test_tempdir: Path, jobs: int
) -> None:
    srcdir = sphinx_test_tempdir / f"landscape-parallel-j{jobs}"
    shutil.copytree(ROOTS / "test-landscape-parallel", srcdir, dirs_exist_ok=True)
    app = make_app("html", srcdir=srcdir, freshenv=True, parallel=jobs)
    app.build()
    data = srcdir / "_data" / "landscape.yaml"
    reported = [w for w in warnings(app).splitlines() if "[landscape.data]" in w]
    assert reported == [f"{data}:{w}" for w in PARALLEL_WARNINGS]
    merged = app.__dict__.get("merged_chunks", [])
    if jobs == 2:  # the pages really were read by more than one worker process
        assert len(merged) >= 2 and sum(map(len, merged)) == 9
    else:
        assert merged == []
    # the exports one page asked for were merged back from its reader, and written
    assert (app.outdir / "_static/landscape/landscape.json").exists()
    # a second build that reads a page again reports the problems again, once
    (srcdir / "pages" / "p3.rst").write_text("Page 3\n======\n\n.. landscape::\n")
    app.warning.truncate(0)
    app.warning.seek(0)
    app.build()
    reported = [w for w in warnings(app).splitlines() if "[landscape.data]" in w]
    assert reported == [f"{data}:{w}" for w in PARALLEL_WARNINGS]


@pytest.mark.sphinx("latex", testroot="landscape-basic", freshenv=True)
def test_the_map_asks_for_a_landscape_page(app: SphinxTestApp) -> None:
    """The book's LaTeX setup finds the map through the node's mark, not its class name."""
    from book_tools.ext.latex import landscape_pages

    app.build()
    doctree = app.env.get_doctree("index")
    maps = list(doctree.findall(is_landscape_map))
    assert [type(m) for m in maps] == [landscape_map]
    assert maps[0]["landscape_page"] is True
    assert not any(is_landscape_map(t) for t in doctree.findall(nodes.table))
    landscape_pages(app, doctree, "index")
    figure = maps[0].parent
    assert isinstance(figure, nodes.figure)
    before, after = figure.previous_sibling(), figure.next_node(descend=False, siblings=True)
    assert before.astext() == "\\begin{landscape}\n"
    assert after.astext() == "\\end{landscape}\n"
