"""Command line of the book's tooling: ``python -m book_tools COMMAND``."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from book_tools import rootindex
from book_tools.catalogs import gate, stats, terminology
from book_tools.catalogs import update as catalog
from book_tools.catalogs.loading import CatalogError
from book_tools.catalogs.markup import ConfError
from book_tools.catalogs.problems import Problem
from book_tools.languages import (
    SETTINGS_FILE,
    SOURCE_LANGUAGE,
    LanguageError,
    discover,
    settings_text,
)


def _translations(locales: Path, only: list[str] | None) -> list[str]:
    codes = [lang.code for lang in discover(locales) if lang.code != SOURCE_LANGUAGE]
    return [c for c in codes if not only or c in only]


def _report(problems: list[Problem]) -> int:
    """Print *problems* as ``file:line: message`` on stderr; the exit status they mean."""
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def _cmd_update(args: argparse.Namespace) -> int:
    problems: list[Problem] = []
    for code in _translations(args.locales, args.lang):
        report = catalog.update_language(
            args.pot_dir, args.locales / code / "LC_MESSAGES", code, args.pages or None
        )
        print(
            f"{code}: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged"
        )
        for rel in report.orphaned:
            print(f"{code}: kept {rel}: its page no longer exists (move or delete it by hand)")
        problems += report.problems
    status = _report(problems)
    if problems:
        print(
            f"{len(problems)} problem(s); a catalog named above was left as it was", file=sys.stderr
        )
    return status


def _cmd_new_language(args: argparse.Namespace) -> int:
    target = args.locales / args.code / "LC_MESSAGES"
    if target.exists():
        print(f"{target}: exists already: use 'update' for an existing language", file=sys.stderr)
        return 2
    settings = settings_text(args.code)  # an unknown language code stops here
    report = catalog.update_language(args.pot_dir, target, args.code)
    print(f"{args.code}: created {len(report.created)} catalogs in {target}")
    if not target.exists():  # no template could be used: the language was not created
        return _report(report.problems)
    settings_file = args.locales / args.code / SETTINGS_FILE
    if not settings_file.exists():
        settings_file.write_text(settings, encoding="utf-8")
        print(f"{args.code}: wrote {settings_file} (search and PDF fonts; edit it to change them)")
    return _report(report.problems)


def _cmd_stats(args: argparse.Namespace) -> int:
    by_lang = {
        code: stats.language_stats(args.locales / code / "LC_MESSAGES")
        for code in _translations(args.locales, args.lang)
    }
    if args.json:
        text = stats.as_json(by_lang)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    if not args.json or args.json != "-":
        print("\n\n".join(stats.as_table(code, pages) for code, pages in by_lang.items()))
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    problems = gate.check_tree(args.locales, args.conf)
    located = {p.path for p in problems}
    problems += [
        p  # a file the gate could not read is already reported, with its line
        for p in terminology.check_tree(args.locales)
        if not (p.path in located and p.message.startswith("cannot be read"))
    ]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in the catalogs under {args.locales}")
    return 1 if problems else 0


def _cmd_languages(args: argparse.Namespace) -> int:
    print(" ".join(lang.code for lang in discover(args.locales)))
    return 0


def _cmd_root_index(args: argparse.Namespace) -> int:
    args.outdir.mkdir(parents=True, exist_ok=True)
    (args.outdir / "index.html").write_text(
        rootindex.render(discover(args.locales)), encoding="utf-8"
    )
    # a static host serves one 404 page for the whole site: the source language's, whose
    # links are absolute (notfound_urls_prefix), so it works from any missing path
    not_found = args.outdir / SOURCE_LANGUAGE / "404.html"
    if not_found.is_file():
        shutil.copyfile(not_found, args.outdir / "404.html")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m book_tools``."""
    parser = argparse.ArgumentParser(prog="python -m book_tools", description=__doc__)
    parser.add_argument("--locales", type=Path, default=Path("locales"), help="catalog folder")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("update", help="update catalogs from .pot templates, keeping history")
    p.add_argument("--pot-dir", type=Path, default=Path("_build/gettext"))
    p.add_argument("--lang", action="append", help="only this language (repeatable)")
    p.add_argument("pages", nargs="*", help="only these pages (docnames, e.g. kubernetes/dra)")
    p.set_defaults(func=_cmd_update)

    p = sub.add_parser("new-language", help="create the catalogs of a new language")
    p.add_argument("code", help="gettext language code, e.g. ja or zh_TW")
    p.add_argument("--pot-dir", type=Path, default=Path("_build/gettext"))
    p.set_defaults(func=_cmd_new_language)

    p = sub.add_parser("stats", help="translated / fuzzy / untranslated per language and page")
    p.add_argument("--lang", action="append", help="only this language (repeatable)")
    p.add_argument("--json", metavar="FILE", help="also write JSON to FILE ('-' for stdout only)")
    p.set_defaults(func=_cmd_stats)

    p = sub.add_parser(
        "check", help="check every catalog: syntax, markup, fuzzy, headers, terminology"
    )
    p.add_argument(
        "--conf",
        type=Path,
        default=Path("book/conf.py"),
        help="the book's Sphinx conf.py, whose myst_* settings the gate parses with",
    )
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("languages", help="print the language codes, English first")
    p.set_defaults(func=_cmd_languages)

    p = sub.add_parser(
        "root-index", help="write the site root: the language-choosing index.html and the 404 page"
    )
    p.add_argument("outdir", type=Path)
    p.set_defaults(func=_cmd_root_index)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except CatalogError as exc:
        return _report(exc.problems)
    except ConfError as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:  # a file or folder of the command line cannot be read or written
        print(f"{exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except LanguageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
