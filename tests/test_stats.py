"""Translation statistics count what a translator would count by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from book_tools.catalogs import stats
from book_tools.cli import main

# Counted by hand: 2 translated, 1 fuzzy, 2 untranslated (the header and the obsolete entry
# are not messages of the page).
FIXTURE = """\
msgid ""
msgstr ""
"Language: zh_CN\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

msgid "One."
msgstr "一。"

msgid "Two."
msgstr "二。"

#, fuzzy
#| msgid "Three"
msgid "Three."
msgstr "三。"

msgid "Four."
msgstr ""

msgid "Five."
msgstr ""

#~ msgid "Gone."
#~ msgstr "没了。"
"""


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    lc = tmp_path / "locales" / "zh_CN" / "LC_MESSAGES"
    (lc / "part").mkdir(parents=True)
    (lc / "part" / "page.po").write_text(FIXTURE, encoding="utf-8")
    (lc / "index.po").write_text(FIXTURE.split('msgid "Two."')[0], encoding="utf-8")
    return tmp_path / "locales"


def test_page_counts(locales: Path) -> None:
    page = stats.page_stats(locales / "zh_CN/LC_MESSAGES/part/page.po", "part/page")
    assert (page.translated, page.fuzzy, page.untranslated) == (2, 1, 2)
    assert page.total == 5
    assert page.percent == pytest.approx(40.0)


def test_language_totals_and_json(locales: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--locales", str(locales), "stats", "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["zh_CN"]["total"] == {
        "page": "total",
        "translated": 3,
        "fuzzy": 1,
        "untranslated": 2,
        "percent": 50.0,
    }
    assert [p["page"] for p in doc["zh_CN"]["pages"]] == ["index", "part/page"]


def test_table(locales: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--locales", str(locales), "stats"]) == 0
    out = capsys.readouterr().out
    assert "[zh_CN]" in out
    row = next(line for line in out.splitlines() if line.startswith("part/page"))
    assert row.split() == ["part/page", "2", "1", "2", "40.0%"]


def test_every_language_gets_its_own_totals(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a third edition beside zh_CN: one page, fully translated (counted by hand: 2 of 2)
    lc = locales / "ja" / "LC_MESSAGES"
    lc.mkdir(parents=True)
    (lc / "index.po").write_text(
        FIXTURE.split('msgid "Two."')[0].replace("zh_CN", "ja").replace("一。", "1。")
        + 'msgid "Two."\nmsgstr "2。"\n',
        encoding="utf-8",
    )
    assert main(["--locales", str(locales), "stats", "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert sorted(doc) == ["ja", "zh_CN"]
    assert doc["ja"]["total"]["translated"] == 2
    assert doc["ja"]["total"]["percent"] == 100.0
    assert doc["zh_CN"]["total"]["translated"] == 3  # unchanged by the other edition
