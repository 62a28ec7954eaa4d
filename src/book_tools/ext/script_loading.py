"""Scripts that do not hold up reading (issue 18).

Sphinx, its extensions and the theme add their scripts to the page head as plain
``<script src>``: the browser stops parsing the page until each is fetched and run. None of
them needs to run before the page is parsed (each waits for the document to be ready), so on
``html-page-context`` every such script of a page becomes ``defer``: fetched while the page is
parsed, run in the same order once it is. Inline scripts, modules and scripts already ``async``
or ``defer`` are left as they are; so is the search page, whose template adds Sphinx's search
scripts itself, as blocking scripts that expect the others to have run.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

KEPT = frozenset({"async", "defer", "body"})
"""Attributes of a script that is left as it is (``body``: an inline script)."""


def deferred(script: Any) -> Any:
    """*script* (an entry of the page context's ``script_files``) loaded with ``defer``, a new
    entry of the same class; unchanged if it is inline, a module, already asynchronous, or not a
    script entry at all."""
    attributes = getattr(script, "attributes", None)
    if not isinstance(attributes, dict) or not getattr(script, "filename", None):
        return script
    if KEPT & attributes.keys() or attributes.get("type") == "module":
        return script
    return type(script)(
        script.filename, priority=script.priority, **{**attributes, "defer": "defer"}
    )


def defer_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the page's scripts deferred (the search page's left alone)."""
    scripts = context.get("script_files")
    if templatename != "search.html" and isinstance(scripts, list):
        context["script_files"] = [deferred(script) for script in scripts]
