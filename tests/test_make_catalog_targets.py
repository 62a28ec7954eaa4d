"""The Makefile's catalog targets (``update-po``, ``check-po``, ``stats``) on a small fixture book.

The targets run as a translator runs them, through ``make``, with ``SOURCEDIR``, ``LOCALES`` and
``BUILDDIR`` pointed at a throw-away tree; ``-o .venv/.installed`` keeps make from reinstalling the
virtualenv and ``SYSDEPS_MODE=check`` only checks the system packages. Expected counts are those of
the fixture, counted by hand.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import polib
import pytest

from conftest import REPO

CONF = """\
extensions = ["myst_nb"]
nb_execution_mode = "off"
myst_enable_extensions = ["colon_fence"]
gettext_compact = False
gettext_uuid = False
gettext_location = False
"""
INDEX = "# Home\n\nHello **world**.\n\n```{toctree}\npage\n```\n"
PAGE = "# Page\n\nSee [the docs](https://example.org/docs).\n\nA second sentence.\n"
HEADER = """\
msgid ""
msgstr ""
"Language: {lang}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

"""
# zh_CN's index: 1 translated ("Home"), 1 untranslated, so the statistics are 1 / 0 / 1
INDEX_ZH = HEADER.format(lang="zh_CN") + (
    'msgid "Home"\nmsgstr "首页"\n\nmsgid "Hello **world**."\nmsgstr ""\n'
)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A two-page book with zh_CN (index translated in part) and ja (no catalogs yet)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    (src / "page.md").write_text(PAGE, encoding="utf-8")
    zh = tmp_path / "locales" / "zh_CN" / "LC_MESSAGES"
    zh.mkdir(parents=True)
    (zh / "index.po").write_text(INDEX_ZH, encoding="utf-8")
    (tmp_path / "locales" / "ja" / "LC_MESSAGES").mkdir(parents=True)
    return tmp_path


def make(tree: Path, target: str, *variables: str) -> subprocess.CompletedProcess:
    """``make TARGET`` in the repository, pointed at *tree*."""
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-o",
            ".venv/.installed",
            target,
            f"SOURCEDIR={tree / 'src'}",
            f"LOCALES={tree / 'locales'}",
            f"BUILDDIR={tree / 'build'}",
            "SYSDEPS_MODE=check",
            *variables,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore::SyntaxWarning"},
    )


def test_update_po_touches_only_the_named_pages_and_languages(tree: Path) -> None:
    index_before = (tree / "locales/zh_CN/LC_MESSAGES/index.po").read_bytes()
    result = make(tree, "update-po", "PAGES=page", "LANGS=zh_CN")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "zh_CN: 1 created, 0 updated, 0 unchanged" in result.stdout
    created = polib.pofile(str(tree / "locales/zh_CN/LC_MESSAGES/page.po"))
    assert created.metadata["Language"] == "zh_CN"
    assert [e.msgid for e in created] == [
        "Page",
        "See [the docs](https://example.org/docs).",
        "A second sentence.",
    ]
    assert (tree / "locales/zh_CN/LC_MESSAGES/index.po").read_bytes() == index_before
    assert list((tree / "locales/ja/LC_MESSAGES").iterdir()) == []  # LANGS=zh_CN only


def test_update_po_keeps_a_translation_and_reports_a_broken_catalog(tree: Path) -> None:
    broken = tree / "locales/ja/LC_MESSAGES/index.po"
    broken.write_text(HEADER.format(lang="ja") + 'msgid "Home"\nmsgstr "ホーム\n', "utf-8")
    result = make(tree, "update-po", "PAGES=index")
    assert result.returncode != 0
    assert (
        f'{broken}:9: msgfmt: end-of-line within string (a string is not closed: end it with " on the same line)'
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert broken.read_text("utf-8").endswith('msgstr "ホーム\n')  # left exactly as it was
    zh = polib.pofile(str(tree / "locales/zh_CN/LC_MESSAGES/index.po"))
    assert zh.find("Home").msgstr == "首页"  # the other language was still updated, keeping it


def test_check_po_passes_a_clean_tree_and_locates_a_broken_entry(tree: Path) -> None:
    result = make(tree, "check-po")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"0 problem(s) in the catalogs under {tree / 'locales'}" in result.stdout

    po = tree / "locales/zh_CN/LC_MESSAGES/index.po"
    bold = 'msgid "Hello **world**."\nmsgstr "你好**世界。**啊"\n'
    po.write_text(INDEX_ZH.replace('msgid "Hello **world**."\nmsgstr ""\n', bold), "utf-8")
    result = make(tree, "check-po")
    assert result.returncode != 0
    # the header is lines 1-7, "Home" lines 8-9, a blank line 10, the bold entry from line 11
    located = [line for line in result.stdout.splitlines() if line.startswith(f"{po}:")]
    assert len(located) == 1
    assert located[0].startswith(f"{po}:11: literal '**' shows on the page")


def test_stats_counts_by_hand_and_writes_json(tree: Path) -> None:
    result = make(tree, "stats")
    assert result.returncode == 0, result.stdout + result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("index "))
    assert row.split() == ["index", "1", "0", "1", "50.0%"]
    doc = json.loads((tree / "build/translation-stats.json").read_text("utf-8"))
    assert doc["zh_CN"]["total"]["translated"] == 1
    assert doc["ja"]["pages"] == []


def test_stats_refuses_a_broken_catalog(tree: Path) -> None:
    po = tree / "locales/zh_CN/LC_MESSAGES/index.po"
    po.write_bytes(b"\x00binary")
    result = make(tree, "stats")
    assert result.returncode != 0
    assert f"{po}:1: binary content (a NUL byte)" in result.stderr
    assert not (tree / "build/translation-stats.json").exists()
