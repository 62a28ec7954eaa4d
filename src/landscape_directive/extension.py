"""Wire the extension into Sphinx: config values, nodes, directives, events and catalog."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from . import __version__
from .config import OPTIONS, check_config
from .directives import LandscapeExplorer, LandscapeMap, LandscapeStats, LandscapeTable
from .domain import LandscapeDomain
from .explorer import (
    EXPLORER_VISITORS,
    add_assets,
    add_static_dir,
    landscape_explorer,
    write_explorer_data,
)
from .export import to_csv, to_json, to_landscape2
from .i18n import CATALOG, compile_catalogs
from .nodes import (
    DOWNLOAD_VISITORS,
    EXPORT_DIR,
    SCHEMA_FILE,
    VISITORS,
    landscape_downloads,
    landscape_label,
    landscape_map,
)

logger = logging.getLogger(__name__)


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the exports that pages link to (HTML builds): CSV, JSON,
    landscape2 ``data.yml``, and the JSON Schema of the data format."""
    builder = app.builder
    if (
        exception is not None
        or not app.config.landscape_export
        or builder.format != "html"
        or builder.name.startswith("epub")
    ):
        return
    domain = app.env.get_domain("landscape")
    assert isinstance(domain, LandscapeDomain)
    paths = domain.export_paths()
    if not paths:
        return
    outdir = Path(builder.outdir) / EXPORT_DIR
    outdir.mkdir(parents=True, exist_ok=True)
    schema = resources.files(__package__).joinpath("schema.json").read_bytes()
    (outdir / SCHEMA_FILE).write_bytes(schema)
    for path in paths:
        result = domain.load(Path(path))
        if result.landscape is None:
            continue
        stem = Path(path).stem
        (outdir / f"{stem}.csv").write_text(to_csv(result.landscape), encoding="utf-8")
        (outdir / f"{stem}.json").write_text(to_json(result.landscape), encoding="utf-8")
        (outdir / f"{stem}.landscape2.yml").write_text(
            to_landscape2(result.landscape), encoding="utf-8"
        )


def setup_extension(app: Sphinx) -> ExtensionMetadata:
    """Register everything; called by :func:`landscape_directive.setup`."""
    for option in OPTIONS:
        app.add_config_value(
            option.name,
            option.default,
            option.rebuild,  # type: ignore[arg-type]
            types=frozenset({Any}),
            description=option.help,
        )
    app.connect("config-inited", check_config)

    app.add_node(landscape_map, **VISITORS)
    app.add_node(landscape_downloads, **DOWNLOAD_VISITORS)
    app.add_node(landscape_label)
    app.add_node(landscape_explorer, **EXPLORER_VISITORS)
    app.add_directive("landscape", LandscapeTable)
    app.add_directive("landscape-map", LandscapeMap)
    app.add_directive("landscape-stats", LandscapeStats)
    app.add_directive("landscape-explorer", LandscapeExplorer)

    app.add_domain(LandscapeDomain)
    app.connect("build-finished", write_exports)
    app.connect("builder-inited", add_static_dir)
    app.connect("doctree-resolved", write_explorer_data)
    app.connect("html-page-context", add_assets)

    locale_dir = compile_catalogs(Path(app.doctreedir) / "landscape_directive_locale")
    app.add_message_catalog(CATALOG, locale_dir)
    app.add_latex_package("tikz")
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
