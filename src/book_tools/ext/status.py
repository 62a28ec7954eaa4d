"""Dated status boxes for what will age, and a page that lists them all, oldest first.

The mechanism a chapter explains stays true for years; version histories, renames, feature-gate
stages and release-specific figures do not. They go into a status box, dated with the day they
were last checked::

    ```{status} 2026-12-05
    Kueue v0.19 serves ``v1beta2``; ``v1beta1`` is still served but deprecated.
    ```

The box is an admonition (class ``status``) titled "As of <date>" in the reader's language. A
box without a date, or with a date that is not a real ISO day, is an error at its line.
:class:`StatusDomain` collects every box of every page (after translation, so a translated
edition lists translated text) and merges what parallel readers found; the ``status-index``
directive renders them as a table, oldest first, so a maintainer sees what to re-check.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from babel.dates import format_date
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from book_tools.ext.messages import _
from landscape_directive.cells import doc_link, grid, locate, row

SUMMARY_LENGTH = 160


class status_index(nodes.General, nodes.Element):  # noqa: N801 (docutils node classes are lower case)
    """Placeholder for the table of every status box, filled after all pages are read."""


def parse_day(text: str) -> dt.date | None:
    """The ISO day *text* names (``2026-12-05``), or ``None`` if it is not one."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def title_text(day: dt.date, language: str) -> str:
    """The box's title in *language*: "As of 5 December 2026", "截至 2026年12月5日"."""
    try:
        formatted = format_date(day, format="long", locale=language)
    except (ValueError, LookupError):
        formatted = day.isoformat()
    return str(_("As of {date}")).format(date=formatted)


class Status(SphinxDirective):
    """``{status} YYYY-MM-DD``: a dated box for facts that will age."""

    required_arguments = 1
    final_argument_whitespace = True  # "December 2026" is reported as not a date, whole
    has_content = True
    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        """Check the date and build the admonition."""
        day = parse_day(self.arguments[0])
        if day is None:
            raise self.error(
                f"status box: {self.arguments[0]!r} is not a date; write the day the facts were "
                "last checked as YYYY-MM-DD, e.g. {status} 2026-12-05"
            )
        if not self.content:
            raise self.error("status box: it has a date but no text")
        box = nodes.admonition(classes=["status"], status_date=day.isoformat())
        self.set_source_info(box)
        title = nodes.title("", title_text(day, self.config.language or "en"))
        title["translatable"] = False  # generated in the reader's language
        box += title
        box += self.parse_content_to_nodes(allow_section_headings=False)
        return [box]


class StatusIndex(SphinxDirective):
    """``{status-index}``: where the table of every status box goes."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """A placeholder, filled once every page has been read."""
        node = status_index()
        self.set_source_info(node)
        return [node]


def summary(box: nodes.Element) -> str:
    """The first words of a box's text, without its title."""
    text = " ".join(child.astext() for child in box.children if not isinstance(child, nodes.title))
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…"


class StatusDomain(Domain):
    """Every status box of the book: ``boxes[docname] = [(date, line, summary), …]``."""

    name = "status"
    label = "Status boxes"
    initial_data: ClassVar[dict[str, Any]] = {"boxes": {}, "index_pages": {}}

    @property
    def boxes(self) -> dict[str, list[tuple[str, int, str]]]:
        """Docname -> its boxes."""
        return self.data.setdefault("boxes", {})

    @property
    def index_pages(self) -> dict[str, bool]:
        """Docnames of the pages that hold a ``status-index``."""
        return self.data.setdefault("index_pages", {})

    def clear_doc(self, docname: str) -> None:
        """Forget what a page that is read again or removed held."""
        self.boxes.pop(docname, None)
        self.index_pages.pop(docname, None)

    def merge_domaindata(self, docnames: set[str], otherdata: dict[str, Any]) -> None:
        """Take what a parallel reader found."""
        for docname in docnames:
            if docname in otherdata["boxes"]:
                self.boxes[docname] = otherdata["boxes"][docname]
            if docname in otherdata.get("index_pages", {}):
                self.index_pages[docname] = True

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """Record the page's boxes, as read (and translated)."""
        found = [
            (box["status_date"], box.line or 0, summary(box))
            for box in document.findall(nodes.admonition)
            if box.get("status_date")
        ]
        if found:
            self.boxes[docname] = found
        if any(True for _node in document.findall(status_index)):
            self.index_pages[docname] = True

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []

    def all_boxes(self) -> list[tuple[str, str, int, str]]:
        """``(date, docname, line, summary)`` of every box, oldest first."""
        return sorted(
            (day, docname, line, text)
            for docname, boxes in self.boxes.items()
            for day, line, text in boxes
        )


def rewrite_index_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the pages holding a ``status-index`` are written again on every build
    in which any box changed (they were not necessarily read again)."""
    domain: StatusDomain = env.get_domain("status")  # type: ignore[assignment]
    current = domain.all_boxes()
    previous = getattr(env, "book_status_snapshot", None)
    env.book_status_snapshot = current  # type: ignore[attr-defined]  # pickled with the env
    if previous == current:
        return []
    return sorted(d for d in domain.index_pages if d in env.found_docs)


class FillStatusIndex(SphinxPostTransform):
    """Replace the placeholder by a table: date, page, what it says; oldest first."""

    default_priority = 5  # before the references resolver (10)

    def run(self, **kwargs: Any) -> None:
        """Fill every placeholder of the document."""
        domain: StatusDomain = self.env.get_domain("status")  # type: ignore[assignment]
        for placeholder in list(self.document.findall(status_index)):
            placeholder.replace_self(self._table(domain.all_boxes(), placeholder))

    def _table(self, boxes: list[tuple[str, str, int, str]], where: nodes.Element) -> nodes.table:
        headers = (str(_("Checked")), str(_("Page")), str(_("What to re-check")))
        body = [
            row([day, doc_link(docname, self.env.docname), text])
            for day, docname, _line, text in boxes
        ]
        table = grid((14, 26, 60), [row(headers)], body, classes=["status-index"])
        for element in table.findall(nodes.Element):
            element["translatable"] = False  # generated in the reader's language
        return locate(table, where.source, where.line)


def _skip(self: Any, node: status_index) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    """Register the directives, the domain and the index's filling."""
    app.add_domain(StatusDomain)
    app.add_directive("status", Status)
    app.add_directive("status-index", StatusIndex)
    app.add_node(
        status_index, **dict.fromkeys(("html", "latex", "text", "man", "texinfo"), (_skip, None))
    )
    app.connect("env-updated", rewrite_index_pages)
    app.add_post_transform(FillStatusIndex)
