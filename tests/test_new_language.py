"""A new language goes from nothing to built, switchable and counted with one command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import REPO, sphinx_build


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def book_tools(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``python -m book_tools --locales locales ARGS`` in the copied repository."""
    return run(sys.executable, "-m", "book_tools", "--locales", "locales", *args, cwd=cwd)


def sphinx(builder: str, lang: str, root: Path, out: Path) -> None:
    result = sphinx_build(
        builder,
        out / builder / lang,
        out / "doctrees" / f"{builder}-{lang}",
        "-D",
        f"language={lang}",
        "-D",
        "nb_execution_mode=off",
        srcdir=root / "book",
    )
    assert result.returncode == 0, result.stderr


def test_throwaway_language_end_to_end(tmp_path: Path) -> None:
    """Korean, the next language nobody has added: a fourth edition with no code change."""
    root = tmp_path / "repo"
    for part in ("book", "locales", "examples", "src"):
        shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("*.mo"))
    out = tmp_path / "_build"

    # the one command (after extraction): catalogs of a new language
    sphinx("gettext", "en", root, out)
    book_tools("new-language", "ko", "--pot-dir", str(out / "gettext" / "en"), cwd=root)
    settings = (root / "locales" / "ko" / "language.yaml").read_text(encoding="utf-8")
    assert "script: Kore" in settings  # babel's script, and that script's fonts, spelled out
    assert "main: Noto Serif CJK KR" in settings
    # one catalog per extracted template, whatever the book holds today
    lc_messages = root / "locales" / "ko" / "LC_MESSAGES"
    templates = out / "gettext" / "en"
    catalogs = {p.relative_to(lc_messages).with_suffix("") for p in lc_messages.rglob("*.po")}
    assert catalogs == {p.relative_to(templates).with_suffix("") for p in templates.rglob("*.pot")}
    assert catalogs

    # it builds, and every edition's switcher lists it
    sphinx("html", "ko", root, out)
    sphinx("html", "en", root, out)
    page = BeautifulSoup(
        (out / "html" / "ko" / "kubernetes" / "dra.html").read_text(), "html.parser"
    )
    assert page.html["lang"] == "ko"
    english = BeautifulSoup(
        (out / "html" / "en" / "kubernetes" / "dra.html").read_text(), "html.parser"
    )
    targets = {a["hreflang"]: a["href"] for a in english.select("a.book-language-link")}
    assert targets["ko"] == "../../ko/kubernetes/dra.html"

    # and the statistics count it (nothing translated yet)
    stats = json.loads(book_tools("stats", "--json", "-", cwd=root).stdout)
    assert set(stats) == {"ja", "ko", "zh_CN"}
    assert stats["ko"]["total"]["translated"] == 0
    assert stats["ko"]["total"]["untranslated"] > 1000
