"""Command line: ``python -m landscape_directive validate PATH [--srcdir DIR]``.

Prints the same messages as the Sphinx build (``file:line: message``) and exits with 1 when the
data has any problem, 0 when it is valid. ``export`` writes the CSV or JSON export.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .export import to_csv, to_json
from .model import check_chapters, load

SOURCE_SUFFIXES = (".md", ".rst", ".ipynb")


def find_docnames(srcdir: Path) -> set[str]:
    """Docnames of the source files under ``srcdir`` (skipping hidden and ``_`` directories)."""
    names = set()
    for path in srcdir.rglob("*"):
        rel = path.relative_to(srcdir)
        if path.suffix in SOURCE_SUFFIXES and not any(
            part.startswith((".", "_")) for part in rel.parts[:-1]
        ):
            names.add(rel.with_suffix("").as_posix())
    return names


def _validate(args: argparse.Namespace) -> int:
    status = 0
    for path in args.paths:
        result = load(path)
        issues = list(result.issues)
        if args.srcdir is not None and result.landscape is not None:
            issues.extend(check_chapters(result.landscape, find_docnames(args.srcdir)))
        for issue in sorted(issues, key=lambda i: i.line):
            print(f"{issue}", file=sys.stderr)
        if issues:
            status = 1
            print(f"{path}: {len(issues)} problem(s)", file=sys.stderr)
        else:
            assert result.landscape is not None
            print(f"{path}: OK, {len(result.landscape.projects)} projects")
    return status


def _export(args: argparse.Namespace) -> int:
    result = load(args.path)
    if result.issues or result.landscape is None:
        for issue in result.issues:
            print(f"{issue}", file=sys.stderr)
        return 1
    text = to_csv(result.landscape) if args.format == "csv" else to_json(result.landscape)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m landscape_directive")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check landscape data files")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    validate.add_argument(
        "--srcdir", type=Path, help="book source directory: also check that 'chapters' exist"
    )
    export = commands.add_parser("export", help="write the data as CSV or JSON")
    export.add_argument("path", type=Path, metavar="PATH")
    export.add_argument("--format", choices=("csv", "json"), default="json")
    export.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(args)
    return _export(args)


if __name__ == "__main__":
    sys.exit(main())
