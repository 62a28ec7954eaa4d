"""Is a chapter's link to a project true? It is when the chapter's text names the project.

A project's ``chapters`` list says which pages of the book discuss it, and each chapter's
"projects" table is built from those lists, so a link to a page that never names the project
is a false statement on that page. :func:`untrue_links` finds such links by looking for any of
the project's names (:attr:`~landscape_directive.model.Project.names`: its name, the parts of a
``Full Name (ACRONYM)`` name, its aliases) in the page's source text, as whole words and
ignoring case.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .model import Landscape, Project
from .yamlsource import Issue

_SUFFIX = r"(?:'s|’s|s|es)?"  # a possessive or a plural: "AMD's GPU Operator", "image volumes"
_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")


def name_pattern(name: str) -> re.Pattern[str]:
    """*name* as a whole word or phrase, any case, any run of spaces or hyphens between words,
    each word possibly possessive and the last possibly plural."""
    words = [re.escape(w) + _SUFFIX for w in re.split(r"[\s-]+", name.strip()) if w]
    return re.compile(r"(?<![\w])" + r"[\s-]+".join(words) + r"(?![\w])", re.IGNORECASE)


def flatten_links(text: str) -> str:
    """Markdown links as their text followed by their target: ``[GPU Operator](url)`` becomes
    ``GPU Operator (url)``, so a name split by link syntax is still found."""
    return _LINK.sub(r"\1 (\2)", text)


def mentions(text: str, project: Project) -> bool:
    """Whether *text* names *project* under any of its names."""
    flat = flatten_links(text)
    return any(name_pattern(name).search(flat) for name in project.names)


def untrue_links(landscape: Landscape, read_page: Callable[[str], str | None]) -> list[Issue]:
    """Issues for every ``chapters`` entry whose page never names the project.

    *read_page* returns a docname's source text, or ``None`` when there is no such page (that
    case is :func:`~landscape_directive.model.check_chapters`'s to report).
    """
    issues: list[Issue] = []
    texts: dict[str, str | None] = {}
    for project in landscape.projects:
        for index, (chapter, line) in enumerate(
            zip(project.chapters, project.chapter_lines, strict=True)
        ):
            if chapter not in texts:
                texts[chapter] = read_page(chapter)
            text = texts[chapter]
            if text is not None and not mentions(text, project):
                issues.append(
                    Issue(
                        landscape.path,
                        line,
                        f"project '{project.name}': chapters[{index}]: '{chapter}' never names "
                        f"it (as {' / '.join(repr(n) for n in project.names)}): discuss the "
                        "project there, add the name it uses as an alias, or drop the link",
                    )
                )
    return issues
