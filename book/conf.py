"""Sphinx configuration: the single configuration of AI Infra Book, for every language and builder.

The language comes from the command line (``-D language=zh_CN``); the Makefile builds each
language discovered in ``../locales`` into ``_build/html/<lang>/``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

BOOK_DIR = Path(__file__).resolve().parent
REPO_DIR = BOOK_DIR.parent
sys.path.insert(0, str(REPO_DIR / "src"))  # use the in-tree extensions even without installing

# -- Project -----------------------------------------------------------------
project = "AI Infra Book"
author = "AI Infra Book contributors"
copyright = "2026, AI Infra Book contributors"  # noqa: A001
release = version = "0.1"

# Where the book is published and where its sources live. Both are settings, not facts of the
# build: override them in the environment when publishing a fork.
# Each edition is published under <book_base_url>/<language>/; canonical links, the sitemap,
# Open Graph metadata and the 404 page are derived from it (book_tools.ext.furniture).
book_base_url = os.environ.get("BOOK_BASE_URL", "https://ai-infra-book.github.io/ai-infra-book/")
repository_url = os.environ.get(
    "BOOK_REPOSITORY_URL", "https://github.com/ai-infra-book/ai-infra-book"
)
repository_branch = os.environ.get("BOOK_REPOSITORY_BRANCH", "main")
book_repository_url = repository_url  # "suggest a translation" links point at the .po files here
book_repository_branch = repository_branch

# -- Extensions --------------------------------------------------------------
extensions = [
    # first, so that the others' regular expressions come compiled from the last build
    "book_tools.regex_cache",
    # one notebook cache for editions built side by side; sets up myst_nb (MyST Markdown and
    # notebooks, with myst-parser) with its execution clients imported only when used
    "book_tools.ext.notebook_cache",
    "myst_nb",
    "sphinx_external_toc",  # _toc.yml, Jupyter Book's table of contents
    "sphinx_design",
    "sphinx_copybutton",
    "sphinx.ext.graphviz",
    "notfound.extension",
    "landscape_directive",
    "book_tools.ext",
    "book_tools.ext.latex",
]

landscape_data = "_data/landscape.yaml"  # the landscape's data set (landscape_directive)
book_examples_dir = "../examples"  # mirrored into book/examples/ (see book_tools.ext.examples_sync)

external_toc_path = "_toc.yml"
external_toc_exclude_missing = False

root_doc = "index"
exclude_patterns = [
    "_build",
    "Thumbs.db",
    ".DS_Store",
    "**.ipynb_checkpoints",
    "examples/README.md",
]

# -- MyST and notebooks --------------------------------------------------------
myst_enable_extensions = [
    "colon_fence",
    "deflist",
    "dollarmath",
    "substitution",
    "attrs_inline",
]
myst_heading_anchors = 3

# Jupyter Book's convention: execute notebooks through the jupyter-cache, so an unchanged
# notebook is never executed again. The cache lives beside the doctrees of each build.
nb_execution_mode = "cache"
nb_execution_cache_path = os.environ.get(
    "BOOK_JUPYTER_CACHE", str(REPO_DIR / "_build" / ".jupyter_cache")
)
nb_execution_timeout = 180
# A failing cell is a warning naming the notebook and showing the cell and its error; the -W
# build turns it into a failure (raising instead would crash with only the notebook's path).
nb_execution_raise_on_error = False
nb_execution_show_tb = True
nb_merge_streams = True

# -- Internationalisation ------------------------------------------------------
# The Makefile passes -D language=<code>; Read the Docs builds each translation as its own
# project and names its language in READTHEDOCS_LANGUAGE ("zh-cn" -> "zh_CN").
language = os.environ.get("READTHEDOCS_LANGUAGE", "en")
if "-" in language:
    base, region = language.split("-", 1)
    language = f"{base}_{region.upper()}"
locale_dirs = [str(REPO_DIR / "locales")]
gettext_compact = False  # one catalog per page
gettext_uuid = False
gettext_location = False  # per-page catalogs: locations would only churn the diffs
gettext_last_translator = "AI Infra Book translators"
gettext_language_team = "AI Infra Book translators"

# -- Quality -------------------------------------------------------------------
nitpicky = True
# Figures and tables are numbered by LaTeX in the PDF. In HTML, numbering (numfig) would make
# Sphinx unpickle every page on every build, tripling the no-op rebuild time; no page uses
# {numref}, so HTML captions stay unnumbered.
numfig = False

# -- HTML ----------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "AI Infra Book"
html_static_path = ["_static"]
html_last_updated_fmt = None
html_copy_source = True  # the download button offers each page's source (.md, .ipynb)
html_show_sourcelink = False
html_use_index = False  # the search and the glossary serve readers; the PDF has the index
html_theme_options = {
    "repository_url": repository_url,
    "repository_branch": repository_branch,
    "path_to_docs": "book",
    "use_repository_button": True,
    "use_download_button": True,
    "use_edit_page_button": True,
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "article_header_end": ["language-switcher.html", "article-header-buttons.html"],
    "launch_buttons": {
        "binderhub_url": "https://mybinder.org",
        "colab_url": "https://colab.research.google.com",
        "notebook_interface": "jupyterlab",
    },
}

graphviz_output_format = "svg"

# Open Graph metadata comes from book_tools.ext.furniture (title, URL, locale, description).


# -- LaTeX / PDF ---- (owned by the PDF build) ----------------------------------------------
# `make pdf` builds every edition with xelatex through latexmk in _build/latex/<lang>/ and copies
# it to _build/pdf/ai-infra-book-<lang>.pdf (and into the HTML, which links to it). Settings
# that depend on the language (CJK fonts, ctex or xeCJK, captions) are data, not code: the
# script's defaults in src/book_tools/scripts.yaml and locales/<lang>/language.yaml, which
# book_tools.ext.latex applies.
book_pdf_name = "ai-infra-book"
latex_engine = "xelatex"
latex_documents = [(root_doc, f"{book_pdf_name}.tex", project, author, "manual")]
latex_show_urls = "no"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "extraclassoptions": "openany,oneside",  # read on screen: no blank pages before chapters
    "cmappkg": "",  # a pdflatex package: xelatex writes Unicode text by itself
    "geometry": r"\usepackage[headheight=15pt]{geometry}",  # room for Chinese running heads
    # Latin fonts found by file name in the TeX tree (fonts-texgyre) and DejaVu Sans Mono
    # (box-drawing characters of command output)
    "fontpkg": r"""
\setmainfont{texgyretermes}[Extension=.otf, UprightFont=*-regular, BoldFont=*-bold,
  ItalicFont=*-italic, BoldItalicFont=*-bolditalic]
\setsansfont{texgyreheros}[Extension=.otf, UprightFont=*-regular, BoldFont=*-bold,
  ItalicFont=*-italic, BoldItalicFont=*-bolditalic]
\setmonofont{DejaVu Sans Mono}[Scale=0.85]
""",
    # long lines of code and long words in code wrap instead of running off the page
    "sphinxsetup": "verbatimforcewraps=true, verbatimmaxunderfull=0, hmargin={2cm,2cm}",
    # URLs may break at any character (tables of links, long paths); narrow table columns are
    # never narrower than a short word ("Incubating"), so headings and stages stay inside
    "preamble": r"""
\usepackage{xurl}
\usepackage{anyfontsize}% the landscape map's labels use sizes such as 10.5pt, also in math
\setlength{\tymin}{48pt}
% inline code may also break after : _ and - (metric names, flags, long identifiers), and,
% as a last resort (penalty 3000), before a capital: feature gates in narrow table columns
\makeatletter
\renewcommand*\sphinxbreaksafteractivelist{\do\.\do\,\do\;\do\?\do\!\do\/\do\:}
\protected\def\bookunderscore{\textunderscore\discretionary{}{}{}}
\def\bookhyphen#1{-\discretionary{}{}{}}
\let\sphinxhyphenininlineliteral\bookhyphen
\def\bookcamel#1{\lccode`\~=`#1\lowercase{\def~}{\penalty3000\char`#1}\catcode`#1=\active
  \lccode`\~=`\~}
\def\bookcapitals{\do A\do B\do C\do D\do E\do F\do G\do H\do I\do J\do K\do L\do M\do N%
  \do O\do P\do Q\do R\do S\do T\do U\do V\do W\do X\do Y\do Z}
% (\sphinxunactivateextras runs the list with \do=\@makeother: then it must deactivate them)
\def\bookcamelbreaks{\ifx\do\@makeother\else\let\do\bookcamel\fi\bookcapitals}
\let\bookupquote\sphinxupquote
\protected\def\sphinxupquote#1{{\let\sphinxbreaksbeforeactivelist\bookcamelbreaks
  \bookupquote{\let\_\bookunderscore#1}}}
% columns of a given width (longtables) are ragged right, as tabulary's are (Sphinx's \X
% redefined: first forgotten, or array warns that it exists)
\expandafter\let\csname NC@find@\string\X\endcsname\@undefined
\newcolumntype{\X}[2]{>{\raggedright\arraybackslash}p{\dimexpr
  (\linewidth-\spx@arrayrulewidth)*#1/#2-\tw@\tabcolsep-\spx@arrayrulewidth\relax}}
% a tall diagram leaves room for its caption on the page
\AtBeginDocument{\spx@image@maxheight=0.75\textheight}
\makeatother
""",
    # the contents list parts and chapters (60 chapters); sections are in the PDF bookmarks
    "tableofcontents": r"\setcounter{tocdepth}{0}\sphinxtableofcontents",
}
