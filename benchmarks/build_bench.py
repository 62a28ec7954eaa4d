"""Time the book's HTML build per language: cold, no-op rebuild, and rebuild after one page changed.

Usage: ``python benchmarks/build_bench.py [--page kubernetes/dra] [--langs en zh_CN]``.
Each figure is the wall-clock time of one ``sphinx-build`` run, as ``make html-<lang>`` runs it,
in a fresh build folder under a temporary directory (the notebook cache included, so the cold
build executes every notebook once and the later runs reuse it).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from book_tools.languages import discover


def build(lang: str, out: Path) -> float:
    """Run one HTML build of *lang* into *out*; return its wall-clock seconds."""
    args = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-W",
        "--keep-going",
        "-n",
        "-q",
        "-D",
        f"language={lang}",
        "-D",
        f"nb_execution_cache_path={out / '.jupyter_cache'}",
        "-d",
        str(out / "doctrees" / lang),
        str(REPO / "book"),
        str(out / "html" / lang),
    ]
    start = time.perf_counter()
    subprocess.run(
        args,
        check=True,
        capture_output=True,
        cwd=REPO,
        env=dict(os.environ, PYTHONWARNINGS="ignore"),
    )
    return time.perf_counter() - start


def touch(path: Path) -> None:
    """Mark *path* as changed for Sphinx (a newer modification time, same content)."""
    now = time.time()
    os.utime(path, (now, now))


def main() -> int:
    """Print cold / no-op / one-page rebuild times for each language."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--page", default="kubernetes/dra", help="docname to touch")
    parser.add_argument("--langs", nargs="*", help="languages (default: all)")
    args = parser.parse_args()
    langs = args.langs or [lang.code for lang in discover(REPO / "locales")]
    page = REPO / "book" / f"{args.page}.md"
    print(f"{'language':<10} {'cold':>8} {'no-op':>8} {'one page':>9}   (seconds)")
    with tempfile.TemporaryDirectory() as tmp:
        for lang in langs:
            out = Path(tmp) / lang
            cold = build(lang, out)
            noop = build(lang, out)
            touch(page)
            one = build(lang, out)
            print(f"{lang:<10} {cold:>8.2f} {noop:>8.2f} {one:>9.2f}")
    print("targets: no-op <= 2 s, one page <= 3 s per language")
    return 0


if __name__ == "__main__":
    sys.exit(main())
