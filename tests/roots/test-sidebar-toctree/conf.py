# sphinx-book-theme's sidebar (a titles-only global toctree); built once as it is and once, with
# the tag "cut", with the toctree resolved from cut trees (book_tools.ext.sidebar_toctree)
extensions = ["book_tools.ext.sidebar_toctree"] if tags.has("cut") else []  # noqa: F821
html_theme = "sphinx_book_theme"
html_theme_options = {"home_page_in_toc": True, "show_navbar_depth": 1}
exclude_patterns = ["_build"]
