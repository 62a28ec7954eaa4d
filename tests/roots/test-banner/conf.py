extensions = ["book_tools.ext"]
locale_dirs = ["locales"]
gettext_compact = False
book_repository_url = "https://example.org/book"
html_theme = "basic"
