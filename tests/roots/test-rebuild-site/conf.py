extensions = [
    "book_tools.ext.sitemap",
    "book_tools.ext.search_entries",
    "book_tools.ext.settled_output",
]
html_theme = "basic"
language = "en"
book_base_url = "https://example.org/book"
book_language_codes = ["en", "zh_CN", "ja"]
exclude_patterns = ["_build"]
