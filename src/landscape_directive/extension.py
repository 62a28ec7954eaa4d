"""Wire the extension into Sphinx: config values, nodes, directives, events and catalog."""

from __future__ import annotations

import hashlib
import json
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
    write_if_changed,
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


EXPORTS_RECORD = "landscape_exports.json"
"""What the last build wrote to :data:`EXPORT_DIR`, per data file (in the doctree folder)."""


def _code_digest() -> str:
    """SHA-256 of this package's code and schema: what the exports are made with."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted([*package.glob("*.py"), package / "schema.json"]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _read_record(path: Path) -> dict[str, str]:
    """The record of the last build's exports; empty if missing or unreadable."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(record, dict):
        return {}
    return {k: v for k, v in record.items() if isinstance(k, str) and isinstance(v, str)}


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the exports that pages link to (HTML builds): CSV, JSON,
    landscape2 ``data.yml``, and the JSON Schema of the data format.

    A data file's three exports are written again only when they may differ from what the last
    build wrote into the same folder: the record in the doctree folder keys them on the SHA-256
    of the data file's bytes, this package's code and the output folder, and a missing export is
    always written. A no-op rebuild of the book skipped about 0.05–0.09 s this way (issue 18).
    """
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
    schema = resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8")
    write_if_changed(outdir / SCHEMA_FILE, schema)
    record_file = Path(app.doctreedir) / EXPORTS_RECORD
    record = _read_record(record_file)
    code = _code_digest()
    for path in paths:
        stem = Path(path).stem
        targets = [
            outdir / f"{stem}.csv",
            outdir / f"{stem}.json",
            outdir / f"{stem}.landscape2.yml",
        ]
        try:
            data = Path(path).read_bytes()
        except OSError:
            data = b""  # the domain reports the unreadable file; nothing is recorded for it
        key = hashlib.sha256(f"{code}\0{outdir}\0".encode() + data).hexdigest()
        if data and record.get(path) == key and all(t.is_file() for t in targets):
            continue
        record.pop(path, None)
        result = domain.load(Path(path))
        if result.landscape is None:
            continue
        for target, text in zip(
            targets,
            (to_csv(result.landscape), to_json(result.landscape), to_landscape2(result.landscape)),
            strict=True,
        ):
            target.write_text(text, encoding="utf-8")
        if data:
            record[path] = key
    write_if_changed(record_file, json.dumps(record, indent=1, sort_keys=True))


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
