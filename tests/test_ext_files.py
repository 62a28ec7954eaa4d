"""Files the extension puts in place: mirrored examples and the book's own MathJax."""

from __future__ import annotations

import os
from pathlib import Path

from bs4 import BeautifulSoup

from book_tools.ext.examples_sync import sync
from conftest import ROOTS, sphinx_build


def test_examples_are_mirrored_and_stale_copies_removed(tmp_path: Path) -> None:
    source, target = tmp_path / "examples", tmp_path / "book" / "examples"
    source.mkdir()
    (source / "a.ipynb").write_text("{}", encoding="utf-8")
    (source / "b.md").write_text("# B", encoding="utf-8")
    (source / "notes.txt").write_text("not a page", encoding="utf-8")
    target.mkdir(parents=True)
    (target / "gone.ipynb").write_text("{}", encoding="utf-8")  # its source was deleted
    (target / "keep.txt").write_text("not ours", encoding="utf-8")

    assert sync(source, target) == ["a.ipynb", "b.md"]
    assert sorted(p.name for p in target.iterdir()) == ["a.ipynb", "b.md", "keep.txt"]

    os.utime(target / "a.ipynb", (1_000_000, 1_000_000))
    assert sync(source, target) == []  # unchanged: nothing written, the time stamp kept
    assert (target / "a.ipynb").stat().st_mtime == 1_000_000

    (source / "a.ipynb").write_text('{"cells": []}', encoding="utf-8")
    assert sync(source, target) == ["a.ipynb"]


def _mathjax_src(out: Path) -> list[str]:
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [s["src"] for s in page.select("script[src]") if "tex-chtml" in s["src"]]


def test_mathjax_is_served_by_the_book(tmp_path: Path) -> None:
    out = tmp_path / "html"
    result = sphinx_build("html", out, tmp_path / "doctrees", srcdir=ROOTS / "test-mathjax")
    assert result.returncode == 0, result.stderr
    assert [src.split("?")[0] for src in _mathjax_src(out)] == ["_static/mathjax/tex-chtml.js"]
    assert (out / "_static" / "mathjax" / "tex-chtml.js").is_file()


def test_a_cdn_chosen_on_purpose_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "html"
    cdn = "https://cdn.example.org/mathjax/tex-chtml.js"
    result = sphinx_build(
        "html",
        out,
        tmp_path / "doctrees",
        "-D",
        f"mathjax_path={cdn}",
        srcdir=ROOTS / "test-mathjax",
    )
    assert result.returncode == 0, result.stderr
    assert _mathjax_src(out) == [cdn]
    assert not (out / "_static" / "mathjax").exists()
