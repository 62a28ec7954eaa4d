extensions = ["myst_parser", "book_tools.ext"]
myst_enable_extensions = ["dollarmath"]
html_theme = "basic"
