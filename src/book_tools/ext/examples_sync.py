"""Mount the top-level ``examples/`` folder into the book's sources.

Learners open the notebooks in ``examples/``; the book shows them under ``examples/`` too. A
symbolic link would do, but MyST resolves link targets through it to paths outside the source
folder, so links between notebooks and chapters break. Instead, the files are mirrored into
``<srcdir>/examples/`` (ignored by git) before Sphinx looks for sources: a file is copied only
when its content changed, so unchanged notebooks keep their modification time and are neither
re-read nor re-executed.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

MIRRORED_SUFFIXES = (".ipynb", ".md")


def sync(source: Path, target: Path) -> list[str]:
    """Mirror the notebooks and pages of *source* into *target*; return what was written."""
    written = []
    target.mkdir(parents=True, exist_ok=True)
    wanted = {p.name for p in source.iterdir() if p.suffix in MIRRORED_SUFFIXES}
    for name in sorted(wanted):
        src, dst = source / name, target / name
        if not dst.exists() or not filecmp.cmp(src, dst, shallow=False):
            shutil.copy2(src, dst)
            written.append(name)
    for stale in target.iterdir():
        if stale.suffix in MIRRORED_SUFFIXES and stale.name not in wanted:
            stale.unlink()
    return written


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Mirror ``book_examples_dir`` into ``<srcdir>/examples`` (``config-inited``)."""
    if not config.book_examples_dir:
        return
    source = Path(app.confdir, config.book_examples_dir).resolve()
    if source.is_dir():
        sync(source, Path(app.srcdir, "examples"))
