"""Read a ``.po`` (or ``.pot``) file safely: every way it can be broken becomes a located problem.

Every command that reads catalogs (``check``, ``update``, ``stats``, ``new-language``) goes through
:func:`load`, so a malformed file gives ``file:line: what is wrong`` and never a traceback. In
order, a file must be readable, text (no NUL byte: a compiled ``.mo`` or an image renamed ``.po``
is not), valid UTF-8, declare ``charset=UTF-8``, and pass GNU ``msgfmt`` (syntax, unterminated
strings, duplicate messages); only then is it parsed with polib.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib

from book_tools.catalogs.problems import Problem

_CHARSET = re.compile(rb'^"Content-Type:[^"\n]*charset=(?P<charset>[^"\\\s;]+)', re.MULTILINE)
_MSGFMT_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?:\d+:)? (?P<msg>.*)$")
_POLIB_LINE = re.compile(r"\(line (?P<line>\d+)\)")


class CatalogError(Exception):
    """A catalog cannot be used; :attr:`problems` locates each reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def line_of(data: bytes, offset: int) -> int:
    """The 1-based line number of byte *offset* in *data*."""
    return data.count(b"\n", 0, offset) + 1


def encoding_problems(path: Path, data: bytes) -> list[Problem]:
    """Problems of the raw bytes: binary content, invalid UTF-8, a charset other than UTF-8."""
    if b"\0" in data:
        return [
            Problem(
                path,
                line_of(data, data.index(b"\0")),
                "binary content (a NUL byte): this is not a PO catalog; a compiled .mo or "
                "another file was saved under a .po name",
            )
        ]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [
            Problem(
                path,
                line_of(data, exc.start),
                f"invalid UTF-8 (byte 0x{data[exc.start]:02x}): the catalogs are UTF-8; "
                "re-save the file as UTF-8 (msgconv -t UTF-8)",
            )
        ]
    match = _CHARSET.search(data)
    if match and match["charset"].decode("ascii", "replace").upper().replace("_", "-") != "UTF-8":
        charset = match["charset"].decode("ascii", "replace")
        return [
            Problem(
                path,
                line_of(data, match.start()),
                f"declares charset={charset}: the catalogs are UTF-8; convert the file "
                "(msgconv -t UTF-8) and declare charset=UTF-8",
            )
        ]
    return []


def msgfmt_problems(path: Path, *, check: bool = False) -> list[Problem]:
    """What GNU ``msgfmt`` reports for *path*; with *check*, ``msgfmt --check`` (header, formats).

    Without msgfmt installed this returns nothing unless *check* is asked for, in which case the
    missing tool is itself the problem.
    """
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        if not check:
            return []
        return [Problem(path, 1, "msgfmt not found: install GNU gettext to check catalogs")]
    options = ["--check"] if check else []
    result = subprocess.run(
        [msgfmt, *options, "--output-file", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )
    if result.returncode == 0:
        return []
    problems = []
    for line in result.stderr.splitlines():
        match = _MSGFMT_LINE.match(line)
        if match and match["msg"].startswith("warning: "):
            continue  # msgfmt's warnings never fail it; only its errors are problems
        if match and not match["msg"].startswith("found "):
            line_number = int(match["line"])
            if match["msg"].startswith("end-of-line within string"):
                line_number -= 1  # msgfmt names the line after the one whose string is open
            problems.append(Problem(path, line_number, _with_hint(match["msg"])))
        elif not match and f"{path}: " in line:  # about the file as a whole, e.g. its header
            problems.append(Problem(path, 1, _with_hint(line.split(f"{path}: ", 1)[1])))
    return problems or [Problem(path, 1, f"msgfmt: {result.stderr.strip()}")]


_HINTS = {
    "end-of-line within string": 'a string is not closed: end it with " on the same line',
    "duplicate message definition": "the same msgid twice: merge the two entries into one",
    "syntax error": 'each line must be a # comment, a keyword (msgid, msgstr) or a "string"',
    "unknown": 'each line must be a # comment, a keyword (msgid, msgstr) or a "string"',
    "header": 'the catalog needs its header entry (msgid "" with Content-Type, Language...)',
}


def _with_hint(message: str) -> str:
    hint = next((h for key, h in _HINTS.items() if key in message), "")
    return f"msgfmt: {message}" + (f" ({hint})" if hint else "")


def load(path: Path, *, check: bool = False) -> polib.POFile:
    """Parse *path*, or raise :class:`CatalogError` naming every line that is wrong.

    *check* runs ``msgfmt --check`` instead of plain ``msgfmt`` (the quality gate wants it).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError([Problem(path, 1, f"cannot be read: {exc.strerror or exc}")]) from None
    if not data.strip():
        raise CatalogError(
            [Problem(path, 1, "empty file: a catalog needs at least its header; recreate it")]
        )
    problems = encoding_problems(path, data) or msgfmt_problems(path, check=check)
    if problems:
        raise CatalogError(problems)
    try:
        return polib.pofile(str(path), encoding="utf-8", wrapwidth=79)
    except (OSError, ValueError) as exc:
        match = _POLIB_LINE.search(str(exc))
        line = int(match["line"]) if match else 1
        message = str(exc).replace("Syntax error in po file", "syntax error").split(" (line")[0]
        raise CatalogError([Problem(path, line, f"{message}: fix the entry")]) from None
