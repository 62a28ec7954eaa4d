"""A two-page book whose editions are discovered from locales/ (test_languages.py adds more)."""

extensions = ["book_tools.ext", "book_tools.ext.latex"]
project = "Languages"
author = "Test"
root_doc = "index"
locale_dirs = ["locales"]
gettext_compact = False
gettext_uuid = False
gettext_location = False
book_base_url = "https://books.example.org/languages/"
book_repository_url = "https://example.org/languages"
html_theme = "sphinx_book_theme"
html_theme_options = {
    "use_download_button": True,
    "article_header_end": ["language-switcher.html", "article-header-buttons.html"],
}
latex_engine = "xelatex"
latex_documents = [("index", "languages.tex", project, author, "manual")]
