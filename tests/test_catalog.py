"""Catalog updates keep every translation, show what changed, and restore what comes back."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from book_tools.catalogs import update as catalog
from book_tools.cli import main

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def write_pot(pot_dir: Path, page: str, *msgids: str) -> None:
    path = pot_dir / f"{page}.pot"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f'msgid "{m}"\nmsgstr ""\n\n' for m in msgids)
    path.write_text(HEADER + body, encoding="utf-8")


def translate(po: Path, translations: dict[str, str]) -> None:
    cat = polib.pofile(str(po))
    for entry in cat:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
    cat.save()


def entry(po: Path, msgid: str) -> polib.POEntry | None:
    return polib.pofile(str(po)).find(msgid, include_obsolete_entries=True)


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path]:
    pot_dir, lc = tmp_path / "gettext", tmp_path / "locales" / "zh_CN" / "LC_MESSAGES"
    write_pot(pot_dir, "guide/page", "The scheduler places Pods.", "Nodes run Pods.")
    catalog.update_language(pot_dir, lc, "zh_CN")
    translate(
        lc / "guide/page.po",
        {
            "The scheduler places Pods.": "调度器负责放置 Pod。",
            "Nodes run Pods.": "节点运行 Pod。",
        },
    )
    return pot_dir, lc


def test_new_catalog_has_complete_headers(tree: tuple[Path, Path]) -> None:
    _, lc = tree
    meta = polib.pofile(str(lc / "guide/page.po")).metadata
    assert meta["Language"] == "zh_CN"
    assert meta["Plural-Forms"] == "nplurals=1; plural=0;"
    assert "charset=UTF-8" in meta["Content-Type"]


def test_changed_sentence_keeps_translation_as_fuzzy_with_previous_text(
    tree: tuple[Path, Path],
) -> None:
    pot_dir, lc = tree
    write_pot(pot_dir, "guide/page", "The scheduler places the Pods.", "Nodes run Pods.")
    report = catalog.update_language(pot_dir, lc, "zh_CN")
    assert report.updated == ["guide/page.po"]
    changed = entry(lc / "guide/page.po", "The scheduler places the Pods.")
    assert changed.fuzzy
    assert changed.msgstr == "调度器负责放置 Pod。"
    assert changed.previous_msgid == "The scheduler places Pods."
    text = (lc / "guide/page.po").read_text(encoding="utf-8")
    assert '#| msgid "The scheduler places Pods."' in text
    assert entry(lc / "guide/page.po", "Nodes run Pods.").msgstr == "节点运行 Pod。"


def test_removed_sentence_is_kept_and_restored_when_it_returns(tree: tuple[Path, Path]) -> None:
    pot_dir, lc = tree
    po = lc / "guide/page.po"
    write_pot(pot_dir, "guide/page", "Nodes run Pods.", "Something entirely new here.")
    catalog.update_language(pot_dir, lc, "zh_CN")
    kept = entry(po, "The scheduler places Pods.")
    assert kept is not None and kept.obsolete and kept.msgstr == "调度器负责放置 Pod。"

    write_pot(pot_dir, "guide/page", "The scheduler places Pods.", "Nodes run Pods.")
    catalog.update_language(pot_dir, lc, "zh_CN")
    restored = entry(po, "The scheduler places Pods.")
    assert not restored.obsolete and not restored.fuzzy
    assert restored.msgstr == "调度器负责放置 Pod。"


def test_edit_then_revert_restores_the_translation(tree: tuple[Path, Path]) -> None:
    pot_dir, lc = tree
    po = lc / "guide/page.po"
    write_pot(pot_dir, "guide/page", "The scheduler places the Pods.", "Nodes run Pods.")
    catalog.update_language(pot_dir, lc, "zh_CN")
    write_pot(pot_dir, "guide/page", "The scheduler places Pods.", "Nodes run Pods.")
    catalog.update_language(pot_dir, lc, "zh_CN")
    restored = entry(po, "The scheduler places Pods.")
    assert not restored.fuzzy and restored.previous_msgid is None
    assert restored.msgstr == "调度器负责放置 Pod。"


def test_update_is_stable(tree: tuple[Path, Path]) -> None:
    pot_dir, lc = tree
    long_sentence = " ".join(["A long sentence that gettext has to wrap over several lines."] * 4)
    write_pot(pot_dir, "guide/page", "Nodes run Pods.", long_sentence)
    catalog.update_language(pot_dir, lc, "zh_CN")
    first = (lc / "guide/page.po").read_bytes()
    report = catalog.update_language(pot_dir, lc, "zh_CN")
    assert report.unchanged == ["guide/page.po"]
    assert (lc / "guide/page.po").read_bytes() == first
    assert max(len(line) for line in first.decode().splitlines()) <= 79


def test_only_named_pages_are_touched_and_orphans_are_kept(tree: tuple[Path, Path]) -> None:
    pot_dir, lc = tree
    write_pot(pot_dir, "other", "Another page.")
    report = catalog.update_language(pot_dir, lc, "zh_CN", pages=["other"])
    assert report.created == ["other.po"]
    assert report.updated == [] and report.unchanged == []

    (pot_dir / "guide/page.pot").unlink()
    before = (lc / "guide/page.po").read_bytes()
    report = catalog.update_language(pot_dir, lc, "zh_CN")
    assert report.orphaned == ["guide/page.po"]
    assert (lc / "guide/page.po").read_bytes() == before


def test_new_language_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pot_dir, locales = tmp_path / "gettext", tmp_path / "locales"
    write_pot(pot_dir, "index", "Welcome.")
    assert main(["--locales", str(locales), "new-language", "ja", "--pot-dir", str(pot_dir)]) == 0
    assert (locales / "ja" / "LC_MESSAGES" / "index.po").is_file()
    assert main(["--locales", str(locales), "languages"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "en ja"
    # refusing to overwrite an existing language keeps its work
    assert main(["--locales", str(locales), "new-language", "ja", "--pot-dir", str(pot_dir)]) == 2


def test_update_command(tree: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    pot_dir, lc = tree
    locales = lc.parent.parent
    write_pot(pot_dir, "guide/page", "The scheduler places the Pods.", "Nodes run Pods.")
    args = ["--locales", str(locales), "update", "--pot-dir", str(pot_dir), "--lang", "zh_CN"]
    assert main([*args, "guide/page"]) == 0
    assert capsys.readouterr().out == "zh_CN: 0 created, 1 updated, 0 unchanged\n"
    assert entry(lc / "guide/page.po", "The scheduler places the Pods.").fuzzy


def test_update_command_names_a_page_without_template(
    tree: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    pot_dir, lc = tree
    before = (lc / "guide/page.po").read_bytes()
    args = ["--locales", str(lc.parent.parent), "update", "--pot-dir", str(pot_dir), "guide/pag"]
    assert main(args) == 1
    out = capsys.readouterr()
    assert out.out == "zh_CN: 0 created, 0 updated, 0 unchanged\n"
    assert out.err.splitlines() == [
        f"{pot_dir / 'guide/pag.pot'}: no template for page 'guide/pag': check its name",
        "1 problem(s); a catalog named above was left as it was",
    ]
    assert (lc / "guide/page.po").read_bytes() == before
