"""The ``landscape``, ``landscape-map``, ``landscape-stats`` and ``landscape-explorer`` directives.

All nodes are built in ``run()``, at read time, so that they exist when the i18n ``Locale``
transform (priority 20) translates the doctree. Each directive notes the data file as a
dependency, so editing the data rebuilds the pages that use it, and records its use in the
:class:`~landscape_directive.domain.LandscapeDomain`, which parses the file once and reports its
problems once per build (``type="landscape", subtype="data"``). Misuse of a directive (an unknown
filter value) is a directive error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .domain import LandscapeDomain
from .explorer import landscape_explorer
from .i18n import _
from .model import Landscape, Project
from .nodes import landscape_downloads, landscape_map, make_label
from .query import (
    CNCF_FILTERS,
    GROUP_KEYS,
    SORT_KEYS,
    Selection,
    check_selection,
    group,
    select,
    sort_projects,
)
from .schema import suggest
from .summary import build_summary_table
from .table import COLUMNS, Context, Section, build_table, make_title

logger = logging.getLogger(__name__)

DEFAULT_COLUMNS: tuple[str, ...] = ("name", "description", "category", "stage")


# --------------------------------------------------------------------------------------------
# option converters


def _list(argument: str | None) -> list[str]:
    values = [v.strip() for v in (argument or "").split(",") if v.strip()]
    if not values:
        raise ValueError("expected a comma-separated list of values")
    return values


def _ids(argument: str | None) -> frozenset[str]:
    return frozenset(_list(argument))


def _cncf(argument: str | None) -> frozenset[str]:
    values = _list(argument)
    for value in values:
        if value not in CNCF_FILTERS:
            raise ValueError(f"unknown CNCF status '{value}'; use {', '.join(CNCF_FILTERS)}")
    return frozenset(values)


def _columns(argument: str | None) -> list[str]:
    values = _list(argument)
    for value in values:
        if value not in COLUMNS:
            hint = suggest(value, COLUMNS)
            raise ValueError(f"unknown column '{value}'{hint}; use {', '.join(COLUMNS)}")
    if len(set(values)) != len(values):
        raise ValueError("a column is listed twice")
    return values


def _sort(argument: str | None) -> list[str]:
    values = _list(argument)
    for value in values:
        if value.lstrip("-") not in SORT_KEYS:
            raise ValueError(
                f"unknown sort key '{value}'; use {', '.join(SORT_KEYS)} (prefix - to reverse)"
            )
    return values


def _group_by(argument: str | None) -> str:
    return directives.choice(argument, GROUP_KEYS)


def _group_style(argument: str | None) -> str:
    return directives.choice(argument, ("tables", "rows"))


def _rows(argument: str | None) -> str:
    return directives.choice(argument, ("category", "layer"))


COMMON_OPTIONS: dict[str, Any] = {
    "data": directives.unchanged_required,
    "category": _ids,
    "layer": _ids,
    "stage": _ids,
    "tag": _ids,
    "cncf": _cncf,
    "chapter": _list,
    "caption": directives.unchanged_required,
    "name": directives.unchanged,
    "class": directives.class_option,
}


class _LandscapeDirective(SphinxDirective):
    """Shared parts: the data file, the filters and the node context."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = COMMON_OPTIONS

    def data_path(self) -> Path:
        """The data file: the ``:data:`` option (relative to this page, or ``/``-absolute to the
        source directory) or the ``landscape_data`` config value (relative to the source)."""
        value = self.options.get("data")
        if value is None:
            value = "/" + str(self.config.landscape_data).lstrip("/")
        _rel, path = self.env.relfn2path(value, self.env.docname)
        return Path(path)

    def load_landscape(self, *, export: bool = False) -> Landscape | None:
        """The (cached) data, after noting the dependency and the use (the domain reports the
        data's problems); ``export``: this page links to the data's CSV and JSON exports."""
        path = self.data_path()
        self.env.note_dependency(str(path))
        domain = self.env.get_domain("landscape")
        assert isinstance(domain, LandscapeDomain)
        return domain.note_use(self.env.docname, path, export=export).landscape

    def selected(self, landscape: Landscape) -> list[Project]:
        """Projects passing the filter options; unknown filter values are directive errors."""
        selection = Selection(
            categories=self.options.get("category", frozenset()),
            layers=self.options.get("layer", frozenset()),
            stages=self.options.get("stage", frozenset()),
            tags=self.options.get("tag", frozenset()),
            cncf=self.options.get("cncf", frozenset()),
            chapters=self.chapter_filter(),
        )
        problems = check_selection(landscape, selection)
        if problems:
            raise self.error(f"{self.name}: " + "; ".join(problems))
        return select(landscape, selection)

    def chapter_filter(self) -> frozenset[str]:
        """The ``:chapter:`` option as docnames: ``.`` is the current page, ``/a/b`` is
        absolute; a page that does not exist is a directive error."""
        chapters = set()
        for value in self.options.get("chapter", []):
            docname = self.env.docname if value == "." else value.lstrip("/")
            if docname not in self.env.found_docs:
                raise self.error(f"{self.name}: unknown page '{value}' in the :chapter: option")
            chapters.add(docname)
        return frozenset(chapters)

    def context(self, landscape: Landscape) -> Context:
        """Locations for the generated nodes."""
        source, line = self.get_source_info()
        return Context(
            landscape=landscape,
            source=source or self.env.doc2path(self.env.docname).as_posix(),
            line=line or self.lineno,
            docname=self.env.docname,
            found_docs=self.env.found_docs,
        )

    def caption_title(self, ctx: Context) -> nodes.title | None:
        """The ``:caption:`` option as a translatable table title."""
        caption = self.options.get("caption")
        return make_title(caption, ctx.source, ctx.line) if caption else None

    def nothing_matches(self) -> list[nodes.Node]:
        """Warn that the filters select no project."""
        logger.warning(
            "%s: no project matches the filters",
            self.name,
            location=self.get_location(),
            type="landscape",
            subtype="empty",
        )
        return []


class LandscapeTable(_LandscapeDirective):
    """``landscape``: a table of projects, filtered, sorted and optionally grouped."""

    option_spec: ClassVar[dict[str, Any]] = {
        **COMMON_OPTIONS,
        "columns": _columns,
        "sort": _sort,
        "group-by": _group_by,
        "group-style": _group_style,
    }

    def run(self) -> list[nodes.Node]:
        """Build the table nodes."""
        landscape = self.load_landscape()
        if landscape is None:
            return []
        projects = sort_projects(
            landscape, self.selected(landscape), self.options.get("sort", ["name"])
        )
        if not projects:
            return self.nothing_matches()
        group_by = self.options.get("group-by")
        columns = self.options.get("columns") or [c for c in DEFAULT_COLUMNS if c != group_by]
        ctx = self.context(landscape)
        result: list[nodes.table] = []
        if group_by is None:
            result.append(build_table(ctx, [Section(projects)], columns, self.caption_title(ctx)))
        else:
            groups = []
            for ident, members in group(landscape, projects, group_by):
                item = landscape.facet(group_by, ident)
                groups.append((item.name, item.line, members))
            if self.options.get("group-style", "tables") == "rows":
                sections = [Section(members, name, line) for name, line, members in groups]
                result.append(build_table(ctx, sections, columns, self.caption_title(ctx)))
            else:
                result.extend(
                    build_table(
                        ctx,
                        [Section(members)],
                        columns,
                        make_title(name, landscape.path, line),
                    )
                    for name, line, members in groups
                )
        for table in result:
            table["classes"].extend(self.options.get("class", []))
        self.add_name(result[0])
        return list(result)


class LandscapeMap(_LandscapeDirective):
    """``landscape-map``: the two-axis map (stage x layer) in a figure."""

    def run(self) -> list[nodes.Node]:
        """Build the map node with its translatable labels, inside a figure."""
        landscape = self.load_landscape()
        if landscape is None:
            return []
        projects = self.selected(landscape)
        if not projects:
            return self.nothing_matches()
        filtered = any(k in self.options for k in ("category", "layer", "stage", "tag", "cncf"))
        used = {p.category for p in projects}
        categories = [c for c in landscape.categories if not filtered or c.id in used]
        serial = self.env.new_serialno("landscape-map")
        node = landscape_map(
            ident=f"landscape-map-{serial}",
            stages=[s.id for s in landscape.stages],
            layers=[s.id for s in landscape.layers],
            categories=[(c.id, c.layer) for c in categories],
            items=[(p.name, p.homepage_url, p.category, p.layer, p.stage, p.dashed)
                   for p in projects],
        )  # fmt: skip
        self.set_source_info(node)
        path = landscape.path
        for stage in landscape.stages:
            node += make_label(f"stage:{stage.id}", stage.name, path, stage.line)
        for layer in landscape.layers:
            node += make_label(f"layer:{layer.id}", layer.name, path, layer.line)
        for category in categories:
            node += make_label(f"category:{category.id}", category.name, path, category.line)
        for project in projects:
            node += make_label(
                f"desc:{project.name}", project.description, path, project.line_of("description")
            )
        figure = nodes.figure(
            "", node, classes=["landscape-figure", *self.options.get("class", [])]
        )
        self.set_source_info(figure)
        messages: list[nodes.system_message] = []
        caption = self.options.get("caption")
        if caption:
            inline, messages = self.parse_inline(caption, lineno=self.lineno)
            caption_node = nodes.caption(caption, "", *inline)
            self.set_source_info(caption_node)
            figure += caption_node
        self.add_name(figure)
        return [figure, *messages]


class LandscapeStats(_LandscapeDirective):
    """``landscape-stats``: counts by category (or layer) and stage; optional download links."""

    option_spec: ClassVar[dict[str, Any]] = {
        **COMMON_OPTIONS,
        "rows": _rows,
        "downloads": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        """Build the statistics table (and the download links)."""
        landscape = self.load_landscape(export="downloads" in self.options)
        if landscape is None:
            return []
        projects = self.selected(landscape)
        ctx = self.context(landscape)
        title = self.caption_title(ctx)
        if title is None:
            text = str(_("Projects by category and stage"))
            if self.options.get("rows") == "layer":
                text = str(_("Projects by layer and stage"))
            title = make_title(text, ctx.source, ctx.line)
            title["translatable"] = False
        table = build_summary_table(ctx, projects, self.options.get("rows", "category"), title)
        table["classes"].extend(self.options.get("class", []))
        self.add_name(table)
        result: list[nodes.Node] = [table]
        if "downloads" in self.options:
            links = landscape_downloads(export=self.data_path().stem)
            self.set_source_info(links)
            result.append(links)
        return result


class LandscapeExplorer(_LandscapeDirective):
    """``landscape-explorer``: the interactive explorer of every project (HTML only)."""

    option_spec: ClassVar[dict[str, Any]] = {
        "data": directives.unchanged_required,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        """Build the placeholder node with the translatable texts the explorer shows."""
        landscape = self.load_landscape()
        if landscape is None:
            return []
        serial = self.env.new_serialno("landscape-explorer")
        node = landscape_explorer(
            ident=f"landscape-explorer-{serial}",
            path=str(self.data_path()),
            export=self.data_path().stem,
            classes=self.options.get("class", []),
        )
        self.set_source_info(node)
        path = landscape.path
        for kind in ("stage", "layer", "category"):
            for facet in landscape.facets(kind):
                node += make_label(f"{kind}:{facet.id}", facet.name, path, facet.line)
        for project in landscape.projects:
            node += make_label(
                f"desc:{project.name}", project.description, path, project.line_of("description")
            )
        return [node]
