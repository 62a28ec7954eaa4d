"""A project is linked to a chapter only when that chapter names it (issue: honest chapter links)."""

from __future__ import annotations

from pathlib import Path

from landscape_directive.mentions import mentions, untrue_links
from landscape_directive.model import load, loads

REPO = Path(__file__).resolve().parents[2]
BOOK = REPO / "book"
ROOTS = Path(__file__).resolve().parent / "roots"

# the basic test root's stages, layers and categories (62 lines, "projects:" last), then:
HEADER = (ROOTS / "test-landscape-basic" / "_data" / "landscape.yaml").read_text(encoding="utf-8")
DATA = (
    HEADER[: HEADER.index("projects:\n") + len("projects:\n")]
    + """\
  - name: Container Runtime Interface (CRI)
    homepage_url: https://example.org/cri
    description: The kubelet's runtime API.
    category: container-runtime
    stage: growing
    chapters: [a, b]
    last_checked: 2026-11-27
  - name: NVIDIA Grove
    aliases: [Grove]
    homepage_url: https://example.org/grove
    description: Gang scheduling of inference systems.
    category: container-runtime
    stage: growing
    chapters: [a, c]
    last_checked: 2026-11-27
  - name: AMD GPU Operator
    homepage_url: https://example.org/amd
    description: Installs the AMD stack.
    category: container-runtime
    stage: growing
    chapters: [c]
    last_checked: 2026-11-27
"""
)

PAGES = {
    "a": "The kubelet talks to the runtime over the CRI; Grove groups Pods.",
    "b": "Runtimes implement the container runtime interfaces of the kubelet.",
    "c": "AMD's [GPU Operator](https://example.org/amd) installs drivers. Groovy.",
}


def test_links_to_pages_that_never_name_the_project_are_reported_at_their_line() -> None:
    landscape = loads(DATA, "fixture.yaml").landscape
    issues = untrue_links(landscape, PAGES.get)
    # by hand: CRI is named in a (acronym) and b ("container runtime interfaces", plural);
    # Grove is named in a (alias) but not in c ("Groovy" is another word); the AMD GPU Operator
    # is named in c, split by link syntax and possessive
    assert [(i.path, i.line) for i in issues] == [("fixture.yaml", 76)]
    assert issues[0].message.startswith("project 'NVIDIA Grove': chapters[1]: 'c' never names it")


def test_a_page_that_does_not_exist_is_left_to_the_chapter_check() -> None:
    landscape = loads(DATA, "fixture.yaml").landscape
    assert untrue_links(landscape, lambda doc: None) == []


def test_every_chapter_link_of_the_book_is_true() -> None:
    landscape = load(BOOK / "_data" / "landscape.yaml").landscape

    def read(docname: str) -> str | None:
        page = BOOK / f"{docname}.md"
        return page.read_text(encoding="utf-8") if page.is_file() else None

    assert [f"{i.path}:{i.line}: {i.message}" for i in untrue_links(landscape, read)] == []


def test_names_are_whole_words() -> None:
    landscape = loads(DATA, "fixture.yaml").landscape
    grove = landscape.projects[1]
    assert mentions("see Grove.", grove)
    assert not mentions("a groovy page", grove)
    assert not mentions("Grover's corner", grove)
