extensions = ["book_tools.ext.notebook_cache", "myst_nb"]
nb_execution_mode = "cache"
nb_execution_timeout = 120
html_theme = "basic"
exclude_patterns = ["_build"]
