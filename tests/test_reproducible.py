"""Two clean builds of the same sources produce byte-identical HTML.

The second build uses fresh output and doctree folders and shares only myst-nb's execution cache
with the first: notebooks that time something on this machine (the KV-cache speed-up, the
cold-start measurements) would print other numbers if executed again, and the cache is what
makes the book's outputs a function of the sources.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

from conftest import BuiltBook, sphinx_build


def differing(left: Path, right: Path) -> list[str]:
    """Files that differ between two directory trees, or exist in only one of them."""
    comparison = filecmp.dircmp(left, right)
    found = [*comparison.left_only, *comparison.right_only, *comparison.diff_files]
    found += [
        name
        for name in comparison.common_files
        if not filecmp.cmp(left / name, right / name, shallow=False)
    ]
    for sub in comparison.common_dirs:
        found += [f"{sub}/{name}" for name in differing(left / sub, right / sub)]
    return sorted(set(found))


def test_second_clean_build_is_byte_identical(built_book: BuiltBook, tmp_path: Path) -> None:
    lang = "zh_CN"
    out = tmp_path / "html" / lang
    result = sphinx_build(
        "html",
        out,
        tmp_path / "doctrees",
        "-D",
        f"language={lang}",
        "-D",
        f"nb_execution_cache_path={built_book.root / '.jupyter_cache'}",
    )
    assert result.returncode == 0, result.stderr
    assert differing(built_book.html / lang, out) == []
