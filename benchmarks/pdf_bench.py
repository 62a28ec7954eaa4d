"""Time the PDF build of each edition, as ``make pdf-<lang>`` runs it, from a clean build folder.

Usage: ``python benchmarks/pdf_bench.py [--langs en zh_CN] [--cache _build/.jupyter_cache]``.

Each language is built in a fresh temporary build folder (Sphinx's LaTeX builder, then xelatex
through latexmk with xindy, usually three xelatex runs); the notebook cache given by
``--cache`` is copied in first, as in CI where the HTML build has executed the notebooks
already. Prints the wall-clock seconds, page count and size of each PDF.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from book_tools.languages import discover


def build(lang: str, builddir: Path) -> float:
    """Run ``make pdf-<lang>`` into *builddir*; return its wall-clock seconds."""
    start = time.perf_counter()
    subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-o",
            ".venv/.installed",
            f"pdf-{lang}",
            f"BUILDDIR={builddir}",
            f"PY={sys.executable}",
        ],
        check=True,
        capture_output=True,
        cwd=REPO,
    )
    return time.perf_counter() - start


def pages(pdf: Path) -> int:
    """The page count of *pdf* (pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))


def main() -> None:
    """Build and measure each language's PDF."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--langs", nargs="*", default=[lang.code for lang in discover(REPO / "locales")]
    )
    parser.add_argument("--cache", type=Path, default=REPO / "_build" / ".jupyter_cache")
    args = parser.parse_args()
    total = 0.0
    print(f"{'edition':8} {'seconds':>8} {'pages':>6} {'MB':>6}")
    for lang in args.langs:
        with tempfile.TemporaryDirectory(prefix=f"pdf-bench-{lang}-") as tmp:
            builddir = Path(tmp)
            if args.cache.is_dir():
                shutil.copytree(args.cache, builddir / ".jupyter_cache")
            seconds = build(lang, builddir)
            pdf = builddir / "pdf" / f"ai-infra-book-{lang}.pdf"
            total += seconds
            size = pdf.stat().st_size / 1e6
            print(f"{lang:8} {seconds:8.1f} {pages(pdf):6d} {size:6.1f}", flush=True)
    print(f"{'total':8} {total:8.1f}")


if __name__ == "__main__":
    main()
