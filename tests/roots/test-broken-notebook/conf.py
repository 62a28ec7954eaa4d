extensions = ["myst_nb"]
nb_execution_mode = "force"
nb_execution_raise_on_error = False
nb_execution_timeout = 60
html_theme = "basic"
exclude_patterns = ["_build"]
nb_execution_show_tb = True
