extensions = ["book_tools.ext.theme_templates"]
html_theme = "basic"
exclude_patterns = ["_build"]
