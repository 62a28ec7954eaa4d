extensions = ["myst_parser", "book_tools.ext"]
myst_enable_extensions = ["colon_fence", "dollarmath"]
locale_dirs = ["locales"]
gettext_compact = False
html_theme = "basic"
