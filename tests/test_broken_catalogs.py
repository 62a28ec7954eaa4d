"""Broken catalogs end in ``file:line: what is wrong`` and a failed command, never a traceback.

Each fixture is a whole ``.po`` file; the expected line was counted by hand on the fixture text
(``HEADER`` is lines 1-7, so the first entry's msgid is line 8).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from book_tools.cli import main
from conftest import BOOK, REPO
from conftest import PO_HEADER_ZH as HEADER

CONF = BOOK / "conf.py"
UNCLOSED = (
    'msgfmt: end-of-line within string (a string is not closed: end it with " on the same line)'
)
KEYWORD = (
    'msgfmt: keyword "msgstrr" unknown (each line must be a # comment, a keyword (msgid, '
    'msgstr) or a "string")'
)
UTF8 = "invalid UTF-8 (byte 0xff): the catalogs are UTF-8; re-save the file as UTF-8 (msgconv -t UTF-8)"
BINARY = (
    "binary content (a NUL byte): this is not a PO catalog; a compiled .mo or another file "
    "was saved under a .po name"
)
DUPLICATE = (
    "msgfmt: duplicate message definition... (the same msgid twice: merge the two entries into one)"
)
CHARSET = (
    "declares charset=ISO-8859-1: the catalogs are UTF-8; convert the file (msgconv -t UTF-8) "
    "and declare charset=UTF-8"
)
EMPTY = "empty file: a catalog needs at least its header; recreate it"

# (id, file content, expected (line, message) of the first problem) -- unusable files: every
# command refuses them
UNUSABLE = [
    ("syntax-error", HEADER + 'msgid "a"\nmsgstrr "b"\n', (9, KEYWORD)),
    (
        "unterminated-string",
        HEADER + 'msgid "a"\nmsgstr "b\n\nmsgid "c"\nmsgstr "d"\n',
        (9, UNCLOSED),
    ),
    ("invalid-utf8", HEADER.encode() + b'msgid "a"\nmsgstr "\xff"\n', (9, UTF8)),
    (
        "wrong-charset",
        HEADER.replace("UTF-8", "ISO-8859-1") + 'msgid "a"\nmsgstr "b"\n',
        (5, CHARSET),
    ),
    ("binary-mo", b"\xde\x12\x04\x95\x00\x00\x00\x00\x02\x00\x00\x00", (1, BINARY)),
    (
        "duplicate-msgid",
        HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
        (11, DUPLICATE),
    ),
    ("empty-file", "", (1, EMPTY)),
]


def write(locales: Path, content: str | bytes, name: str = "page.po") -> Path:
    po = locales / "zh_CN" / "LC_MESSAGES" / name
    po.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    po.write_bytes(content)
    return po


def first_problem(output: str, po: Path) -> tuple[int, str]:
    """The (line, message) of the first ``file:line: message`` line about *po* in *output*."""
    line = next(x for x in output.splitlines() if x.startswith(f"{po}:"))
    number, message = line[len(f"{po}:") :].split(": ", 1)
    return int(number), message


@pytest.mark.parametrize(
    ("content", "expected"), [c[1:] for c in UNUSABLE], ids=[c[0] for c in UNUSABLE]
)
def test_check_locates_an_unusable_catalog(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str | bytes,
    expected: tuple[int, str],
) -> None:
    po = write(tmp_path, content)
    assert main(["--locales", str(tmp_path), "check", "--conf", str(CONF)]) == 1
    out = capsys.readouterr()
    assert first_problem(out.out, po) == expected
    assert "Traceback" not in out.out + out.err


@pytest.mark.parametrize(
    ("content", "expected"), [c[1:] for c in UNUSABLE], ids=[c[0] for c in UNUSABLE]
)
def test_stats_refuses_an_unusable_catalog(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str | bytes,
    expected: tuple[int, str],
) -> None:
    po = write(tmp_path, content)
    write(tmp_path, HEADER + 'msgid "Fine."\nmsgstr "好。"\n', name="fine.po")
    assert main(["--locales", str(tmp_path), "stats"]) == 1
    assert first_problem(capsys.readouterr().err, po) == expected


@pytest.mark.parametrize(
    ("content", "expected"), [c[1:] for c in UNUSABLE], ids=[c[0] for c in UNUSABLE]
)
def test_update_leaves_an_unusable_catalog_untouched(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str | bytes,
    expected: tuple[int, str],
) -> None:
    locales, pot_dir = tmp_path / "locales", tmp_path / "gettext"
    pot_dir.mkdir()
    pot = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr ""\n'
    (pot_dir / "page.pot").write_text(pot, encoding="utf-8")
    (pot_dir / "other.pot").write_text(pot, encoding="utf-8")
    po = write(locales, content)
    before = po.read_bytes()
    assert main(["--locales", str(locales), "update", "--pot-dir", str(pot_dir)]) == 1
    out = capsys.readouterr()
    assert first_problem(out.err, po) == expected
    assert "zh_CN: 1 created, 0 updated, 0 unchanged" in out.out  # the other page still is
    assert po.read_bytes() == before  # nothing of the translator's file is lost


def test_new_language_refuses_a_broken_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pot_dir = tmp_path / "gettext"
    pot_dir.mkdir()
    pot = pot_dir / "page.pot"
    pot.write_text('msgid ""\nmsgstr ""\n\nmsgid "a\nmsgstr ""\n', encoding="utf-8")
    args = ["--locales", str(tmp_path / "locales"), "new-language", "ja", "--pot-dir", str(pot_dir)]
    assert main(args) == 1
    assert first_problem(capsys.readouterr().err, pot) == (4, UNCLOSED)


def test_new_language_refuses_an_unknown_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pot_dir = tmp_path / "gettext"
    pot_dir.mkdir()
    (pot_dir / "page.pot").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    args = [
        "--locales",
        str(tmp_path / "locales"),
        "new-language",
        "xx_Nowhere",
        "--pot-dir",
        str(pot_dir),
    ]
    assert main(args) == 1
    assert capsys.readouterr().err == (
        "error: 'xx_Nowhere' is not a language code that babel (CLDR) knows: use a gettext "
        "code such as ja, ko, fr or zh_TW\n"
    )
    assert not (tmp_path / "locales" / "xx_Nowhere").exists()


# Catalogs that parse but break a rule of the gate: (id, content, expected problems)
HEADER_LINES = HEADER.splitlines()
REJECTED = [
    (
        "missing-headers",
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\n',
        [
            (1, "header field 'Language' is missing or empty: add it"),
            (1, "header field 'Plural-Forms' is missing or empty: add it"),
        ],
    ),
    (
        "empty-language",
        HEADER.replace("Language: zh_CN", "Language: ") + 'msgid "a"\nmsgstr "b"\n',
        [(3, "header field 'Language' is missing or empty: add it")],
    ),
    (
        "language-of-another-folder",
        HEADER.replace("Language: zh_CN", "Language: ja") + 'msgid "a"\nmsgstr "b"\n',
        [(3, "header says Language: ja, but the catalog is in zh_CN/: write Language: zh_CN")],
    ),
    (
        "wrong-plural-forms",
        HEADER.replace("nplurals=1; plural=0;", "nplurals=2; plural=(n != 1);")
        + 'msgid "a"\nmsgstr "b"\n',
        [
            (
                6,
                (
                    "Plural-Forms is 'nplurals=2; plural=(n != 1);', but zh_CN has "
                    "'nplurals=1; plural=0;': write that"
                ),
            )
        ],
    ),
    (
        "plural-entry-with-two-forms",
        HEADER + 'msgid "one pod"\nmsgid_plural "%d pods"\nmsgstr[0] "a"\nmsgstr[1] "b"\n',
        [(2, "msgfmt: nplurals = 1..."), (10, "msgfmt: ...but some messages have 2 plural forms")],
    ),
    (
        "fuzzy-entry",
        HEADER + '#, fuzzy\nmsgid "Hello."\nmsgstr "你好。"\n',
        [(8, "fuzzy entry (review it, then remove the flag): 'Hello.'")],
    ),
    (
        "added-link-and-lost-role",
        HEADER + 'msgid "See {term}`TTFT`."\nmsgstr "见[首 token 时延](https://example.net)。"\n',
        [
            (
                8,
                "link target 'https://example.net' is not in the English: remove it (or change the English first)",
            ),
            (8, "role '{term}`TTFT`' is missing: keep it as in the English"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("content", "expected"), [c[1:] for c in REJECTED], ids=[c[0] for c in REJECTED]
)
def test_check_rejects_with_file_and_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    expected: list[tuple[int, str]],
) -> None:
    po = write(tmp_path, content)
    assert main(["--locales", str(tmp_path), "check", "--conf", str(CONF)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"{len(expected)} problem(s) in the catalogs under {tmp_path}"
    assert out[:-1] == [f"{po}:{line}: {message}" for line, message in expected]


def test_a_directory_named_po_is_a_problem_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "zh_CN" / "LC_MESSAGES" / "page.po"
    folder.mkdir(parents=True)
    assert main(["--locales", str(tmp_path), "check", "--conf", str(CONF)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == f"{folder}:1: cannot be read: Is a directory"


def test_a_missing_conf_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, HEADER + 'msgid "a"\nmsgstr "b"\n')
    missing = tmp_path / "nowhere" / "conf.py"
    assert main(["--locales", str(tmp_path), "check", "--conf", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{missing}: cannot be read: FileNotFoundError")


def test_the_command_line_itself_prints_no_traceback(tmp_path: Path) -> None:
    """The real process, as ``make check-po`` runs it, on a catalog with a syntax error."""
    po = write(tmp_path, HEADER + 'msgid "a"\nmsgstr "b\n')
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "book_tools",
            "--locales",
            str(tmp_path),
            "check",
            "--conf",
            str(CONF),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == f"{po}:9: {UNCLOSED}"
    assert "Traceback" not in result.stderr


def test_stats_into_a_missing_folder_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, HEADER + 'msgid "a"\nmsgstr "b"\n')
    target = tmp_path / "missing" / "stats.json"
    assert main(["--locales", str(tmp_path), "stats", "--json", str(target)]) == 1
    assert capsys.readouterr().err == f"{target}: No such file or directory\n"
