"""Build docutils tables of projects (``table/tgroup/colspec/thead/tbody/row/entry``).

Plain table nodes render in every builder (HTML, LaTeX, text, man, texinfo). Every node carries a
source and a line: fixed parts point at the directive, text from the data points at its line in
the data file, so the gettext builder extracts it and the ``Locale`` transform translates it.
Text that must not be translated by the book's catalogs (project names, tags, URLs, labels of the
extension's own catalog) sits in paragraphs marked ``translatable = False``.
"""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from docutils import nodes
from sphinx import addnodes

from .i18n import _
from .model import Landscape, Project, is_safe_url

COLUMNS: tuple[str, ...] = (
    "name",
    "description",
    "category",
    "layer",
    "stage",
    "cncf",
    "tags",
    "chapters",
    "repo",
)
COLUMN_WIDTHS = {
    "name": 16,
    "description": 44,
    "category": 14,
    "layer": 14,
    "stage": 10,
    "cncf": 10,
    "tags": 14,
    "chapters": 20,
    "repo": 20,
}


def column_label(column: str) -> str:
    """The translated header of a column."""
    labels = {
        "name": _("Project"),
        "description": _("Description"),
        "category": _("Category"),
        "layer": _("Layer"),
        "stage": _("Stage"),
        "cncf": _("CNCF"),
        "tags": _("Tags"),
        "chapters": _("Chapters"),
        "repo": _("Repository"),
    }
    return str(labels[column])


def cncf_label(status: str) -> str:
    """The translated CNCF status."""
    labels = {
        "sandbox": _("Sandbox"),
        "incubating": _("Incubating"),
        "graduated": _("Graduated"),
        "archived": _("Archived"),
    }
    return str(labels[status])


@dataclass(slots=True)
class Context:
    """Where the nodes go: the data, the directive's location, the page and the known pages."""

    landscape: Landscape
    source: str
    line: int
    docname: str
    found_docs: Collection[str] = field(default_factory=frozenset)

    def fixed(self, node: nodes.Node) -> nodes.Node:
        """Give a generated node the directive's location."""
        node.source, node.line = self.source, self.line
        return node

    def data(self, node: nodes.Element, line: int) -> nodes.Element:
        """Give a node holding data text the data file's location (translatable)."""
        node.source, node.line = self.landscape.path, line
        return node


@dataclass(slots=True)
class Section:
    """Rows of one group; ``label`` (a translatable data name) heads them in ``rows`` style."""

    projects: Sequence[Project]
    label: str | None = None
    line: int = 0


def _fixed_para(ctx: Context, *children: nodes.Node, text: str = "") -> nodes.paragraph:
    para = nodes.paragraph(text, "", *children, translatable=False)
    ctx.fixed(para)
    return para


def _data_para(ctx: Context, text: str, line: int) -> nodes.paragraph:
    para = nodes.paragraph(text, text)
    ctx.data(para, line)
    return para


def _link(ctx: Context, text: str, url: str) -> nodes.Node:
    if not is_safe_url(url):  # validated data never gets here; a guard all the same
        return nodes.Text(text)
    ref = nodes.reference(text, text, refuri=url)
    ctx.fixed(ref)
    return ref


def _short_url(url: str) -> str:
    return url.split("://", 1)[-1].removeprefix("www.").rstrip("/")


def _chapters(ctx: Context, project: Project) -> nodes.paragraph:
    children: list[nodes.Node] = []
    for chapter, line in zip(project.chapters, project.chapter_lines, strict=True):
        if children:
            children.append(nodes.Text(", "))
        if chapter in ctx.found_docs:
            inner = nodes.inline(chapter, chapter, classes=["xref", "std", "std-doc"])
            xref = addnodes.pending_xref(
                "",
                inner,
                refdomain="std",
                reftype="doc",
                reftarget="/" + chapter,
                refexplicit=False,
                refwarn=True,
                refdoc=ctx.docname,
            )
            ctx.data(xref, line)
            ctx.data(inner, line)
            children.append(xref)
        else:  # already reported as a data error; keep the text
            children.append(nodes.Text(chapter))
    return _fixed_para(ctx, *children)


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Pause the cyclic garbage collector while many linked nodes are created.

    Every docutils node points at its parent, so a big table is one large cycle-rich structure;
    with the collector running, each full collection rescans all the nodes made so far and the
    build time grows quadratically (5,000 rows: about 3 s instead of 0.6 s). Nothing is freed
    during the build of a table anyway. The previous state is restored on exit.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _cell(ctx: Context, project: Project, column: str) -> nodes.entry:
    entry = nodes.entry()
    ctx.fixed(entry)
    landscape = ctx.landscape
    if column == "name":
        entry += _fixed_para(ctx, _link(ctx, project.name, project.homepage_url))
    elif column == "description":
        entry += _data_para(ctx, project.description, project.line_of("description"))
    elif column == "category":
        category = landscape.category(project.category)
        entry += _data_para(ctx, category.name, category.line)
    elif column == "layer":
        layer = landscape.layer(project.layer)
        entry += _data_para(ctx, layer.name, layer.line)
    elif column == "stage":
        stage = landscape.stage(project.stage)
        entry += _data_para(ctx, stage.name, stage.line)
    elif column == "cncf":
        if project.project:
            label = cncf_label(project.project)
            entry += _fixed_para(ctx, nodes.Text(label), text=label)
    elif column == "tags":
        children: list[nodes.Node] = []
        for tag in project.tags:
            if children:
                children.append(nodes.Text(", "))
            children.append(ctx.fixed(nodes.literal(tag, tag)))
        if children:
            entry += _fixed_para(ctx, *children)
    elif column == "chapters":
        if project.chapters:
            entry += _chapters(ctx, project)
    elif column == "repo":
        if project.repo_url:
            entry += _fixed_para(ctx, _link(ctx, _short_url(project.repo_url), project.repo_url))
    else:  # pragma: no cover - options are validated by the directive
        raise ValueError(column)
    return entry


def _row(ctx: Context, entries: Sequence[nodes.entry]) -> nodes.row:
    row = nodes.row("", *entries)
    ctx.fixed(row)
    return row


def build_table(
    ctx: Context,
    sections: Sequence[Section],
    columns: Sequence[str],
    title: nodes.title | None = None,
) -> nodes.table:
    """A table of ``sections`` (one section: a plain table; several with labels: a header row
    spanning all columns before each group's rows)."""
    with no_gc_pauses():
        return _build_table(ctx, sections, columns, title)


def _build_table(
    ctx: Context,
    sections: Sequence[Section],
    columns: Sequence[str],
    title: nodes.title | None,
) -> nodes.table:
    table = nodes.table(classes=["landscape-table"])
    ctx.fixed(table)
    if title is not None:
        table += title
    tgroup = nodes.tgroup(cols=len(columns))
    ctx.fixed(tgroup)
    table += tgroup
    for column in columns:
        tgroup += ctx.fixed(nodes.colspec(colwidth=COLUMN_WIDTHS[column]))
    head = nodes.thead()
    ctx.fixed(head)
    header_entries = []
    for column in columns:
        label = column_label(column)
        entry = nodes.entry("", _fixed_para(ctx, nodes.Text(label), text=label))
        header_entries.append(ctx.fixed(entry))
    head += _row(ctx, header_entries)
    tgroup += head
    body = nodes.tbody()
    ctx.fixed(body)
    for section in sections:
        if section.label is not None:
            strong = nodes.strong(section.label, section.label, translatable=True)
            ctx.data(strong, section.line)
            entry = nodes.entry("", _fixed_para(ctx, strong), morecols=len(columns) - 1)
            entry["classes"].append("landscape-group")
            body += _row(ctx, [ctx.fixed(entry)])
        for project in section.projects:
            body += _row(ctx, [_cell(ctx, project, column) for column in columns])
    tgroup += body
    return table


def make_title(text: str, source: str, line: int) -> nodes.title:
    """A table title with a location (translatable when the location is the data file)."""
    title = nodes.title(text, text)
    title.source, title.line = source, line
    return title
