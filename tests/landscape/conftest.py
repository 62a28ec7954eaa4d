"""Fixtures for the landscape_directive tests (sphinx.testing test roots live in roots/).

pytest honours ``pytest_plugins`` only in the top-level conftest (it is an error elsewhere, so
``pytest`` run from the repository root would fail). The plugin's fixtures and hook are imported
here instead, which gives the same result whether pytest starts in ``tests/`` or in
``tests/landscape/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.fixtures import (  # noqa: F401 - fixtures and the marker hook of the plugin
    _shared_result_cache,
    app,
    app_params,
    make_app,
    pytest_configure,
    shared_result,
    sphinx_test_tempdir,
    status,
    test_params,
    warning,
)

from .util import ROOTS

collect_ignore = ["roots"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds ``test-*`` roots."""
    return ROOTS
