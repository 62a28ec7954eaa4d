"""Dated status boxes: titled in the reader's language, listed oldest first, never undated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOTS, sphinx_build


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "src"
    shutil.copytree(ROOTS / "test-status", target)
    return target


def build(root: Path, *extra: str, language: str = "en", builder: str = "html") -> Path:
    out = root / "_build" / f"{builder}-{language}"
    result = sphinx_build(
        builder,
        out,
        root / "_build" / f"doctrees-{builder}-{language}",
        "-D",
        f"language={language}",
        *extra,
        srcdir=root,
    )
    assert result.returncode == 0, result.stderr
    return out


def rows(page: Path) -> list[tuple[str, str, str]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [
        tuple(cell.get_text(" ", strip=True) for cell in row.select("td"))
        for row in soup.select("table.status-index tbody tr")
    ]


def test_boxes_are_titled_with_their_date(root: Path) -> None:
    out = build(root)
    soup = BeautifulSoup((out / "b.html").read_text(encoding="utf-8"), "html.parser")
    titles = [t.get_text() for t in soup.select("div.status .admonition-title")]
    assert titles == ["As of June 30, 2025", "As of December 5, 2026"]


def test_index_lists_every_box_oldest_first(root: Path) -> None:
    out = build(root)
    assert rows(out / "ageing.html") == [
        ("2025-06-30", "Page B", "Feature Y is beta since v1.33."),
        ("2026-11-01", "Page A", "Project X v1.2 serves the v1beta2 API."),
        ("2026-12-05", "Page B", "Project Z was renamed."),
    ]


def test_translated_edition_lists_translated_boxes(root: Path) -> None:
    out = build(root, language="zh_CN")
    soup = BeautifulSoup((out / "b.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("div.status .admonition-title").get_text() == "截至 2025年6月30日"
    assert rows(out / "ageing.html")[0] == ("2025-06-30", "Page B", "特性 Y 自 v1.33 起为 Beta。")


def test_parallel_read_finds_the_same_boxes(root: Path) -> None:
    (root / "c.md").write_text("# C\n\n```{status} 2024-01-02\nOld news.\n```\n", "utf-8")
    (root / "index.md").write_text(
        (root / "index.md").read_text("utf-8").replace("ageing\n", "ageing\nc\n"), "utf-8"
    )
    out = build(root, "-j", "2")
    assert [r[0] for r in rows(out / "ageing.html")] == [
        "2024-01-02",
        "2025-06-30",
        "2026-11-01",
        "2026-12-05",
    ]


def test_a_changed_box_updates_the_index_without_touching_it(root: Path) -> None:
    build(root)
    page = root / "a.md"
    page.write_text(page.read_text("utf-8").replace("2026-11-01", "2023-03-04"), "utf-8")
    out = build(root)  # incremental: ageing.md itself did not change
    assert rows(out / "ageing.html")[0][:2] == ("2023-03-04", "Page A")


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("", "1 argument(s) required, 0 supplied"),
        (" 2026-02-30", "'2026-02-30' is not a date"),
        (" December 2026", "'December 2026' is not a date"),
    ],
)
def test_a_box_without_a_real_date_fails_at_its_line(
    root: Path, argument: str, expected: str
) -> None:
    (root / "a.md").write_text(f"# Page A\n\nText.\n\n```{{status}}{argument}\nSome fact.\n```\n")
    out = root / "_build" / "bad"
    result = sphinx_build("html", out, out / ".doctrees", srcdir=root)
    assert result.returncode != 0
    assert f"{root / 'a.md'}:5:" in result.stderr
    assert expected in result.stderr


def test_latex_renders_the_boxes_and_the_index(root: Path) -> None:
    out = build(root, builder="latex")
    tex = "\n".join(p.read_text(encoding="utf-8") for p in out.glob("*.tex"))
    assert "As of December 5, 2026" in tex
    assert "Project Z was renamed." in tex
