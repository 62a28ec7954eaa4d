"""The translator's tooling, free of Sphinx: update catalogs from the templates, check them
(the translation gate), and count what is translated. Driven by :mod:`book_tools.cli`."""
