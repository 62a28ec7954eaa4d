"""The PDF editions of the book (``extensions = [..., "book_tools.ext.latex"]``).

``book/conf.py`` holds the language-independent LaTeX settings; this module adds what depends on
the language or on the book's structure:

* each edition's LaTeX language setup and CJK fonts come from its settings
  (:mod:`book_tools.languages`: ctex with Noto CJK SC for Simplified Chinese, xeCJK with the
  Japanese or Korean Noto CJK fonts and captions for those, ...), never from a test of the code;
* the part captions of ``_toc.yml`` become numbered ``\\part`` headings (Sphinx drops toctree
  captions when it assembles the single LaTeX document), and the root page's own sections come
  before them, unnumbered;
* the table of contents is called "Contents" / "目录", not the first part's caption (Sphinx
  names it after the first toctree caption of the root page): :class:`BookLaTeXBuilder`;
* the landscape map gets a landscape page (pdflscape), and tall tables become longtables that
  break across pages, with column widths derived from their text;
* every HTML page offers the PDF of its edition in the theme's download menu, labelled through
  the extension's message catalog.

The ``pdf`` target of the Makefile builds the PDFs and copies each one to
``<html outdir>/_downloads/<book_pdf_name>-<lang>.pdf``; the download link points at that place
on the published site (``book_base_url``), so publish with ``make html pdf``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex import LaTeXBuilder
from sphinx.builders.latex.util import ExtBabel
from sphinx.config import Config

from book_tools import __version__
from book_tools.ext.edition import current_edition
from book_tools.ext.messages import _
from book_tools.ext.urls import edition_url

#: Characters the Latin text fonts lack, drawn another way where the current font has no glyph
#: (``\\iffontchar``): superscript and subscript digits, letters and signs, much-less/greater-than. A
#: character missing from every font stops nothing in LaTeX, so ``tests/test_pdf.py`` fails on
#: any "Missing character" line of the log: add the character here.
FALLBACK_GLYPHS: dict[str, str] = {
    **{chr(0x2070 + i): f"\\textsuperscript{{{i}}}" for i in (0, 4, 5, 6, 7, 8, 9)},
    "\u207a": "\\textsuperscript{+}",
    "\u207b": "\\textsuperscript{\\textminus}",
    "\u207c": "\\textsuperscript{=}",
    "\u207d": "\\textsuperscript{(}",
    "\u207e": "\\textsuperscript{)}",
    "\u207f": "\\textsuperscript{n}",
    "\u1d4d": "\\textsuperscript{g}",  # MODIFIER LETTER SMALL G (Mem0ᵍ in the memory chapter)
    **{chr(0x2080 + i): f"\\textsubscript{{{i}}}" for i in range(10)},
    "\u208a": "\\textsubscript{+}",
    "\u208b": "\\textsubscript{\\textminus}",
    "\u208c": "\\textsubscript{=}",
    "\u208d": "\\textsubscript{(}",
    "\u208e": "\\textsubscript{)}",
    "\u2308": "\\ensuremath{\\lceil}",  # ceilings and floors in the sizer notebooks
    "\u2309": "\\ensuremath{\\rceil}",
    "\u230a": "\\ensuremath{\\lfloor}",
    "\u230b": "\\ensuremath{\\rfloor}",
    "\u226a": "\\ensuremath{\\ll}",
    "\u226b": "\\ensuremath{\\gg}",
}


def fallback_preamble(glyphs: dict[str, str] = FALLBACK_GLYPHS) -> str:
    """``\\newunicodechar`` definitions: the font's own glyph if it has one, else *glyphs*."""
    lines = [
        "\\usepackage{newunicodechar}",
        "\\newcommand\\bookglyph[2]{\\iffontchar\\font#1 \\char#1 \\else#2\\fi}",
    ]
    for char, latex in sorted(glyphs.items()):
        code = f'"{ord(char):04X}'
        lines.append(
            f"\\newunicodechar{{{char}}}"
            f"{{\\texorpdfstring{{\\bookglyph{{{code}}}{{{latex}}}}}{{{char}}}}}"
        )
    return "\n".join(lines) + "\n"


class book_part(nodes.Element):  # noqa: N801 (docutils node classes are lower case)
    """A part of the book: one captioned toctree of the root page, as a LaTeX ``\\part``."""


def latex_visit_part(self: Any, node: book_part) -> None:
    """Write ``\\part{caption}`` (numbered: Part I, 第一部分 ...)."""
    self.body.append("\n\\part{" + self.encode(node["caption"]) + "}\n")
    raise nodes.SkipNode


def skip_part(self: Any, node: book_part) -> None:
    """Other builders never see a part (it is added to the LaTeX document only)."""
    raise nodes.SkipNode


def cjk_font_commands(fonts: dict[str, str]) -> str:
    """xeCJK's font commands for an edition's ``cjk_fonts`` (main, sans and mono; bold faces)."""
    return (
        f"\\setCJKmainfont{{{fonts['main']}}}[BoldFont={{{fonts['main_bold']}}}, "
        f"ItalicFont={{{fonts['main']}}}]\n"
        f"\\setCJKsansfont{{{fonts['sans']}}}[BoldFont={{{fonts['sans_bold']}}}]\n"
        f"\\setCJKmonofont{{{fonts['mono']}}}\n"
    )


def configure(app: Sphinx, config: Config) -> None:
    """``config-inited``: the edition's LaTeX language setup and fonts, from its settings.

    Everything comes from :mod:`book_tools.languages` (the script's defaults in ``scripts.yaml``,
    ``locales/<code>/language.yaml``): the ``latex_elements`` the edition replaces (ctex for
    Chinese, no babel for Japanese and Korean), xeCJK and the CJK fonts after conf.py's Latin
    fonts, captions and headings at the end of the preamble, and the document class.
    """
    pdf = current_edition(app, config).pdf
    elements = dict(config.latex_elements or {})
    elements.update(pdf.latex_elements)
    cjk_setup = pdf.cjk_setup + "\n" if pdf.cjk_setup else ""
    elements["fontpkg"] = elements.get("fontpkg", "") + cjk_setup + cjk_font_commands(pdf.cjk_fonts)
    elements["preamble"] = elements.get("preamble", "") + pdf.preamble + fallback_preamble()
    config.latex_elements = elements
    if pdf.latex_docclass:
        config.latex_docclass = {**(config.latex_docclass or {}), **pdf.latex_docclass}


class BookLaTeXBuilder(LaTeXBuilder):
    """Sphinx's LaTeX builder with the book's two differences.

    * The table of contents keeps its own name ("Contents", "目录"): Sphinx names it after the
      first caption of the root page's toctrees, which here is the first part.
    * An edition whose settings switch babel and polyglossia off sets its language up itself
      (ctex, or xeCJK with its captions): Sphinx's table of babel languages is then not
      consulted, so a language babel does not list (Korean) builds without a warning.
    """

    def get_contentsname(self, indexfile: str) -> str:
        """No name of our own: LaTeX's, in the edition's language."""
        return ""

    def init_babel(self) -> None:
        """Babel's language name, or none needed when the edition sets its language up."""
        if self.context["babel"] or self.context["polyglossia"]:
            super().init_babel()
            return
        self.babel = ExtBabel(self.config.language, use_polyglossia=False)
        self.babel.supported = True  # nothing babel-specific is written for this edition


def _part_starts(root: nodes.Node) -> dict[str, str]:
    """First document of each captioned toctree of the root page -> that toctree's caption."""
    starts = {}
    for toctree in root.findall(addnodes.toctree):
        files = toctree.get("includefiles") or []
        if toctree.get("caption") and files:
            starts[files[0]] = toctree["caption"]
    return starts


def add_parts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` of the assembled LaTeX document: parts and the front matter.

    Each document that opens a part of ``_toc.yml`` gets a :class:`book_part` before it. The
    root page's own text comes before the first part: its sections are not numbered, and its
    introduction moves under its first section heading (instead of standing between the table
    of contents and the first heading with no title of its own).
    """
    if app.builder.name != "latex" or docname != app.config.root_doc:
        return
    starts = _part_starts(app.env.get_doctree(docname))
    if not starts:
        return
    first = None
    for sof in list(doctree.findall(addnodes.start_of_file)):
        caption = starts.get(sof["docname"])
        if caption is None:
            continue
        part = book_part(caption=caption)
        part.source, part.line = sof.source, sof.line
        sof.parent.insert(sof.parent.index(sof), part)
        first = first or part
    if first is None:
        return
    _front_matter(first)


def _front_matter(first_part: book_part) -> None:
    """Unnumbered headings before the first part; the introduction under the first heading."""
    anchor: nodes.Element = first_part  # the part, or the toctree wrapper that holds it
    while anchor.parent is not None and not isinstance(anchor.parent, nodes.section):
        anchor = anchor.parent
    body = anchor.parent
    if body is None:
        return
    front_sections = [
        child for child in body.children[: body.index(anchor)] if isinstance(child, nodes.section)
    ]
    if not front_sections:
        return
    intro = [
        child
        for child in body.children[: body.index(front_sections[0])]
        if not isinstance(child, nodes.title | nodes.section | nodes.target)
    ]
    heading = front_sections[0]
    position = heading.index(heading.next_node(nodes.title)) + 1
    for offset, node in enumerate(intro):
        body.remove(node)
        heading.insert(position + offset, node)
    unnumbered = nodes.raw(
        "",
        "\\newcounter{booksecnumdepth}\\setcounter{booksecnumdepth}{\\value{secnumdepth}}"
        "\\setcounter{secnumdepth}{-1}\n",
        format="latex",
    )
    renumbered = nodes.raw(
        "", "\\setcounter{secnumdepth}{\\value{booksecnumdepth}}\n", format="latex"
    )
    body.insert(body.index(heading), unnumbered)
    body.insert(body.index(anchor), renumbered)


#: A table estimated taller than this many lines of text becomes a longtable (tabulary cannot
#: break across pages and would run off the bottom of the page).
LONG_TABLE_LINES = 32
LINE_CHARS = 105  # Latin characters of body text in a line of the page's text width
CELL_PADDING = 4  # a cell's padding (\tabcolsep on each side), in characters
LONGEST_WORD = 24  # longer words break (URLs, camel case and snake case in code do)
_WORD = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+")
_WIDE_RUN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+")
SHORT_WIDE_RUN = 8  # a Chinese run up to this width (four characters) is kept on one line


def text_width(text: str) -> int:
    """Width of *text* in Latin characters: a Chinese (wide) character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _longest_word(text: str) -> int:
    """Width of the widest unbreakable piece of *text* that one line of a cell should hold."""
    latin = [min(len(w), LONGEST_WORD) for w in _WORD.findall(text)]
    wide = [min(text_width(run), SHORT_WIDE_RUN) for run in _WIDE_RUN.findall(text)]
    return max([*latin, *wide, 1])


def _column_widths(rows: list[list[str]]) -> list[int]:
    """Column widths, in characters, from the cells' text, the way tabulary shares the line:
    a column never gets less than its longest word (bold headers are wider) nor more than its
    longest cell; the line's remaining width goes to the other columns by their text."""
    count = len(rows[0])
    natural = [max(text_width(row[i]) for row in rows) + CELL_PADDING for i in range(count)]
    if sum(natural) <= LINE_CHARS:
        return natural
    least = [
        min(natural[i], -(-max(_longest_word(row[i]) for row in rows) * 6 // 5) + CELL_PADDING)
        for i in range(count)
    ]
    totals = [sum(text_width(row[i]) for row in rows) + 1 for i in range(count)]
    fixed: dict[int, int] = {}
    while True:
        flexible = [i for i in range(count) if i not in fixed]
        room = max(LINE_CHARS - sum(fixed.values()), len(flexible))
        share = sum(totals[i] for i in flexible) or 1
        bounded = {i: min(max(room * totals[i] / share, least[i]), natural[i]) for i in flexible}
        newly = {i: round(w) for i, w in bounded.items() if w != room * totals[i] / share}
        if not newly or not flexible:
            break
        fixed.update(newly)
    return [fixed.get(i) or max(1, round(room * totals[i] / share)) for i in range(count)]


def _estimated_lines(rows: list[list[str]], widths: list[int]) -> int:
    """Lines of text the table takes when its columns get *widths* of the line width."""
    scale = LINE_CHARS / sum(widths)
    room = [max(1, int(width * scale) - CELL_PADDING) for width in widths]
    return sum(
        max(max(1, -(-text_width(cell) // chars)) for cell, chars in zip(row, room, strict=True))
        for row in rows
    )


def long_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: tall tables become longtables, which break across pages.

    Sphinx sets a table of up to 30 rows with tabulary, which cannot break across pages: a table
    of long cells then runs off the bottom of the page. A longtable needs column widths (or its
    columns never wrap), so they are derived from the cells' text.
    """
    if app.builder.name != "latex":
        return
    for table in list(doctree.findall(nodes.table)):
        if "longtable" in table["classes"] or table.next_node(nodes.table, include_self=False):
            continue
        tgroup = table.next_node(nodes.tgroup)
        if tgroup is None:
            continue
        colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
        rows = [
            [entry.astext() for entry in row.findall(nodes.entry)]
            for row in tgroup.findall(nodes.row)
        ]
        spans = any(e.get("morecols") or e.get("morerows") for e in tgroup.findall(nodes.entry))
        if not rows or spans or any(len(row) != len(colspecs) for row in rows):
            continue
        widths = _column_widths(rows)
        if _estimated_lines(rows, widths) <= LONG_TABLE_LINES:
            continue
        table["classes"].append("longtable")
        if "colwidths-given" not in table["classes"]:
            table["classes"].append("colwidths-given")
            for colspec, width in zip(colspecs, widths, strict=True):
                colspec["colwidth"] = width


def _is_landscape_map(node: nodes.Node) -> bool:
    from landscape_directive.nodes import is_landscape_map  # the map's own landscape_page mark

    return is_landscape_map(node)


def landscape_pages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the landscape map (about 3:1) gets a page turned sideways.

    The figure around the map goes into pdflscape's ``landscape`` environment, where the line
    width the map is scaled to is the page's height: about 40% larger than on a portrait page.
    """
    if app.builder.name != "latex":
        return
    for node in list(doctree.findall(_is_landscape_map)):
        figure = node.parent
        while figure is not None and not isinstance(figure, nodes.figure):
            figure = figure.parent
        target = figure if figure is not None else node
        parent = target.parent
        parent.insert(parent.index(target), nodes.raw("", "\\begin{landscape}\n", format="latex"))
        parent.insert(parent.index(target) + 1, nodes.raw("", "\\end{landscape}\n", format="latex"))


def pdf_url(base_url: str, language: str, name: str) -> str:
    """Where the published site serves an edition's PDF: ``<edition>/_downloads/<name>-<lang>.pdf``."""
    return f"{edition_url(base_url, language)}_downloads/{name}-{language}.pdf"


def pdf_link(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the edition's PDF in the header's download menu.

    The link is the published address (``book_base_url``), not a relative one: ``make html``
    alone builds no PDF, and a relative link would be broken in every site that is not
    published with ``make pdf`` (which copies each PDF to that place in the HTML output).
    """
    if not app.config.book_base_url:
        return
    language = app.config.language or "en"
    url = pdf_url(app.config.book_base_url, language, app.config.book_pdf_name)
    for group in context.get("header_buttons") or []:
        if group.get("label") == "download-buttons":
            group["buttons"].append(
                {
                    "type": "link",
                    "url": url,
                    "text": str(_("Book (PDF)")),
                    "tooltip": str(_("Download the whole book as a PDF")),
                    "icon": "fas fa-book",
                    "label": "download-book-pdf-button",
                }
            )


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the PDF settings, the part headings and the download link."""
    app.add_config_value("book_pdf_name", "ai-infra-book", "html", types=[str])
    app.add_node(
        book_part,
        latex=(latex_visit_part, None),
        html=(skip_part, None),
        text=(skip_part, None),
        man=(skip_part, None),
        texinfo=(skip_part, None),
    )
    app.add_builder(BookLaTeXBuilder, override=True)
    app.connect("config-inited", configure)
    app.connect("doctree-resolved", add_parts)
    app.connect("doctree-resolved", landscape_pages)
    app.connect("doctree-resolved", long_tables)
    app.add_latex_package("pdflscape")
    app.connect("html-page-context", pdf_link, priority=520)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
