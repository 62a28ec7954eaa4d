"""Chapters list the labs that practise them, from the labs' front matter, in every builder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOTS, sphinx_build


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "src"
    shutil.copytree(ROOTS / "test-labs", target)
    return target


def build(root: Path, builder: str = "html", language: str = "en") -> Path:
    out = root / "_build" / f"{builder}-{language}"
    result = sphinx_build(
        builder,
        out,
        root / "_build" / f"doctrees-{language}",
        "-D",
        f"language={language}",
        srcdir=root,
    )
    assert result.returncode == 0, result.stderr
    return out


def box_links(page: Path) -> list[tuple[str, str]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [(a.get_text(), a["href"]) for a in soup.select("div.labs-box a")]


def test_chapter_lists_its_labs_in_reading_order(root: Path) -> None:
    out = build(root)
    assert box_links(out / "chapter.html") == [
        ("Lab: first steps", "labs/first.html"),
        ("Lab: second steps", "labs/second.html"),
    ]
    title = BeautifulSoup((out / "chapter.html").read_text(encoding="utf-8"), "html.parser")
    assert title.select_one("div.labs-box .admonition-title").get_text() == "Practise this chapter"
    assert box_links(out / "other.html") == []  # no lab practises it: no empty box
    assert box_links(out / "labs" / "first.html") == []


def test_box_is_translated(root: Path) -> None:
    out = build(root, language="zh_CN")
    soup = BeautifulSoup((out / "chapter.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("div.labs-box .admonition-title").get_text() == "动手实验"
    assert box_links(out / "chapter.html")[0] == ("实验：第一步", "labs/first.html")


def test_changed_front_matter_rewrites_the_chapters_it_touches(root: Path) -> None:
    build(root)
    lab = root / "labs" / "first.md"
    lab.write_text(lab.read_text(encoding="utf-8").replace("[chapter]", "[other]"), "utf-8")
    out = build(root)  # incremental: chapter.md and other.md themselves did not change
    assert box_links(out / "chapter.html") == [("Lab: second steps", "labs/second.html")]
    assert box_links(out / "other.html") == [("Lab: first steps", "labs/first.html")]


def test_unknown_chapter_is_reported_at_the_lab(root: Path) -> None:
    lab = root / "labs" / "second.md"
    lab.write_text(lab.read_text(encoding="utf-8").replace("[chapter]", "[chapter, nope]"), "utf-8")
    result = sphinx_build(
        "html", root / "_build" / "bad", root / "_build" / "bad-doctrees", srcdir=root
    )
    assert result.returncode != 0
    assert "labs/second.md:1: WARNING: front matter 'practises' names 'nope'" in result.stderr


@pytest.mark.parametrize("builder", ["latex", "text", "man", "texinfo"])
def test_other_builders_render_the_box(root: Path, builder: str) -> None:
    out = build(root, builder)
    text = "\n".join(
        p.read_text(encoding="utf-8")
        for p in out.rglob("*")
        if p.is_file() and p.suffix in {".tex", ".txt", ".1", ".texi"}
    )
    assert "Practise this chapter" in text
    assert "second steps" in text
