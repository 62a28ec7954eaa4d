"""Helpers shared by the landscape tests."""

from __future__ import annotations

from pathlib import Path

ROOTS = Path(__file__).resolve().parent / "roots"
DATA = ROOTS / "test-landscape-basic" / "_data" / "landscape.yaml"
INVALID = ROOTS / "test-landscape-invalid" / "_data"


# (file in the invalid root, expected message); the line is the one marked "# error"
INVALID_CASES = [
    (
        "unknown-category",
        "project 'Kueue': unknown category 'batch-schedulng' (did you mean 'batch-scheduling'?)",
    ),
    ("unknown-layer", "project 'Engine Metrics': unknown layer 'engine' (did you mean 'engines'?)"),
    ("unknown-stage", "project 'vLLM': unknown stage 'grown' (did you mean 'growing'?)"),
    ("missing-field", "project 'Kueue': missing required field 'homepage_url'"),
    ("wrong-type", "project 'Kueue': field 'tags' must be a list of strings, got a string"),
    ("unknown-key", "project 'vLLM': unknown field 'repo' (did you mean 'repo_url'?)"),
    ("duplicate-name", "project 'KUEUE': duplicate name (first defined as 'Kueue' at line 63)"),
    (
        "bad-url",
        (
            "project 'Volcano': field 'homepage_url' must be an http(s) URL, got "
            "'javascript:alert(document.cookie)'"
        ),
    ),
    ("duplicate-key", "duplicate key 'stage' (first given at line 76)"),
    (
        "bad-date",
        "project 'containerd': field 'last_checked' must be a date (YYYY-MM-DD), got a string",
    ),
    (
        "malformed-yaml",
        "malformed YAML: while parsing a flow sequence, expected ',' or ']', but got ':'",
    ),
]


def marked_line(path: Path, marker: str = "# error") -> int:
    """The 1-based line of ``path`` that carries ``marker``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [i for i, line in enumerate(lines, 1) if marker in line]
    assert len(found) == 1, f"{path} must mark exactly one line with {marker!r}"
    return found[0]
