"""Build docutils tables of projects (``table/tgroup/colspec/thead/tbody/row/entry``).

Plain table nodes render in every builder (HTML, LaTeX, text, man, texinfo). Every node carries a
source and a line: fixed parts point at the directive, text from the data points at its line in
the data file, so the gettext builder extracts it and the ``Locale`` transform translates it.
Text that must not be translated by the book's catalogs (project names, tags, URLs, labels of the
extension's own catalog) sits in paragraphs marked ``translatable = False``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from docutils import nodes

from .cells import Location, cell, doc_link, element, gc_paused, grid, locate, row, text_cell
from .i18n import _
from .model import CNCF_STATUSES, Landscape, Project, is_safe_url

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
    at: Location = field(init=False)
    """The directive's location, for the nodes it generates."""
    cncf_labels: dict[str, str] = field(init=False)
    """The translated CNCF statuses, looked up once per table rather than once per row."""

    def __post_init__(self) -> None:
        self.at = (self.source, self.line)
        self.cncf_labels = {status: cncf_label(status) for status in CNCF_STATUSES}

    def data(self, node: nodes.Element, line: int) -> nodes.Element:
        """Give a node holding data text the data file's location (translatable)."""
        node.source, node.line = self.landscape.path, line
        return node

    def data_cell(self, text: str, line: int) -> nodes.entry:
        """A cell of translatable text from the data file, located at its line there."""
        return text_cell(text, translatable=True, at=self.at, text_at=(self.landscape.path, line))

    def finish(self, node: nodes.Element) -> nodes.Element:
        """Give every generated node not located in the data the directive's location."""
        return locate(node, self.source, self.line)


@dataclass(slots=True)
class Section:
    """Rows of one group; ``label`` (a translatable data name) heads them in ``rows`` style."""

    projects: Sequence[Project]
    label: str | None = None
    line: int = 0


def _link(text: str, url: str, at: Location) -> nodes.Node:
    if not is_safe_url(url):  # validated data never gets here; a guard all the same
        return nodes.Text(text)
    return element(nodes.reference, text, nodes.Text(text), at=at, refuri=url)


def _short_url(url: str) -> str:
    return url.split("://", 1)[-1].removeprefix("www.").rstrip("/")


def _list(items: list[nodes.Node]) -> list[nodes.Node]:
    """``items`` separated by commas."""
    out: list[nodes.Node] = []
    for item in items:
        if out:
            out.append(nodes.Text(", "))
        out.append(item)
    return out


def _chapter(ctx: Context, chapter: str, line: int) -> nodes.Node:
    if chapter not in ctx.found_docs:  # already reported as a data error; keep the text
        return nodes.Text(chapter)
    xref = doc_link(chapter, ctx.docname)
    ctx.data(xref.children[0], line)
    return ctx.data(xref, line)


type CellMaker = Callable[[Context, Project], nodes.entry]
"""Makes one column's cell of a project's row."""


def _name(ctx: Context, project: Project) -> nodes.entry:
    return text_cell(_link(project.name, project.homepage_url, ctx.at), at=ctx.at)


def _description(ctx: Context, project: Project) -> nodes.entry:
    return ctx.data_cell(project.description, project.line_of("description"))


def _facet(kind: str) -> CellMaker:
    def make(ctx: Context, project: Project) -> nodes.entry:
        facet = ctx.landscape.facet(kind, getattr(project, kind))
        return ctx.data_cell(facet.name, facet.line)

    return make


def _cncf(ctx: Context, project: Project) -> nodes.entry:
    if not project.project:
        return cell(at=ctx.at)
    return text_cell(ctx.cncf_labels[project.project], at=ctx.at)


def _tags(ctx: Context, project: Project) -> nodes.entry:
    tags = [element(nodes.literal, tag, nodes.Text(tag), at=ctx.at) for tag in project.tags]
    return cell(*_list(tags), at=ctx.at)


def _chapters(ctx: Context, project: Project) -> nodes.entry:
    chapters = zip(project.chapters, project.chapter_lines, strict=True)
    return cell(*_list([_chapter(ctx, chapter, line) for chapter, line in chapters]), at=ctx.at)


def _repo(ctx: Context, project: Project) -> nodes.entry:
    url = project.repo_url
    return text_cell(_link(_short_url(url), url, ctx.at), at=ctx.at) if url else cell(at=ctx.at)


CELLS: dict[str, CellMaker] = {
    "name": _name,
    "description": _description,
    "category": _facet("category"),
    "layer": _facet("layer"),
    "stage": _facet("stage"),
    "cncf": _cncf,
    "tags": _tags,
    "chapters": _chapters,
    "repo": _repo,
}
"""The cell of each column (the keys are :data:`COLUMNS`)."""


def build_table(
    ctx: Context,
    sections: Sequence[Section],
    columns: Sequence[str],
    title: nodes.title | None = None,
) -> nodes.table:
    """A table of ``sections`` (one section: a plain table; several with labels: a header row
    spanning all columns before each group's rows)."""
    makers = [CELLS[column] for column in columns]
    with gc_paused():
        head = row((column_label(column) for column in columns), at=ctx.at)
        body: list[nodes.row] = []
        for section in sections:
            if section.label is not None:
                body.append(_group_row(ctx, section, len(columns)))
            body.extend(
                row([make(ctx, project) for make in makers], at=ctx.at)
                for project in section.projects
            )
        widths = [COLUMN_WIDTHS[column] for column in columns]
        return grid(
            widths, [head], body, classes=["landscape-table"], title=title, at=ctx.at
        )  # every node made here is located: no walk over the finished table


def _group_row(ctx: Context, section: Section, columns: int) -> nodes.row:
    """The header row of a labelled section, spanning all ``columns``."""
    strong = nodes.strong(section.label, section.label, translatable=True)
    ctx.data(strong, section.line)
    entry = cell(strong, at=ctx.at)
    entry["morecols"] = columns - 1
    entry["classes"].append("landscape-group")
    return row([entry], at=ctx.at)


def make_title(text: str, source: str, line: int) -> nodes.title:
    """A table title with a location (translatable when the location is the data file)."""
    title = nodes.title(text, text)
    title.source, title.line = source, line
    return title
