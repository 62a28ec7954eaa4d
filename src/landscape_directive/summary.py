"""The summary table: projects counted by category (or layer) and by stage, with totals."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from .cells import cell, grid, row
from .i18n import _
from .model import Project
from .query import count
from .table import Context


def _strong(text: str) -> nodes.entry:
    return cell(nodes.strong(text, text))


def build_summary_table(
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
    head = [cell(str(_("Category") if rows == "category" else _("Layer")))]
    for stage in landscape.stages:
        head.append(ctx.data_cell(stage.name, stage.line))
    head.append(cell(str(_("Total"))))
    body = []
    for row_id in row_ids:
        facet = landscape.facet(rows, row_id)
        numbers = [counts[row_id, s] for s in stage_ids]
        body.append(
            row([ctx.data_cell(facet.name, facet.line), *map(str, numbers), str(sum(numbers))])
        )
    totals = [sum(counts[r, s] for r in row_ids) for s in stage_ids]
    body.append(row([_strong(str(n)) for n in (_("Total"), *totals, len(projects))]))
    widths = [24, *(10 for _stage in stage_ids), 10]
    table = grid(widths, [row(head)], body, classes=["landscape-stats"], title=title)
    return ctx.finish(table)
