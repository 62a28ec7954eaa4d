"""Checks for the example notebooks in examples/.

Each notebook must be stored clean (no outputs, no execution counts, the python3 kernelspec),
must run top to bottom in a fresh kernel without raising (the notebooks assert their own
invariants, so a wrong formula fails here), must not write to stderr (the book build treats
stray warnings as errors), and must render at least one PNG figure if it plots.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BOOK = EXAMPLES.parent / "book"
CHAPTER_LINK = re.compile(r"\]\((?:/|\.\./)([\w/-]+\.md)\)")
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
CELL_TIMEOUT_S = 120


def test_the_examples_page_lists_every_notebook() -> None:
    """Every notebook in examples/ is introduced on the examples page, and nothing else is."""
    listed = set(re.findall(r"\{doc\}`/examples/([\w-]+)`", (EXAMPLES / "index.md").read_text()))
    assert NOTEBOOKS, "no notebooks found"
    assert listed == {p.stem for p in NOTEBOOKS}


def _read(path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    return nb


def _plots(nb: nbformat.NotebookNode) -> bool:
    return any(c.cell_type == "code" and "plt.show()" in c.source for c in nb.cells)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_clean(path: Path) -> None:
    """Stored without outputs or execution counts, with the python3 kernelspec and a title."""
    nb = _read(path)
    assert nb.metadata.get("kernelspec") == KERNELSPEC, f"{path.name}: kernelspec"
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: cell {index} has stored outputs"
            assert cell.execution_count is None, f"{path.name}: cell {index} has an execution count"
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), f"{path.name}: no title"
    chapters = CHAPTER_LINK.findall(first.source)
    assert chapters, f"{path.name}: the first cell does not link back to its chapter"
    for chapter in chapters:
        assert (BOOK / chapter).is_file(), f"{path.name}: links to missing chapter {chapter}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executes(path: Path) -> None:
    """Runs in a fresh kernel without errors or stderr output, and shows a figure if it plots."""
    nb = _read(path)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(EXAMPLES)}},
    )
    client.execute()  # raises CellExecutionError if any cell raises, including a failed assert

    stderr = [
        (index, out.get("text", ""))
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "stream" and out.name == "stderr"
    ]
    assert not stderr, f"{path.name}: output on stderr: {stderr}"

    if _plots(nb):
        images = [
            out
            for cell in nb.cells
            if cell.cell_type == "code"
            for out in cell.outputs
            if "image/png" in out.get("data", {})
        ]
        assert images, f"{path.name}: plots but produced no image/png output"
