"""Terminology check: one agreed translation per concept, per language.

``locales/<lang>/terminology.yaml`` maps English terms to the agreed translation (or to a list:
the agreed translation first, then accepted short forms). Wherever a
msgid uses an English term (as a word, in prose: code spans, link targets and role targets are
ignored), its translation must use the agreed term or keep the English term. A justified
exception is allowed with a translator comment on the entry::

    # terminology-ok: latency (why: ...)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib
import yaml

from book_tools.catalogs.problems import Problem

_CODE = re.compile(r"`[^`]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<[^>]*>")
_ALLOW = re.compile(r"terminology-ok:\s*(?P<terms>.+)", re.IGNORECASE)


@dataclass(frozen=True)
class Term:
    """An English term and its agreed translation (first) with accepted short forms."""

    english: str
    translations: tuple[str, ...]

    @property
    def translation(self) -> str:
        """The agreed translation."""
        return self.translations[0]

    @property
    def pattern(self) -> re.Pattern[str]:
        """The English term as a whole word or phrase, plural allowed, any case."""
        words = r"\s+".join(re.escape(w) for w in self.english.split())
        return re.compile(rf"(?<![\w./-]){words}(?:s|es)?(?![\w/-])", re.IGNORECASE)


class TerminologyError(ValueError):
    """The term list itself is malformed."""


def load_terms(path: Path) -> list[Term]:
    """Read a ``terminology.yaml``; its ``terms`` mapping goes from English to the translation."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise TerminologyError(f"{path}: {exc}") from exc
    terms = data.get("terms")
    if not isinstance(terms, dict) or not terms:
        raise TerminologyError(
            f"{path}: expected a non-empty mapping 'terms: {{english: translation}}'"
        )
    result = []
    for english, translation in terms.items():
        forms = translation if isinstance(translation, list) else [translation]
        if not forms or not all(isinstance(f, str) and f for f in forms):
            raise TerminologyError(f"{path}: term '{english}' needs a translation")
        result.append(Term(str(english), tuple(forms)))
    return result


def prose(msgid: str) -> str:
    """The msgid without code spans and link targets, where terms are not translated."""
    return _LINK_TARGET.sub(" ", _CODE.sub(" ", msgid))


def allowed_exceptions(entry: polib.POEntry) -> set[str]:
    """English terms a translator comment exempts on this entry."""
    found: set[str] = set()
    for line in (entry.tcomment or "").splitlines():
        match = _ALLOW.search(line)
        if match:
            terms = re.sub(r"\(.*?\)", "", match["terms"])  # a reason may follow in parentheses
            found |= {t.strip().lower() for t in terms.split(",") if t.strip()}
    return found


def check_catalog(po_path: Path, terms: list[Term]) -> list[Problem]:
    """Entries of one catalog that translate a listed term otherwise."""
    problems = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete or entry.fuzzy or not entry.msgstr or not entry.msgid:
            continue
        text = prose(entry.msgid)
        allowed = allowed_exceptions(entry)
        for term in terms:
            if term.english.lower() in allowed or not term.pattern.search(text):
                continue
            if any(form in entry.msgstr for form in term.translations) or term.pattern.search(
                entry.msgstr
            ):
                continue
            problems.append(
                Problem(
                    po_path,
                    entry.linenum,
                    f"'{term.english}' should be translated as '{term.translation}' (or kept in "
                    f"English); add '# terminology-ok: {term.english}' to allow an exception",
                )
            )
    return problems


def check_tree(locales: Path) -> list[Problem]:
    """Check every language that has a ``terminology.yaml``."""
    problems = []
    for term_file in sorted(locales.glob("*/terminology.yaml")):
        terms = load_terms(term_file)
        for po in sorted((term_file.parent / "LC_MESSAGES").rglob("*.po")):
            problems += check_catalog(po, terms)
    return problems
