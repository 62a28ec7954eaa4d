"""Open Graph metadata (title, URL, site name, locale, description) for link previews.

Written here rather than by sphinxext-opengraph, which imports matplotlib on every build even
with its social cards turned off.
"""

from __future__ import annotations

import html
import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

OG_DESCRIPTION_LENGTH = 200


def description(doctree: nodes.document | None) -> str:
    """The page's first paragraph, shortened, for link previews."""
    if doctree is None:
        return ""
    for para in doctree.findall(nodes.paragraph):
        text = " ".join(para.astext().split())
        if text:
            if len(text) > OG_DESCRIPTION_LENGTH:
                text = text[: OG_DESCRIPTION_LENGTH - 1].rstrip() + "…"
            return text
    return ""


def open_graph(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: add Open Graph ``<meta>`` tags derived from ``html_baseurl``."""
    if not app.config.html_baseurl or doctree is None:
        return
    suffix = getattr(app.builder, "out_suffix", ".html")
    title = re.sub(r"<[^>]+>", "", context.get("title", ""))
    tags = {
        "og:title": html.unescape(title),
        "og:type": "website",
        "og:url": app.config.html_baseurl + pagename + suffix,
        "og:site_name": app.config.project,
        "og:locale": app.config.language or "en",
        "og:description": description(doctree),
    }
    meta = "".join(
        f'<meta property="{name}" content="{html.escape(value, quote=True)}" />\n'
        for name, value in tags.items()
        if value
    )
    context["metatags"] = context.get("metatags", "") + meta
