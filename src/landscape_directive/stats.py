"""The statistics table: projects counted by category (or layer) and by stage, with totals."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from .i18n import _
from .model import Project
from .query import count
from .table import Context


def build_stats_table(
    ctx: Context,
    projects: Sequence[Project],
    rows: str = "category",
    title: nodes.title | None = None,
) -> nodes.table:
    """Rows: categories (or layers) in data order, then a total; columns: stages, then a total.

    Category, layer and stage names come from the data and are translatable; numbers and the
    extension's own labels are not.
    """
    landscape = ctx.landscape
    row_ids, stage_ids, counts = count(landscape, projects, rows)
    names = (
        {c.id: (c.name, c.line) for c in landscape.categories}
        if rows == "category"
        else {s.id: (s.name, s.line) for s in landscape.layers}
    )

    def fixed_entry(text: str, *, strong: bool = False) -> nodes.entry:
        child: nodes.Node = nodes.strong(text, text) if strong else nodes.Text(text)
        para = nodes.paragraph(text, "", child, translatable=False)
        ctx.fixed(para)
        if strong:
            ctx.fixed(child)
        entry = nodes.entry("", para)
        ctx.fixed(entry)
        return entry

    def data_entry(text: str, line: int) -> nodes.entry:
        para = nodes.paragraph(text, text)
        ctx.data(para, line)
        entry = nodes.entry("", para)
        ctx.fixed(entry)
        return entry

    def row(entries: list[nodes.entry]) -> nodes.row:
        node = nodes.row("", *entries)
        ctx.fixed(node)
        return node

    table = nodes.table(classes=["landscape-stats"])
    ctx.fixed(table)
    if title is not None:
        table += title
    tgroup = nodes.tgroup(cols=len(stage_ids) + 2)
    ctx.fixed(tgroup)
    table += tgroup
    tgroup += ctx.fixed(nodes.colspec(colwidth=24))
    for _stage in stage_ids:
        tgroup += ctx.fixed(nodes.colspec(colwidth=10))
    tgroup += ctx.fixed(nodes.colspec(colwidth=10))

    first = str(_("Category") if rows == "category" else _("Layer"))
    header = [fixed_entry(first)]
    for stage_id in stage_ids:
        stage = landscape.stage(stage_id)
        header.append(data_entry(stage.name, stage.line))
    header.append(fixed_entry(str(_("Total"))))
    thead = nodes.thead("", row(header))
    ctx.fixed(thead)
    tgroup += thead

    tbody = nodes.tbody()
    ctx.fixed(tbody)
    for row_id in row_ids:
        name, line = names[row_id]
        cells = [data_entry(name, line)]
        cells.extend(fixed_entry(str(counts[row_id, s])) for s in stage_ids)
        cells.append(fixed_entry(str(sum(counts[row_id, s] for s in stage_ids))))
        tbody += row(cells)
    totals = [fixed_entry(str(_("Total")), strong=True)]
    totals.extend(
        fixed_entry(str(sum(counts[r, s] for r in row_ids)), strong=True) for s in stage_ids
    )
    totals.append(fixed_entry(str(len(projects)), strong=True))
    tbody += row(totals)
    tgroup += tbody
    return table
