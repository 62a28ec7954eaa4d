"""Markdown table cells reach the catalogs and are translated; display math stays out."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import ROOTS
from test_banner import build


def test_table_cells_are_extracted_and_translated(tmp_path: Path) -> None:
    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-table-cells", root)
    pot = (build(root, "gettext", "en") / "index.pot").read_text(encoding="utf-8")
    for cell in ("Option", "Isolation", "hardware"):
        assert f'msgid "{cell}"' in pot
    assert "mc^2" not in pot  # display math stays out of the catalogs
    html = BeautifulSoup(
        (build(root, "html", "zh_CN") / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    cells = [c.get_text(strip=True) for c in html.select("table th, table td")]
    assert cells == ["方案", "隔离", "MIG", "硬件"]
    assert html.select_one("table caption .caption-text").get_text(strip=True) == "设备共享"
    assert "E = mc^2" in html.select_one("div.math").get_text()
