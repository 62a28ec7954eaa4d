"""Terminology check: one agreed translation per concept, no forbidden renderings.

The term list is ``locales/<lang>/terminology.yaml`` (its format: :mod:`termlist`). For every
translated entry of every catalog of that language:

* **Headings.** An entry whose whole msgid is a listed heading ("Key takeaways") must be
  translated exactly as listed.
* **Agreed term.** Where the msgid uses a listed English term in prose (code spans, link targets
  and role targets are not prose), the msgstr must use the agreed translation, an accepted one,
  or keep the English term.
* **Forbidden forms.** Where the msgid uses the term (or in every entry, for a term marked
  ``anywhere``), none of the term's forbidden forms may appear in the msgstr's prose, even next
  to the agreed term. A forbidden form inside one of the term's ``allow_in`` compounds is fine,
  and the forbidden forms are not checked where the msgid contains a ``not_when`` word (another
  sense: "proxy" for 代理). Forbidden forms in Latin letters are whole words and case-sensitive
  ("Token" is forbidden, "token" is not); others are matched anywhere.

Every problem names the file, the line of the msgstr where it was found, the term, the form
found and the agreed one. A justified exception is allowed with a translator comment on the
entry (several terms separated by commas, a reason in parentheses)::

    # terminology-ok: agent (a proxy here, not an AI agent)

The typography rules of :mod:`style` (no nested full-width parentheses, spaces around ``{doc}``
links) run on the same entries; ``# terminology-ok: style (reason)`` exempts an entry from them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import polib

from book_tools.catalogs.problems import Problem
from book_tools.catalogs.style import style_problems
from book_tools.catalogs.termlist import Heading, Term, TerminologyError, load_term_list
from book_tools.languages import LanguageError, Typography, load

__all__ = [
    "TerminologyError",
    "allowed_exceptions",
    "check_catalog",
    "check_entry",
    "check_tree",
    "english_pattern",
    "prose",
]

_LONG_CODE = re.compile(r"(?<!`)(?P<ticks>`{2,})(?!`).+?(?<!`)(?P=ticks)(?!`)", re.DOTALL)
_ROLE = re.compile(r"\{[\w:+-]+\}`(?P<body>[^`]*)`")
_EXPLICIT_TITLE = re.compile(r"^(?P<title>.*?)\s*<[^<>]+>\s*$", re.DOTALL)
_CODE = re.compile(r"`[^`]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<[^<>\s]+>|\{\{[^}]*\}\}")
# the terms run up to the reason in parentheses, the next comment or the end
_ALLOW = re.compile(
    r"terminology-ok:\s*(?P<terms>[^()]*?)\s*(?=\(|terminology-ok:|gate-allow:|$)", re.IGNORECASE
)
_LATIN = re.compile(r"^[\x00-\x7f]+$")


def _blank(text: str, start: int, end: int) -> str:
    """*text* with ``[start, end)`` replaced by spaces (newlines kept): offsets do not move."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def prose(text: str) -> str:
    """*text* with everything that is not prose blanked out, keeping every offset.

    Blanked: code spans (double-backtick ones first, as they may show a role), role targets
    (the displayed title of ``{term}`标题 <target>``` stays), link targets, autolinks and
    substitutions.
    """
    for match in reversed(list(_LONG_CODE.finditer(text))):  # ``{term}`x` `` shows markup
        text = _blank(text, match.start(), match.end())
    for match in reversed(list(_ROLE.finditer(text))):
        title = _EXPLICIT_TITLE.match(match["body"])
        if title:
            start = match.start("body") + title.end("title")
            text = _blank(text, match.start(), match.start("body"))
            text = _blank(text, start, match.end())
        else:
            text = _blank(text, match.start(), match.end())
    for pattern in (_CODE, _LINK_TARGET):
        for match in reversed(list(pattern.finditer(text))):
            text = _blank(text, match.start(), match.end())
    return text


#: what continues a Latin word: ASCII letters, digits and "_" (not \w, which takes in kana and
#: Han, so a term written against Japanese text, "schedulerと", would not be found)
_WORD = "A-Za-z0-9_"


@functools.cache
def english_pattern(english: str) -> re.Pattern[str]:
    """An English term as a whole word or phrase, any case, plural allowed, hyphen or space."""
    words = r"[\s\-–]+".join(re.escape(w) for w in english.split())
    return re.compile(rf"(?<![{_WORD}./-]){words}(?:s|es)?(?![{_WORD}/-])", re.IGNORECASE)


@functools.cache
def _form_pattern(form: str) -> re.Pattern[str]:
    """A forbidden form: a case-sensitive whole word if Latin, else anywhere."""
    if _LATIN.match(form):
        return re.compile(rf"(?<![{_WORD}-]){re.escape(form)}(?:s|es)?(?![{_WORD}-])")
    return re.compile(re.escape(form))


def allowed_exceptions(entry: polib.POEntry) -> set[str]:
    """English terms (lower case) a ``terminology-ok:`` translator comment exempts.

    The comment is read as a whole: GNU gettext wraps long comments onto several ``#`` lines.
    """
    text = " ".join((entry.tcomment or "").split())
    found: set[str] = set()
    for match in _ALLOW.finditer(text):
        found |= {t.strip().lower() for t in match["terms"].split(",") if t.strip()}
    return found


def _spans(text: str, forms: Iterable[str]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for form in forms for m in re.finditer(re.escape(form), text)]


def _forbidden_found(term: Term, msgstr_prose: str) -> list[tuple[int, str]]:
    """Offsets and text of the term's forbidden forms in the msgstr's prose.

    An occurrence that lies inside an agreed, accepted or ``allow_in`` form (负载感知 inside
    工作负载感知) is not a problem.
    """
    excused = _spans(msgstr_prose, (*term.translations, *term.allow_in))
    found = []
    for form in term.forbidden:
        for match in _form_pattern(form).finditer(msgstr_prose):
            if not any(s <= match.start() and match.end() <= e for s, e in excused):
                found.append((match.start(), match.group()))
    return sorted(found)


def check_entry(
    msgid: str, msgstr: str, terms: Iterable[Term], headings: Iterable[Heading], allowed: set[str]
) -> list[tuple[int, str]]:
    """The terminology problems of one entry: (offset in *msgstr*, message) pairs."""
    problems: list[tuple[int, str]] = []
    allow_hint = "or add '# terminology-ok: {} (reason)' to the entry"
    for heading in headings:
        if (
            msgid.strip() == heading.english
            and heading.english.lower() not in allowed
            and msgstr.strip() != heading.translation
        ):
            problems.append(
                (
                    0,
                    f"heading '{heading.english}' is translated '{msgstr.strip()}': the agreed "
                    f"translation is '{heading.translation}'; "
                    + allow_hint.format(heading.english),
                )
            )
    source = prose(msgid)
    target = prose(msgstr)
    for term in terms:
        if term.english.lower() in allowed:
            continue
        used = bool(english_pattern(term.english).search(source))
        if (
            used
            and term.required
            and not (
                any(form in msgstr for form in term.translations)
                or english_pattern(term.english).search(msgstr)
            )
        ):
            problems.append(
                (
                    0,
                    f"'{term.english}' is not translated as agreed: write '{term.agreed}' (or keep "
                    f"the English), " + allow_hint.format(term.english),
                )
            )
        if not term.forbidden or not (used or term.anywhere):
            continue
        if any(english_pattern(word).search(source) for word in term.not_when):
            continue
        for offset, form in _forbidden_found(term, target):
            problems.append(
                (
                    offset,
                    f"'{term.english}': forbidden form '{form}' found, the agreed translation is "
                    f"'{term.agreed}'; " + allow_hint.format(term.english),
                )
            )
    return problems


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _unquote(line: str) -> str:
    body = line.strip()
    body = body[body.index('"') + 1 : body.rindex('"')] if body.count('"') >= 2 else ""
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], m[1]), body)


def _msgstr_line_starts(lines: list[str], first: int) -> list[tuple[int, int]]:
    """(offset in the msgstr, line number) of each line of the msgstr of the entry at *first*."""
    number = first
    while number <= len(lines) and not lines[number - 1].startswith("msgstr"):
        number += 1
    starts: list[tuple[int, int]] = []
    offset = 0
    while number <= len(lines):
        line = lines[number - 1]
        if starts and not line.lstrip().startswith('"'):
            break
        starts.append((offset, number))
        offset += len(_unquote(line))
        number += 1
    return starts or [(0, first)]


def _line_of(starts: list[tuple[int, int]], offset: int) -> int:
    line = starts[0][1]
    for start, number in starts:
        if start > offset:
            break
        line = number
    return line


def check_catalog(
    po_path: Path,
    terms: Iterable[Term],
    headings: Iterable[Heading] = (),
    titles: Mapping[str, str] | None = None,
    docname: str = "",
    typography: Typography | None = None,
) -> list[Problem]:
    """Entries of one catalog that break the term list, each at the line where it happens."""
    try:
        text = po_path.read_text(encoding="utf-8")
        catalog = polib.pofile(text)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return [Problem(po_path, 1, f"cannot be read for the term check: {exc}")]
    lines = text.splitlines()
    terms, headings = tuple(terms), tuple(headings)
    problems = []
    for entry in catalog:
        if entry.obsolete or entry.fuzzy or not entry.msgstr or not entry.msgid:
            continue
        allowed = allowed_exceptions(entry)
        found = check_entry(entry.msgid, entry.msgstr, terms, headings, allowed)
        if "style" not in allowed:
            found += style_problems(entry.msgstr, docname, titles, typography)
        if not found:
            continue
        starts = _msgstr_line_starts(lines, entry.linenum)
        problems += [Problem(po_path, _line_of(starts, off), msg) for off, msg in found]
    return problems


def page_titles(catalogs: Path) -> dict[str, str]:
    """Translated page titles by docname: the first translated entry of each page's catalog."""
    titles = {}
    for po in catalogs.rglob("*.po"):
        try:
            first = next((e for e in polib.pofile(str(po)) if e.msgid and not e.obsolete), None)
        except (OSError, UnicodeDecodeError, ValueError):
            continue  # reported by check_catalog
        if first is not None and first.msgstr:
            titles[po.relative_to(catalogs).with_suffix("").as_posix()] = first.msgstr
    return titles


def check_tree(locales: Path) -> list[Problem]:
    """Check every language that has a ``terminology.yaml``; a malformed list is a problem too."""
    problems = []
    for term_file in sorted(locales.glob("*/terminology.yaml")):
        try:
            term_list = load_term_list(term_file)
        except TerminologyError as exc:
            problems.append(Problem(exc.path, exc.line, exc.message))
            continue
        try:
            typography = load(term_file.parent.name, locales).typography
        except LanguageError as exc:
            problems.append(Problem(term_file, 1, f"the language's settings: {exc}"))
            continue
        catalogs = term_file.parent / "LC_MESSAGES"
        titles = page_titles(catalogs)
        for po in sorted(catalogs.rglob("*.po")):
            docname = po.relative_to(catalogs).with_suffix("").as_posix()
            problems += check_catalog(
                po, term_list.terms, term_list.headings, titles, docname, typography
            )
    return problems
