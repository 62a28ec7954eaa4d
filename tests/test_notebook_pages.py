"""Notebooks in the book: executed outputs reach both editions, and a failing cell fails the build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import EDITIONS, REPO, ROOTS, BuiltBook, sphinx_build

NOTEBOOKS = sorted((REPO / "examples").glob("*.ipynb"))


def plots(notebook: Path) -> bool:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return any("plt." in "".join(c["source"]) for c in cells if c["cell_type"] == "code")


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("notebook", [n for n in NOTEBOOKS if plots(n)], ids=lambda n: n.stem)
def test_executed_figures_are_in_the_page(built_book: BuiltBook, lang: str, notebook: Path) -> None:
    page = built_book.html / lang / "examples" / f"{notebook.stem}.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    images = soup.select(".cell_output img")
    assert images, f"{page}: no figure among the outputs"
    for img in images:
        assert (page.parent / img["src"]).is_file()


def test_every_notebook_is_in_the_book(built_book: BuiltBook) -> None:
    for notebook in NOTEBOOKS:
        assert (built_book.html / "en" / "examples" / f"{notebook.stem}.html").is_file()


def test_a_failing_cell_fails_the_build_naming_the_notebook(tmp_path: Path) -> None:
    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-broken-notebook", root)
    result = sphinx_build("html", tmp_path / "out", tmp_path / "doctrees", srcdir=root)
    assert result.returncode != 0
    assert "broken-example" in result.stderr
    assert "the formula is wrong" in result.stderr  # the cell's error is shown
