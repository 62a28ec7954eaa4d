"""Update gettext catalogs from the ``.pot`` templates without ever losing a translation.

``sphinx-intl update`` keeps translations but marks changed ones fuzzy without the previous
msgid, so a translator cannot see what changed. This module uses GNU ``msgmerge --previous``
instead, and then:

* revives a translation whose English text came back: an entry msgmerge marked fuzzy only
  because it was matched against its own former (obsolete) self, with an identical previous
  msgid, is made current again;
* keeps obsolete entries (``#~``), so a sentence that returns later gets its translation back;
* never deletes a catalog whose page disappeared: it is reported as orphaned and left alone;
* writes every catalog through ``msgcat`` so the wrapping is stable and diffs show only changes.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import polib

from book_tools.catalogs.loading import CatalogError, load
from book_tools.catalogs.problems import Problem
from book_tools.languages import plural_forms


class UpdateError(CatalogError):
    """A catalog could not be updated (gettext missing or failing); names the file."""

    def __init__(self, path: Path, message: str, line: int = 0) -> None:
        super().__init__([Problem(path, line, message)])


@dataclass
class UpdateReport:
    """What an update did, per catalog path (relative to the language's LC_MESSAGES)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # malformed files, left untouched


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise UpdateError(
            Path(tool),
            f"'{tool}' was not found: install GNU gettext (Debian: apt-get install gettext)",
        )
    return path


def _run(args: list[str], po: Path) -> None:
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise UpdateError(po, f"{Path(args[0]).name} failed: {result.stderr.strip()}")


def normalize(po: Path) -> None:
    """Rewrite *po* with gettext's standard wrapping (idempotent)."""
    _run([_require("msgcat"), "--width=79", "--output-file", str(po), str(po)], po)


def create(pot: Path, po: Path, language: str) -> None:
    """Create a new catalog for *language* from the template *pot*."""
    template = load(pot)
    catalog = polib.POFile(wrapwidth=79)
    catalog.metadata = {
        "Project-Id-Version": template.metadata.get("Project-Id-Version", "AI Infra Book"),
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": template.metadata.get("POT-Creation-Date", ""),
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "",
        "Language-Team": f"{language} <LL@li.org>",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(language),
    }
    for entry in template:
        if not entry.msgid:
            continue  # the header, already written above
        catalog.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgctxt=entry.msgctxt,
                msgstr="",
                occurrences=entry.occurrences,
                comment=entry.comment,
                flags=[f for f in entry.flags if f != "fuzzy"],
            )
        )
    po.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(po))
    normalize(po)


def revive_restored(po: Path) -> int:
    """Make current again every fuzzy entry whose previous msgid equals its msgid.

    msgmerge revives an obsolete entry when its text returns, but leaves it fuzzy with itself as
    the previous msgid. Nothing changed for the translator to review, so the translation is
    restored as it was. Returns how many entries were revived.
    """
    catalog = polib.pofile(str(po), wrapwidth=79)
    revived = 0
    for entry in catalog:
        if entry.obsolete or "fuzzy" not in entry.flags:
            continue
        if entry.previous_msgid == entry.msgid and entry.previous_msgctxt == entry.msgctxt:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
            entry.previous_msgctxt = None
            revived += 1
    if revived:
        catalog.save(str(po))
    return revived


def merge(pot: Path, po: Path) -> None:
    """Merge the template *pot* into the existing catalog *po*, keeping history."""
    _run(
        [
            _require("msgmerge"),
            "--quiet",
            "--previous",
            "--backup=none",
            "--update",
            "--width=79",
            str(po),
            str(pot),
        ],
        po,
    )
    revive_restored(po)
    normalize(po)


def _without_creation_date(data: bytes) -> bytes:
    return b"\n".join(
        line for line in data.split(b"\n") if not line.startswith(b'"POT-Creation-Date:')
    )


def update_language(
    pot_dir: Path, lc_messages: Path, language: str, pages: list[str] | None = None
) -> UpdateReport:
    """Bring every catalog of one language in line with the templates in *pot_dir*.

    *pages* limits the update to those docnames (``kubernetes/dra``); catalogs of other pages are
    neither read nor written.
    """
    report = UpdateReport()
    plural_forms(language)  # an unknown language code stops here, before any file is written
    _require("msgmerge")
    _require("msgcat")
    templates = sorted(pot_dir.rglob("*.pot"))
    if not templates:
        raise UpdateError(pot_dir, "no .pot templates: run the gettext builder first")
    wanted = set(pages or [])
    seen: set[str] = set()
    for pot in templates:
        rel = pot.relative_to(pot_dir).with_suffix(".po").as_posix()
        docname = rel[: -len(".po")]
        seen.add(rel)
        if wanted and docname not in wanted:
            continue
        po = lc_messages / rel
        try:
            load(pot)
            if not po.exists():
                create(pot, po, language)
                report.created.append(rel)
                continue
            load(po)  # a malformed catalog is reported and left exactly as it is
        except CatalogError as exc:
            report.problems += exc.problems
            continue
        before = po.read_bytes()
        merge(pot, po)
        if _without_creation_date(po.read_bytes()) == _without_creation_date(before):
            po.write_bytes(before)  # only the template's timestamp moved: keep the file as it was
            report.unchanged.append(rel)
        else:
            report.updated.append(rel)
    for page in sorted(wanted - {rel[: -len(".po")] for rel in seen}):
        report.problems.append(
            Problem(pot_dir / f"{page}.pot", 0, f"no template for page '{page}': check its name")
        )
    for po in sorted(lc_messages.rglob("*.po")):
        rel = po.relative_to(lc_messages).as_posix()
        if rel not in seen and (not wanted or rel[: -len(".po")] in wanted):
            report.orphaned.append(rel)
    return report
