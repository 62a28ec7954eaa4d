"""Translation statistics per language and per page, from the catalogs themselves."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from book_tools.catalogs.loading import CatalogError, load


@dataclass(frozen=True)
class PageStats:
    """Counts of one catalog (one page of one language)."""

    page: str
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        """Messages the page has (obsolete entries are not counted)."""
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        """Share of the page's messages that are translated and current."""
        return 100.0 * self.translated / self.total if self.total else 100.0


def page_stats(po_path: Path, page: str) -> PageStats:
    """Count translated, fuzzy and untranslated entries of one ``.po`` file.

    Raises :class:`~book_tools.catalogs.loading.CatalogError` for a malformed file.
    """
    catalog = load(po_path)
    translated = fuzzy = untranslated = 0
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.fuzzy:
            fuzzy += 1
        elif entry.translated():
            translated += 1
        else:
            untranslated += 1
    return PageStats(page, translated, fuzzy, untranslated)


def language_stats(
    lc_messages: Path, count: Callable[[Path, str], PageStats] | None = None
) -> list[PageStats]:
    """Statistics of every catalog under one language's ``LC_MESSAGES`` folder, by page, each
    counted by *count* (:func:`page_stats` by default).

    Every catalog is read; if any is malformed, one :class:`CatalogError` names them all.
    """
    count = count or page_stats
    pages, problems = [], []
    for po in sorted(lc_messages.rglob("*.po")):
        try:
            pages.append(count(po, po.relative_to(lc_messages).with_suffix("").as_posix()))
        except CatalogError as exc:
            problems += exc.problems
    if problems:
        raise CatalogError(problems)
    return pages


def totals(pages: list[PageStats]) -> PageStats:
    """Sum of several pages' statistics."""
    return PageStats(
        "total",
        sum(p.translated for p in pages),
        sum(p.fuzzy for p in pages),
        sum(p.untranslated for p in pages),
    )


def as_json(by_language: dict[str, list[PageStats]]) -> str:
    """The statistics of several languages as a JSON document."""
    doc = {
        lang: {
            "total": {**asdict(totals(pages)), "percent": round(totals(pages).percent, 1)},
            "pages": [{**asdict(p), "percent": round(p.percent, 1)} for p in pages],
        }
        for lang, pages in by_language.items()
    }
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True)


def as_table(lang: str, pages: list[PageStats]) -> str:
    """A plain-text table of one language's statistics, pages first, total last."""
    rows = [*pages, totals(pages)]
    width = max(len(r.page) for r in rows)
    head = f"{'page':<{width}}  translated  fuzzy  untranslated  percent"
    lines = [f"[{lang}]", head, "-" * len(head)]
    for r in rows:
        if r is rows[-1]:
            lines.append("-" * len(head))
        lines.append(
            f"{r.page:<{width}}  {r.translated:>10}  {r.fuzzy:>5}  {r.untranslated:>12}"
            f"  {r.percent:>6.1f}%"
        )
    return "\n".join(lines)
