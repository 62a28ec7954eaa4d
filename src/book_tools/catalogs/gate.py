"""Quality gate for translation catalogs: a translation renders what its English renders.

For every ``.po`` file below the locales folder, and every problem named by file and line:

* the file itself: readable, text, UTF-8, ``msgfmt --check`` clean (syntax, duplicates, formats);
* the header: ``Language`` (the code of the folder it sits in), ``Plural-Forms`` (babel's rule
  for that language) and ``Content-Type`` with ``charset=UTF-8``;
* no fuzzy entry, and no msgstr that is far longer than any translation of its msgid could be;
* the markup (:mod:`book_tools.catalogs.markup`): msgid and msgstr are parsed with the build's
  own MyST configuration, and what renders must match — link targets (none lost, none added),
  images, roles and their targets (a role's displayed title may be translated), inline code,
  math, footnote references, substitutions, emphasis and strong spans, raw HTML, attributes
  (``{#id .class}``), block markup. A translation may translate a role's displayed title and
  the words of ``\\text{...}`` in maths, and may mention a link, role or code span once or twice
  where the English does the other; emphasis spans are counted exactly.
  Markdown left literally in the msgstr's text (``**`` that does not close because it touches
  full-width punctuation, an unclosed backtick, a link that does not render) is an error too.

A translator may let one kind of difference through on one entry with a comment that says why::

    # gate-allow: html (a <br> keeps the table cell on two lines, as the layout needs)
    # gate-allow: link, emphasis (reason)

The kinds are those of :data:`book_tools.catalogs.markup.KINDS`. The reason in parentheses is
required. Hostile content — ``<script>``, ``<iframe>``, ``<style>``, event-handler attributes,
``javascript:``/``data:``/``file:`` URLs — is never allowed.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from book_tools.catalogs import markup
from book_tools.catalogs.loading import CatalogError, load
from book_tools.catalogs.problems import Problem
from book_tools.languages import LanguageError, plural_forms

REQUIRED_HEADERS = ("Language", "Plural-Forms", "Content-Type")
_ALLOW = re.compile(r"gate-allow:\s*(?P<kinds>[^()]*?)\s*(?:\((?P<reason>.*)\))?\s*$")
#: A msgstr longer than this many times its msgid (plus a margin) is not a translation of it.
MAX_GROWTH = 10
MARGIN = 200


def _header_line(text: str, field: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f'"{field}:'):
            return number
    return 1


def _language_of(path: Path) -> str | None:
    parts = path.parts
    if "LC_MESSAGES" in parts:
        index = parts.index("LC_MESSAGES")
        return parts[index - 1] if index else None
    return None


def expected_plural_forms(language: str) -> str | None:
    """babel's gettext ``Plural-Forms`` for *language*, or None when babel does not know it."""
    try:
        return plural_forms(language)
    except LanguageError:
        return None


def _normalized(value: str) -> str:
    return "".join(value.split()).rstrip(";")


def header_problems(path: Path, catalog: polib.POFile) -> list[Problem]:
    """Missing or wrong header fields of one catalog."""
    text = path.read_text(encoding="utf-8")
    meta = catalog.metadata
    problems = [
        Problem(path, _header_line(text, h), f"header field '{h}' is missing or empty: add it")
        for h in REQUIRED_HEADERS
        if not meta.get(h, "").strip()
    ]
    language, folder = meta.get("Language", "").strip(), _language_of(path)
    if language and folder and language != folder:
        problems.append(
            Problem(
                path,
                _header_line(text, "Language"),
                f"header says Language: {language}, but the catalog is in {folder}/: "
                f"write Language: {folder}",
            )
        )
    plural = meta.get("Plural-Forms", "").strip()
    expected = expected_plural_forms(language or folder or "")
    if plural and expected and _normalized(plural) != _normalized(expected):
        problems.append(
            Problem(
                path,
                _header_line(text, "Plural-Forms"),
                f"Plural-Forms is '{plural}', but {language or folder} has '{expected}': "
                "write that",
            )
        )
    return problems


def allowed_kinds(entry: polib.POEntry) -> tuple[set[str], list[str]]:
    """The markup kinds a ``gate-allow`` comment lets through, and what is wrong with it."""
    kinds: set[str] = set()
    errors: list[str] = []
    for line in (entry.tcomment or "").splitlines():
        match = _ALLOW.search(line)
        if not match:
            continue
        named = {k.strip() for k in match["kinds"].split(",") if k.strip()}
        unknown = sorted(named - set(markup.KINDS))
        if unknown:
            errors.append(
                f"gate-allow names unknown kind(s) {', '.join(unknown)}: "
                f"use {', '.join(markup.KINDS)}"
            )
        if not (match["reason"] or "").strip():
            errors.append("gate-allow needs a reason in parentheses: # gate-allow: html (why)")
            continue
        kinds |= named
    return kinds, errors


def entry_problems(path: Path, entry: polib.POEntry, conf: Path) -> list[Problem]:
    """Every problem of one translated, current entry."""
    allowed, errors = allowed_kinds(entry)
    problems = [Problem(path, entry.linenum, e) for e in errors]
    for msgid, msgstr in _pairs(entry):
        if len(msgstr) > MAX_GROWTH * len(msgid) + MARGIN:
            problems.append(
                Problem(
                    path,
                    entry.linenum,
                    f"msgstr has {len(msgstr)} characters for a msgid of {len(msgid)}: "
                    "this is not a translation of it; replace it",
                )
            )
            continue
        for finding in markup.compare(msgid, msgstr, conf):
            if finding.kind in allowed and not finding.hostile:
                continue
            problems.append(Problem(path, entry.linenum, finding.message))
    return problems


def _pairs(entry: polib.POEntry) -> list[tuple[str, str]]:
    if entry.msgid_plural:
        return [
            (entry.msgid if index == 0 else entry.msgid_plural, text)
            for index, text in sorted(entry.msgstr_plural.items())
            if text
        ]
    return [(entry.msgid, entry.msgstr)] if entry.msgstr else []


def check_catalog(path: Path, conf: Path) -> list[Problem]:
    """Every problem of one ``.po`` file; *conf* is the book's ``conf.py`` (for MyST settings)."""
    try:
        catalog = load(path, check=True)
    except CatalogError as exc:
        return exc.problems
    problems = header_problems(path, catalog)
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.fuzzy:
            problems.append(
                Problem(
                    path,
                    entry.linenum,
                    f"fuzzy entry (review it, then remove the flag): {entry.msgid[:60]!r}",
                )
            )
            continue
        problems += entry_problems(path, entry, conf)
    return problems


def check_tree(locales: Path, conf: Path) -> list[Problem]:
    """Every problem of every ``.po`` file below *locales*."""
    problems = []
    for po in sorted(locales.rglob("*.po")):
        problems += check_catalog(po, conf)
    return problems
