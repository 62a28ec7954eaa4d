extensions = ["myst_parser", "book_tools.ext"]
myst_enable_extensions = ["dollarmath"]
html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_js_files = ["site.js"]
