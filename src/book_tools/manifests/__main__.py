"""``python -m book_tools.manifests``: validate the book's manifests and Helm values files, or
vendor CRD schemas and charts' values schemas."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from book_tools.manifests.check import check_pages
from book_tools.manifests.helm import vendor_values_schema
from book_tools.manifests.schemas import SchemaStoreError, vendor

DEFAULT_SCHEMAS = Path("tests/manifest-schemas")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m book_tools.manifests", description=__doc__)
    parser.add_argument("--schemas", type=Path, default=DEFAULT_SCHEMAS)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate every manifest of the pages (default: book/)")
    p.add_argument("paths", nargs="*", type=Path, default=[Path("book")])
    p = sub.add_parser("vendor", help="store a project version's CRD schemas and their source")
    p.add_argument("project")
    p.add_argument("version")
    p.add_argument("crds", nargs="+", type=Path, help="CRD YAML files of that version")
    p.add_argument("--repository", required=True)
    p.add_argument("--licence", required=True)
    p.add_argument("--source", required=True, help="URL of the CRDs at that version")
    p = sub.add_parser("vendor-helm", help="store a chart version's values.schema.json")
    p.add_argument("chart")
    p.add_argument("version", help="the chart's version (Chart.yaml 'version')")
    p.add_argument("schema", type=Path, help="the chart's values.schema.json at that version")
    p.add_argument("--repository", required=True)
    p.add_argument("--licence", required=True)
    p.add_argument("--source", required=True, help="URL of values.schema.json at that version")
    args = parser.parse_args(argv)
    try:
        if args.command == "vendor-helm":
            print(
                vendor_values_schema(
                    args.schemas,
                    args.chart,
                    args.version,
                    args.schema,
                    repository=args.repository,
                    licence=args.licence,
                    source=args.source,
                )
            )
            return 0
        if args.command == "vendor":
            written = vendor(
                args.schemas,
                args.project,
                args.version,
                args.crds,
                repository=args.repository,
                licence=args.licence,
                source=args.source,
            )
            for path in written:
                print(path)
            return 0 if written else 1
        pages = [
            p
            for base in args.paths
            for p in (sorted(base.rglob("*.md")) if base.is_dir() else [base])
        ]
        report = check_pages(pages, args.schemas)
    except SchemaStoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for problem in report.problems:
        print(problem)
    print(report.summary())
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
