"""Benchmark of the landscape explorer: how long the page's filter takes to answer in Chromium.

Run ``PYTHONPATH=src python benchmarks/explorer_bench.py [SIZE ...]`` (sizes default to 287,
1,000, 2,500 and 5,000). For each size it writes the explorer's JSON for the synthetic landscape
of ``landscape_bench.py`` (deterministic), a page with the extension's ``explorer.js`` and
``explorer.css``, serves them on 127.0.0.1 and opens the page in Debian's Chromium (driven by
Playwright; ``BOOK_CHROMIUM`` names another binary). In the page it then times 24 filter
changes (layer, stage, CNCF maturity, tag, chapter, and searches typed a word at a time), each
from the input event to the end of the style and layout it causes (the handler runs
synchronously; reading ``offsetHeight`` forces the layout). The sequence runs three times; each
change counts with its best time (as ``landscape_bench.py`` takes the best of three: the machine
is shared), and the median and the slowest change are printed. The first render (from the JSON's arrival to the explorer's ``performance.mark``: data
parsed, list built) is printed too.

Target: the slowest filter change at 5,000 projects answers in 50 ms or less. Exit status 1
when the largest size misses it.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from landscape_directive.explorer import STATIC_DIR, explorer_data

sys.path.insert(0, str(Path(__file__).resolve().parent))
from landscape_bench import synthetic  # the same synthetic data as the map benchmark

SIZES = (287, 1000, 2500, 5000)
TARGET_MS = 50.0
REPEAT = 3
CHROMIUM = os.environ.get("BOOK_CHROMIUM", "/usr/bin/chromium")

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Explorer benchmark</title>
<link rel="stylesheet" href="explorer.css"></head>
<body><main><div class="landscape-explorer" id="bench" data-src="explorer.json" data-root="">
</div></main><script src="explorer.js"></script></body></html>
"""

#: (control, value) pairs: a select by its facet, or ``q`` for the search field
STEPS: tuple[tuple[str, str], ...] = (
    ("layer", "engines"), ("stage", "growing"), ("cncf", "none"), ("cncf", ""),
    ("stage", ""), ("layer", ""), ("tag", "tag-a"), ("chapter", "chapters/a"), ("tag", ""),
    ("chapter", ""), ("category", "category-3"), ("category", ""),
    ("q", "p"), ("q", "pr"), ("q", "proj"), ("q", "project 1"), ("q", "project 12"),
    ("q", "project 123"), ("q", "project"), ("q", "does one thing"), ("q", "well for category"),
    ("q", "category 7"), ("q", "zzz"), ("q", ""),
)  # fmt: skip

MEASURE = """
async (steps) => {
  const root = document.getElementById("bench");
  const times = [];
  for (const [control, value] of steps) {
    const field = control === "q" ? root.querySelector("input[type=search]")
                                  : root.querySelector(`select[data-facet=${control}]`);
    const start = performance.now();
    field.value = value;
    field.dispatchEvent(new Event(control === "q" ? "input" : "change", {bubbles: true}));
    document.body.offsetHeight;  // the style and layout the change causes
    times.push(performance.now() - start);
    await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }
  return {times, count: root.querySelector(".lx-count").textContent};
}
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def write_site(directory: Path, n: int) -> None:
    """The page, the script and style sheet, and the JSON of ``n`` synthetic projects."""
    landscape = synthetic(n)
    data = explorer_data(landscape, {}, {"chapters/a": ("Chapter A", "chapters/a.html")})
    (directory / "explorer.json").write_text(json.dumps(data, separators=(",", ":")), "utf-8")
    for name in ("explorer.js", "explorer.css"):
        shutil.copy(STATIC_DIR / "landscape" / name, directory / name)
    (directory / "index.html").write_text(PAGE, "utf-8")


def measure(browser: Any, url: str) -> tuple[float, list[float], str]:
    """(first render in ms, each filter change's best time in ms, the last count shown)."""
    page = browser.new_page()
    page.goto(url)
    page.wait_for_selector(".landscape-explorer[data-ready]")
    render = page.evaluate(
        "() => performance.getEntriesByName('landscape-explorer-ready')[0].startTime"
        " - performance.getEntriesByType('resource').find(e => e.name.endsWith('.json'))"
        ".responseEnd"
    )
    runs = [page.evaluate(MEASURE, [list(step) for step in STEPS]) for _ in range(REPEAT)]
    page.close()
    best = [min(times) for times in zip(*(run["times"] for run in runs), strict=True)]
    return render, best, runs[-1]["count"]


def main(argv: list[str]) -> int:
    """Print one line per size; exit 1 if the slowest change at the largest size is too slow."""
    from playwright.sync_api import sync_playwright

    sizes = [int(a) for a in argv] or list(SIZES)
    print(f"{'projects':>8} {'JSON KiB':>8} {'render ms':>9} {'median ms':>9} {'max ms':>7}")
    slowest = 0.0
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        for n in sizes:
            directory = Path(tmp) / str(n)
            directory.mkdir()
            write_site(directory, n)
            handler = functools.partial(_Quiet, directory=str(directory))
            server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            try:
                url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
                render, times, count = measure(browser, url)
            finally:
                server.shutdown()
                server.server_close()
            assert count == f"{n} of {n} projects", count  # the filters were all cleared
            slowest = max(times)
            kib = (directory / "explorer.json").stat().st_size / 1024
            print(f"{n:>8} {kib:>8.0f} {render:>9.1f} {statistics.median(times):>9.1f} "
                  f"{slowest:>7.1f}")  # fmt: skip
        browser.close()
    met = slowest <= TARGET_MS
    print(f"target: every filter change at {sizes[-1]} projects in {TARGET_MS:.0f} ms or less: "
          f"{'met' if met else 'missed'}")  # fmt: skip
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
