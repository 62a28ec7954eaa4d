"""Every figure of issue 18 in one run, each printed by its benchmark script, then a summary.

Usage: ``python benchmarks/all_figures.py [--runs 3] [--loads 9] [--before REF] [--skip-pdf]``
(``.venv/bin/python``, after ``make venv``). On a machine doing nothing else, one after the other:

1. ``make html`` into a fresh build folder, timed: the site the page figures are measured on
   (every language, side by side, notebooks executed);
2. ``page_weight.py`` on that site (``--loads`` cold loads per language);
3. ``build_bench.py --langs en zh_CN --side-by-side`` (``--runs`` no-op and one-page rebuilds
   each, taking turns; ``--before REF`` also times commit *REF*);
4. ``pdf_bench.py`` (``make pdf`` the old way and the new way) with the notebook cache of step 1,
   for ``--pdf-langs`` (default: en and zh_CN, the two PDFs of issue 18's target; the Japanese
   edition came later and makes a third).

Each script's output is printed as it comes. At the end every line that states a target is
printed again, and the run ends with "every figure met its target" or with the lines that did
not (the old way of ``pdf_bench.py`` is a before figure and is not counted).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "benchmarks"


def run(title: str, command: list[str], found: list[str]) -> int:
    """Run *command* in the checkout, echoing its output; keep the lines that state a target."""
    print(f"\n## {title}\n$ {' '.join(command)}", flush=True)
    start = time.perf_counter()
    with subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            print(line, end="", flush=True)
            if "target" in line:
                found.append(f"{title}: {line.strip()}")
    print(f"({title}: {time.perf_counter() - start:.0f} s, exit status {process.returncode})")
    return process.returncode


def failures(lines: list[str]) -> list[str]:
    """The target lines that did not meet their target (the old ``make pdf`` way excepted)."""
    return [line for line in lines if "OVER" in line and ": old " not in line]


def main() -> int:
    """Run every benchmark of issue 18 once and summarise the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="rebuilds of each kind (build_bench)")
    parser.add_argument("--loads", type=int, default=9, help="cold page loads (page_weight)")
    parser.add_argument("--before", metavar="REF", help="also time commit REF (build_bench)")
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument("--pdf-langs", nargs="*", default=["en", "zh_CN"], help="(pdf_bench)")
    args = parser.parse_args()
    python = sys.executable
    found: list[str] = []
    statuses: list[int] = []
    with tempfile.TemporaryDirectory(prefix="all-figures-") as name:
        build = Path(name)
        # a fresh build folder: every language built, notebooks executed (run() prints the time)
        statuses.append(run("make html", ["make", "html", f"BUILDDIR={build}"], found))
        statuses.append(
            run(
                "page weight",
                [python, str(BENCH / "page_weight.py"), "--site", str(build / "html"),
                 "--runs", str(args.loads)],
                found,
            )
        )  # fmt: skip
        before = ["--before", args.before] if args.before else []
        statuses.append(
            run(
                "rebuilds",
                [python, str(BENCH / "build_bench.py"), "--langs", "en", "zh_CN", "--runs",
                 str(args.runs), "--side-by-side", *before],
                found,
            )
        )  # fmt: skip
        if not args.skip_pdf:
            pdf = [python, str(BENCH / "pdf_bench.py"), "--cache", str(build / ".jupyter_cache")]
            statuses.append(run("pdf", [*pdf, "--langs", *args.pdf_langs], found))
    print("\n## Targets")
    for line in found:
        print(line)
    missed = failures(found)
    if any(statuses):
        print(f"a benchmark failed (exit statuses {statuses})")
        return 1
    if missed:
        print(f"{len(missed)} figure(s) over target:")
        print("\n".join(missed))
        return 1
    print("every figure met its target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
