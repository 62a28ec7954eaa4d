extensions = ["myst_parser", "book_tools.ext"]
locale_dirs = ["locales"]
gettext_compact = False
html_theme = "basic"
