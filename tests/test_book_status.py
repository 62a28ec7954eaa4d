"""The book's own status boxes: every one dated, every one listed on the re-check page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import BuiltBook

PREFIX = {"en": "As of ", "zh_CN": "截至 "}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_status_box_is_dated_and_listed(built_book: BuiltBook, lang: str) -> None:
    boxes = 0
    for page in built_book.pages(lang):
        soup = BeautifulSoup((built_book.html / lang / page).read_text("utf-8"), "html.parser")
        for box in soup.select("div.admonition.status"):
            title = box.select_one(".admonition-title").get_text()
            assert title.startswith(PREFIX[lang]), f"{lang}/{page}: undated status box {title!r}"
            boxes += 1
    index = BeautifulSoup(
        (built_book.html / lang / "reference" / "status-boxes.html").read_text("utf-8"),
        "html.parser",
    )
    dates = [row.select_one("td").get_text() for row in index.select("table.status-index tbody tr")]
    assert len(dates) == boxes
    assert dates == sorted(dates)
