"""Link each chapter to the labs that practise it.

A lab declares the chapters it practises in its front matter::

    ---
    practises: [kubernetes/dra, kubernetes/dra-performance-testing]
    ---

Every chapter named there gets a "Practise this chapter" box at its end, listing those labs by
their (translated) titles, so the link lives in one place — the lab — and a chapter never
points at a lab that does not exist. The box is a placeholder inserted when the chapter is read
and filled by a post-transform, once every page's front matter is known; its links are ordinary
``doc`` cross-references, resolved for every builder. A name in ``practises`` that is not a page
of the book is reported at the lab, and fails a ``-W`` build.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from book_tools.ext.messages import _
from landscape_directive.cells import doc_link

logger = logging.getLogger(__name__)

FIELD = "practises"


class labs_box(nodes.General, nodes.Element):  # noqa: N801 (docutils node classes are lower case)
    """Placeholder at the end of every page (``docname``): filled with its labs, or removed."""


def practised_by(env: BuildEnvironment) -> dict[str, list[str]]:
    """Chapter docname -> the labs that practise it, in the order of the table of contents."""
    order = {doc: i for i, doc in enumerate(_toc_order(env))}
    result: dict[str, list[str]] = {}
    for lab in sorted(env.metadata, key=lambda d: (order.get(d, len(order)), d)):
        for chapter in _as_list(env.metadata[lab].get(FIELD)):
            result.setdefault(chapter, []).append(lab)
    return result


def _toc_order(env: BuildEnvironment) -> list[str]:
    """Docnames in reading order (the root's toctree, depth first)."""
    seen: list[str] = []

    def walk(doc: str) -> None:
        if doc in seen:
            return
        seen.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)

    walk(env.config.root_doc)
    return seen


def _as_list(value: Any) -> list[str]:
    """The docnames of a ``practises`` value (MyST keeps a YAML list as its JSON text)."""
    if value is None:
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.lstrip().startswith("[") else [value]
        except json.JSONDecodeError:
            return [value]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return [str(value)]


def add_placeholder(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: a placeholder at the end of the page's top section."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None:
        section += labs_box(docname=app.env.docname)


def check_targets(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: every chapter a lab names must be a page of the book."""
    for lab, meta in sorted(env.metadata.items()):
        for chapter in _as_list(meta.get(FIELD)):
            if chapter not in env.found_docs:
                logger.warning(
                    "front matter '%s' names %r, which is not a page of the book",
                    FIELD,
                    chapter,
                    location=(lab, 1),
                    type="book",
                    subtype="labs",
                )


def rewrite_changed_chapters(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: rewrite the chapters whose list of labs changed since the last build.

    A chapter that was not read again still shows the labs of the last build, so every chapter
    whose list differs from the one recorded then is written again (returned to Sphinx).
    """
    current = practised_by(env)
    previous: dict[str, list[str]] = getattr(env, "book_labs_practised", {})
    env.book_labs_practised = current  # type: ignore[attr-defined]  # pickled with the env
    changed = {c for c in current.keys() | previous.keys() if current.get(c) != previous.get(c)}
    return sorted(c for c in changed if c in env.found_docs)


class FillLabsBox(SphinxPostTransform):
    """Replace each placeholder by the list of labs that practise the page, or drop it."""

    default_priority = 5  # before the references resolver (10), which resolves the doc links

    def run(self, **kwargs: Any) -> None:
        """Fill or remove every placeholder of the document."""
        by_chapter = practised_by(self.env)
        for box in list(self.document.findall(labs_box)):
            # the LaTeX builder resolves one document assembled from every page: each
            # placeholder knows the page it came from
            labs = by_chapter.get(box["docname"], [])
            if not labs:
                box.parent.remove(box)
                continue
            box.replace_self(self._box(labs, box))

    def _box(self, labs: list[str], placeholder: labs_box) -> nodes.Element:
        source, line = placeholder.parent.source, placeholder.parent.line
        admonition = nodes.admonition(classes=["labs-box", "tip"], source=source, line=line)
        admonition += nodes.title("", str(_("Practise this chapter")))
        items = nodes.bullet_list()
        for lab in labs:
            xref = doc_link(lab, self.env.docname)
            items += nodes.list_item("", nodes.paragraph("", "", xref))
        admonition += items
        for child in admonition.findall(nodes.Element):
            child["translatable"] = False  # already in the reader's language
        return admonition


def _skip(self: Any, node: labs_box) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    """Register the node, the placeholder and its filling."""
    app.add_node(
        labs_box, **dict.fromkeys(("html", "latex", "text", "man", "texinfo"), (_skip, None))
    )
    app.connect("doctree-read", add_placeholder)
    app.connect("env-check-consistency", check_targets)
    app.connect("env-updated", rewrite_changed_chapters)
    app.add_post_transform(FillLabsBox)
