"""Files the build keeps for itself (caches, records), replaced whole."""

from __future__ import annotations

import os
from pathlib import Path


def replace_file(path: Path, data: bytes) -> None:
    """Write *data* to *path* through a temporary file beside it, named for this process, so a
    reader (another build, or the next one after a crash) sees the old file or the new one,
    never part of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
