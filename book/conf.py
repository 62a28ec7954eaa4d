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
# Open Graph metadata and the 404 page are derived from it (book_tools.furniture).
book_base_url = os.environ.get("BOOK_BASE_URL", "https://ai-infra-book.github.io/ai-infra-book/")
repository_url = os.environ.get(
    "BOOK_REPOSITORY_URL", "https://github.com/ai-infra-book/ai-infra-book"
)
repository_branch = os.environ.get("BOOK_REPOSITORY_BRANCH", "main")
book_repository_url = repository_url  # "suggest a translation" links point at the .po files here
book_repository_branch = repository_branch

# -- Extensions --------------------------------------------------------------
extensions = [
    "myst_nb",  # MyST Markdown and notebooks (brings myst-parser)
    "sphinx_external_toc",  # _toc.yml, Jupyter Book's table of contents
    "sphinx_design",
    "sphinx_copybutton",
    "sphinx.ext.graphviz",
    "sphinx_sitemap",
    "sphinxext.opengraph",
    "notfound.extension",
    "landscape_directive",
    "book_tools.sphinxext",
    "book_tools.latex",
]

landscape_data = "_data/landscape.yaml"  # the landscape's data set (landscape_directive)
book_examples_dir = "../examples"  # mirrored into book/examples/ (see book_tools.examples_sync)

external_toc_path = "_toc.yml"
external_toc_exclude_missing = False

root_doc = "index"
exclude_patterns = [
    "_build",
    "Thumbs.db",
    ".DS_Store",
    "**.ipynb_checkpoints",
    "examples/requirements.txt",
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
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True

# -- Internationalisation ------------------------------------------------------
language = "en"
locale_dirs = [str(REPO_DIR / "locales")]
gettext_compact = False  # one catalog per page
gettext_uuid = False
gettext_location = False  # per-page catalogs: locations would only churn the diffs
gettext_last_translator = "AI Infra Book translators"
gettext_language_team = "AI Infra Book translators"

# -- Quality -------------------------------------------------------------------
nitpicky = True
numfig = True

# -- HTML ----------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "AI Infra Book"
html_static_path = ["_static"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
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

# Open Graph: text metadata only (social-card images would need fonts and matplotlib per page)
ogp_social_cards = {"enable": False}
ogp_site_name = "AI Infra Book"


# -- LaTeX / PDF ---- (owned by the PDF build) ----------------------------------------------
# `make pdf` builds every edition with xelatex through latexmk in _build/latex/<lang>/ and copies
# it to _build/pdf/ai-infra-book-<lang>.pdf (and into the HTML, which links to it). Settings
# that depend on the language (Chinese fonts and headings) are made by book_tools.latex.
book_pdf_name = "ai-infra-book"
latex_engine = "xelatex"
latex_documents = [(root_doc, f"{book_pdf_name}.tex", project, author, "manual")]
latex_show_urls = "no"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "extraclassoptions": "openany,oneside",  # read on screen: no blank pages before chapters
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
\setlength{\tymin}{48pt}
% inline code may also break after : _ and - (metric names, flags, long identifiers)
\makeatletter
\renewcommand*\sphinxbreaksafteractivelist{\do\.\do\,\do\;\do\?\do\!\do\/\do\:}
\protected\def\bookunderscore{\textunderscore\discretionary{}{}{}}
\def\bookhyphen#1{-\discretionary{}{}{}}
\let\sphinxhyphenininlineliteral\bookhyphen
\let\bookupquote\sphinxupquote
\protected\def\sphinxupquote#1{\bookupquote{\let\_\bookunderscore#1}}
% a tall diagram leaves room for its caption on the page
\AtBeginDocument{\spx@image@maxheight=0.75\textheight}
\makeatother
""",
    # the contents list parts and chapters (60 chapters); sections are in the PDF bookmarks
    "tableofcontents": r"\setcounter{tocdepth}{0}\sphinxtableofcontents",
}
