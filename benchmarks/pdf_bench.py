"""Time ``make pdf`` the way it ran before issue 18 and the way it runs now, in one run.

Usage: ``python benchmarks/pdf_bench.py [--langs en zh_CN] [--cache _build/.jupyter_cache]
[--ways old new] [--profile LANG]``.

Each way builds every language's PDF into a fresh temporary build folder into which the notebook
cache given by ``--cache`` is copied first (as in CI, where the HTML build has executed the
notebooks already):

* ``old``: the languages one after the other, latexmk in PDF mode (every xelatex pass writes a
  whole PDF) — ``make pdf PDF_JOBS=1 LATEXMKOPTS=<without -xelatex>``;
* ``new``: ``make pdf`` as it is — the Sphinx steps one after the other, each language's LaTeX
  runs beside the next one's Sphinx step (``PDF_JOBS=2``), and latexmk in XDV mode (the passes
  write ``.xdv``; xdvipdfmx makes the PDF once).

Prints the wall-clock seconds of each way with the target (both PDFs within 3 minutes), the page
count and size of every PDF, and whether the two ways' PDFs have the same pages and the same text
(``pdftotext``). ``--profile LANG`` first times where one language's PDF build goes: the Sphinx
step, then every xelatex, xindy and xdvipdfmx run as latexmk reports them (``-time``).
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

TARGET_SECONDS = 180  # issue 18: both PDFs within 3 minutes
BASE_OPTS = "-silent -interaction=nonstopmode -halt-on-error -file-line-error"
WAYS = {
    "old": [f"LATEXMKOPTS={BASE_OPTS}", "PDF_JOBS=1"],
    "new": [],
}


def make(builddir: Path, *args: str) -> tuple[float, str]:
    """Run ``make <args>`` into *builddir*; its wall-clock seconds and its output."""
    start = time.perf_counter()
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-o",
            ".venv/.installed",
            "-o",
            "sysdeps-pdf",
            *args,
            f"BUILDDIR={builddir}",
            f"PY={sys.executable}",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:], sep="\n", file=sys.stderr)
        raise SystemExit(f"make {' '.join(args)} failed ({result.returncode})")
    return seconds, result.stdout + result.stderr


def pages(pdf: Path) -> int:
    """The page count of *pdf* (pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    return int(match.group(1)) if match else 0


def text(pdf: Path) -> str:
    """The text of *pdf*, page by page (pdftotext)."""
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def fresh(cache: Path, prefix: str) -> Path:
    """A new temporary build folder holding a copy of the notebook cache."""
    builddir = Path(tempfile.mkdtemp(prefix=prefix))
    if cache.is_dir():
        shutil.copytree(cache, builddir / ".jupyter_cache")
    return builddir


def profile(lang: str, cache: Path) -> None:
    """Print where one language's PDF build goes: the Sphinx step and each LaTeX tool run."""
    builddir = fresh(cache, f"pdf-profile-{lang}-")
    try:
        sphinx, _ = make(builddir, f"latex-{lang}")
        start = time.perf_counter()
        out = subprocess.run(
            [
                "make",
                "--no-print-directory",
                "-C",
                str(builddir / "latex" / lang),
                "all-pdf",
                f"LATEXMKOPTS={BASE_OPTS} -time",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        latex = time.perf_counter() - start
        print(
            f"profile {lang} (PDF mode, as before): Sphinx latex builder {sphinx:.1f} s, "
            f"latexmk {latex:.1f} s"
        )
        for tool, seconds in re.findall(r"'(\w+)': time = ([\d.]+)", out):
            print(f"    {tool:<10} {float(seconds):7.1f} s")
        images = len(list((builddir / "latex" / lang).glob("*.png")))
        graphs = len(list((builddir / "latex" / lang).glob("graphviz-*.pdf")))
        print(f"    ({images} PNG images, {graphs} Graphviz PDFs)")
    finally:
        shutil.rmtree(builddir, ignore_errors=True)


def main() -> None:
    """Build every PDF the old way and the new way; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--langs", nargs="*", default=[lang.code for lang in discover(REPO / "locales")]
    )
    parser.add_argument("--cache", type=Path, default=REPO / "_build" / ".jupyter_cache")
    parser.add_argument("--ways", nargs="*", default=list(WAYS), choices=list(WAYS))
    parser.add_argument("--profile", metavar="LANG", help="first profile one language's build")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile, args.cache)
    langs = " ".join(args.langs)
    print(f"make pdf LANGS='{langs}', each way in a fresh build folder; seconds of wall clock")
    seconds: dict[str, float] = {}
    texts: dict[str, dict[str, str]] = {}
    folders: list[Path] = []
    try:
        for way in args.ways:
            builddir = fresh(args.cache, f"pdf-bench-{way}-")
            folders.append(builddir)
            seconds[way], _ = make(builddir, "pdf", f"LANGS={langs}", *WAYS[way])
            ok = "ok" if seconds[way] <= TARGET_SECONDS else "OVER"
            print(f"{way:<4} {seconds[way]:7.1f} s (target <= {TARGET_SECONDS}: {ok})", flush=True)
            texts[way] = {}
            for lang in args.langs:
                pdf = builddir / "pdf" / f"ai-infra-book-{lang}.pdf"
                texts[way][lang] = text(pdf)
                print(f"     {lang:<6} {pages(pdf):5d} pages {pdf.stat().st_size / 1e6:6.1f} MB")
        if {"old", "new"} <= seconds.keys():
            print(f"new / old = {seconds['new'] / seconds['old']:.2f}")
            for lang in args.langs:
                same = texts["old"][lang] == texts["new"][lang]
                print(f"     {lang:<6} same pages and text both ways: {'yes' if same else 'NO'}")
    finally:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
