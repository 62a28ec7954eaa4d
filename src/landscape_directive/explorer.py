"""The explorable landscape: a node, the JSON it is fed with, and the page's script and style.

The ``landscape-explorer`` directive puts a :class:`landscape_explorer` node on the page, with
the same translatable :class:`~landscape_directive.nodes.landscape_label` children as the map
(project descriptions, stage, layer and category names), so the i18n ``Locale`` transform
translates them through the page's catalog at read time. On ``doctree-resolved`` (HTML builds)
the node's translated labels, the interface strings of the extension's catalog and the titles of
the chapters (in the book's reading order) become the explorer's data, written twice: as
``_static/landscape/<data stem>.explorer.json``, the download for reuse, and as
``_static/landscape/<data stem>.explorer.js``, a script that stores the same document in
``window.landscapeExplorerData[<data stem>]``. The page loads the data with that script, not
with ``fetch()``, which browsers refuse for pages opened from ``file://`` (a downloaded copy of
the site). The HTML visitor writes a placeholder that ``_static/landscape/explorer.js`` fills
with the filters, the results and the detail view. The scripts and the style sheet are added to
the pages with an explorer only. Builders other than HTML write nothing: the map and the tables
carry the data there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from .domain import LandscapeDomain
from .i18n import _
from .model import CNCF_STATUSES, Landscape
from .nodes import EXPORT_DIR, depart_noop, landscape_label
from .table import cncf_label

STATIC_DIR = Path(__file__).resolve().parent / "static"
"""Holds ``landscape/explorer.js`` and ``landscape/explorer.css`` (merged into ``_static/``)."""
SCRIPT = "landscape/explorer.js"
STYLE = "landscape/explorer.css"
DATA_PRIORITY = 490
"""The data scripts' ``add_js_file`` priority: before the explorer's script (500, the default)."""
DATA_GLOBAL = "landscapeExplorerData"
"""The global object of the data scripts: the explorer's data by data stem (``explorer.js``
reads it under the same name)."""


class landscape_explorer(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Placeholder of the explorer; ``export`` is the data file's stem, ``projects`` holds each
    project's untranslated fields, the ``landscape_label`` children its translated texts."""


def interface_strings() -> dict[str, str]:
    """The explorer's interface, translated by the extension's catalog (``{shown}`` and
    ``{total}`` are filled in by the script)."""
    return {
        "region": str(_("Landscape explorer")),
        "search": str(_("Search names, aliases and descriptions")),
        "layer": str(_("Layer")),
        "stage": str(_("Stage")),
        "category": str(_("Category")),
        "cncf": str(_("CNCF maturity")),
        "tag": str(_("Tag")),
        "chapter": str(_("Chapter")),
        "all": str(_("All")),
        "not_cncf": str(_("Not in the CNCF")),
        "clear": str(_("Clear filters")),
        "count": str(_("{shown} of {total} projects")),
        "none": str(_("No project matches these filters.")),
        "more": str(_("Show {count} more")),
        "results": str(_("Matching projects")),
        "aliases": str(_("Also known as")),
        "links": str(_("Links")),
        "homepage": str(_("Home page")),
        "repository": str(_("Repository")),
        "tags": str(_("Tags")),
        "chapters": str(_("Chapters")),
        "no_chapters": str(_("No chapter of this book discusses it yet.")),
        "last_checked": str(_("Last checked")),
        "close": str(_("Close")),
    }


def noscript_text() -> str:
    """What the placeholder says until the script replaces it."""
    return str(
        _(
            "The interactive explorer needs JavaScript; the map and the tables on this page "
            "show the same projects."
        )
    )


def error_text() -> str:
    """What the placeholder says when the script cannot load the data."""
    return str(
        _(
            "The explorer's data could not be loaded; the map and the tables on this page show "
            "the same projects."
        )
    )


def explorer_data(
    landscape: Landscape, labels: dict[str, str], chapters: dict[str, tuple[str, str]]
) -> dict[str, Any]:
    """The explorer's JSON document.

    ``labels`` maps ``desc:<name>``, ``stage:<id>``, ``layer:<id>`` and ``category:<id>`` to
    translated text (the English text when missing); ``chapters`` maps a docname to its title
    and its URL relative to the site's root, in the order the chapter filter lists them (the
    book's reading order, see :func:`reading_order`); chapters missing from it are left out.
    """

    def facet(kind: str) -> list[dict[str, str]]:
        return [
            {"id": f.id, "name": labels.get(f"{kind}:{f.id}", f.name)}
            for f in landscape.facets(kind)
        ]

    tags = sorted({t for p in landscape.projects for t in p.tags})
    linked = {c for p in landscape.projects for c in p.chapters}
    used = [c for c in chapters if c in linked]
    return {
        "ui": interface_strings(),
        "facets": {
            "layer": facet("layer"),
            "stage": facet("stage"),
            "category": facet("category"),
            "cncf": [{"id": s, "name": cncf_label(s)} for s in CNCF_STATUSES],
            "tag": [{"id": t, "name": t} for t in tags],
            "chapter": [{"id": c, "name": chapters[c][0], "url": chapters[c][1]} for c in used],
        },
        "projects": [
            {
                "name": p.name,
                "aliases": list(p.aliases),
                "description": labels.get(f"desc:{p.name}", p.description),
                "homepage_url": p.homepage_url,
                "repo_url": p.repo_url or "",
                "category": p.category,
                "layer": p.layer,
                "stage": p.stage,
                "cncf": p.project or "",
                "tags": list(p.tags),
                "chapters": [c for c in p.chapters if c in chapters],
                "last_checked": p.last_checked.isoformat(),
            }
            for p in landscape.projects
        ],
    }


def data_file(stem: str) -> str:
    """The explorer's JSON file, relative to the output directory."""
    return f"{EXPORT_DIR}/{stem}.explorer.json"


def data_script(stem: str) -> str:
    """The explorer's data script, relative to the static directory (as ``add_js_file`` takes
    it); in the output directory it sits beside :func:`data_file`."""
    return f"landscape/{stem}.explorer.js"


def data_script_text(stem: str, data: dict[str, Any]) -> str:
    r"""The data script: ``data`` stored in ``window.landscapeExplorerData[stem]``.

    The text is ASCII (``json.dumps`` escapes every other character, so Chinese and Japanese
    read the same whatever encoding a server or a file system announces), and ``</`` becomes
    ``<\/`` (the same string in JavaScript) so that no text of the data can end a script element.
    """
    payload = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    store = f"(window.{DATA_GLOBAL} = window.{DATA_GLOBAL} || {{}})[{json.dumps(stem)}]"
    statement = f"{store} = {payload};".replace("</", "<\\/")
    return f"/* The landscape explorer's data, written by the book's build. */\n{statement}\n"


def reading_order(
    root: str, includes: Mapping[str, Sequence[str]], docnames: Iterable[str]
) -> list[str]:
    """The documents in the book's reading order: ``root``, then depth first through the
    toctrees (``includes`` is ``env.toctree_includes``: each document's toctree entries in
    order), as the previous and next links go; the ``docnames`` no toctree reaches follow in
    name order. A document is listed where it is first reached."""
    order: list[str] = []
    seen: set[str] = set()
    stack = [root]
    while stack:
        docname = stack.pop()
        if docname in seen:
            continue
        seen.add(docname)
        order.append(docname)
        stack.extend(reversed(includes.get(docname, ())))
    return order + sorted(set(docnames) - seen)


def write_if_changed(target: Path, text: str) -> None:
    """Write ``text`` unless the file holds it already (its time stamp stays)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text("utf-8") != text:
        target.write_text(text, encoding="utf-8")


def _explorer_stems(doctree: nodes.document | None) -> list[str]:
    """The data stems of the page's explorers, each once, in page order."""
    if doctree is None:
        return []
    return list(dict.fromkeys(node["export"] for node in doctree.findall(landscape_explorer)))


def _is_web_build(app: Sphinx) -> bool:
    builder = app.builder
    return builder.format == "html" and not builder.name.startswith("epub")


def add_static_dir(app: Sphinx) -> None:
    """``builder-inited``: ship the script and style sheet with HTML builds (not EPUB)."""
    if _is_web_build(app) and str(STATIC_DIR) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC_DIR))


def write_explorer_data(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: write the JSON and the data script of each explorer of the page
    (HTML builds)."""
    explorers = list(doctree.findall(landscape_explorer))
    if not explorers or not _is_web_build(app):  # every page passes here: most have none
        return
    env = app.env
    domain = env.get_domain("landscape")
    assert isinstance(domain, LandscapeDomain)
    builder = app.builder
    order = reading_order(app.config.root_doc, env.toctree_includes, env.all_docs)
    for node in explorers:
        landscape = domain.load(Path(node["path"])).landscape
        if landscape is None:
            continue
        labels = {
            child["key"]: child["text"]
            for child in node.children
            if isinstance(child, landscape_label)
        }
        chapters = {  # explorer_data keeps those a project links to
            c: (env.titles[c].astext(), builder.get_target_uri(c)) for c in order if c in env.titles
        }
        data = explorer_data(landscape, labels, chapters)
        stem = node["export"]
        outdir = Path(builder.outdir)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
        write_if_changed(outdir / data_file(stem), text + "\n")
        write_if_changed(outdir / "_static" / data_script(stem), data_script_text(stem, data))


def add_assets(
    app: Sphinx,
    _pagename: str,
    _templatename: str,
    _context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: the data scripts, the explorer's script and its style sheet, on
    pages with an explorer only (the data first: deferred scripts run in the page's order)."""
    if not _is_web_build(app):
        return
    stems = _explorer_stems(doctree)
    if stems:
        app.add_css_file(STYLE)
        for stem in stems:
            app.add_js_file(data_script(stem), priority=DATA_PRIORITY, loading_method="defer")
        app.add_js_file(SCRIPT, loading_method="defer")


def html_visit_explorer(self: Any, node: landscape_explorer) -> None:
    """The placeholder the script fills: the key of its data in ``window.landscapeExplorerData``,
    the JSON to fetch when that is missing, and the site's root (nothing in an EPUB, which gets
    neither the script nor the data)."""
    builder = self.builder
    if builder.name.startswith("epub"):
        raise nodes.SkipNode
    here = builder.get_target_uri(builder.current_docname)
    src = relative_uri(here, data_file(node["export"]))
    base = "../" * here.count("/")  # the site's root, from this page
    self.body.append(
        f'<div class="landscape-explorer" id="{self.attval(node["ident"])}" '
        f'data-key="{self.attval(node["export"])}" '
        f'data-src="{self.attval(src)}" data-root="{self.attval(base)}" '
        f'data-error="{self.attval(error_text())}">\n'
        f'<p class="landscape-explorer-noscript">{self.encode(noscript_text())}</p>\n</div>\n'
    )
    raise nodes.SkipNode


def skip(_self: Any, _node: nodes.Element) -> None:
    """Other builders: nothing (the map and the tables carry the same data)."""
    raise nodes.SkipNode


EXPLORER_VISITORS: dict[str, tuple[Any, Any]] = {
    "html": (html_visit_explorer, depart_noop),
    "latex": (skip, depart_noop),
    "text": (skip, depart_noop),
    "man": (skip, depart_noop),
    "texinfo": (skip, depart_noop),
}
