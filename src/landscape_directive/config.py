"""Configuration values, each with a validator and help text, checked on ``config-inited``.

A bad value gives a warning and the default is used instead: the build never crashes on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _data_path(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "must be a non-empty string (a path relative to the source directory)"
    if PurePosixPath(value.replace("\\", "/")).suffix not in {".yaml", ".yml"}:
        return "must name a .yaml or .yml file"
    return None


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be True or False"


@dataclass(frozen=True, slots=True)
class Option:
    """One ``landscape_*`` configuration value."""

    name: str
    default: Any
    rebuild: str
    validate: Callable[[Any], str | None]
    help: str


OPTIONS: tuple[Option, ...] = (
    Option(
        "landscape_data",
        "_data/landscape.yaml",
        "env",
        _data_path,
        "The landscape data file, relative to the source directory.",
    ),
    Option(
        "landscape_export",
        True,
        "html",
        _boolean,
        "Write the data as CSV, JSON and landscape2 data.yml, and the data format's JSON "
        "Schema, to _static/landscape/ in HTML builds (for the :downloads: links of "
        "landscape-stats).",
    ),
)


def check_config(_app: object, config: Config) -> None:
    """``config-inited`` handler: warn about a bad value and fall back to the default."""
    for option in OPTIONS:
        value = getattr(config, option.name)
        problem = option.validate(value)
        if problem:
            logger.warning(
                "config value %r %s (got %r); using the default %r",
                option.name,
                problem,
                value,
                option.default,
                type="landscape",
                subtype="config",
            )
            setattr(config, option.name, option.default)
