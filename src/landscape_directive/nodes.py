"""Custom doctree nodes and their visitors for every builder.

``landscape_map`` holds the map's data; its labels (stage, layer and category names, project
descriptions) are ``landscape_label`` children. Those are :class:`sphinx.addnodes.translatable`
nodes, so the gettext builder extracts them and the i18n ``Locale`` transform translates them at
read time; the writers then lay out and render the map from the translated text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.osutil import relative_uri

from .i18n import _
from .layout import Geometry, MapItem, MapSpec, layout, text_fallback
from .svg import render_svg
from .tikz import render_tikz

LANDSCAPE_PAGE = "landscape_page"
"""Attribute set (to True) on the map node: the map is wide and wants a page turned sideways
in print. The PDF's LaTeX setup looks for it (see :func:`is_landscape_map`)."""


class landscape_map(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """The two-axis map; rendered as inline SVG, TikZ or text by the writers.

    It carries ``landscape_page=True`` (:data:`LANDSCAPE_PAGE`) from its creation.
    """

    def __init__(self, rawsource: str = "", *children: nodes.Node, **attributes: Any) -> None:
        super().__init__(rawsource, *children, **{LANDSCAPE_PAGE: True, **attributes})


def is_landscape_map(node: nodes.Node) -> bool:
    """True for a node that asks for a landscape (sideways) page in print: the map.

    The public way for other extensions (the book's LaTeX setup) to find the map, whatever the
    node's class is called.
    """
    return isinstance(node, nodes.Element) and node.get(LANDSCAPE_PAGE) is True


class landscape_label(nodes.Element, addnodes.translatable):  # noqa: N801
    """A translatable label of the map (hidden: its parent's visitors never descend)."""

    def preserve_original_messages(self) -> None:
        """Keep the untranslated text for the gettext builder."""
        self.setdefault("original", self["text"])

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        """Use the catalog's translation."""
        if original_message == self["original"]:
            self["text"] = translated_message

    def extract_original_messages(self) -> Sequence[str]:
        """The message to extract."""
        return [self["original"]]


class landscape_downloads(nodes.General, nodes.Element):  # noqa: N801
    """Links to the exports of a data file (``export`` is the file's stem): CSV, JSON,
    landscape2 ``data.yml``, and the JSON Schema of the format."""


def make_label(key: str, text: str, source: str, line: int) -> landscape_label:
    """A map label with its source file and line (gettext drops messages without them)."""
    node = landscape_label(key=key, text=text, original=text)
    node.source, node.line = source, line
    return node


def map_spec(node: landscape_map) -> MapSpec:
    """The :class:`MapSpec` of a map node, from its (translated) labels."""
    labels = {
        child["key"]: child["text"] for child in node.children if isinstance(child, landscape_label)
    }
    items = []
    for name, url, category, layer, stage, dashed in node["items"]:
        description = labels.get(f"desc:{name}", "")
        items.append(
            MapItem(
                name=name,
                url=url,
                tooltip=f"{name} — {description}" if description else name,
                category=category,
                layer=layer,
                stage=stage,
                dashed=dashed,
            )
        )
    return MapSpec(
        stages=[(s, labels.get(f"stage:{s}", s)) for s in node["stages"]],
        layers=[(s, labels.get(f"layer:{s}", s)) for s in node["layers"]],
        categories=[(c, labels.get(f"category:{c}", c), home) for c, home in node["categories"]],
        items=items,
        x_title=_("Maturity: prototype → standard"),
        y_title=_("Layer: infrastructure → applications"),
        legend=(
            _("Prototype or early (dashed outline)"),
            _("Growing, mature or standard (solid outline)"),
            _("Colour: category (labels on the right)"),
        ),
    )


def summary(node: landscape_map) -> str:
    """``[Landscape map: N projects]``."""
    return _("[Landscape map: %d projects]") % len(node["items"])


def _render(node: landscape_map) -> tuple[MapSpec, Geometry]:
    spec = map_spec(node)
    return spec, layout(spec)


def html_visit_map(self: Any, node: landscape_map) -> None:
    """Inline SVG in a horizontally scrollable block."""
    _spec, geometry = _render(node)
    description = _(
        "%d projects placed by layer (rows, from infrastructure at the bottom to applications "
        "at the top) and by maturity stage (columns, from prototype on the left to standard)."
    ) % len(node["items"])
    svg = render_svg(geometry, _("Landscape map"), description, node["ident"])
    self.body.append(f'<div class="landscape-map-scroll" style="overflow-x:auto">\n{svg}\n</div>\n')
    raise nodes.SkipNode


def latex_visit_map(self: Any, node: landscape_map) -> None:
    """A vector TikZ picture (inside the figure the directive wraps around the map)."""
    _spec, geometry = _render(node)
    self.body.append("\n" + render_tikz(geometry) + "\n")
    raise nodes.SkipNode


def text_visit_map(self: Any, node: landscape_map) -> None:
    """``[Landscape map: N projects]`` and the projects of each layer and stage."""
    spec = map_spec(node)
    self.new_state(0)
    self.add_text("\n".join(text_fallback(spec, summary(node))))
    self.end_state(wrap=False)
    raise nodes.SkipNode


def man_visit_map(self: Any, node: landscape_map) -> None:
    """Like the text fallback, with roff control characters neutralised."""
    lines = text_fallback(map_spec(node), summary(node))
    safe = [r"\&" + line.replace("\\", r"\e") for line in lines]
    self.body.append("\n.sp\n".join(safe) + "\n")
    raise nodes.SkipNode


def texinfo_visit_map(self: Any, node: landscape_map) -> None:
    """Like the text fallback, escaped for Texinfo."""
    lines = text_fallback(map_spec(node), summary(node))
    self.body.append("\n\n" + "\n\n".join(self.escape(line) for line in lines) + "\n\n")
    raise nodes.SkipNode


EXPORT_DIR = "_static/landscape"
SCHEMA_FILE = "schema.json"
"""The JSON Schema of the data format, published in :data:`EXPORT_DIR`."""
FORMATS: tuple[tuple[str, str], ...] = (
    ("CSV", "{stem}.csv"),
    ("JSON", "{stem}.json"),
    ("landscape2 data.yml", "{stem}.landscape2.yml"),
    ("JSON Schema", SCHEMA_FILE),
)
"""(label, file name in :data:`EXPORT_DIR`) of each download."""


def _export_urls(self: Any, node: landscape_downloads) -> list[tuple[str, str]] | None:
    """(label, URL) of each export: relative to the page in HTML builds that write the files,
    absolute under ``html_baseurl`` elsewhere, or None when there is nothing to link to."""
    config = self.config
    names = [(fmt, f"{EXPORT_DIR}/{name.format(stem=node['export'])}") for fmt, name in FORMATS]
    builder = self.builder
    if config.landscape_export and builder.format == "html" and not builder.name.startswith("epub"):
        here = builder.get_target_uri(builder.current_docname)
        return [(fmt, relative_uri(here, target)) for fmt, target in names]
    base = str(config.html_baseurl or "")
    if config.landscape_export and base.startswith(("http://", "https://")):
        return [(fmt, f"{base.rstrip('/')}/{target}") for fmt, target in names]
    return None


def html_visit_downloads(self: Any, node: landscape_downloads) -> None:
    """A paragraph of download links."""
    urls = _export_urls(self, node)
    if urls:
        links = ", ".join(
            f'<a class="reference external landscape-download" href="{self.attval(url)}">'
            f"{self.encode(fmt)}</a>"
            for fmt, url in urls
        )
        label = self.encode(str(_("Download the data:")))
        self.body.append(f'<p class="landscape-downloads">{label} {links}</p>\n')
    raise nodes.SkipNode


def latex_visit_downloads(self: Any, node: landscape_downloads) -> None:
    """Links to the published exports (only with ``html_baseurl``)."""
    urls = _export_urls(self, node)
    if urls:
        links = ", ".join(f"\\sphinxhref{{{self.encode_uri(url)}}}{{{fmt}}}" for fmt, url in urls)
        label = self.encode(str(_("Download the data:")))
        self.body.append(f"\n\n{label} {links}\n\n")
    raise nodes.SkipNode


def text_visit_downloads(self: Any, node: landscape_downloads) -> None:
    """``Download the data: CSV <url>, JSON <url>`` (only with ``html_baseurl``)."""
    urls = _export_urls(self, node)
    if urls:
        self.new_state(0)
        self.add_text(f"{_('Download the data:')} " + ", ".join(f"{f} <{u}>" for f, u in urls))
        self.end_state()
    raise nodes.SkipNode


def man_visit_downloads(self: Any, node: landscape_downloads) -> None:
    """Plain text with the URLs (only with ``html_baseurl``)."""
    urls = _export_urls(self, node)
    if urls:
        text = f"{_('Download the data:')} " + ", ".join(f"{f} <{u}>" for f, u in urls)
        self.body.append("\n.sp\n" + r"\&" + text.replace("\\", r"\e") + "\n")
    raise nodes.SkipNode


def texinfo_visit_downloads(self: Any, node: landscape_downloads) -> None:
    """``@uref`` links (only with ``html_baseurl``)."""
    urls = _export_urls(self, node)
    if urls:
        links = ", ".join(f"@uref{{{self.escape_arg(u)},{self.escape_arg(f)}}}" for f, u in urls)
        self.body.append(f"\n\n{self.escape(str(_('Download the data:')))} {links}\n\n")
    raise nodes.SkipNode


def depart_noop(self: Any, node: nodes.Element) -> None:
    """Never reached: the visitors raise SkipNode."""


DOWNLOAD_VISITORS: dict[str, tuple[Any, Any]] = {
    "html": (html_visit_downloads, depart_noop),
    "latex": (latex_visit_downloads, depart_noop),
    "text": (text_visit_downloads, depart_noop),
    "man": (man_visit_downloads, depart_noop),
    "texinfo": (texinfo_visit_downloads, depart_noop),
}
VISITORS: dict[str, tuple[Any, Any]] = {
    "html": (html_visit_map, depart_noop),
    "latex": (latex_visit_map, depart_noop),
    "text": (text_visit_map, depart_noop),
    "man": (man_visit_map, depart_noop),
    "texinfo": (texinfo_visit_map, depart_noop),
}
