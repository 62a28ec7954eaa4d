"""The PDF editions: ``make pdf`` builds every language with xelatex into a book a reader can use.

The session fixture runs the real command (``make pdf``) into a build folder of its own, reusing
the notebook cache of the session's HTML build, then the tests read the PDFs back with poppler-utils
(pdftotext, pdfinfo, pdfimages, pdftohtml) and check the LaTeX logs. Nothing skips: without TeX
the fixture fails and says what to install.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from conftest import BOOK, EDITIONS, REPO, BuiltBook

PDF_NAME = "ai-infra-book"
TOOLS = ("xelatex", "latexmk", "xindy", "pdftotext", "pdfinfo", "pdfimages", "pdftohtml")
DEBIAN_PACKAGES = (
    "texlive-xetex texlive-lang-chinese texlive-fonts-recommended latexmk xindy fonts-noto-cjk "
    "fonts-texgyre fonts-dejavu-core poppler-utils"
)
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class BuiltPdfs:
    """The output of one ``make pdf`` run into the session's build folder."""

    root: Path
    returncode: int
    output: str
    texts: dict[str, str] = field(default_factory=dict)

    def pdf(self, lang: str) -> Path:
        return self.root / "pdf" / f"{PDF_NAME}-{lang}.pdf"

    def latex_dir(self, lang: str) -> Path:
        return self.root / "latex" / lang

    def log(self, lang: str) -> str:
        return (self.latex_dir(lang) / f"{PDF_NAME}.log").read_text(errors="replace")

    def text(self, lang: str) -> str:
        """The PDF's text (pdftotext), read once."""
        if lang not in self.texts:
            self.texts[lang] = run("pdftotext", "-enc", "UTF-8", str(self.pdf(lang)), "-")
        return self.texts[lang]


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def squeeze(text: str) -> str:
    """Text compared without spaces, line breaks and hyphens (PDF lines wrap and hyphenate)."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


@pytest.fixture(scope="session")
def built_pdfs(built_book: BuiltBook, tmp_path_factory: pytest.TempPathFactory) -> BuiltPdfs:
    """``make pdf`` into a build folder of its own, with the HTML build's notebook cache."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    assert not missing, (
        f"the PDF build needs {', '.join(missing)}: apt-get install {DEBIAN_PACKAGES}"
    )
    root = tmp_path_factory.mktemp("pdf")
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-o",
            ".venv/.installed",  # the suite's own Python runs the build; never reinstall
            "pdf",
            f"BUILDDIR={root}",
            f"NBCACHE=-D nb_execution_cache_path={built_book.root / '.jupyter_cache'}",
            f"PY={sys.executable}",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    return BuiltPdfs(root, result.returncode, result.stdout + result.stderr)


def chapters(built_book: BuiltBook, lang: str) -> list[str]:
    """The title of every chapter in ``_toc.yml`` order, as the built HTML shows it."""
    toc = yaml.safe_load((BOOK / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    titles = []
    for name in files:
        page = BeautifulSoup(
            (built_book.html / lang / f"{name}.html").read_text(encoding="utf-8"), "html.parser"
        )
        h1 = page.select_one("article h1") or page.find("h1")
        for extra in h1.select("a.headerlink, span.section-number"):
            extra.decompose()
        titles.append(h1.get_text(" ", strip=True))
    return titles


@pytest.mark.parametrize("lang", EDITIONS)
def test_make_pdf_builds_each_edition(built_pdfs: BuiltPdfs, lang: str) -> None:
    assert built_pdfs.returncode == 0, built_pdfs.output[-5000:]
    assert built_pdfs.pdf(lang).is_file()
    site_copy = built_pdfs.root / "html" / lang / "_downloads" / f"{PDF_NAME}-{lang}.pdf"
    assert site_copy.read_bytes() == built_pdfs.pdf(lang).read_bytes()


@pytest.mark.parametrize("lang", EDITIONS)
def test_no_missing_glyph(built_pdfs: BuiltPdfs, lang: str) -> None:
    """XeTeX drops a character no font has and only logs it: any such line is a lost glyph."""
    missing = sorted(
        {line for line in built_pdfs.log(lang).splitlines() if "Missing character" in line}
    )
    assert missing == [], "add the characters to book_tools.ext.latex.FALLBACK_GLYPHS or a font"


@pytest.mark.parametrize("lang", EDITIONS)
def test_page_count_and_size(built_pdfs: BuiltPdfs, lang: str) -> None:
    info = run("pdfinfo", str(built_pdfs.pdf(lang)))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    assert 150 < pages < 2000, info
    assert "A4" in info


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_chapter_title_is_in_the_pdf(
    built_book: BuiltBook, built_pdfs: BuiltPdfs, lang: str
) -> None:
    text = squeeze(built_pdfs.text(lang))
    titles = chapters(built_book, lang)
    assert len(titles) > 50
    missing = [title for title in titles[1:] if squeeze(title) not in text]  # [0]: the book title
    assert missing == []


def lines(text: str) -> set[str]:
    return {line.strip() for line in text.splitlines()}


def test_chinese_edition_is_chinese(built_pdfs: BuiltPdfs) -> None:
    zh = built_pdfs.text("zh_CN")
    en = built_pdfs.text("en")
    # the Chinese edition is largely Chinese (code and manifests stay English); the English one
    # quotes Chinese only in examples (a language name, the translator's guide): under one
    # character in a thousand, whatever the book's size
    assert len(CJK.findall(zh)) > len(zh) / 10
    assert len(CJK.findall(en)) < len(en) / 1000
    flat = squeeze(zh)
    for heading in ("目录", "第1章", "第一部分", "索引"):
        assert heading in flat, heading
    assert re.search(r"图\s*\d+\.\d+", zh), "figure captions are numbered 图 N.M"
    assert re.search(r"表\s*\d+\.\d+", zh), "table captions are numbered 表 N.M"
    english = [
        line
        for line in lines(zh)
        # LaTeX's English headings as LaTeX writes them: "index" alone can be a word of the
        # text (a Pod's group index in a lab's output), "Index" is the heading
        if re.fullmatch(r"Contents|Index|(Chapter|Part) [\dIVX]+|Chapter \w+", line)
    ]
    assert english == []


KANA = re.compile(r"[\u3040-\u30ff]")


def test_japanese_edition_is_japanese(built_pdfs: BuiltPdfs) -> None:
    ja = built_pdfs.text("ja")
    # kana are Japanese only: the Chinese edition has none outside the translator's guide
    assert len(KANA.findall(ja)) > len(ja) / 20
    assert len(KANA.findall(built_pdfs.text("zh_CN"))) < len(ja) / 1000
    flat = squeeze(ja)
    for heading in ("目次", "第1章", "第I部", "索引"):
        assert heading in flat, heading
    assert re.search(r"図\s*\d+\.\d+", ja), "figure captions are numbered 図 N.M"
    assert re.search(r"表\s*\d+\.\d+", ja), "table captions are numbered 表 N.M"
    english = [
        line
        for line in lines(ja)
        if re.fullmatch(r"Contents|Index|(Chapter|Part) [\dIVX]+|Chapter \w+", line)
    ]
    assert english == []


def test_english_edition_headings(built_pdfs: BuiltPdfs) -> None:
    text = built_pdfs.text("en")
    headings = {line.casefold() for line in lines(text)}
    assert {"contents", "index", "part i", "part ii"} <= headings
    assert re.search(r"Fig\.\s*\d+\.\d+", text) and re.search(r"Table\s*\d+\.\d+", text)


def outline(pdf: Path) -> list[tuple[int, str]]:
    """The PDF bookmarks as (depth, title), read with pdftohtml's XML output."""
    xml = run("pdftohtml", "-xml", "-i", "-q", "-stdout", "-f", "1", "-l", "1", str(pdf))
    root = ElementTree.fromstring(xml)
    items: list[tuple[int, str]] = []

    def walk(element: object, depth: int) -> None:
        for child in element:  # type: ignore[attr-defined]
            if child.tag == "item":
                items.append((depth, "".join(child.itertext()).strip()))
            elif child.tag == "outline":
                walk(child, depth + 1)

    for top in root.findall("outline"):
        walk(top, 0)
    return items


@pytest.mark.parametrize("lang", EDITIONS)
def test_bookmarks_hold_parts_and_chapters(
    built_book: BuiltBook, built_pdfs: BuiltPdfs, lang: str
) -> None:
    marks = outline(built_pdfs.pdf(lang))
    toc = yaml.safe_load((BOOK / "_toc.yml").read_text(encoding="utf-8"))
    top = [title for depth, title in marks if depth == 0]
    assert len(top) >= len(toc["parts"]) + 1, top  # the parts, the front chapter, the index
    titles = {squeeze(title) for _, title in marks}
    assert {squeeze(t) for t in chapters(built_book, lang)[1:]} <= titles


@pytest.mark.parametrize("lang", EDITIONS)
def test_notebook_figures_and_diagrams_are_included(built_pdfs: BuiltPdfs, lang: str) -> None:
    images = [
        line.split()
        for line in run("pdfimages", "-list", str(built_pdfs.pdf(lang))).splitlines()[2:]
    ]
    pngs = list(built_pdfs.latex_dir(lang).glob("*.png"))  # notebook outputs the book uses
    assert len(pngs) >= 9
    assert len([row for row in images if row[2] == "image"]) >= len(pngs)
    tex = (built_pdfs.latex_dir(lang) / f"{PDF_NAME}.tex").read_text(encoding="utf-8")
    for png in pngs:
        assert f"{{{png.stem}}}.png" in tex
    assert "\\begin{tikzpicture}" in tex  # the landscape map, drawn as vectors


@pytest.mark.parametrize("lang", EDITIONS)
def test_index_holds_the_glossary_terms(
    built_book: BuiltBook, built_pdfs: BuiltPdfs, lang: str
) -> None:
    glossary = BeautifulSoup(
        (built_book.html / lang / "reference" / "glossary.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    terms = [
        dt.get_text(" ", strip=True).rstrip("#").strip() for dt in glossary.select("dl.glossary dt")
    ]
    assert len(terms) > 20
    index = (built_pdfs.latex_dir(lang) / f"{PDF_NAME}.ind").read_text(encoding="utf-8")
    index = re.sub(r"\\sphinxhyphen\s*\{\}", "-", index)
    index = squeeze(re.sub(r"\\([&%$#_{}])", r"\1", index))
    missing = [term for term in terms if squeeze(term) not in index]
    assert missing == []


#: The download link's label and tooltip, from the extension's catalogs (English otherwise).
PDF_LINK = {
    "en": ("Book (PDF)", "Download the whole book as a PDF"),
    "zh_CN": ("全书 PDF", "下载全书的 PDF 版"),
    "ja": ("書籍（PDF）", "書籍全体をPDFでダウンロード"),
}


@pytest.mark.parametrize("lang", EDITIONS)
def test_html_offers_the_pdf(built_book: BuiltBook, built_pdfs: BuiltPdfs, lang: str) -> None:
    """Every page links the edition's PDF where ``make pdf`` puts it in the published site."""
    for rel in ("index.html", "kubernetes/dra.html", "examples/roofline.html"):
        page = BeautifulSoup(
            (built_book.html / lang / rel).read_text(encoding="utf-8"), "html.parser"
        )
        canonical = page.find("link", rel="canonical")["href"]
        edition = canonical.removesuffix(rel)
        assert edition.endswith(f"/{lang}/"), canonical
        link = page.select_one("a.btn-download-book-pdf-button")
        assert link is not None, rel
        assert link["href"] == f"{edition}_downloads/{PDF_NAME}-{lang}.pdf"
        assert (link.get_text(strip=True), link["title"]) == PDF_LINK[lang]
        local = built_pdfs.root / "html" / lang / link["href"].removeprefix(edition)
        assert local.read_bytes() == built_pdfs.pdf(lang).read_bytes()
