"""The book's own status boxes: every one dated, every one listed on the re-check page."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import EDITIONS, BuiltBook

#: a status box's title, "As of {date}" in each edition's words
DATED = {
    "en": r"As of [A-Z][a-z]+ \d{1,2}, \d{4}$",  # babel's medium date: November 27, 2026
    "zh_CN": r"截至 \d{4}年\d{1,2}月\d{1,2}日$",
    "ja": r"\d{4}年\d{1,2}月\d{1,2}日時点$",
}


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_status_box_is_dated_and_listed(built_book: BuiltBook, lang: str) -> None:
    boxes = 0
    for page in built_book.pages(lang):
        soup = BeautifulSoup((built_book.html / lang / page).read_text("utf-8"), "html.parser")
        for box in soup.select("div.admonition.status"):
            title = box.select_one(".admonition-title").get_text()
            assert re.match(DATED[lang], title), f"{lang}/{page}: undated status box {title!r}"
            boxes += 1
    index = BeautifulSoup(
        (built_book.html / lang / "reference" / "status-boxes.html").read_text("utf-8"),
        "html.parser",
    )
    dates = [row.select_one("td").get_text() for row in index.select("table.status-index tbody tr")]
    assert len(dates) == boxes
    assert dates == sorted(dates)
