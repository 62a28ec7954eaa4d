"""A translated page's pickled doctree holds its own document only, not the environment."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

from docutils import nodes

from book_tools.ext.translated_nodes import forget_foreign_documents
from conftest import ROOTS, sphinx_build


def test_translated_doctrees_keep_no_throwaway_document(tmp_path: Path) -> None:
    # the banner root's pages, in MyST Markdown as the book's are (MyST's renderer gives every
    # node it makes its document, which is what the translated nodes kept)
    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-banner", root)
    (root / "conf.py").write_text(
        (root / "conf.py")
        .read_text()
        .replace('["book_tools.ext"]', '["myst_parser", "book_tools.ext"]')
    )
    (root / "full.rst").unlink()
    (root / "full.md").write_text("# Full page\n\nFirst sentence.\n", encoding="utf-8")
    out = tmp_path / "html"
    result = sphinx_build("html", out, out / ".doctrees", "-D", "language=zh_CN", srcdir=root)
    assert result.returncode == 0, result.stderr
    data = (out / ".doctrees" / "full.doctree").read_bytes()
    doctree = pickle.loads(data)
    assert "第一句。" in doctree.astext()  # translated
    remembered = [vars(node).get("_document") for node in doctree.findall()]
    assert all(doc is None or doc is doctree for doc in remembered)
    assert all(node.document is doctree for node in doctree.findall())
    assert b"BuildEnvironment" not in data  # no pickled environment in the page


def test_only_foreign_documents_are_forgotten() -> None:
    page = nodes.document(None, None)  # type: ignore[arg-type]
    throwaway = nodes.document(None, None)  # type: ignore[arg-type]
    moved = nodes.paragraph("", "translated")
    own = nodes.paragraph("", "original")
    page += [moved, own]  # docutils' append gives both the page's document
    moved.document = throwaway  # as Sphinx's Locale transform leaves a translated node
    assert forget_foreign_documents(None, page) == 1  # type: ignore[arg-type]
    assert "_document" not in vars(moved) and moved.document is page
    assert vars(own)["_document"] is page
