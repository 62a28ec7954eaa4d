"""Command line: ``python -m landscape_directive validate|export``.

``validate PATH... [--srcdir DIR] [--stale DAYS [--today YYYY-MM-DD]]`` prints the same messages
as the Sphinx build (``file:line: what is wrong``) on standard error; with ``--srcdir`` it also
checks that ``chapters`` name pages of the book; with ``--stale`` it lists, on standard output,
the entries whose ``last_checked`` is more than DAYS days before today (or ``--today``), as
``file:line: name: last checked DATE (N days ago)``.

``export PATH [--format csv|json] [-o FILE]`` writes the CSV or JSON export of valid data.

Exit status: 0 when everything is in order; 1 when the data has a problem (or a file cannot be
read or written); 2 for a mistake on the command line; 3 when the data is valid but ``--stale``
found entries to check again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from .export import to_csv, to_json
from .freshness import describe, stale
from .model import check_chapters, load

SOURCE_SUFFIXES = (".md", ".rst", ".ipynb")
EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_STALE = 0, 1, 2, 3


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


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: '{value}'") from None


def _days(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"not a number of days: '{value}'")
    return int(value)


def _validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for path in args.paths:
        result = load(path)
        issues = list(result.issues)
        if args.srcdir is not None and result.landscape is not None:
            issues.extend(check_chapters(result.landscape, find_docnames(args.srcdir)))
        for issue in sorted(issues, key=lambda i: i.line):
            print(issue, file=sys.stderr)
        if issues:
            status = EXIT_INVALID
            print(f"{path}: {len(issues)} problem(s)", file=sys.stderr)
        elif result.landscape is not None:
            print(f"{path}: OK, {len(result.landscape.projects)} projects")
        if args.stale is not None and result.landscape is not None:
            due = stale(result.landscape, args.stale, args.today)
            for project in due:
                print(describe(project, str(path), args.today))
            print(f"{path}: {len(due)} of {len(result.landscape.projects)} entries not checked "
                  f"in the {args.stale} days before {args.today}")  # fmt: skip
            if due and status == EXIT_OK:
                status = EXIT_STALE
    return status


def _export(args: argparse.Namespace) -> int:
    result = load(args.path)
    if result.issues or result.landscape is None:
        for issue in result.issues:
            print(issue, file=sys.stderr)
        return EXIT_INVALID
    text = to_csv(result.landscape) if args.format == "csv" else to_json(result.landscape)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{args.output}: cannot write the export: {exc.strerror}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    """The command line's parser."""
    main_parser = argparse.ArgumentParser(
        prog="python -m landscape_directive",
        epilog="exit status: 0 all in order, 1 problems in the data, 2 command-line mistake, "
        "3 valid data with stale entries (--stale)",
    )
    commands = main_parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check landscape data files")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    validate.add_argument(
        "--srcdir", type=Path, help="book source directory: also check that 'chapters' exist"
    )
    validate.add_argument(
        "--stale", type=_days, metavar="DAYS", help="list entries not checked in the last DAYS days"
    )
    validate.add_argument(
        "--today", type=_date, default=dt.date.today(), metavar="YYYY-MM-DD",
        help="the date --stale counts from (default: today)",
    )  # fmt: skip
    export = commands.add_parser("export", help="write the data as CSV or JSON")
    export.add_argument("path", type=Path, metavar="PATH")
    export.add_argument("--format", choices=("csv", "json"), default="json")
    export.add_argument("-o", "--output", type=Path)
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    main_parser = parser()
    args = main_parser.parse_args(argv)
    if args.command == "validate":
        if args.srcdir is not None and not args.srcdir.is_dir():
            main_parser.error(f"--srcdir: not a directory: {args.srcdir}")
        return _validate(args)
    return _export(args)


if __name__ == "__main__":
    sys.exit(main())
